"""Trigger words of accusing, denying and condemning, read from ``data/accusation_triggers.csv``.

The data file lists inflected stems (اتهم، اتهمت، يتهمون، اتهامات ...) in folded spelling;
clitics are peeled here: conjunctions and prepositions in front (و، ف، ل، ب، س، ال) and
object or possessive pronouns behind (اتهمه، اتهامها). Phrase triggers (حمّل ... المسؤولية،
ألقى باللوم، زعم أن، رفض الاتهامات) also need a cue word a few tokens after the stem."""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from .text import Token, fold

KINDS = ("accuse", "deny", "condemn")
# front clitics each part of speech can carry, longest first
_PREFIXES = {
    "verb": ("وس", "فس", "ول", "فل", "و", "ف", "ل", "س", ""),
    "phrase": ("وس", "فس", "ول", "فل", "و", "ف", "ل", "س", ""),
    "participle": ("و", "ف", ""),
    "passive": ("وب", "ول", "و", "ف", "ب", "ل", "ك", ""),
    "masdar": ("وب", "فب", "ول", "فل", "وك", "و", "ف", "ب", "ل", "ك", ""),
}
_SUFFIXES = ("هما", "هم", "هن", "ها", "كم", "نا", "ني", "ه", "ك", "ي", "")
PRONOUN_SUFFIXES = frozenset(s for s in _SUFFIXES if s)
CUE_WINDOW = 4  # tokens after a phrase trigger in which its cue must appear
RESPONSIBILITY_WINDOW = 6  # حمّل منذ مساء أمس التنظيم الإرهابي مسؤولية: the object and an adjunct come first


@dataclass(frozen=True)
class TriggerEntry:
    form: str
    kind: str
    cameo: str
    pos: str  # verb, masdar, participle, passive, phrase
    requires: re.Pattern | None

    @property
    def responsibility(self) -> bool:
        """حمّل X المسؤولية: the cue is the word for responsibility."""
        return self.requires is not None and "ولي" in self.requires.pattern

    @property
    def blame(self) -> bool:
        """ألقى باللوم على X."""
        return self.requires is not None and "اللوم" in self.requires.pattern


@dataclass(frozen=True)
class TriggerMatch:
    entry: TriggerEntry
    index: int  # token index in the sentence
    prefix: str  # proclitics peeled off (و، ف، ب ...)
    suffix: str  # attached pronoun (ه، ها، هم ...) or ""
    cue_index: int | None  # token index of a phrase trigger's cue

    @property
    def kind(self) -> str:
        return self.entry.kind


@lru_cache(maxsize=None)
def load_triggers() -> dict[str, TriggerEntry]:
    """Folded form → entry (the first row wins when a form is listed twice)."""
    path = resources.files("syrianews").joinpath("data", "accusation_triggers.csv")
    out: dict[str, TriggerEntry] = {}
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f):
            form = fold(row["form"].strip())
            if not form or form in out:
                continue
            kind = row["kind"].strip()
            if kind not in KINDS:
                raise ValueError(f"accusation_triggers.csv: unknown kind {kind!r} for {form}")
            req = row.get("requires", "").strip()
            out[form] = TriggerEntry(form, kind, row["cameo"].strip(), row["pos"].strip(), re.compile(req) if req else None)
    return out


def _stems(key: str, pos: str):
    """(prefix, stem, suffix) readings of a folded token for a part of speech, plainest first."""
    for suffix in _SUFFIXES:
        if suffix and not key.endswith(suffix):
            continue
        body = key[: len(key) - len(suffix)] if suffix else key
        for prefix in _PREFIXES[pos]:
            if not body.startswith(prefix):
                continue
            rest = body[len(prefix):]
            if len(rest) < 3:
                continue
            yield prefix, rest, suffix
            if pos == "masdar" and suffix and rest.endswith("ت"):
                yield prefix, rest[:-1] + "ة", suffix  # إدانته = إدانة + ه
            if pos == "masdar" and rest.startswith("ال"):
                yield prefix + "ال", rest[2:], suffix
            if prefix.endswith("ل") and rest.startswith("ل"):  # لل = لـ + الـ
                if pos == "masdar":
                    yield prefix + "ال", rest[1:], suffix
                elif pos == "passive":
                    yield prefix + "ال", "ا" + rest, suffix


