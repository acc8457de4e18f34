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
# # 3. Voices: who speaks, who is spoken about
#
# **Question:** which actors get to speak in the news (are quoted) rather than only being
# talked about (mentioned)? Are they quoted directly or paraphrased, and with which verbs
# — neutral *قال* "said", or loaded ones like *زعم* "claimed"?
#
# A quote is attributed to an actor through `speaker_actor_id` (the speaker is the actor or
# speaks for it, e.g. a minister for his government). The *voice gap* of an actor is the share
# of the articles mentioning it in which it is also quoted.

# %%
import matplotlib.pyplot as plt
import pandas as pd
from IPython.display import display

import syrianews
from syrianews import plotting

env = plotting.setup()
NB = "03_voices"
pd.set_option("display.max_colwidth", 120)
actors = syrianews.load("actors")
mentions = syrianews.load("mentions", columns=["article_id", "actor_id"])
quotes = plotting.load_columns(
    "quotes", ["quote_id", "article_id", "kind", "text", "speaker", "speaker_actor_id", "verb", "speech_act"]
)
names = plotting.actor_names(actors, "both")
short = plotting.actor_names(actors, "en")
attributed = quotes.dropna(subset=["speaker_actor_id"])
print(f"{len(quotes)} quotes, {len(attributed)} attributed to a catalogue actor; {len(mentions)} mentions")
if len(quotes):
    print(f"{(quotes['kind'] == 'direct').mean():.0%} of quotes are direct; "
          f"{quotes['speaker'].isna().mean():.0%} have no speaker found")
if quotes.empty:
    print("This build has no quotes (was it built without the quote extractor?): the figures below are skipped.")

# %% [markdown]
# ## The voice gap
# For the 20 most mentioned actors: share of the articles mentioning the actor in which it is
# also quoted. A short bar is an actor talked about rather than heard.

# %%
mentioned = mentions.groupby("actor_id")["article_id"].nunique().rename("articles_mentioned")
quoted = attributed.groupby("speaker_actor_id")["article_id"].nunique().rename("articles_quoted")
n_quotes = attributed.groupby("speaker_actor_id").size().rename("quotes")
gap = pd.concat([mentioned, quoted, n_quotes], axis=1).fillna(0).astype(int)
gap["quoted_share"] = (gap["articles_quoted"] / gap["articles_mentioned"].where(gap["articles_mentioned"] > 0)).round(3)
gap = gap.sort_values("articles_mentioned", ascending=False)
display(gap.head(25).rename(index=names))
top = gap[gap.articles_mentioned > 0].head(20)
if plotting.enough(int((top["articles_quoted"] > 0).sum()), 2, "mentioned actors that are also quoted"):
    top = top.iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(top) + 1.3))
    ax.barh(plotting.label(top.index, names), top["quoted_share"].clip(upper=1) * 100, color="#55A868")
    ax.set_xlabel(plotting.bilingual("% of the actor's articles where it is quoted", "نسبة المقالات التي يُقتبس فيها"))
    ax.set_title("Voice gap: heard vs. talked about (20 most mentioned actors)")
    plotting.save(fig, NB, "voice_gap")
    heard = top["quoted_share"].idxmax()
    silent = top["quoted_share"].idxmin()
    print(f"Reading: among the most mentioned actors, {short.get(heard, heard)} is quoted in {top.loc[heard, 'quoted_share']:.0%} "
          f"of its articles, {short.get(silent, silent)} in only {top.loc[silent, 'quoted_share']:.0%}.")

# %% [markdown]
# ## Most quoted actors, directly or indirectly
# Quotes per actor (the 15 most quoted), split into direct quotes (the actor's own words in
# quotation marks) and indirect ones (reported speech: *قال إن ...*).

# %%
kinds = attributed.pivot_table(index="speaker_actor_id", columns="kind", values="quote_id", aggfunc="count", fill_value=0)
for k in ("direct", "indirect"):
    if k not in kinds:
        kinds[k] = 0
kinds = kinds.assign(total=lambda d: d.direct + d.indirect).sort_values("total", ascending=False).head(15)
kinds["direct_share"] = (kinds["direct"] / kinds["total"]).round(3)
display(kinds.rename(index=names))
if plotting.enough(len(kinds), 2, "quoted actors"):
    k = kinds.iloc[::-1]
    fig, ax = plt.subplots(figsize=(8, 0.32 * len(k) + 1.3))
    y = plotting.label(k.index, names)
    ax.barh(y, k["direct"], color="#4C72B0", label="direct / مباشر")
    ax.barh(y, k["indirect"], left=k["direct"], color="#8DA0CB", label="indirect / غير مباشر")
    ax.set_xlabel("Quotes")
    ax.set_title("Most quoted actors")
    ax.legend(fontsize=9)
    plotting.save(fig, NB, "direct_indirect")
    print(f"Reading: {short.get(kinds.index[0], kinds.index[0])} is the most quoted ({kinds['total'].iloc[0]} quotes, "
          f"{kinds['direct_share'].iloc[0]:.0%} direct); direct share across these actors ranges "
          f"{kinds['direct_share'].min():.0%}–{kinds['direct_share'].max():.0%}.")

