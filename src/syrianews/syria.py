"""Is an article about Syria? A transparent score from its headline and lead.

The rule (documented in the README and the dataset card):

- **Signals** are (a) mentions of catalogue actors listed in ``data/syria_actors.txt``
  (the Syrian state and its bodies, Syrian opposition and armed groups, the conflict's
  foreign militias, Syrian persons, Syria envoys), found by the mentions extractor; and
  (b) words of ``data/syria_lexicon.txt``: Syria and Syrians, its governorates, cities and
  regions, words of its war, matched whole on folded text with clitics (و ف ب ل ك ال).
- **Where**: the headline and the **lead**, the first paragraphs up to :data:`LEAD_WORDS`
  words (at least the first paragraph). Mentions deeper in the body do not count: an
  article that names Syria in passing is not about Syria.
- **Score** = Σ over distinct signals of weight × (2 if in the headline + 1 if in the
  lead); weight 1, or 0.5 for signals marked ``weak`` (ISIS, Hezbollah, the coalition, the
  Golan, الشام: they also stand for other places).
- **Flag** ``syria`` = score ≥ :data:`THRESHOLD` and at least one strong signal: one
  strong signal in the headline, or two different ones in the lead, or a strong one in the
  lead with weak ones beside it (ISIS alone, in Iraq or Kuwait, is not Syria).
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterable

from .lexicons import fold, word_list

LEAD_WORDS = 60
THRESHOLD = 2.0
TITLE_WEIGHT, LEAD_WEIGHT = 2.0, 1.0
_CLITICS = r"(?:[وف]?(?:[بك]?ال|لل|[بلك])?)"


def _entries(name: str) -> dict[str, tuple[str, float]]:
    """entry → (the signal it counts as, weight), from lines ``entry [= signal] [weak]``."""
    out: dict[str, tuple[str, float]] = {}
    for line in word_list(name):
        weak = line.endswith(" weak")
        line = line[: -len(" weak")] if weak else line
        entry, _, signal = (x.strip() for x in line.partition("="))
        out[entry] = (signal or entry, 0.5 if weak else 1.0)
    return out


@lru_cache(maxsize=1)
def syria_actors() -> dict[str, float]:
    """actor_id → weight."""
    return {k: w for k, (_, w) in _entries("syria_actors.txt").items()}


@lru_cache(maxsize=1)
def _terms() -> tuple[re.Pattern[str], dict[str, tuple[str, float]]]:
    """One pattern for every term and folded term → (signal, weight). A term written with the
    article keeps it (``الحولة`` is not ``حوله``, around it); clitics may precede either."""
    bases: dict[str, tuple[str, float]] = {}
    for term, (signal, weight) in _entries("syria_lexicon.txt").items():
        bases.setdefault(fold(term), (signal, weight))
    with_article = sorted((b[2:] for b in bases if b.startswith("ال")), key=len, reverse=True)
    bare = sorted((b for b in bases if not b.startswith("ال")), key=len, reverse=True)
    alt = lambda words: "|".join(map(re.escape, words)) or "(?!)"  # noqa: E731
    pattern = rf"(?<!\S)(?:[وف]?(?:[بك]?ال|لل)(?P<a>{alt(with_article)})|[وف]?[بلك]?(?P<b>{alt(bare)}))(?!\S)"
    return re.compile(pattern), bases


_TANWEEN_FATH = "\u064b"


def term_signals(text: str) -> dict[str, float]:
    """Syria signals among the words of ``text``: signal → weight. A word with tanween
    (``درعاً``, a shield) is not the place (``درعا``): the mark is kept as a letter."""
    pattern, bases = _terms()
    found: dict[str, float] = {}
    for m in pattern.finditer(fold(text.replace(_TANWEEN_FATH, "x"))):
        key = "ال" + m.group("a") if m.group("a") is not None else m.group("b")
        signal, weight = bases[key]
        found[signal] = weight
    return found


def lead_count(paragraphs: Iterable[str], max_words: int = LEAD_WORDS) -> int:
    """How many opening paragraphs form the lead (at least one, up to ``max_words`` words)."""
    n = words = 0
    for p in paragraphs:
        if n and words + len(p.split()) > max_words:
            break
        n, words = n + 1, words + len(p.split())
    return n


def syria_signals(title: str | None, paragraphs: list[str] | tuple[str, ...], mentions: Iterable[dict]) -> dict[str, tuple[float, bool, bool]]:
    """signal → (weight, in headline, in lead). Signals are ``actor:ID`` or ``term:word``."""
    n_lead = lead_count(paragraphs)
    out: dict[str, list] = {}

    def add(key: str, weight: float, in_title: bool) -> None:
        entry = out.setdefault(key, [weight, False, False])
        entry[1 if in_title else 2] = True

    actors = syria_actors()
    for m in mentions:
        weight = actors.get(m.get("actor_id"))
        if weight is None:
            continue
        if m.get("in_title"):
            add(f"actor:{m['actor_id']}", weight, True)
        elif m.get("paragraph") is not None and m["paragraph"] < n_lead:
            add(f"actor:{m['actor_id']}", weight, False)
    for term, weight in term_signals(title or "").items():
        add(f"term:{term}", weight, True)
    for term, weight in term_signals("\n".join(paragraphs[:n_lead])).items():
        add(f"term:{term}", weight, False)
    return {k: (w, t, l) for k, (w, t, l) in out.items()}


def syria_score(title: str | None, paragraphs, mentions: Iterable[dict]) -> float:
    score = 0.0
    for weight, in_title, in_lead in syria_signals(title, paragraphs, mentions).values():
        score += weight * (TITLE_WEIGHT * in_title + LEAD_WEIGHT * in_lead)
    return score


def syria_columns(title: str | None, paragraphs, mentions: Iterable[dict]) -> dict[str, object]:
    """The ``articles`` columns: ``syria_score`` and the ``syria`` flag (score at the
    threshold, with at least one strong signal: weak ones only add to strong ones)."""
    signals = syria_signals(title, paragraphs, mentions)
    score = sum(w * (TITLE_WEIGHT * t + LEAD_WEIGHT * l) for w, t, l in signals.values())
    strong = any(w >= 1 for w, _, _ in signals.values())
    return {"syria_score": round(score, 2), "syria": bool(score >= THRESHOLD and strong)}