def _readings(key: str, hamza_below: bool) -> tuple[tuple[TriggerEntry, str, str], ...]:
    """(entry, prefix, suffix) readings of a folded token, best first: the definition that
    :func:`readings` evaluates once per word of :func:`trigger_words`."""
    table = load_triggers()
    order = ("verb", "masdar", "passive", "participle", "phrase")
    if hamza_below:  # إدانته، إتهام: hamza below marks a masdar, not a verb (أدانته)
        order = ("masdar", "passive", "participle", "verb", "phrase")
    out = []
    for pos in order:
        for prefix, stem, suffix in _stems(key, pos):
            entry = table.get(stem)
            if entry is None or entry.pos != pos:
                continue
            if pos in ("verb", "phrase") and prefix.lstrip("وف") in ("ل", "س") and stem[:1] not in ("ي", "ت", "ن"):
                continue  # لـ and سـ go with the imperfect only (فلادان is a name)
            if suffix and pos == "passive":
                continue
            out.append((entry, prefix, suffix))
    return tuple(out)


def _spellings(form: str, pos: str) -> set[str]:
    """Every folded word :func:`_stems` can read as ``form`` with clitics (the inverse of
    :func:`_stems`): prefix + stem + suffix, and the masdar's and لـ's variants."""
    out: set[str] = set()
    for prefix in _PREFIXES[pos]:
        for suffix in _SUFFIXES:
            out.add(prefix + form + suffix)
            if pos == "masdar":
                if form.endswith("ة"):
                    out.add(prefix + form[:-1] + "ت" + suffix)  # إدانته = إدانة + ه
                out.add(prefix + "ال" + form + suffix)
                if prefix.endswith("ل"):
                    out.add(prefix + "ل" + form + suffix)  # لل = لـ + الـ
            elif pos == "passive" and prefix.endswith("ل") and form.startswith("ال"):
                out.add(prefix + form[1:] + suffix)
    return out


@lru_cache(maxsize=1)
def trigger_words() -> frozenset[str]:
    """Every folded word that can carry a trigger (each form with the clitics it may take),
    made once at load: a token whose key is not among them is no trigger, without reading it."""
    words: set[str] = set()
    for form, entry in load_triggers().items():
        words |= _spellings(form, entry.pos)
    return frozenset(words)


@lru_cache(maxsize=None)  # bounded: at most two entries per word of trigger_words()
def _cached_readings(key: str, hamza_below: bool) -> tuple[tuple[TriggerEntry, str, str], ...]:
    return _readings(key, hamza_below)


def readings(key: str, hamza_below: bool = False) -> tuple[tuple[TriggerEntry, str, str], ...]:
    """(entry, prefix, suffix) readings of a folded token, best first."""
    if key not in trigger_words():
        return ()
    return _cached_readings(key, hamza_below)


@lru_cache(maxsize=1)
def _prefilter() -> re.Pattern:
    forms = sorted({f[:-1] if f.endswith("ة") else f for f in load_triggers()}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, forms)))


def may_hold_trigger(text: str) -> bool:
    """Cheap test on a whole paragraph: does any trigger stem occur in it at all?"""
    return _prefilter().search(fold(text)) is not None


@lru_cache(maxsize=1)
def _sentence_filter() -> re.Pattern:
    """Letters every word of :func:`trigger_words` contains one of (its stem, the masdar's stem
    before ة→ت, the passive's stem after لل): a text without any holds no trigger."""
    cores = set()
    for form, entry in load_triggers().items():
        cores.add(form[:-1] if form.endswith("ة") else form)
        if entry.pos == "passive" and form.startswith("ال"):
            cores.add(form[1:])
    return re.compile("|".join(map(re.escape, sorted(cores, key=len, reverse=True))))


def may_carry_trigger(text: str, start: int = 0, end: int | None = None) -> bool:
    """Exact pre-test of a sentence ``text[start:end]``: False only when none of its tokens can
    carry a trigger, so its chunks need not be made."""
    return _sentence_filter().search(fold(text[start:end])) is not None


def match_token(tokens: list[Token], i: int) -> TriggerMatch | None:
    """The trigger that token ``i`` carries, if any (phrase triggers need their cue after)."""
    for entry, prefix, suffix in readings(tokens[i].key, "إ" in tokens[i].text[:3]):
        cue = None
        if entry.requires is not None:
            cue = next(
                (j for j in range(i + 1, min(len(tokens), i + 1 + (RESPONSIBILITY_WINDOW if entry.responsibility else CUE_WINDOW)))
                 if entry.requires.search(tokens[j].key)),
                None,
            )
            if cue is None:
                continue
        return TriggerMatch(entry, i, prefix, suffix, cue)
    return None


def find_triggers(tokens: list[Token]) -> list[TriggerMatch]:
    """Every trigger of a sentence's tokens, in order; a phrase's cue word is not a trigger itself."""
    out: list[TriggerMatch] = []
    used: set[int] = set()
    candidates = trigger_words()
    for i, tok in enumerate(tokens):
        if tok.key not in candidates or i in used:
            continue
        m = match_token(tokens, i)
        if m is None:
            continue
        out.append(m)
        if m.cue_index is not None and m.kind != "deny":
            used.add(m.cue_index)  # رفض الاتهامات: the masdar stays a trigger (an accusation, reversed)
    return out
