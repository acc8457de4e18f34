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
# # 3. Voices: who speaks in Syria coverage
#
# **Question:** whose voices dominate the Syria articles, compared with the rest of the
# corpus; which actors are heard rather than only talked about; directly or paraphrased?
#
# **Voices roll up to the actor spoken for.** A quote's speaker (`speaker_actor_id`) is rolled
# up the catalogue's affiliation chain through persons and state bodies (Lavrov → Russian
# foreign ministry → Russia), so a foreign minister counts for his state
# (`syrianews.analysis.measures.rollup`). Shares are of all quotes in the subset (quotes whose
# speaker is not a catalogue actor stay in the denominator), with bootstrap 95% intervals over
# articles.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

import syrianews
from syrianews import plotting
from syrianews.analysis import context, estimates, measures

env = plotting.setup()
NB = "03_voices"
pd.set_option("display.max_colwidth", 120)
articles, sel = context.load_articles(keep_body=True)
actors = syrianews.load("actors")
up = measures.rollup(actors)
quotes = plotting.load_columns("quotes", ["quote_id", "article_id", "kind", "speaker", "speaker_actor_id", "verb", "speech_act"])
quotes["actor"] = measures.roll(quotes["speaker_actor_id"], up)
mentions = plotting.load_columns("mentions", ["article_id", "actor_id", "surface", "start", "in_title", "form"])
covered, _ = measures.coverage_mentions(mentions, articles, articles["syria"])
articles = articles.drop(columns="body")
covered = covered.assign(actor=measures.roll(covered["actor_id"], up))
names = plotting.actor_names(actors, "both")
short = plotting.actor_names(actors, "en")
syria_arts, other_arts = articles[articles["syria"]], articles[~articles["syria"]]
q_syria = quotes[quotes["article_id"].isin(syria_arts["article_id"])]
print(sel.describe())
print(f"{len(quotes)} quotes in the build, {len(q_syria)} in Syria articles; "
      f"{q_syria['actor'].notna().mean() if len(q_syria) else 0:.0%} of those attributed to a catalogue actor.")
if quotes.empty:
    print("This build has no quotes (built without the quote extractor?): nothing to show in this notebook.")

# %% [markdown]
# ## Whose voices dominate Syria coverage, and other topics
# Share of all quotes that each actor (rolled up) speaks, in Syria articles (red) and in the
# other articles (grey): the 15 actors most quoted in Syria articles.

# %%
voices = estimates.event_share(q_syria, syria_arts, "actor").sort_values("share", ascending=False).head(15)
q_other = quotes[quotes["article_id"].isin(other_arts["article_id"])]
voices_other = estimates.event_share(q_other, other_arts, "actor", keys=voices.index)
display(voices.join(voices_other, rsuffix="_other").rename(index=names).round(3))
if plotting.enough(len(voices), 2, "actors quoted in Syria articles"):
    fig, ax = plt.subplots(figsize=(9, 0.42 * len(voices) + 1.5))
    labels = plotting.label(voices.index, names)
    plotting.barh_ci(ax, voices, "share", labels, color="#C44E52", offset=0.2, height=0.4,
                     label=f"Syria articles ({len(q_syria)} quotes)")
    plotting.barh_ci(ax, voices_other, "share", labels, color="#999999", offset=-0.2, height=0.4,
                     label=f"other articles ({len(q_other)} quotes)")
    ax.set_xlabel(plotting.bilingual("% of all quotes", "نسبة الاقتباسات"))
    ax.set_title("Whose voices: share of quotes by the actor spoken for (95% intervals)")
    ax.legend(fontsize=8, loc="lower right")
    plotting.save(fig, NB, "voices")
    a = voices.index[0]
    print(f"Reading: {short.get(a, a)} speaks {voices.loc[a, 'share']:.1%} of the quotes in Syria articles "
          f"({voices.loc[a, 'lo']:.1%}–{voices.loc[a, 'hi']:.1%}) vs {voices_other.loc[a, 'share']:.1%} elsewhere.")

# %% [markdown]
# ## The voice gap: heard vs. talked about
# For the 20 actors most covered in Syria articles: of the Syria articles covering the actor
# (coverage as in notebook 2, rolled up the same way), the share in which it is also quoted.

