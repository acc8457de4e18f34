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
# # 2. Actor coverage
#
# **Question:** which of the conflict's actors are covered, by which outlets and when; how
# prominently (in the headline, in the first paragraph); and which actors are covered together?
#
# Unit of count: the *article* (an actor mentioned five times in one article counts once),
# so long articles do not dominate. Actors come from the build's catalogue (`actors`), mentions
# from `mentions` (title mentions carry `in_title`; body mentions their `paragraph`).

# %%
import itertools

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from IPython.display import display

import syrianews
from syrianews import plotting

env = plotting.setup()
NB = "02_actors"
articles = plotting.load_columns("articles", ["article_id", "outlet", "published", "crawled"])
articles["published"] = articles["published"].fillna(articles["crawled"])  # the crawl date where no publication date
actors = syrianews.load("actors")
mentions = plotting.load_columns("mentions", ["mention_id", "article_id", "actor_id", "paragraph", "in_title"])
names = plotting.actor_names(actors, "both")
short = plotting.actor_names(actors, "en")
print(f"{len(articles)} articles, {len(actors)} catalogue actors, {len(mentions)} mentions")
if mentions.empty:
    print("This build has no mentions (was it built without the actor extractor?): the figures below are skipped.")

# one row per (article, actor), with where the actor appears
m = mentions.merge(articles, on="article_id", how="left")
m["in_title"] = m["in_title"].fillna(False).astype(bool)
per_article = (
    m.assign(first_par=m["paragraph"].eq(0) & ~m["in_title"])
    .groupby(["article_id", "actor_id"], as_index=False)
    .agg(outlet=("outlet", "first"), published=("published", "first"), n=("actor_id", "size"),
         in_title=("in_title", "any"), first_par=("first_par", "any"))
)

# %% [markdown]
# ## Who is mentioned most
# Articles mentioning each actor (bars) for the 20 most covered; the table adds mentions.

# %%
coverage = (
    per_article.groupby("actor_id")
    .agg(articles=("article_id", "size"), mentions=("n", "sum"))
    .sort_values("articles", ascending=False)
)
coverage["share_of_articles"] = (coverage["articles"] / max(len(articles), 1)).round(4)
display(coverage.head(20).rename(index=names))
if plotting.enough(len(coverage), 2, "actors mentioned"):
    top = coverage.head(20).iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(top) + 1.2))
    ax.barh(plotting.label(top.index, names), top["articles"], color="#4C72B0")
    ax.set_xlabel(plotting.bilingual("Articles mentioning the actor", "مقالات تذكر الفاعل"))
    ax.set_title("Most covered actors")
    plotting.save(fig, NB, "top_actors")
    print(f"Reading: {short.get(coverage.index[0], coverage.index[0])} is mentioned in {coverage['articles'].iloc[0]} articles "
          f"({coverage['share_of_articles'].iloc[0]:.1%} of the build); {len(coverage)} catalogue actors appear at least once.")

# %% [markdown]
# ## By outlet
# Share of each outlet's articles that mention the actor (rows: the 15 most covered actors;
# the outlet's number of articles in brackets). Outlets differ in size, so shares compare their
# attention rather than their volume; shares of very small outlets are noisy.

# %%
if plotting.enough(per_article["outlet"].nunique(), 2, "outlets with mentions") and plotting.enough(len(coverage), 2, "actors"):
    top_ids = coverage.index[:15]
    outlet_size = articles["outlet"].value_counts()
    table = per_article[per_article.actor_id.isin(top_ids)].pivot_table(
        index="actor_id", columns="outlet", values="article_id", aggfunc="count", fill_value=0
    )
    share = (table / outlet_size.reindex(table.columns)).reindex(top_ids).fillna(0)
    fig, ax = plt.subplots(figsize=(1 + 0.6 * share.shape[1] + 3, 0.4 * len(share) + 1.5))
    im = ax.imshow(share.values * 100, aspect="auto", cmap="Blues", vmin=0)
    ax.set_xticks(range(share.shape[1]), [f"{o} ({outlet_size.get(o, 0)})" for o in share.columns], rotation=45, ha="right")
    ax.set_yticks(range(len(share)), plotting.label(share.index, names))
    fig.colorbar(im, ax=ax, label="% of the outlet's articles")
    ax.set_title("Attention to actors by outlet")
    plotting.save(fig, NB, "by_outlet")
    # read the pattern on outlets large enough for a share to mean something
    big = [o for o in share.columns if outlet_size.get(o, 0) >= 100] or list(share.columns)
    share = share[big]
    peak = (share.max(axis=1) / share.mean(axis=1).where(share.mean(axis=1) > 0)).dropna().sort_values(ascending=False)
    if len(peak):
        a = peak.index[0]
        print(f"Reading: coverage of {short.get(a, a)} is the most uneven across outlets: {share.loc[a].max():.1%} of "
              f"{share.loc[a].idxmax()}'s articles vs {share.loc[a].mean():.1%} on average.")

# %% [markdown]
# ## Over time
# Share of each day's articles (week or month for long builds) that mention each of the six
# most covered actors. Shares, not counts, so that days the collection missed or doubled (see
# notebook 1) do not pass for news events; days without articles are left blank.

