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
# # 4. Accusations, denials, condemnations
#
# **Question:** who accuses whom in the coverage of the conflict, who condemns and who
# denies, and do accused actors get to answer in the same article?
#
# One row of `accusations` is an act (`kind`: `accuse` CAMEO 112, `deny` 016, `condemn` 111)
# by an accuser on an accused actor, with the trigger word and its sentence. Negated acts
# (*لم يتهم*, "did not accuse") are flagged `negated` and left out of the counts.

# %%
import math

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from IPython.display import display

import syrianews
from syrianews import plotting

env = plotting.setup()
NB = "04_accusations"
pd.set_option("display.max_colwidth", 160)
actors = syrianews.load("actors")
articles = syrianews.load("articles", columns=["article_id", "outlet", "title"])
acc = plotting.load_columns("accusations", [
    "accusation_id", "article_id", "kind", "accuser", "accuser_actor_id", "accused", "accused_actor_id", "trigger",
    "sentence", "negated", "answers_accusation_id",
])
names = plotting.actor_names(actors, "both")
short = plotting.actor_names(actors, "en")
arabic = plotting.actor_names(actors, "ar")
acts = acc[~acc["negated"].fillna(False).astype(bool)]
print(f"{len(acc)} acts ({len(acc) - len(acts)} negated, left out) in {acc['article_id'].nunique()} articles")
display(acts["kind"].value_counts().rename("acts").to_frame())
if acc.empty:
    print("This build has no accusations (was it built without the accusation extractor?): the figures below are skipped.")

# %% [markdown]
# ## Accuser → accused network
# Directed, weighted: an arrow from A to B counts the articles in which A accuses B. Only
# acts whose both ends are catalogue actors; the 30 heaviest arrows are drawn.

# %%
accuse = acts[(acts["kind"] == "accuse")].dropna(subset=["accuser_actor_id", "accused_actor_id"])
accuse = accuse[accuse.accuser_actor_id != accuse.accused_actor_id]
edges = (
    accuse.groupby(["accuser_actor_id", "accused_actor_id"])["article_id"].nunique()
    .rename("articles").sort_values(ascending=False).reset_index()
)
display(edges.head(15).assign(
    accuser=lambda d: d.accuser_actor_id.map(lambda a: names.get(a, a)),
    accused=lambda d: d.accused_actor_id.map(lambda a: names.get(a, a)),
)[["accuser", "accused", "articles"]])
if plotting.enough(len(edges), 2, "accuser → accused pairs between catalogue actors"):
    top = edges.head(30)
    G = nx.DiGraph()
    for r in top.itertuples(index=False):
        G.add_edge(r.accuser_actor_id, r.accused_actor_id, weight=int(r.articles))
    # nodes on a circle, each connected group together: stays readable when the graph falls
    # apart into separate pairs, as accusation graphs often do
    order = [n for comp in sorted(nx.weakly_connected_components(G), key=len, reverse=True)
             for n in sorted(comp, key=lambda n: -G.degree(n, weight="weight"))]
    pos = nx.circular_layout(order)
    targeted = dict(G.in_degree(weight="weight"))
    sizes = [150 + 1500 * targeted.get(n, 0) / max(max(targeted.values()), 1) for n in G.nodes]
    fig, ax = plt.subplots(figsize=(10, 10))
    nx.draw_networkx_nodes(G, pos, ax=ax, node_size=sizes, node_color="#C44E52", alpha=0.45)
    nx.draw_networkx_edges(
        G, pos, ax=ax, node_size=sizes, arrowstyle="-|>", arrowsize=14, connectionstyle="arc3,rad=0.12",
        width=[0.6 + 5 * d["weight"] / top["articles"].max() for _, _, d in G.edges(data=True)],
        edge_color="#444444", alpha=0.6,
    )
    for n, (x, y) in pos.items():  # radial labels outside the circle: they cannot overlap
        angle = math.degrees(math.atan2(y, x))
        ax.text(x * 1.1, y * 1.1, arabic.get(n, n), va="center", fontsize=10, rotation_mode="anchor",
                rotation=angle + 180 if x < 0 else angle, ha="right" if x < 0 else "left")
    ax.set_xlim(-1.7, 1.7)
    ax.set_ylim(-1.7, 1.7)
    ax.set_aspect("equal")
    ax.set_title("Who accuses whom (arrow: accuser → accused; node size: times accused) / من يتهم من")
    ax.set_axis_off()
    plotting.save(fig, NB, "network")
    r = edges.iloc[0]
    most = max(targeted, key=targeted.get)
    print(f"Reading: the heaviest arrow is {short.get(r.accuser_actor_id)} → {short.get(r.accused_actor_id)} "
          f"({r.articles} articles); the most accused actor in the drawn graph is {short.get(most, most)}.")

# %% [markdown]
# ## Accusing, denying, condemning: per actor
# Left: acts each actor performs (as accuser, denier, condemner); right: acts aimed at it.
# The 15 actors most involved either way.

# %%
as_source = acts.dropna(subset=["accuser_actor_id"]).pivot_table(
    index="accuser_actor_id", columns="kind", values="article_id", aggfunc="count", fill_value=0)
