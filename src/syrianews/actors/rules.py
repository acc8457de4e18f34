"""Disambiguation lexicons of the actor matcher, read from ``src/syrianews/data``:

- ``actor_blockers.txt``: phrases that contain an alias but are not the actor (ريف دمشق is a
  place, حصة الأسد an idiom, النظام الأساسي a statute). They compete in longest-match and hide
  what they cover.
- ``actor_nisba_heads.txt``: nouns after which a nisba adjective is no actor (دولار أمريكي،
  اللغة التركية).
- ``actor_regime_words.txt``: nouns that turn a following person into his state (نظام الأسد،
  إدارة أوباما).
- ``actor_capital_locatives.txt``: words after which a capital is a place (في الرياض، وسط
  لندن). A place still names a country (ANNOTATION.md: اجتماع في القاهرة → EGY), so the
  filter only drops the capitals of actors that are not a country (بروكسل for the EU).
- ``actor_government_states.txt``: state actors catalogued as a government or regime, not as
  the country (SYR_GOV: سوريا itself is no actor): their capital as a place (في دمشق) is the
  city of the war, not the government, and stays filtered.
- ``actor_spelling_variants.txt``: words spelled several ways (ميليشيا/مليشيا); every form
  with one of them is matched with the others too.
- ``actor_common_nouns.txt``: one-word forms that are common nouns (القاعدة، المعارضة، الثوار):
  followed by a state's adjective they are that noun described (القاعدة التركية: an air base).
- ``actor_sentence_context.csv`` (form, actor_id, context): a form that names another actor
  in a sentence holding one of the context words (دول التحالف in a sentence about Yemen is the
  Saudi-led coalition, elsewhere the US-led one).
- ``actor_umbrellas.txt``: collective actors (the Iran-backed militias): a group affiliated to
  one is one of them, so naming the group names the collective too.
- ``actor_context.csv`` (form, actor_id, context): a form that names the actor only in an
  article that also holds one of the context words (bare النظام is the Syrian government in a
  text about Syria, not in a Saudi article about a traffic regulation).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .catalogue import CatalogueError
from .normalize import normalize_key


@dataclass(frozen=True)
class Rules:
    blockers: tuple[str, ...]
    context: dict[tuple[str, str], tuple[str, ...]]  # (actor_id, normalised form) → context words
    nisba_heads: frozenset[str] = frozenset()  # nouns after which a nisba is not the state
    regime_words: frozenset[str] = frozenset()  # نظام/حكومة/إدارة + person → the person's state
    capital_locatives: frozenset[str] = frozenset()  # في/منطقة/وسط + capital → the place
    spellings: tuple[tuple[str, ...], ...] = ()  # interchangeable spellings of a word
    government_states: frozenset[str] = frozenset()  # state IDs whose capital-as-place is no mention
    common_nouns: frozenset[str] = frozenset()  # one-word forms that are common nouns (normalised)
    umbrellas: frozenset[str] = frozenset()  # collective actor IDs named through their member groups
    sentence_context: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)  # form → (actor, words)

    def __hash__(self) -> int:  # identity: one Rules object per load
        return id(self)


def _data(name: str) -> str:
    return (resources.files("syrianews") / "data" / name).read_text(encoding="utf-8")


def parse_blockers(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#"))


def spelling_variants(form: str, groups: tuple[tuple[str, ...], ...]) -> list[str]:
    """``form`` with each listed word replaced by its other spellings (all combinations)."""
    out = [form]
    for group in groups:
        for cur in list(out):
            words = cur.split(" ")
            for i, w in enumerate(words):
                if w in group:
                    for alt in group:
                        variant = " ".join(words[:i] + [alt] + words[i + 1:])
                        if variant not in out:
                            out.append(variant)
    return out


def parse_context(text: str, label: str = "actor_context.csv") -> dict[tuple[str, str], tuple[str, ...]]:
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    reader = csv.DictReader(text.splitlines())
    for row in reader:
        form, actor_id, words = (row.get(k, "") or "" for k in ("form", "actor_id", "context"))
        if not form.strip() or not actor_id.strip() or not words.strip():
            raise CatalogueError(f"{label}:{reader.line_num}: needs form, actor_id and context")
        out[(actor_id.strip(), normalize_key(form))] = tuple(normalize_key(w) for w in words.split("|") if w.strip())
    return out


def parse_sentence_context(text: str, label: str = "actor_sentence_context.csv") -> dict[str, tuple[str, tuple[str, ...]]]:
    """normalised form → (the actor it names in such a sentence, the normalised context words)."""
    return {actor_and_form[1]: (actor_and_form[0], words) for actor_and_form, words in parse_context(text, label).items()}


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    return Rules(
        parse_blockers(_data("actor_blockers.txt")),
        parse_context(_data("actor_context.csv")),
        frozenset(normalize_key(w) for w in parse_blockers(_data("actor_nisba_heads.txt"))),
        frozenset(normalize_key(w) for w in parse_blockers(_data("actor_regime_words.txt"))),
        frozenset(normalize_key(w) for w in parse_blockers(_data("actor_capital_locatives.txt"))),
        tuple(tuple(w.strip() for w in line.split("|")) for line in parse_blockers(_data("actor_spelling_variants.txt"))),
        frozenset(parse_blockers(_data("actor_government_states.txt"))),
        frozenset(normalize_key(w) for w in parse_blockers(_data("actor_common_nouns.txt"))),
        frozenset(parse_blockers(_data("actor_umbrellas.txt"))),
        parse_sentence_context(_data("actor_sentence_context.csv")),
    )
