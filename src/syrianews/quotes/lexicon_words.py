"""Word lists of the speaker rules (titles, institution heads, stop words, term cues), as
normalised sets. The lists live in ``data/``; see each file's header for what it holds."""
from __future__ import annotations

from functools import lru_cache

from ..lexicons import word_list
from .tokens import norm


@lru_cache(maxsize=None)
def words(name: str) -> frozenset[str]:
    return frozenset(norm(w) for w in word_list(name))


def titles() -> frozenset[str]:
    return words("speaker_titles.txt")


def heads() -> frozenset[str]:
    return words("speaker_heads.txt")


def stops() -> frozenset[str]:
    return words("speaker_stops.txt")


def honorifics() -> frozenset[str]:
    return words("speaker_honorifics.txt")


def term_cues() -> frozenset[str]:
    return words("quote_term_cues.txt")


@lru_cache(maxsize=None)
def clause_breaks() -> tuple[str, ...]:
    return tuple(word_list("clause_breaks.txt"))


def no_speaker_before() -> frozenset[str]:
    return words("no_speaker_before.txt")


def masdar_before() -> frozenset[str]:
    return words("masdar_before.txt")


def not_complementisers() -> frozenset[str]:
    return words("not_complementisers.txt")


@lru_cache(maxsize=None)
def _source_kinds() -> dict[str, str]:
    out = {}
    for line in word_list("speaker_kinds.csv")[1:]:  # after the header
        word, kind = line.split(",")
        out[norm(word)] = kind
    return out


@lru_cache(maxsize=65536)
def source_kind(key: str) -> str | None:
    """The kind of a source noun (صحيفة → newspaper, للجماعة → group, البيان → document)."""
    kinds = _source_kinds()
    for v in bare(key) + ((key[2:],) if key.startswith("لل") and len(key) > 4 else ()):
        if v in kinds:
            return kinds[v]
    return None


@lru_cache(maxsize=16384)
def bare(key: str) -> tuple[str, ...]:
    """A key and its variants without the clitics و/ب/ل/ف and the article (والمرصد → المرصد, مرصد)."""
    out = [key]
    k = key
    if len(k) > 3 and k[0] in "وف":
        k = k[1:]
        out.append(k)
    if len(k) > 3 and k[0] in "بل" and not k.startswith("ال"):
        k = k[1:]
        out.append(k)
    if k.startswith("لل") and len(k) > 4:
        out.append("ال" + k[2:])
    if k.startswith("ال") and len(k) > 3:
        out.append(k[2:])
    return tuple(out)


def is_stop(tok) -> bool:
    """A stop word; the preposition على is told from the name علي by its spelling."""
    if tok.key == "علي":
        return tok.text.endswith("ى")
    return tok.key in stops()


@lru_cache(maxsize=32768)
def in_list(key: str, lst: frozenset[str]) -> bool:
    return any(v in lst for v in bare(key))
