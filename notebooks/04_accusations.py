# ---
# jupyter:
#   jupytext:
#     formats: py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %% [markdown]
# # 4. Accusations, denials, condemnations in Syria coverage
#
# **Question:** in the Syria articles, who accuses whom, who condemns, and do the accused get
# to answer in the same article?
#
# One row of `accusations` is an act (`kind`: `accuse` CAMEO 112, `deny` 016, `condemn` 111)
# by an accuser on an accused actor. Negated acts (*لم يتهم*, "did not accuse") are left out.
# Accusers and accused are rolled up to the actor they speak for (the Russian defence ministry
# counts for Russia: `syrianews.analysis.measures.rollup`). **An answer is not only a denial:**
# an accusation counts as answered when the same article carries a denial by the accused (or
# linked to the accusation) *or* any quote of the accused. Counts and shares carry bootstrap
# 95% intervals over articles.

# %%
import math

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from IPython.display import display

import syrianews
from syrianews import plotting
from syrianews.analysis import bootstrap, context, estimates, measures

env = plotting.setup()
NB = "04_accusations"
pd.set_option("display.max_colwidth", 160)
articles, sel = context.load_articles()
actors = syrianews.load("actors")
up = measures.rollup(actors)
acc = plotting.load_columns("accusations", [
    "accusation_id", "article_id", "kind", "accuser", "accuser_actor_id", "accused", "accused_actor_id", "trigger",
    "sentence", "negated", "answers_accusation_id"])
quotes = plotting.load_columns("quotes", ["article_id", "speaker_actor_id"])
names = plotting.actor_names(actors, "both")
short = plotting.actor_names(actors, "en")
arabic = plotting.actor_names(actors, "ar")
syria_arts, other_arts = articles[articles["syria"]], articles[~articles["syria"]]
acts = acc[~acc["negated"].fillna(False).astype(bool)]
acts = acts.assign(accuser_actor=measures.roll(acts["accuser_actor_id"], up), accused_actor=measures.roll(acts["accused_actor_id"], up))
s_acts = acts[acts["article_id"].isin(syria_arts["article_id"])]
print(sel.describe())
print(f"{len(acc)} acts in the build ({len(acc) - len(acts)} negated, left out); {len(s_acts)} in Syria articles.")
if acc.empty:
    print("This build has no accusations (built without the accusation extractor?): nothing to show in this notebook.")
display(pd.DataFrame({"Syria articles": s_acts["kind"].value_counts(),
                      "other articles": acts[~acts["article_id"].isin(syria_arts["article_id"])]["kind"].value_counts()}).fillna(0).astype(int))

# %% [markdown]
# ## Who accuses whom
# Accuser → accused pairs between catalogue actors in Syria articles: number of acts of
# accusing, with 95% intervals (the 15 most frequent pairs), and the network of the 30 heaviest.

# %%
accuse = s_acts[s_acts["kind"].eq("accuse")].dropna(subset=["accuser_actor", "accused_actor"])
accuse = accuse[accuse["accuser_actor"] != accuse["accused_actor"]]
accuse = accuse.assign(pair=[f"{short.get(a, a)} → {short.get(b, b)}" for a, b in zip(accuse.accuser_actor, accuse.accused_actor)])
if plotting.enough(len(accuse), 2, "accusations between catalogue actors in Syria articles"):
    units = pd.Index(syria_arts["unit"].unique())
    pairs = accuse.merge(syria_arts[["article_id", "unit"]], on="article_id")
    order = pairs["pair"].value_counts().index[:15]
    matrix, _ = bootstrap.unit_matrix(pairs, "unit", "pair", units, pd.Index(order))
    counts = bootstrap.totals(matrix)
    counts.index = order
    display(counts)
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(counts) + 1.4))
    plotting.barh_ci(ax, counts, "n", list(counts.index), scale=1, color="#C44E52")
    ax.set_xlabel(plotting.bilingual("Accusations in Syria articles", "عدد الاتهامات"))
    ax.set_title("Who accuses whom (95% intervals, articles resampled)")
    plotting.save(fig, NB, "pairs")
    print(f"Reading: the most frequent is {counts.index[0]} ({counts['n'].iloc[0]:.0f} acts, "
          f"{counts['lo'].iloc[0]:.0f}–{counts['hi'].iloc[0]:.0f}).")

    edges = accuse.groupby(["accuser_actor", "accused_actor"])["article_id"].nunique().rename("articles") \
        .sort_values(ascending=False).reset_index().head(30)
    G = nx.DiGraph()
    for r in edges.itertuples(index=False):
        G.add_edge(r.accuser_actor, r.accused_actor, weight=int(r.articles))
    ordering = [n for comp in sorted(nx.weakly_connected_components(G), key=len, reverse=True)
                for n in sorted(comp, key=lambda n: -G.degree(n, weight="weight"))]
    pos = nx.circular_layout(ordering)
    targeted = dict(G.in_degree(weight="weight"))
    sizes = [150 + 1500 * targeted.get(n, 0) / max(max(targeted.values()), 1) for n in G.nodes]
    fig, ax = plt.subplots(figsize=(10, 10))
    nx.draw_networkx_nodes(G, pos, ax=ax, node_size=sizes, node_color="#C44E52", alpha=0.45)
    nx.draw_networkx_edges(G, pos, ax=ax, node_size=sizes, arrowstyle="-|>", arrowsize=14, connectionstyle="arc3,rad=0.12",
                           width=[0.6 + 5 * d["weight"] / edges["articles"].max() for _, _, d in G.edges(data=True)],
                           edge_color="#444444", alpha=0.6)
    for n, (x, y) in pos.items():
        angle = math.degrees(math.atan2(y, x))
        ax.text(x * 1.1, y * 1.1, arabic.get(n, n), va="center", fontsize=10, rotation_mode="anchor",
                rotation=angle + 180 if x < 0 else angle, ha="right" if x < 0 else "left")
    ax.set_xlim(-1.7, 1.7)
    ax.set_ylim(-1.7, 1.7)
    ax.set_aspect("equal")
    ax.set_title("Who accuses whom in Syria articles (arrow: accuser → accused; node: times accused) / من يتهم من")
    ax.set_axis_off()
    plotting.save(fig, NB, "network")

