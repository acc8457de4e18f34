"""Bare definite descriptions as accuser or accused (حمّل التنظيم الإرهابي المسؤولية، اتهمت
السلطات التنظيمين): the actor of the right kind the article named last before them.

The heads, the actor types they may stand for and how many actors they name (التنظيمين: two)
come from ``data/accusation_anaphors.csv``. Only heads of organisations are listed: a bare
الحكومة or الجماعة is too often someone other than the last one named."""
from __future__ import annotations

import csv
from functools import lru_cache
from importlib import resources

from .chunks import Group, Sentence
from .text import fold

MAX_BACK = 12  # mentions looked back at


@lru_cache(maxsize=None)
def anaphors() -> dict[str, tuple[frozenset[str], int]]:
    path = resources.files("syrianews").joinpath("data", "accusation_anaphors.csv")
    with path.open(encoding="utf-8") as f:
        return {fold(r["head"].strip()): (frozenset(r["types"].split("|")), int(r["count"])) for r in csv.DictReader(f)}


def head_of(sent: Sentence, g: Group) -> tuple[frozenset[str], int] | None:
    """The anaphor entry of a group with no actor whose first word is a listed head."""
    if g.has_actor():
        return None
    first = g.first + 1 if g.demonstrative and g.last > g.first else g.first  # هذا التنظيم
    key = sent.tokens[first].key
    table = anaphors()
    for k in (key, key[1:] if key[:1] in ("و", "ف") else key):
        if k in table:
            return table[k]
    return None


def resolve(sent: Sentence, g: Group, types: dict[str, str], exclude: set[str] = frozenset()) -> list[str]:
    """The actors a bare description stands for, nearest first; [] when it is none or unknown."""
    entry = head_of(sent, g)
    if entry is None:
        return []
    kinds, count = entry
    out: list[str] = []
    for actor in sent.earlier_actors(g.first)[:MAX_BACK]:
        if types.get(actor) in kinds and actor not in out and actor not in exclude:
            out.append(actor)
            if len(out) == count:
                return out
    return out if count == 1 else []
