"""The one letter folding of the package: how Arabic spellings that pages mix freely are made
comparable (lexicon entries, token keys, catalogue aliases, title keys).

Arabic news pages write the same word several ways: with or without diacritics and tatweel,
with any of أ إ آ ٱ for alef, ى or ي at the end, ة or ه, Persian ی/ک in some feeds. Every
comparison in the package folds both sides with the functions here, so a word matches however a
page spells it, and every extractor folds it the same way.

- :func:`fold`: a word or phrase → its key (one C-level pass, a translate table). With
  ``ta_marbuta=True`` the ة is kept: the accusation lexicon needs it to tell متهمة from a clitic
  ه, and its entries are folded the same way.
- :func:`fold_label`: a loose key for short labels (titles): :func:`fold`, punctuation to spaces,
  single spaces.
- :data:`LETTERS`, :data:`DROP_CLASS`: the same letters and dropped marks, for the offset-keeping
  normalisation of the actor matcher (:mod:`syrianews.actors.normalize`).
"""
from __future__ import annotations

import re

# Diacritics (harakat, tanwin, shadda, sukun, dagger alef, Quranic marks) and tatweel, as a
# character-class body for regular expressions; they never decide which word is meant.
DIACRITICS_CLASS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed"
TATWEEL = "\u0640"
_DROPPED = [(0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED), (0x0640, 0x0640)]

# One-for-one letter substitutions (the same length: offset maps stay trivial).
LETTERS: dict[str, str] = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي",  # alef maqsura and the Persian/Urdu ya of some feeds
    "ة": "ه", "ۀ": "ه",
    "ک": "ك", "ڪ": "ك",
}

_TABLE = {**{cp: None for a, b in _DROPPED for cp in range(a, b + 1)}, **{ord(k): v for k, v in LETTERS.items()}}
_TABLE_KEEP_TA = {k: v for k, v in _TABLE.items() if k != ord("ة")}
_PUNCT = re.compile(r"[^\w\s]")


_DROP_RUNS = re.compile("[" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _DROPPED) + "]+")
_PAIRS = tuple(LETTERS.items())
_PAIRS_KEEP_TA = tuple((k, v) for k, v in _PAIRS if k != "ة")
LONG_TEXT = 64  # characters from which replacing letter by letter beats one translate


def fold(text: str, ta_marbuta: bool = False) -> str:
    """Spelling-insensitive key of a word or phrase: no diacritics or tatweel, one alef, ي for
    ى and (unless ``ta_marbuta``) ه for ة.

    A word goes through one translate; a long text (a body, a paragraph) through one regex pass
    for the dropped marks and a C-level replace per letter, about five times faster there than
    translate's per-character look-ups. Both give the same string (the letters' replacements
    are neither dropped nor replaced again)."""
    if len(text) < LONG_TEXT:
        return text.translate(_TABLE_KEEP_TA if ta_marbuta else _TABLE)
    text = _DROP_RUNS.sub("", text)
    for letter, plain in _PAIRS_KEEP_TA if ta_marbuta else _PAIRS:
        if letter in text:
            text = text.replace(letter, plain)
    return text


def fold_label(text: str) -> str:
    """A loose key for comparing short labels (article titles): folded, punctuation removed,
    single spaces."""
    return " ".join(label_words(text))


def label_words(text: str) -> list[str]:
    """The words of :func:`fold_label` (``fold_label(text).split()``, without joining them first)."""
    return _PUNCT.sub(" ", fold(text)).split()
