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
# # 2. Actor coverage in the Syria articles
#
# **Question:** which of the conflict's actors do the Syria articles cover, how does that
# differ from the rest of the corpus, how prominently (headline), and who is covered together?
#
# **Coverage, not mentions.** Unit of count: the *article* (an actor named five times in one
# article counts once). A mention counts as coverage only in a form that names the actor:
# adjectives (nisba: الاتحاد السعودي "the Saudi federation", الخام الأمريكي "US crude") count
# only after a political head noun (وزير الخارجية الروسي, القوات التركية; list in
# `syrianews/data/political_heads.txt`), and bare النظام ("the regime") counts for the Syrian
# government only in Syria articles. Shares carry bootstrap 95% intervals over articles.

# %%
import itertools

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from IPython.display import display

import syrianews
from syrianews import plotting
from syrianews.analysis import context, estimates, measures

env = plotting.setup()
NB = "02_actors"
articles, sel = context.load_articles(keep_body=True)
actors = syrianews.load("actors")
mentions = plotting.load_columns("mentions", ["article_id", "actor_id", "surface", "start", "paragraph", "in_title", "form"])
names = plotting.actor_names(actors, "both")
short = plotting.actor_names(actors, "en")
print(sel.describe())
if mentions.empty:
    print("This build has no mentions (built without the actor extractor?): nothing to show in this notebook.")
covered, dropped = measures.coverage_mentions(mentions, articles, articles["syria"])
print(f"{dropped['all']} mentions; counted as coverage: {dropped['kept']}; dropped: "
      f"{dropped['adjective (non-political head)']} adjectives after a non-political noun, "
      f"{dropped['bare النظام outside Syria articles']} bare النظام outside Syria articles.")
articles = articles.drop(columns="body")
syria_arts = articles[articles["syria"]]
other_arts = articles[~articles["syria"]]

# %% [markdown]
# ## Who the Syria articles cover, compared with the other articles
# Share of Syria articles (red) and of the other articles (grey) that cover each actor, for
# the 20 actors most covered in the Syria articles, with 95% intervals.

# %%
top = estimates.article_share(covered, syria_arts, "actor_id").sort_values("share", ascending=False).head(20)
rest = estimates.article_share(covered, other_arts, "actor_id", keys=top.index)
table = top[["with", "share", "lo", "hi"]].join(rest[["share", "lo", "hi"]], rsuffix="_other")
display(table.rename(index=names).round(3))
if plotting.enough(len(top), 2, "actors covered in Syria articles") and plotting.enough(len(syria_arts), 2, "Syria articles"):
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(top) + 1.5))
    labels = plotting.label(top.index, names)
    plotting.barh_ci(ax, top, "share", labels, color="#C44E52", offset=0.2, height=0.4,
                     label=f"Syria articles (n={len(syria_arts)})")
    plotting.barh_ci(ax, rest, "share", labels, color="#999999", offset=-0.2, height=0.4,
                     label=f"other articles (n={len(other_arts)})")
    ax.set_xlabel(plotting.bilingual("% of articles covering the actor", "نسبة المقالات التي تغطي الفاعل"))
    ax.set_title("Who is covered: Syria articles vs. the rest (bootstrap 95% intervals)")
    ax.legend(fontsize=8, loc="lower right")
    plotting.save(fig, NB, "top_actors")
    a = top.index[0]
    print(f"Reading: {short.get(a, a)} is covered in {top.loc[a, 'share']:.0%} of Syria articles "
          f"({top.loc[a, 'lo']:.0%}–{top.loc[a, 'hi']:.0%}) vs {rest.loc[a, 'share']:.1%} of the others.")

# %% [markdown]
# ## Prominence: in the headline
# Of the Syria articles that cover an actor, the share that name it in the headline: an actor
# mostly named further down is background rather than the story.

# %%
per_article = covered.merge(syria_arts[["article_id", "unit"]], on="article_id")
per_article = per_article.assign(in_title=per_article["in_title"].fillna(False).astype(bool)) \
    .groupby(["article_id", "actor_id", "unit"], as_index=False)["in_title"].any()
