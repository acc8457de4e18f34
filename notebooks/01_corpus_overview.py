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
# # 1. Corpus overview: how much of it is about Syria
#
# **Question:** what is in this build, how much of it is about Syria — which outlets cover
# Syria most, and on which days — how long the Syria articles are, and which raw records did
# not become articles, and why?
#
# The **Syria subset** is what the later notebooks analyse. It is the build's `syria` flag
# where the build has one; until then an interim rule on the text (title names Syria, a
# Syrian place or party, or the body does twice: `syrianews.analysis.selection`). Shares carry
# **bootstrap 95% intervals** over articles (over stories where the build clusters wire
# copies): error bars in the figures, `lo`/`hi` in the tables.

# %%
import json

import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

import syrianews
from syrianews import plotting
from syrianews.analysis import context, estimates, selection

env = plotting.setup()
NB = "01_overview"
pd.set_option("display.max_colwidth", 80)
print("build:", env["data"], "| figures:", env["figures"])
articles, sel = context.load_articles(["n_words", "source_file"])
rejects = syrianews.load("rejects")
print(sel.describe())
print(f"Resampling unit of the intervals: the {estimates.unit_kind(articles)}.")

# %% [markdown]
# ## The tables of this build
# Rows per table. Empty extractor tables mean the build ran without those extractors; the later
# notebooks then say so in one line instead of drawing empty figures.

# %%
first = {"articles": "article_id", "quotes": "article_id", "actors": "actor_id", "mentions": "article_id",
         "accusations": "article_id", "links": "article_id", "rejects": "reason"}
counts = pd.DataFrame({"rows": {name: len(syrianews.load(name, columns=[first.get(name, "article_id")]))
                                for name in syrianews.tables()}})
manifest_path = env["data"] / "manifest.json"
if manifest_path.exists():
    manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    print(f"raw records read: {manifest.get('records')}")
counts

# %% [markdown]
# ## Which outlets cover Syria most
# Per outlet: its articles, and the share of them in the Syria subset, with 95% intervals.
# Small outlets have wide intervals: compare only bars whose intervals do not overlap.

# %%
outlets = articles.assign(outlet=articles["outlet"].fillna("(unknown)"))
share = estimates.group_share(outlets, "syria", "outlet").sort_values("value", ascending=False)
display(share.round(3))
if plotting.enough(len(outlets), 1, "articles"):
    fig, axes = plt.subplots(1, 2, figsize=(11, 0.38 * len(share) + 1.4), sharey=True)
    labels = list(share.index)
    axes[0].barh(labels[::-1], share["articles"].to_numpy()[::-1], color="#BBBBBB", label="all")
    axes[0].barh(labels[::-1], share["with"].to_numpy()[::-1], color="#C44E52", label="about Syria")
    axes[0].set_xlabel(plotting.bilingual("Articles", "مقالات"))
    axes[0].legend(fontsize=8)
    plotting.barh_ci(axes[1], share, "value", labels, color="#C44E52")
    axes[1].set_xlabel(plotting.bilingual("% of the outlet's articles about Syria", "نسبة المقالات عن سوريا"))
    fig.suptitle("Syria coverage by outlet (error bars: bootstrap 95% intervals)")
    plotting.save(fig, NB, "outlets")
    top = share.index[0]
    print(f"Reading: {sel.n} of {len(articles)} articles ({sel.n / max(len(articles), 1):.1%}) are about Syria; "
          f"{top} gives Syria the largest share of its articles ({share.loc[top, 'value']:.1%}, "
          f"95% interval {share.loc[top, 'lo']:.1%}–{share.loc[top, 'hi']:.1%}).")

# %% [markdown]
# ## Syria coverage over the collection period
# **Dates:** in SaudiNewsNet `published` is the day the page was *crawled* (it equals the
# archive's date for every article), not its publication date; the axis says which date is
# plotted. Days the crawler missed are gaps in the collection, not in the news, and a day right
# after a gap may hold a backlog. Plotted: the share of each day's articles about Syria (line,
# with its 95% band), which a backlog does not inflate, and the number of Syria articles (bars).