# %%
dated = per_article.dropna(subset=["published"])
if plotting.enough(dated["published"].dt.normalize().nunique(), 2, "distinct dates with mentions"):
    freq, unit = plotting.period(dated["published"])
    top6 = coverage.index[:6]
    series = (
        dated[dated.actor_id.isin(top6)]
        .groupby([pd.Grouper(key="published", freq=freq), "actor_id"])
        .size()
        .unstack(fill_value=0)
    )
    volume = articles.dropna(subset=["published"]).groupby(pd.Grouper(key="published", freq=freq)).size()
    span = pd.date_range(min(series.index.min(), volume.index.min()), max(series.index.max(), volume.index.max()), freq=freq)
    volume = volume.reindex(span, fill_value=0)
    series = series.reindex(span, fill_value=0).div(volume.where(volume > 0), axis=0) * 100
    fig, ax = plt.subplots(figsize=(9, 4.5))
    for aid in top6:
        if aid in series:
            ax.plot(series.index, series[aid], marker="o", markersize=3, label=names.get(aid, aid))
    ax.set_ylabel(f"% of the {unit}'s articles")
    ax.set_title("Coverage of the most mentioned actors over time")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1))
    fig.autofmt_xdate()
    plotting.save(fig, NB, "over_time")
    a = top6[0]
    print(f"Reading: {short.get(a, a)} is in {series[a].median():.0f}% of a typical {unit}'s articles, peaking at "
          f"{series[a].max():.0f}% on {series[a].idxmax():%Y-%m-%d}.")

# %% [markdown]
# ## Prominence: headline and first paragraph
# For the 15 most covered actors: in what share of the articles that mention them they appear
# in the headline, or (not in the headline but) in the first paragraph — the lead. An actor
# mostly mentioned further down is background rather than the story.

# %%
if plotting.enough(len(coverage), 2, "actors mentioned"):
    top_ids = coverage.index[:15]
    prom = per_article[per_article.actor_id.isin(top_ids)].groupby("actor_id").agg(
        title=("in_title", "mean"), lead_only=("first_par", "mean"), articles=("article_id", "size")
    )
    both = per_article[per_article.actor_id.isin(top_ids)].assign(lead_only=lambda d: d.first_par & ~d.in_title.astype(bool))
    prom["lead_only"] = both.groupby("actor_id")["lead_only"].mean()
    prom["elsewhere"] = 1 - prom["title"] - prom["lead_only"]
    prom = prom.reindex(top_ids)
    display(prom.rename(index=names).round(3))
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(prom) + 1.5))
    plotting.stacked_barh(
        ax, prom[["title", "lead_only", "elsewhere"]], plotting.label(prom.index, names), ["#C44E52", "#DD8452", "#CCCCCC"],
        {"title": "in the headline", "lead_only": "first paragraph only", "elsewhere": "further down only"},
    )
    ax.set_xlabel("% of the articles that mention the actor")
    ax.set_title("Prominence of actors")
    plotting.save(fig, NB, "prominence")
    a = prom["title"].idxmax()
    print(f"Reading: {short.get(a, a)} is the most headline-prominent of the top actors "
          f"(in the headline of {prom.loc[a, 'title']:.0%} of its articles).")

# %% [markdown]
# ## Co-mention network
# Two actors are linked when one article mentions both; the edge weight is the number of such
# articles. Drawn: the 40 heaviest edges (node size: articles mentioning the actor).

# %%
pairs = (
    per_article.groupby("article_id")["actor_id"]
    .apply(lambda s: list(itertools.combinations(sorted(set(s)), 2)))
    .explode()
    .dropna()
)
pair_counts = pairs.value_counts()
if plotting.enough(len(pair_counts), 2, "pairs of co-mentioned actors"):
    top_pairs = pair_counts.head(40)
    display(pd.DataFrame(
        [(names.get(a, a), names.get(b, b), n) for (a, b), n in pair_counts.head(15).items()],
        columns=["actor A", "actor B", "articles"]))
    G = nx.Graph()
    for (a, b), n in top_pairs.items():
        G.add_edge(a, b, weight=int(n))
    # layout on the topology only (weights would pull every node onto the few hubs); separate
    # groups (e.g. a pair mentioned only together) are tied to the main hub for the layout only,
    # so they are drawn nearby instead of drifting off the figure
    parts = sorted(nx.connected_components(G), key=len, reverse=True)
    layout = G.copy()
    hub = max(parts[0], key=G.degree)
    for part in parts[1:]:
        layout.add_edge(hub, max(part, key=G.degree))
    pos = nx.spring_layout(layout, weight=None, seed=0, k=2.0 / max(len(G), 1) ** 0.5, iterations=300)
    sizes = [60 + 1200 * coverage.loc[n, "articles"] / coverage["articles"].max() for n in G.nodes]
    widths = [0.5 + 6 * d["weight"] / top_pairs.max() for _, _, d in G.edges(data=True)]
    arabic = plotting.actor_names(actors, "ar")
    fig, ax = plt.subplots(figsize=(10, 8))
    nx.draw_networkx_edges(G, pos, ax=ax, width=widths, alpha=0.35, edge_color="#555555")
    nx.draw_networkx_nodes(G, pos, ax=ax, node_size=sizes, node_color="#4C72B0", alpha=0.6)
    for n, (x, y) in pos.items():
        ax.text(x, y, arabic.get(n, n), ha="center", va="center", fontsize=10,
                bbox=dict(boxstyle="round,pad=0.15", fc="white", ec="none", alpha=0.7))
    ax.set_title("Actors mentioned in the same articles (40 strongest links) / شبكة الفاعلين")
    ax.set_axis_off()
    plotting.save(fig, NB, "co_mentions")
    (a, b), n = next(iter(pair_counts.items()))
    print(f"Reading: the most frequent pair is {short.get(a, a)} + {short.get(b, b)} ({n} articles); "
          f"the most connected actor in the drawn graph is {short.get(max(G.degree, key=lambda x: x[1])[0])}.")