# %% [markdown]
# ## Verbs of speech by actor
# How each of the most quoted actors' speech is introduced: share of its quotes per verb (the
# 10 most frequent verbs overall). Inflected forms are grouped under their lemma with the
# package's speech-verb lexicon (*وقالت*, *قالوا* → *قال*); verbs are shown in Arabic.

# %%
from importlib.resources import files

lexicon = files("syrianews") / "data" / "speech_verbs.csv"
lemma_of = {}
if lexicon.is_file():
    lex = pd.read_csv(lexicon)
    lemma_of = dict(zip(lex["form"], lex["lemma"]))


def lemma(verb: str) -> str:
    """The lexicon lemma of a verb form, after a leading conjunction و/ف (the form itself if unknown)."""
    if verb in lemma_of:
        return lemma_of[verb]
    if len(verb) > 3 and verb[0] in "وف" and verb[1:] in lemma_of:
        return lemma_of[verb[1:]]
    return verb


verbs = attributed.dropna(subset=["verb"]).copy()
verbs["verb"] = verbs["verb"].map(lemma)
if plotting.enough(verbs["verb"].nunique(), 2, "distinct speech verbs") and plotting.enough(
    verbs["speaker_actor_id"].nunique(), 2, "actors with speech verbs"
):
    top_verbs = verbs["verb"].value_counts().index[:10]
    top_actors = verbs["speaker_actor_id"].value_counts().index[:12]
    table = pd.crosstab(verbs["speaker_actor_id"], verbs["verb"]).reindex(index=top_actors, columns=top_verbs, fill_value=0)
    share = table.div(verbs["speaker_actor_id"].value_counts().reindex(top_actors), axis=0)
    fig, ax = plt.subplots(figsize=(1.2 + 0.75 * len(top_verbs) + 3, 0.42 * len(top_actors) + 1.6))
    im = ax.imshow(share.values * 100, aspect="auto", cmap="Greens", vmin=0)
    ax.set_xticks(range(len(top_verbs)), list(top_verbs), fontsize=11)
    ax.set_yticks(range(len(top_actors)), plotting.label(top_actors, names))
    for i in range(share.shape[0]):
        for j in range(share.shape[1]):
            if table.iat[i, j]:
                ax.text(j, i, table.iat[i, j], ha="center", va="center", fontsize=7,
                        color="white" if share.iat[i, j] > share.values.max() * 0.55 else "black")
    fig.colorbar(im, ax=ax, label="% of the actor's quotes")
    ax.set_title("Speech verbs by actor (counts in cells) / أفعال القول")
    plotting.save(fig, NB, "verbs")
    per_actor = (
        verbs.groupby("speaker_actor_id")["verb"].agg(lambda s: "، ".join(s.value_counts().index[:3])).reindex(top_actors)
    )
    display(per_actor.rename(index=names).rename("top verbs").to_frame())
    overall = verbs["verb"].value_counts(normalize=True)
    print(f"Reading: '{overall.index[0]}' introduces {overall.iloc[0]:.0%} of attributed quotes; "
          f"the actor with the most varied verbs is "
          f"{short.get(verbs.groupby('speaker_actor_id')['verb'].nunique().reindex(top_actors).idxmax())}.")

# %% [markdown]
# ## Speech acts by actor
# The lexicon also classes each verb by what the speaker does (say, assert, explain, opine,
# accuse, deny, ...). Share of each of the most quoted actors' quotes per speech act, beyond
# plain "say": who is made to *assert*, who to *claim*, who to *accuse*.

# %%
acts = attributed.dropna(subset=["speech_act"])
if plotting.enough(acts["speech_act"].nunique() if len(acts) else 0, 2, "distinct speech acts") and plotting.enough(
    acts["speaker_actor_id"].nunique() if len(acts) else 0, 2, "actors with speech acts"
):
    top_actors = acts["speaker_actor_id"].value_counts().index[:12]
    share = pd.crosstab(acts["speaker_actor_id"], acts["speech_act"], normalize="index").reindex(top_actors)
    share = share[share.mean().sort_values(ascending=False).index[:8]]
    display((share * 100).round(1).rename(index=names))
    fig, ax = plt.subplots(figsize=(9, 0.4 * len(share) + 1.5))
    plotting.stacked_barh(ax, share, plotting.label(share.index, names), plt.cm.tab10.colors)
    ax.set_xlabel("% of the actor's attributed quotes")
    ax.set_title("What actors are reported doing when they speak (speech acts)")
    plotting.save(fig, NB, "speech_acts")
    non_say = 1 - share.get("say", 0)
    print(f"Reading: {short.get(non_say.idxmax())} has the largest share of quotes introduced by a verb other than "
          f"plain 'say' ({non_say.max():.0%}); {short.get(non_say.idxmin())} the smallest ({non_say.min():.0%}).")

# %% [markdown]
# ## Examples
# One quote for each of the five most quoted actors, with its verb and kind.

# %%
if len(attributed):
    ex = attributed[attributed.speaker_actor_id.isin(kinds.index[:5])].drop_duplicates("speaker_actor_id")
    cols = [c for c in ["speaker_actor_id", "speaker", "kind", "verb", "text"] if c in ex]
    display(ex[cols].assign(speaker_actor_id=lambda d: d.speaker_actor_id.map(lambda a: short.get(a, a))))
else:
    print("No attributed quote to show.")