# %%
dates, date_label = selection.article_dates(articles)
dated = articles.assign(day=dates.dt.normalize()).dropna(subset=["day"])
print(f"{len(dated)} of {len(articles)} articles have a date; plotted by: {date_label}")
if plotting.enough(dated["day"].nunique(), 2, "distinct days"):
    daily = estimates.group_share(dated, "syria", "day")
    span = pd.date_range(daily.index.min(), daily.index.max(), freq="D")
    daily = daily.reindex(span)
    fig, ax = plt.subplots(figsize=(10, 4.5))
    ax2 = ax.twinx()
    ax2.bar(daily.index, daily["with"].fillna(0), color="#DDDDDD", width=0.8, label="Syria articles (right)")
    ax.fill_between(daily.index, daily["lo"] * 100, daily["hi"] * 100, color="#C44E52", alpha=0.25, linewidth=0)
    ax.plot(daily.index, daily["value"] * 100, color="#C44E52", marker="o", markersize=3, label="% about Syria")
    ax.set_ylim(bottom=0)
    ax.set_zorder(ax2.get_zorder() + 1)
    ax.patch.set_visible(False)
    ax.set_ylabel(plotting.bilingual("% of the day's articles about Syria", "نسبة مقالات سوريا"))
    ax2.set_ylabel("Syria articles")
    ax.set_xlabel(date_label)
    ax.set_title("Syria coverage per day (band: 95% interval; no point: no article that day)")
    fig.autofmt_xdate()
    plotting.save(fig, NB, "over_time")
    missing = daily.index[daily["articles"].isna()]
    print(f"Reading: {daily['value'].median():.1%} of a typical day's articles are about Syria "
          f"(highest {daily['value'].max():.1%} on {daily['value'].idxmax():%Y-%m-%d}); "
          f"{len(missing)} day(s) of the period have no article at all (crawl gaps).")

# %% [markdown]
# ## Article lengths: Syria vs. other articles
# Words per article (log scale): Syria articles are often wire reports; their length matters
# when comparing counts of mentions and quotes per article in the next notebooks.

# %%
if articles["n_words"].isna().all():
    articles["n_words"] = syrianews.load("articles", columns=["body"])["body"].str.split().str.len()
lengths = articles.groupby("syria")["n_words"].describe()[["count", "25%", "50%", "75%", "max"]]
lengths.index = [context.subset_label(bool(i)) for i in lengths.index]
display(lengths)
if plotting.enough(int(articles["syria"].sum()), 5, "Syria articles for a length distribution") and plotting.enough(
        int((~articles["syria"]).sum()), 5, "other articles"):
    fig, ax = plt.subplots(figsize=(8, 2.6))
    groups = [articles.loc[articles.syria, "n_words"].dropna(), articles.loc[~articles.syria, "n_words"].dropna()]
    ax.boxplot(groups, vert=False, tick_labels=[context.subset_label(True), context.subset_label(False)], showfliers=False)
    ax.set_xscale("log")
    ax.set_xlabel(plotting.bilingual("Words per article", "عدد الكلمات"))
    ax.set_title("Article length (boxes: quartiles; outliers hidden)")
    plotting.save(fig, NB, "lengths")
    print(f"Reading: median {groups[0].median():.0f} words for Syria articles vs {groups[1].median():.0f} for the others.")

# %% [markdown]
# ## What was rejected, and why
# Raw records that did not become articles. These are exact counts of this build (a census,
# not an estimate), so they carry no interval.

# %%
print(f"{len(rejects)} rejected record(s)")
if "duplicate_of" in rejects and rejects["duplicate_of"].notna().any():
    dups = rejects.dropna(subset=["duplicate_of"])
    print(f"{len(dups)} duplicate record(s) dropped in favour of {dups['duplicate_of'].nunique()} kept article(s)")
if plotting.enough(len(rejects), 1, "rejected records"):
    reasons = rejects["reason"].value_counts()
    display(reasons.rename("records").to_frame())
    display(rejects.groupby("reason").head(2)[["reason", "detail", "snippet"]])
    fig, ax = plt.subplots(figsize=(6, 0.5 * len(reasons) + 1))
    reasons.sort_values().plot.barh(ax=ax, color="#8C8C8C")
    ax.set_xlabel(plotting.bilingual("Rejected records", "سجلات مرفوضة"))
    ax.set_title("Rejected raw records by reason (exact counts)")
    plotting.save(fig, NB, "rejects")
    print(f"Reading: {len(rejects) / (len(rejects) + len(articles)):.1%} of raw records were rejected, "
          f"mostly '{reasons.index[0]}' ({reasons.iloc[0]}).")

# %% [markdown]
# ## How far to trust these figures

# %%
plotting.trust({}, [
    "that a share is a share of the news: it is a share of what the crawler collected on those days",
    "anything about publication dates: the dates here are crawl days" if "Crawl" in date_label or "crawl" in date_label
    else "anything about days the source gives no date for",
    "that the interim Syria selection is exact: it is a keyword rule (Syrian names and places), which misses "
    "articles that speak of Syria only through its actors and counts some that mention it in passing"
    if sel.source == "interim" else "more than the build's Syria flag measures (see its documentation)",
])
