"""Arabic normalisation that remembers where every character came from.

Matching works on a normalised copy of the text (one alef, ya for alef maqsura, ha for ta
marbuta, no diacritics, tatweel or quotation marks, single spaces), but mentions must
index the original text exactly. :func:`normalize` therefore returns, beside the normalised
string, the original offset of each normalised character; :func:`to_original` turns a span of
the normalised string back into a span of the original.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..document.fold import DIACRITICS_CLASS, LETTERS, LONG_TEXT, TATWEEL

# Diacritics (harakat, tanwin, shadda, sukun, dagger alef, Quranic marks), tatweel and
# invisible format characters: dropped, they never decide which actor is meant.
_DROP = f"{DIACRITICS_CLASS}{TATWEEL}\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad"
# Quotation marks are dropped too: the press quotes names (تنظيم "الدولة"، "حزب الله" اللبناني)
# and a quoted name is still that name.
_QUOTES = '"\'«»“”„‟″＂‘’'
DROP_RE = re.compile(f"[{_DROP}{_QUOTES}]+|(?<= ) +")
DIACRITICS_RE = re.compile(f"[{DIACRITICS_CLASS}]")
_TRAILING = re.compile(f"[{_DROP}]*")

# One-for-one substitutions: the normalised text keeps the length of the original until
# DROP_RE removes characters, so the offset map stays trivial.
_SUBST = {
    **LETTERS,  # the package's one letter folding (syrianews.document.fold)
    "\u00a0": " ", "\t": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8", "٩": "9",
}
_TABLE = str.maketrans(_SUBST)
_SUBST_PAIRS = tuple(_SUBST.items())


def _substitute(text: str) -> str:
    """``text.translate(_TABLE)``; on a long text a C-level replace per character of the table
    (as :func:`syrianews.document.fold.fold`): the replacements are not themselves replaced."""
    if len(text) < LONG_TEXT:
        return text.translate(_TABLE)
    for char, plain in _SUBST_PAIRS:
        if char in text:
            text = text.replace(char, plain)
    return text


@dataclass(frozen=True)
class Normalized:
    """A normalised text and, for each of its characters, the offset in the original."""

    text: str
    index: tuple[int, ...]  # len(text) + 1 entries; the last one is len(original)
    original: str

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Span of the normalised text → span of the original.

        The end is pushed over diacritics and tatweel that follow the last character, so the
        original span holds the whole written word (``روسيًا`` rather than ``روسي``+``ا``)."""
        ostart = self.index[start]
        oend = self.index[end - 1] + 1 if end > start else ostart
        m = _TRAILING.match(self.original, oend)
        return ostart, m.end()


def normalize(text: str) -> Normalized:
    """Normalise ``text`` for matching; see the module docstring for what changes."""
    t = _substitute(text).lower()
    if len(t) != len(text):  # lower() of some rare letters changes length: fall back
        t = "".join(c.translate(_TABLE).lower()[:1] or c for c in text)
    parts: list[str] = []
    index: list[int] = []
    pos = 0
    for m in DROP_RE.finditer(t):
        if m.start() > pos:
            parts.append(t[pos:m.start()])
            index.extend(range(pos, m.start()))
        pos = m.end()
    if pos < len(t):
        parts.append(t[pos:])
        index.extend(range(pos, len(t)))
    index.append(len(text))
    return Normalized("".join(parts), tuple(index), text)


def normalize_key(text: str) -> str:
    """Normalised form of a catalogue alias (with its surrounding spaces removed)."""
    return normalize(text.strip()).text.strip()


def has_diacritics(text: str) -> bool:
    return bool(DIACRITICS_RE.search(text))
