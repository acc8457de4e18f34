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
# # 5. Related links
#
# **Question:** what do outlets point their readers to? Many news pages list "related
# articles" under the text; `links` keeps them (title, URL, and `target_article_id` when the
# linked article is itself in the build). Do outlets link only to themselves, to which sites,
# and which stories become hubs of the link graph?
#
# Some corpora carry no related links at all (SaudiNewsNet, for one, keeps only the article
# text): the notebook then says so and stops drawing.

# %%
from urllib.parse import urlparse

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from IPython.display import display

import syrianews
from syrianews import plotting

env = plotting.setup()
NB = "05_links"
pd.set_option("display.max_colwidth", 100)
articles = syrianews.load("articles", columns=["article_id", "outlet", "title", "url"])
links = syrianews.load("links")
links = links.merge(articles[["article_id", "outlet"]], on="article_id", how="left")
links = links.merge(
    articles[["article_id", "outlet"]].rename(columns={"article_id": "target_article_id", "outlet": "target_outlet"}),
    on="target_article_id", how="left",
)
links["domain"] = links["url"].map(lambda u: urlparse(u).netloc.lower().removeprefix("www.") if isinstance(u, str) and u else None)
with_links = links["article_id"].nunique()
print(f"{len(links)} related links under {with_links} of {len(articles)} articles; "
      f"{links['target_article_id'].notna().sum()} point to an article of this build")
if links.empty:
    print("This build has no related links (its sources list none): the figures below are skipped.")

# %% [markdown]
# ## Which outlets list related articles
# Share of each outlet's articles with at least one related link, and links per such article.

# %%
per_outlet = articles.groupby("outlet").size().rename("articles").to_frame()
per_outlet["with_links"] = links.groupby("outlet")["article_id"].nunique()
per_outlet["links"] = links.groupby("outlet").size()
per_outlet = per_outlet.fillna(0).astype(int)
per_outlet["share_with_links"] = (per_outlet["with_links"] / per_outlet["articles"]).round(3)
per_outlet["links_per_article"] = (per_outlet["links"] / per_outlet["with_links"].where(per_outlet["with_links"] > 0)).round(2)
display(per_outlet.sort_values("links", ascending=False))
if plotting.enough(int((per_outlet["with_links"] > 0).sum()), 1, "outlets with related links"):
    p = per_outlet[per_outlet.with_links > 0].sort_values("share_with_links")
    fig, ax = plt.subplots(figsize=(7, 0.4 * len(p) + 1.2))
    ax.barh(p.index, p["share_with_links"] * 100, color="#4C72B0")
    ax.set_xlabel(plotting.bilingual("% of articles with related links", "نسبة المقالات ذات روابط"))
    ax.set_title("Related links by outlet")
    plotting.save(fig, NB, "by_outlet")
    print(f"Reading: {len(p)} outlet(s) list related articles; {p['share_with_links'].idxmax()} does so most often "
          f"({p['share_with_links'].max():.0%} of its articles).")

# %% [markdown]
# ## What outlets link to
# Where each outlet's related links lead: the linked site (domain of the URL). Links without
# a URL (a title only) are counted as "(no URL)". Self-links to the outlet's own site are the
# usual case; links elsewhere show partnerships or syndication.

# %%
if plotting.enough(len(links), 1, "related links"):
    dom = links.assign(domain=links["domain"].fillna("(no URL)"))
    top_domains = dom["domain"].value_counts().index[:12]
    table = pd.crosstab(dom["outlet"], dom["domain"].where(dom["domain"].isin(top_domains), "other"))
    share = table.div(table.sum(axis=1), axis=0)
    display(table)
    fig, ax = plt.subplots(figsize=(1.5 + 0.7 * share.shape[1] + 2, 0.45 * len(share) + 2))
    im = ax.imshow(share.values * 100, aspect="auto", cmap="Purples", vmin=0)
    ax.set_xticks(range(share.shape[1]), share.columns, rotation=45, ha="right")
    ax.set_yticks(range(len(share)), share.index)
    fig.colorbar(im, ax=ax, label="% of the outlet's related links")
    ax.set_title("Sites that outlets link to")
    plotting.save(fig, NB, "domains")
    own = (dom.groupby("outlet")["domain"].agg(lambda s: s.value_counts(normalize=True).iloc[0]))
    print(f"Reading: the top linked site takes {own.median():.0%} of an outlet's related links (median over outlets).")

# %% [markdown]
# ## The graph of related articles
# Articles are nodes, a related link to an article of the build is an arrow. Connected groups
# are stories the outlets tie together; the most linked-to articles are the hubs.

# %%
resolved = links.dropna(subset=["target_article_id"])
if plotting.enough(len(resolved), 2, "links that resolve to an article of this build"):
    G = nx.DiGraph()
    G.add_edges_from(zip(resolved["article_id"], resolved["target_article_id"]))
    comps = sorted(nx.weakly_connected_components(G), key=len, reverse=True)
    sizes = pd.Series([len(c) for c in comps]).value_counts().sort_index()
    print(f"{G.number_of_nodes()} articles, {G.number_of_edges()} links, {len(comps)} connected groups; "
          f"largest {len(comps[0])} articles")
    hubs = pd.Series(dict(G.in_degree())).sort_values(ascending=False).head(10).rename("linked_from")
    display(articles.set_index("article_id").reindex(hubs.index)[["outlet", "title"]].join(hubs))
    outlet_of = articles.set_index("article_id")["outlet"]
    flows = pd.crosstab(resolved["outlet"], resolved["target_outlet"])
    display(flows)
    fig, axes = plt.subplots(1, 2, figsize=(13, 5.5))
    axes[0].bar(sizes.index.astype(str), sizes.values, color="#8172B2")
    axes[0].set_xlabel("Articles in the connected group")
    axes[0].set_ylabel("Groups")
    axes[0].set_yscale("log")
    axes[0].set_title("Size of linked groups")
    H = G.subgraph(comps[0]).copy() if len(comps[0]) <= 400 else G.subgraph(list(hubs.index[:1]) + list(nx.all_neighbors(G, hubs.index[0]))).copy()
    outlets = sorted({outlet_of.get(n, "?") for n in H})
    colors = {o: plt.cm.tab20(i % 20) for i, o in enumerate(outlets)}
    pos = nx.spring_layout(H, seed=0)
    nx.draw_networkx_edges(H, pos, ax=axes[1], alpha=0.3, arrowsize=6)
    nx.draw_networkx_nodes(H, pos, ax=axes[1], node_size=25, node_color=[colors[outlet_of.get(n, "?")] for n in H])
    for o, c in colors.items():
        axes[1].scatter([], [], color=c, label=o)
    axes[1].legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1))
    axes[1].set_title(f"Largest linked group ({H.number_of_nodes()} articles)")
    axes[1].set_axis_off()
    plotting.save(fig, NB, "graph")
    within = (resolved["outlet"] == resolved["target_outlet"]).mean()
    print(f"Reading: {within:.0%} of resolved links stay within the same outlet; the most linked-to article "
          f"is linked from {hubs.iloc[0]} others.")
