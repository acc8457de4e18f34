"""Measures that mean what the notebooks say they mean: coverage, voices, answers.

- Coverage: a mention is not coverage. Adjectives (nisba forms: الاتحاد السعودي, الخام
  الأمريكي) count for an actor only after a political head noun (وزير الخارجية الروسي, القوات
  التركية; ``data/political_heads.txt``), and bare النظام ("the regime") counts for the Syrian
  government only in articles about Syria. :func:`coverage_mentions` applies both and reports
  how many mentions it dropped.
- Voices: a quoted person speaks for the actor he belongs to, so a foreign minister counts for
  his state. :func:`rollup` follows the catalogue's affiliation chain from persons and state
  bodies to the first actor that is neither (the state, party, group or organisation).
- Answers: an accusation is answered when the same article carries a denial or rejection by
  the accused (linked or not) or any quote of the accused (rolled up): a denial is not the only
  answer. :func:`answered` marks each accusation.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pandas as pd

from ..lexicons import word_list

ROLL_THROUGH = {"person", "state_body"}
ADJECTIVE_FORMS = {"nisba"}
BARE_REGIME = {"النظام", "للنظام", "والنظام", "بالنظام"}
_WORD = re.compile(r"[\u0621-\u064a]+")


@lru_cache(maxsize=None)
def political_heads() -> frozenset[str]:
    return frozenset(word_list("political_heads.txt"))


def rollup(actors: pd.DataFrame) -> dict[str, str]:
    """actor_id -> the actor it speaks for: up the affiliation chain through persons and state bodies."""
    parent = dict(zip(actors["actor_id"], actors["affiliation"]))
    kind = dict(zip(actors["actor_id"], actors["type"]))
    out: dict[str, str] = {}
    for actor in parent:
        seen, here = {actor}, actor
        while kind.get(here) in ROLL_THROUGH and isinstance(parent.get(here), str) and parent[here] in parent \
                and parent[here] not in seen:
            here = parent[here]
            seen.add(here)
        out[actor] = here
    return out


def roll(ids: pd.Series, mapping: dict[str, str]) -> pd.Series:
    """Apply :func:`rollup`'s mapping to a Series of actor IDs (unknown and null IDs kept)."""
    return ids.map(lambda a: mapping.get(a, a) if isinstance(a, str) else a)


def word_before(text: str, start: int) -> str:
    """The Arabic word just before offset ``start`` (``""`` at the start of the text)."""
    words = _WORD.findall(text[max(0, start - 40):start])
    return words[-1] if words else ""


def words_before(text: str, start: int, n: int = 4) -> list[str]:
    """Up to ``n`` Arabic words before offset ``start``, nearest first."""
    return _WORD.findall(text[max(0, start - 12 * n):start])[::-1][:n]


def _adjective_like(word: str) -> bool:
    """A definite nisba-like adjective (الإيراني, الأمريكية) or a bare و between two of them."""
    return word == "و" or (word.startswith(("ال", "وال")) and word.endswith(("ي", "ية", "يين", "يون")))


def head_of_adjective(text: str, start: int) -> str:
    """The noun an adjective at ``start`` describes: the word before it, skipping other
    adjectives of a chain (الاتفاق الإيراني الأميركي: الاتفاق for both)."""
    for word in words_before(text, start):
        if not _adjective_like(word):
            return word
    return ""


def is_political_adjective(head: str) -> bool:
    """An adjective names the actor when its head noun is political (with clitics removed)."""
    heads = political_heads()
    cands = [head, re.sub(r"^[وفبل]", "", head), re.sub(r"^[وفبك]{0,2}ال", "ال", head)]
    if re.match(r"^[وف]?لل", head):  # لل: ل + ال with the alif dropped (للجيش)
        cands.append("ال" + re.sub(r"^[وف]?لل", "", head))
    for cand in cands:
        if cand in heads or ("ال" + cand) in heads:
            return True
    return False


def coverage_mentions(mentions: pd.DataFrame, articles: pd.DataFrame, syria: pd.Series) -> tuple[pd.DataFrame, dict[str, int]]:
    """The mentions that count as coverage, and how many of each kind were dropped.

    ``mentions`` needs article_id, actor_id, form, surface, start, in_title; ``articles`` needs
    article_id, title, body; ``syria`` is the Syria mask aligned with ``articles``.
    """
    m = mentions.copy()
    adjective = m["form"].isin(ADJECTIVE_FORMS).fillna(False).to_numpy()
    keep_adj = pd.Series(True, index=m.index)
    if adjective.any():
        # positions into plain lists: reindexing the bodies per mention would copy them
        where = dict(zip(articles["article_id"], range(len(articles))))
        titles = articles["title"].fillna("").tolist()
        bodies = articles["body"].fillna("").tolist()
        sub = m.loc[adjective, ["article_id", "start", "in_title"]]
        flags = []
        for aid, start, in_title in zip(sub["article_id"], sub["start"].fillna(0).astype(int), sub["in_title"].fillna(False)):
            i = where.get(aid)
            text = "" if i is None else (titles[i] if in_title else bodies[i])
            flags.append(is_political_adjective(head_of_adjective(text, start)))
        keep_adj.loc[sub.index] = flags
    in_syria = set(articles.loc[syria.to_numpy(), "article_id"])
    regime = m["surface"].isin(BARE_REGIME) & m["actor_id"].eq("SYR_GOV") & ~m["article_id"].isin(in_syria)
    keep = keep_adj & ~regime
    dropped = {"adjective (non-political head)": int((~keep_adj).sum()),
               "bare النظام outside Syria articles": int((regime & keep_adj).sum()),
               "kept": int(keep.sum()), "all": len(m)}
    return m[keep], dropped


def answered(accusations: pd.DataFrame, quotes: pd.DataFrame, mapping: dict[str, str]) -> pd.DataFrame:
    """The accusations (kind ``accuse``) with ``answer``: "denial", "quote" or "none".

    A denial/rejection in the same article counts when it answers this accusation
    (``answers_accusation_id``) or comes from the accused; a quote counts when its speaker
    rolls up to the accused's actor.
    """
    acc = accusations.copy()
    acc["accuser_actor"] = roll(acc["accuser_actor_id"], mapping)
    acc["accused_actor"] = roll(acc["accused_actor_id"], mapping)
    charges = acc[acc["kind"].eq("accuse")].copy()
    denials = acc[acc["kind"].isin(["deny", "reject"])]
    linked = set(denials["answers_accusation_id"].dropna())
    by_accused = set(zip(denials["article_id"], denials["accuser_actor"].dropna())) if len(denials) else set()
    q = quotes.assign(actor=roll(quotes["speaker_actor_id"], mapping)).dropna(subset=["actor"])
    quoted = set(zip(q["article_id"], q["actor"]))
    keys = list(zip(charges["article_id"], charges["accused_actor"]))
    denial = [cid in linked or k in by_accused for cid, k in zip(charges["accusation_id"], keys)]
    quote = [k in quoted for k in keys]
    charges["answer"] = ["denial" if d else "quote" if qq else "none" for d, qq in zip(denial, quote)]
    return charges


def verb_form(verb: str | None) -> str | None:
    """A speech verb without a leading conjunction و/ف (وقال and قال are one verb), kept whole
    when what would remain is short or starts with ا (وافق "agreed" is not و + افق)."""
    if not isinstance(verb, str):
        return verb
    if verb[:1] in ("و", "ف") and len(verb) >= 4 and verb[1] != "ا":
        return verb[1:]
    return verb
