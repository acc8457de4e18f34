"""The lexicon of verbs of saying (``data/speech_verbs.csv``) and where they occur in a text.

Each form carries its lemma, the speech act it performs, the gender of its subject (m/f/p) and
its kind: a finite ``verb`` (its subject is the speaker), a ``participle`` or ``masdar``
(مضيفا، بالقول: the speaker is the subject of the clause they hang on) or an ``attribution``
(بحسب، وفقا لـ، نقلا عن: the source follows)."""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from operator import attrgetter

from ..lexicons import data_text
from .tokens import Token, norm, strip_clitic
from ..wordcache import WordCache

OBJECT_SUFFIXES = ("ه", "ها", "هم", "هما", "نا", "ني")


@dataclass(frozen=True)
class VerbForm:
    form: str
    lemma: str
    speech_act: str
    gender: str  # m, f, p or ""
    kind: str  # verb, participle, masdar (its pronoun is the source), noun (a genitive is), attribution


@dataclass(frozen=True)
class Trigger:
    """A verb of saying found in the text."""

    token: Token
    entry: VerbForm
    suffixed: bool  # carries an object/possessive pronoun (نقلت عنه is separate; تردده، قوله)
    i: int = field(init=False)  # the token's index (a field, not a property: the rules read it very often)

    def __post_init__(self) -> None:
        object.__setattr__(self, "i", self.token.i)


@lru_cache(maxsize=None)
def lexicon() -> dict[str, VerbForm]:
    """Normalised form → entry."""
    out: dict[str, VerbForm] = {}
    for row in csv.DictReader(io.StringIO(data_text("speech_verbs.csv"))):
        entry = VerbForm(row["form"], row["lemma"], row["speech_act"], row["gender"], row["kind"])
        out.setdefault(norm(row["form"]), entry)
    return out


@lru_cache(maxsize=16384)
def lookup(key: str) -> tuple[VerbForm, bool] | None:
    """The entry for a token key, allowing a leading و/ف and, on verbs, an object pronoun."""
    lex = lexicon()
    for k in strip_clitic(norm(key)):
        if k in lex:
            return lex[k], False
        for suf in OBJECT_SUFFIXES:
            if k.endswith(suf) and len(k) - len(suf) >= 3:
                e = lex.get(k[: -len(suf)])
                if e is not None and e.kind == "verb":
                    return e, True
    return None


_KEY = attrgetter("key")
_HITS: WordCache[str, tuple[VerbForm, bool] | None] = WordCache(lookup, 50_000)  # token key → lookup(key)


def find_triggers(tokens: list[Token] | tuple[Token, ...]) -> list[Trigger]:
    """The verbs of saying among ``tokens``, in order. The keys are probed in one C-level
    pass against the look-ups made so far; only unseen keys go through :func:`lookup`."""
    hits = _HITS.get_many(list(map(_KEY, tokens)))
    return [Trigger(tokens[j], h[0], h[1]) for j, h in enumerate(hits) if h is not None]