as_target = acts.dropna(subset=["accused_actor_id"]).pivot_table(
    index="accused_actor_id", columns="kind", values="article_id", aggfunc="count", fill_value=0)
KINDS = [("accuse", "#C44E52", "accuses / يتهم"), ("deny", "#55A868", "denies / ينفي"), ("condemn", "#8172B2", "condemns / يدين")]
for t in (as_source, as_target):
    for k, _, _ in KINDS:
        if k not in t:
            t[k] = 0
involved = as_source.sum(axis=1).add(as_target.sum(axis=1), fill_value=0).sort_values(ascending=False)
if plotting.enough(len(involved), 2, "actors involved in accusations"):
    ids = list(involved.index[:15])[::-1]
    fig, axes = plt.subplots(1, 2, figsize=(12, 0.35 * len(ids) + 1.6), sharey=True)
    for ax, table, title in [(axes[0], as_source, "Acts performed"), (axes[1], as_target, "Acts aimed at the actor")]:
        t = table.reindex(ids).fillna(0)
        left = 0
        for k, color, lab in KINDS:
            ax.barh(plotting.label(ids, names), t[k], left=left, color=color, label=lab)
            left = left + t[k].values
        ax.set_title(title)
        ax.set_xlabel("Acts")
    axes[0].legend(fontsize=9)
    fig.suptitle("Accusations, denials and condemnations per actor")
    plotting.save(fig, NB, "per_actor")
    summary = pd.concat({"performed": as_source[[k for k, _, _ in KINDS]], "received": as_target[[k for k, _, _ in KINDS]]},
                        axis=1).fillna(0).astype(int).reindex(involved.index[:15])
    display(summary.rename(index=names))
    top_acc = as_source["accuse"].idxmax() if as_source["accuse"].sum() else None
    top_tgt = as_target["accuse"].idxmax() if as_target["accuse"].sum() else None
    print(f"Reading: the most active accuser is {short.get(top_acc, top_acc)}; the most accused, {short.get(top_tgt, top_tgt)}.")

# %% [markdown]
# ## Who answers accusations
# An answer is a denial by an accused actor. Where the build links a denial to the accusation
# it answers (`answers_accusation_id`), that link is used; otherwise a denial counts as an
# answer when its author is accused in the same article. Bars: share of the accusations
# against each actor that are answered by it in the same article.

# %%
linked = acts["answers_accusation_id"].notna().any()
accused_rows = acts[(acts.kind == "accuse")].dropna(subset=["accused_actor_id"])
denials = acts[(acts.kind == "deny")].dropna(subset=["accuser_actor_id"])
if linked:
    answered_ids = set(acts["answers_accusation_id"].dropna())
    accused_rows = accused_rows.assign(answered=accused_rows["accusation_id"].isin(answered_ids))
    print("Answers from the build's links (answers_accusation_id).")
else:
    deniers = set(zip(denials.article_id, denials.accuser_actor_id))
    accused_rows = accused_rows.assign(
        answered=[(a, b) in deniers for a, b in zip(accused_rows.article_id, accused_rows.accused_actor_id)])
    print("No answers_accusation_id in this build: a denial by the accused in the same article counts as an answer.")
answers = accused_rows.groupby("accused_actor_id").agg(accusations=("answered", "size"), answered=("answered", "sum"))
answers["answered_share"] = (answers["answered"] / answers["accusations"]).round(3)
answers = answers.sort_values("accusations", ascending=False)
display(answers.head(15).rename(index=names))
if plotting.enough(int(answers["answered"].sum()), 1, "accusations answered by a denial") and plotting.enough(
    len(answers), 2, "accused actors"
):
    a = answers.head(15).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(a) + 1.3))
    ax.barh(plotting.label(a.index, names), a["answered_share"] * 100, color="#55A868")
    for i, (n, tot) in enumerate(zip(a["answered"], a["accusations"])):
        ax.text(a["answered_share"].iloc[i] * 100 + 0.5, i, f"{n}/{tot}", va="center", fontsize=8)
    ax.set_xlabel(plotting.bilingual("% of accusations answered by a denial", "نسبة الاتهامات التي رُدّ عليها"))
    ax.set_title("Do the accused answer? (15 most accused actors)")
    plotting.save(fig, NB, "answers")
    print(f"Reading: {answers['answered'].sum()} of {answers['accusations'].sum()} accusations against catalogue actors "
          f"are answered in the same article ({answers['answered'].sum() / max(answers['accusations'].sum(), 1):.0%}).")

# %% [markdown]
# ## Examples with their sentences
# Two sentences for each of the five heaviest accuser → accused pairs, with the trigger.

# %%
if len(edges):
    rows = []
    for r in edges.head(5).itertuples(index=False):
        sample = accuse[(accuse.accuser_actor_id == r.accuser_actor_id) & (accuse.accused_actor_id == r.accused_actor_id)]
        for s in sample.head(2).itertuples(index=False):
            rows.append({"accuser → accused": f"{short.get(r.accuser_actor_id)} → {short.get(r.accused_actor_id)}",
                         "trigger": s.trigger, "sentence": getattr(s, "sentence", None), "article_id": s.article_id})
    display(pd.DataFrame(rows))
else:
    print("No accusation between catalogue actors to show.")