if plotting.enough(len(top), 2, "actors covered in Syria articles"):
    prom = estimates.event_ratio(per_article, syria_arts, "actor_id", "in_title", keys=top.index[:15])
    display(prom.rename(index=names).round(3))
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(prom) + 1.4))
    plotting.barh_ci(ax, prom, "value", plotting.label(prom.index, names), color="#DD8452")
    ax.set_xlabel(plotting.bilingual("% of its Syria articles with the actor in the headline", "في العنوان"))
    ax.set_title("Headline prominence in Syria articles (95% intervals)")
    plotting.save(fig, NB, "prominence")
    a = prom["value"].idxmax()
    print(f"Reading: {short.get(a, a)} is the most headline-prominent of these actors "
          f"({prom.loc[a, 'value']:.0%} of the Syria articles covering it, {prom.loc[a, 'lo']:.0%}–{prom.loc[a, 'hi']:.0%}).")

# %% [markdown]
# ## Who is covered together (Syria articles)
# Two actors are linked when one Syria article covers both; edge width: the number of such
# articles. Drawn: the 40 heaviest links. A network has no single interval: the table gives
# the share of Syria articles for the 10 heaviest pairs, with 95% intervals.

# %%
pairs = (per_article.groupby("article_id")["actor_id"]
         .apply(lambda s: list(itertools.combinations(sorted(set(s)), 2))).explode().dropna())
pair_counts = pairs.value_counts()
if plotting.enough(len(pair_counts), 2, "pairs of actors covered together"):
    pair_events = pairs.rename("pair").reset_index()
    pair_events["pair"] = pair_events["pair"].map(lambda p: f"{short.get(p[0], p[0])} + {short.get(p[1], p[1])}")
    display(estimates.article_share(pair_events, syria_arts, "pair").sort_values("share", ascending=False).head(10).round(3))
    top_pairs = pair_counts.head(40)
    G = nx.Graph()
    for (a, b), n in top_pairs.items():
        G.add_edge(a, b, weight=int(n))
    parts = sorted(nx.connected_components(G), key=len, reverse=True)
    layout = G.copy()
    hub = max(parts[0], key=G.degree)
    for part in parts[1:]:
        layout.add_edge(hub, max(part, key=G.degree))
    pos = nx.spring_layout(layout, weight=None, seed=0, k=2.0 / max(len(G), 1) ** 0.5, iterations=300)
    size = per_article.groupby("actor_id").size()
    sizes = [60 + 1200 * size.get(n, 0) / size.max() for n in G.nodes]
    widths = [0.5 + 6 * d["weight"] / top_pairs.max() for _, _, d in G.edges(data=True)]
    arabic = plotting.actor_names(actors, "ar")
    fig, ax = plt.subplots(figsize=(10, 8))
    nx.draw_networkx_edges(G, pos, ax=ax, width=widths, alpha=0.35, edge_color="#555555")
    nx.draw_networkx_nodes(G, pos, ax=ax, node_size=sizes, node_color="#C44E52", alpha=0.5)
    for n, (x, y) in pos.items():
        ax.text(x, y, arabic.get(n, n), ha="center", va="center", fontsize=10,
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.7))
    ax.set_title("Actors covered in the same Syria articles (40 strongest links) / شبكة الفاعلين")
    ax.set_axis_off()
    plotting.save(fig, NB, "co_mentions")
    (a, b), n = next(iter(pair_counts.items()))
    print(f"Reading: the most frequent pair is {short.get(a, a)} + {short.get(b, b)} ({n} Syria articles).")

# %% [markdown]
# ## How far to trust these figures

# %%
plotting.trust({"actors": "actors named in an article"}, [
    "that an actor absent from the catalogue is absent from the news: only catalogue actors are counted",
    "that coverage is favourable or hostile: these are counts of naming, not of tone",
    "small differences between actors whose intervals overlap",
    "much from the Syrian actors' shares under the interim selection: it picks articles by Syrian names "
    "(السوري, دمشق ...), so actors named that way are in the subset by construction" if sel.source == "interim"
    else "more than the build's Syria flag measures",
])
