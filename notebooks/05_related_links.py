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
# # 5. Related links around Syria articles
#
# **Question:** what do outlets point the readers of their Syria articles to? Many news pages
# list "related articles" under the text; `links` keeps them (title, URL, and
# `target_article_id` when the linked article is itself in the build). Do Syria articles carry
# more of them than the rest, to which sites do they lead, and which stories do they tie together?
#
# Some corpora carry no related links at all (SaudiNewsNet keeps only the article text): the
# notebook then says so in one line and shows nothing else.

# %%
from urllib.parse import urlparse

import matplotlib.pyplot as plt
import networkx as nx
import pandas as pd
from IPython.display import display

import syrianews
from syrianews import plotting
from syrianews.analysis import context, estimates

env = plotting.setup()
NB = "05_links"
pd.set_option("display.max_colwidth", 100)
articles, sel = context.load_articles(["url"])
links = syrianews.load("links")
HAS_LINKS = len(links) > 0
if not HAS_LINKS:
    print(f"This build has no related links (its sources list none), so this notebook has nothing to show. {sel.describe()}")
else:
    print(sel.describe())
    outlets = articles[["article_id", "outlet", "syria"]]
    links = links.merge(outlets, on="article_id", how="left").merge(
        outlets.rename(columns={"article_id": "target_article_id", "outlet": "target_outlet", "syria": "target_syria"}),
        on="target_article_id", how="left")
    links["domain"] = links["url"].map(lambda u: urlparse(u).netloc.lower().removeprefix("www.") if isinstance(u, str) and u else None)
    print(f"{len(links)} related links under {links['article_id'].nunique()} of {len(articles)} articles; "
          f"{links['target_article_id'].notna().sum()} point to an article of this build")

# %% [markdown]
# ## Which outlets list related articles, for Syria and other articles
# Per outlet: the share of its Syria articles (red) and of its other articles (grey) that list
# at least one related article, with 95% intervals.

# %%
if HAS_LINKS:
    arts = articles.assign(has_links=articles["article_id"].isin(links["article_id"]), outlet=articles["outlet"].fillna("(unknown)"))
    syria_share = estimates.group_share(arts[arts.syria], "has_links", "outlet")
    other_share = estimates.group_share(arts[~arts.syria], "has_links", "outlet").reindex(syria_share.index)
    display(syria_share.join(other_share, rsuffix="_other").round(3))
    if plotting.enough(len(syria_share), 1, "outlets with Syria articles"):
        labels = list(syria_share.index)
        fig, ax = plt.subplots(figsize=(8, 0.5 * len(labels) + 1.4))
        plotting.barh_ci(ax, syria_share, "value", labels, color="#C44E52", offset=0.2, height=0.4, label="Syria articles")
        plotting.barh_ci(ax, other_share.fillna(0), "value", labels, color="#999999", offset=-0.2, height=0.4, label="other articles")
        ax.set_xlabel(plotting.bilingual("% of articles with related links", "نسبة المقالات ذات روابط"))
        ax.set_title("Related links by outlet (95% intervals)")
        ax.legend(fontsize=8)
        plotting.save(fig, NB, "by_outlet")
        print(f"Reading: {arts.loc[arts.syria, 'has_links'].mean():.0%} of Syria articles list related articles, "
              f"{arts.loc[~arts.syria, 'has_links'].mean():.0%} of the others.")

# %% [markdown]
# ## What the Syria articles link to
# Sites (URL domains) that the related links of Syria articles lead to: share of those links,
# with 95% intervals. Self-links to the outlet's own site are the usual case; links elsewhere
# show partnerships or syndication.

# %%
if HAS_LINKS:
    s_links = links[links["syria"].fillna(False).astype(bool)].assign(domain=lambda d: d["domain"].fillna("(no URL)"))
    if plotting.enough(len(s_links), 1, "related links under Syria articles"):
        top_domains = s_links["domain"].value_counts().index[:12]
        dom = estimates.event_share(s_links, articles[articles.syria], "domain", keys=top_domains)
        fig, ax = plt.subplots(figsize=(7, 0.4 * len(dom) + 1.2))
        plotting.barh_ci(ax, dom, "share", list(dom.index), color="#8172B2")
        ax.set_xlabel(plotting.bilingual("% of the related links of Syria articles", "نسبة الروابط"))
        ax.set_title("Where related links lead (Syria articles, 95% intervals)")
        plotting.save(fig, NB, "domains")
        print(f"Reading: {dom.index[0]} takes {dom['share'].iloc[0]:.0%} of the related links of Syria articles.")

# %% [markdown]
# ## The graph of related Syria articles
# Articles are nodes, a related link to an article of the build is an arrow; connected groups
# are stories the outlets tie together. Syria articles are red.

# %%
if HAS_LINKS:
    resolved = links.dropna(subset=["target_article_id"])
    resolved = resolved[resolved["syria"].fillna(False).astype(bool) | resolved["target_syria"].fillna(False).astype(bool)]
    if plotting.enough(len(resolved), 2, "links that resolve to an article of this build, from or to a Syria article"):
        G = nx.DiGraph()
        G.add_edges_from(zip(resolved["article_id"], resolved["target_article_id"]))
        comps = sorted(nx.weakly_connected_components(G), key=len, reverse=True)
        print(f"{G.number_of_nodes()} articles, {G.number_of_edges()} links, {len(comps)} connected groups; largest {len(comps[0])}")
        hubs = pd.Series(dict(G.in_degree())).sort_values(ascending=False).head(10).rename("linked_from")
        display(articles.set_index("article_id").reindex(hubs.index)[["outlet", "title"]].join(hubs))
        syria_ids = set(articles.loc[articles.syria, "article_id"])
        H = G.subgraph(comps[0]).copy() if len(comps[0]) <= 400 else G.subgraph(
            list(hubs.index[:1]) + list(nx.all_neighbors(G, hubs.index[0]))).copy()
        fig, ax = plt.subplots(figsize=(8, 6))
        pos = nx.spring_layout(H, seed=0)
        nx.draw_networkx_edges(H, pos, ax=ax, alpha=0.3, arrowsize=6)
        nx.draw_networkx_nodes(H, pos, ax=ax, node_size=25, node_color=["#C44E52" if n in syria_ids else "#999999" for n in H])
        ax.set_title(f"Largest linked group ({H.number_of_nodes()} articles; red: about Syria)")
        ax.set_axis_off()
        plotting.save(fig, NB, "graph")
        within = (resolved["outlet"] == resolved["target_outlet"]).mean()
        print(f"Reading: {within:.0%} of these links stay within the same outlet; the most linked-to article "
              f"is linked from {hubs.iloc[0]} others.")

# %% [markdown]
# ## How far to trust these figures

# %%
if HAS_LINKS:
    plotting.trust({}, [
        "that an outlet without links links nowhere: its pages may list them in a form the reader does not parse",
        "that a link is an endorsement: related-article blocks are often chosen by software",
    ])