# %%
cov = covered[covered["article_id"].isin(syria_arts["article_id"])][["article_id", "actor"]].drop_duplicates()
spoke = set(zip(q_syria["article_id"], q_syria["actor"]))
cov["quoted"] = [(a, b) in spoke for a, b in zip(cov["article_id"], cov["actor"])]
top_ids = cov["actor"].value_counts().index[:20]
gap = estimates.event_ratio(cov, syria_arts, "actor", "quoted", keys=top_ids)
display(gap.rename(index=names).round(3))
if plotting.enough(int(gap["with"].sum()), 2, "covered actors that are also quoted"):
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(gap) + 1.4))
    plotting.barh_ci(ax, gap, "value", plotting.label(gap.index, names), color="#55A868")
    ax.set_xlabel(plotting.bilingual("% of its Syria articles where the actor is quoted", "نسبة المقالات التي يُقتبس فيها"))
    ax.set_title("Voice gap in Syria coverage (20 most covered actors, 95% intervals)")
    plotting.save(fig, NB, "voice_gap")
    heard, silent = gap["value"].idxmax(), gap["value"].idxmin()
    print(f"Reading: {short.get(heard, heard)} is quoted in {gap.loc[heard, 'value']:.0%} of the Syria articles that cover it; "
          f"{short.get(silent, silent)} in {gap.loc[silent, 'value']:.0%}.")

# %% [markdown]
# ## Direct or paraphrased
# Of each actor's quotes in Syria articles, the share in quotation marks (its own words) rather
# than reported speech (قال إن ...), for the 15 most quoted actors.

# %%
qd = q_syria.dropna(subset=["actor"]).assign(direct=lambda d: d["kind"].eq("direct"))
if plotting.enough(len(qd), 2, "attributed quotes in Syria articles"):
    direct = estimates.event_ratio(qd, syria_arts, "actor", "direct", keys=voices.index)
    display(direct.rename(index=names).round(3))
    fig, ax = plt.subplots(figsize=(8, 0.38 * len(direct) + 1.4))
    plotting.barh_ci(ax, direct, "value", plotting.label(direct.index, names), color="#8172B2")
    ax.set_xlabel(plotting.bilingual("% of the actor's quotes that are direct", "نسبة الاقتباس المباشر"))
    ax.set_title("Own words or paraphrase? (95% intervals)")
    plotting.save(fig, NB, "direct")
    print(f"Reading: {qd['direct'].mean():.0%} of attributed quotes in Syria articles are direct.")

# %% [markdown]
# ## Speech verbs
# The verbs that introduce quotes in Syria articles: neutral قال "said" or loaded زعم
# "claimed" (a leading و/ف "and" removed: وقال counts as قال). Shares of the quotes that have
# a verb, with 95% intervals.

# %%
verbs = q_syria.dropna(subset=["verb"]).assign(verb=lambda d: d["verb"].map(measures.verb_form))
if plotting.enough(len(verbs), 2, "quotes with a speech verb"):
    top_verbs = verbs["verb"].value_counts().index[:15]
    vs = estimates.event_share(verbs, syria_arts, "verb", keys=top_verbs)
    fig, ax = plt.subplots(figsize=(7, 0.36 * len(vs) + 1.2))
    plotting.barh_ci(ax, vs, "share", list(vs.index), color="#4C72B0")
    ax.set_xlabel(plotting.bilingual("% of quotes with a verb", "نسبة الاقتباسات"))
    ax.set_ylabel(plotting.bilingual("Verb", "الفعل"))
    ax.set_title("Speech verbs in Syria articles (95% intervals)")
    plotting.save(fig, NB, "verbs")
    print(f"Reading: {vs.index[0]} introduces {vs['share'].iloc[0]:.0%} of the quotes that have a verb.")

# %% [markdown]
# ## How far to trust these figures

# %%
plotting.trust({"direct": "direct quotes", "indirect": "indirect quotes", "speaker_accuracy": "speaker attribution accuracy"}, [
    "that an actor is silent when its quotes are unattributed: quotes without a catalogue speaker are in the denominator only",
    "that the rolled-up actor endorses what its officials say: the roll-up follows the catalogue, not the statement",
    "that differences within overlapping intervals are real",
])
