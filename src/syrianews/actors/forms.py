"""Surface forms of an actor, generated from its catalogue row.

The catalogue lists each nisba adjective once (``روسي``); the press writes it in every
inflection (الروسي، الروسية، الروس، الروسيين، روسية ...). Generating them here keeps the data
file short and the inflections consistent across actors.
"""
from __future__ import annotations

from .catalogue import Actor

# Suffixes of a regular nisba adjective ending in ي: masc./fem. singular, sound plurals, dual.
NISBA_SUFFIXES = ("", "ة", "ون", "ين", "ان", "ات", "تان", "تين")
ARTICLE = "ال"


def _definite(word: str) -> str:
    return word if word.startswith(ARTICLE) else ARTICLE + word


def _indefinite(word: str) -> str:
    return word[len(ARTICLE):] if word.startswith(ARTICLE) and len(word) > 4 else word


def nisba_forms(entry: str) -> list[str]:
    """All inflections of one ``nisba`` cell, with and without the article.

    An entry ending in ي is a regular adjective and gets every suffix (``روسي`` → روسية،
    روسيون، روسيين ...); any other entry is a broken plural taken as written (``الأتراك``).
    Multi-word adjectives (``كوري جنوبي``) inflect every word alike."""
    words = entry.split()
    if not words:
        return []
    regular = all(w.endswith("ي") for w in words)
    suffixes = NISBA_SUFFIXES if regular else ("",)
    out: list[str] = []
    for suffix in suffixes:
        bare = [_indefinite(w) + suffix for w in words]
        for form in (" ".join(bare), " ".join(_definite(w) for w in bare)):
            if form not in out:
                out.append(form)
    return out


def actor_forms(actor: Actor) -> list[tuple[str, str]]:
    """``(surface form, kind)`` pairs for an actor; kind is name / alias / nisba / capital.

    For a state, ``النظام`` + its adjective (النظام الإيراني) and ``المعارضة`` + its adjective
    (المعارضة التركية) are generated too, so that the longest match gives them that state and
    never the Syrian government's bare ``النظام`` or the Syrian opposition's ``المعارضة``."""
    out: list[tuple[str, str]] = [(actor.name_ar, "name")]
    out += [(a, "alias") for a in actor.aliases]
    for entry in actor.nisba:
        forms = nisba_forms(entry)
        out += [(f, "nisba") for f in forms]
        if actor.type == "state" and entry.endswith("ي") and " " not in entry:
            out.append(("النظام " + _definite(entry), "nisba"))
            out.append(("المعارضة " + _definite(entry) + "ة", "nisba"))
    out += [(c, "capital") for c in actor.capitals]
    seen: set[str] = set()
    unique = []
    for form, kind in out:
        if form not in seen:
            seen.add(form)
            unique.append((form, kind))
    return unique