# %% [markdown]
# ## Do the accused answer?
# Of the accusations against each actor in Syria articles, the share answered in the same
# article, by a denial (dark) or, failing that, by a quote of the accused (light); error bars:
# 95% interval of the share answered either way. The 12 most accused actors.

# %%
charges = measures.answered(s_acts.drop(columns=["accuser_actor", "accused_actor"]), quotes, up)
charges = charges.dropna(subset=["accused_actor"])
if plotting.enough(len(charges), 2, "accusations against catalogue actors in Syria articles"):
    top_accused = charges["accused_actor"].value_counts().index[:12]
    charges = charges.assign(any_answer=charges["answer"].ne("none"), by_denial=charges["answer"].eq("denial"))
    either = estimates.event_ratio(charges, syria_arts, "accused_actor", "any_answer", keys=top_accused)
    denial = estimates.event_ratio(charges, syria_arts, "accused_actor", "by_denial", keys=top_accused)
    display(either.join(denial[["value"]], rsuffix="_denial").rename(index=names).round(3))
    fig, ax = plt.subplots(figsize=(8.5, 0.4 * len(either) + 1.6))
    labels = plotting.label(either.index, names)
    plotting.barh_ci(ax, either, "value", labels, color="#A6D5A8", label="answered (denial or quote)")
    ax.barh(list(range(len(denial)))[::-1], denial["value"].to_numpy() * 100, color="#2E7D32", label="by a denial")
    for i, (n, tot, hi) in enumerate(zip(either["with"], either["events"], either["hi"].fillna(0))):
        ax.text(hi * 100 + 1.5, len(either) - 1 - i, f"{n:.0f}/{tot:.0f}", va="center", fontsize=8, color="#333333")
    ax.set_xlim(0, 112)
    ax.set_xlabel(plotting.bilingual("% of accusations answered in the same article", "نسبة الاتهامات التي رُدّ عليها"))
    ax.set_title("Do the accused answer? (Syria articles, 95% intervals)")
    ax.legend(fontsize=8, loc="lower right")
    plotting.save(fig, NB, "answers")
    total = charges["any_answer"].mean()
    print(f"Reading: {charges['any_answer'].sum()} of {len(charges)} accusations against catalogue actors are answered "
          f"in the same article ({total:.0%}); by a denial only: {charges['by_denial'].mean():.0%}. Counting denials "
          "alone would understate how often the accused are heard.")

# %% [markdown]
# ## Examples with their sentences
# Two sentences for each of the five most frequent accuser → accused pairs.

# %%
if len(accuse):
    rows = []
    for pair in accuse["pair"].value_counts().index[:5]:
        for s in accuse[accuse["pair"] == pair].head(2).itertuples(index=False):
            rows.append({"accuser → accused": pair, "trigger": s.trigger, "sentence": s.sentence, "article_id": s.article_id})
    display(pd.DataFrame(rows))
else:
    print("No accusation between catalogue actors in Syria articles to show.")

# %% [markdown]
# ## How far to trust these figures

# %%
plotting.trust({"accused": "(kind, accused actor) pairs", "accusation_triple": "(kind, accuser, accused) triples"}, [
    "that an actor is rarely accused: the extractor finds only a part of the accusations (see recall above)",
    "that an accusation is unanswered in the news: only the same article is searched for an answer",
    "that the accusations are true or false: these are acts of speech reported by the outlets",
])
