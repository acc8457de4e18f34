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
# # 1. Corpus overview
#
# **Question:** what is in this build — how many articles from which outlets, over which
# period, how long they are, and which raw records did not become articles, and why?
#
# Every later analysis counts mentions, quotes and accusations *per article*; this notebook
# shows the denominator. It reads the tables only through `syrianews.load`, so it works on any
# build (`SYRIANEWS_DATA=...`, default `data/processed/`). Figures are also saved as PNG under
# `reports/figures/` (or `$SYRIANEWS_FIGURES`).

# %%
import json

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

import syrianews
from syrianews import plotting

env = plotting.setup()
NB = "01_overview"
pd.set_option("display.max_colwidth", 80)
print("build:", env["data"], "| figures:", env["figures"])

articles = plotting.load_columns(
    "articles", ["article_id", "title", "outlet", "published", "crawled", "n_words", "n_paragraphs", "source_file"]
)
# where a source gives no publication date (SaudiNewsNet has only the crawl day), the crawl
# date stands in for it in the figures below
articles["published"] = articles["published"].fillna(articles["crawled"])
rejects = syrianews.load("rejects")

# %% [markdown]
# ## The tables of this build
# One row per table: its number of rows. Empty extractor tables (mentions, quotes,
# accusations) mean that the build ran without those extractors; the later notebooks then say
# so instead of drawing empty figures.

# %%
# one small column per table (the first of the contract's) is enough to count rows
first = {"articles": "article_id", "quotes": "article_id", "actors": "actor_id", "mentions": "article_id",
         "accusations": "article_id", "links": "article_id", "rejects": "reason"}
counts = pd.DataFrame({"rows": {name: len(syrianews.load(name, columns=[first.get(name, "article_id")])) for name in syrianews.tables()}})
manifest_path = env["data"] / "manifest.json"
if manifest_path.exists():
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    print(f"raw records read: {manifest.get('records')}, built in {manifest.get('timings', {}).get('total_seconds')} s")
counts

# %% [markdown]
# ## Articles by outlet

# %%
by_outlet = articles["outlet"].fillna("(unknown)").value_counts()
display(by_outlet.rename("articles").to_frame().assign(share=lambda d: (d.articles / d.articles.sum()).round(3)))
if plotting.enough(len(articles), 1, "articles"):
    fig, ax = plt.subplots(figsize=(7, 0.35 * len(by_outlet) + 1))
    by_outlet.sort_values().plot.barh(ax=ax, color="#4C72B0")
    ax.set_xlabel(plotting.bilingual("Articles", "مقالات"))
    ax.set_ylabel("Outlet")
    ax.set_title("Articles by outlet")
    plotting.save(fig, NB, "outlets")
    top = by_outlet.index[0]
    print(f"Reading: {len(by_outlet)} outlet(s); the largest, {top}, has {by_outlet.iloc[0]} articles "
          f"({by_outlet.iloc[0] / len(articles):.0%} of the build).")

# %% [markdown]
# ## Articles over time
# Articles per day (week or month for longer spans) and outlet, by publication date. Articles
# without a parsable date are counted apart.

# %%
dated = articles.dropna(subset=["published"])
print(f"{len(dated)} of {len(articles)} articles have a publication (or crawl) date")
if plotting.enough(dated["published"].dt.normalize().nunique(), 2, "distinct publication dates"):
    freq, unit = plotting.period(dated["published"])
    top_outlets = dated["outlet"].value_counts().index[:8]
    series = (
        dated.assign(outlet=dated["outlet"].where(dated["outlet"].isin(top_outlets), "other"))
        .groupby([pd.Grouper(key="published", freq=freq), "outlet"])
        .size()
        .unstack(fill_value=0)
    )
    # periods without any article are zeros, not gaps to interpolate over
    series = series.reindex(pd.date_range(series.index.min(), series.index.max(), freq=freq), fill_value=0)
    fig, ax = plt.subplots(figsize=(9, 4.5))
    series.plot.area(ax=ax, linewidth=0, alpha=0.85, colormap="tab20")
    ax.set_ylabel(f"Articles per {unit}")
    ax.set_xlabel("Publication date (else crawl date)")
    ax.set_title(f"Articles per {unit} and outlet")
    ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1), title="Outlet")
    plotting.save(fig, NB, "over_time")
    total = series.sum(axis=1)
    empty = total.index[total == 0]
    print(f"Reading: {dated['published'].min():%Y-%m-%d} to {dated['published'].max():%Y-%m-%d}; "
          f"median {total.median():.0f} articles per {unit}, busiest {total.idxmax():%Y-%m-%d} ({total.max()}).")
    if len(empty):
        print(f"{len(empty)} {unit}(s) without any article ({', '.join(f'{d:%Y-%m-%d}' for d in empty[:8])}): "
              "gaps in the collection rather than in the news; a busy period right after one may hold both.")

# %% [markdown]
# ## Article lengths
# Words per article by outlet (log scale): outlets differ in format (wire briefs vs. features),
# which matters when comparing raw counts of mentions and quotes.

# %%
if articles["n_words"].isna().all():  # a build without word counts: count them from the body
    articles["n_words"] = syrianews.load("articles", columns=["body"])["body"].str.split().str.len()
lengths = articles.groupby("outlet")["n_words"].describe()[["count", "25%", "50%", "75%", "max"]]
display(lengths.sort_values("50%", ascending=False))
if plotting.enough(len(articles), 5, "articles for a length distribution"):
    order = articles.groupby("outlet")["n_words"].median().sort_values().index
    fig, ax = plt.subplots(figsize=(8, 0.35 * len(order) + 1.2))
    ax.boxplot([articles.loc[articles.outlet == o, "n_words"] for o in order], vert=False,
               tick_labels=list(order), showfliers=False)
    ax.set_xscale("log")
    ax.set_xlabel(plotting.bilingual("Words per article", "عدد الكلمات"))
    ax.set_title("Article length by outlet (boxes: quartiles; outliers hidden)")
    plotting.save(fig, NB, "lengths")
    print(f"Reading: median length {articles['n_words'].median():.0f} words; shortest outlets by median: "
          f"{', '.join(order[:2])}; longest: {', '.join(order[-2:])}.")

# %% [markdown]
# ## What was rejected, and why
# Raw records that did not become articles: duplicates (the same article again; the copy kept
# is named in `duplicate_of` where the build records it), empty records, texts too short to be
# articles, unreadable files.

# %%
print(f"{len(rejects)} rejected record(s)")
if "duplicate_of" in rejects and rejects["duplicate_of"].notna().any():
    dups = rejects.dropna(subset=["duplicate_of"])
    print(f"{len(dups)} duplicate record(s) dropped in favour of {dups['duplicate_of'].nunique()} kept article(s)")
if len(rejects):
    reasons = rejects["reason"].value_counts()
    display(reasons.rename("records").to_frame())
    display(rejects.groupby("reason").head(2)[["reason", "detail", "snippet"]])
if plotting.enough(len(rejects), 1, "rejected records"):
    fig, ax = plt.subplots(figsize=(6, 0.5 * len(reasons) + 1))
    reasons.sort_values().plot.barh(ax=ax, color="#C44E52")
    ax.set_xlabel("Rejected records")
    ax.set_title("Rejected raw records by reason")
    plotting.save(fig, NB, "rejects")
    print(f"Reading: {len(rejects) / (len(rejects) + len(articles)):.1%} of raw records were rejected, "
          f"mostly '{reasons.index[0]}' ({reasons.iloc[0]}).")
