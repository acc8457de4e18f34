"""Find catalogue actors in Arabic text: one Aho-Corasick pass over all surface forms.

Rules, in the order they apply:

1. Text and forms are normalised alike (:mod:`.normalize`); spans map back to the original.
2. A hit must be a whole word, except for proclitics written on it: و ف ب ل ك and their pairs
   (وب، ول، فل ...), so وروسيا، بالنظام، والأمريكية match. A form starting with ال is also
   matched with the preposition لـ fused into it (للولايات المتحدة).
3. Filters drop hits that are not the actor:
   - context (:mod:`.rules`): bare النظام is the Syrian government only in an article about
     Syria; a form written with diacritics in the catalogue needs them in the text (عمّان);
   - a capital in a dateline (الرياض - واس); a capital used as a place (في موسكو، بالرياض)
     still names its country (ANNOTATION.md), except for actors that are no country: an
     organisation (في بروكسل) or a state catalogued as a government (في دمشق, :mod:`.rules`);
   - a nisba after a currency or language (دولار أمريكي), alone in quotes (وبحسب "الفرنسية":
     the AFP), or indefinite before a definite word (تركي السديري: a first name);
   - a person's surname used as a patronym (بن سلمان); a one-word definite form after a
     demonstrative (هذه القاعدة: anaphora, not a name); a common noun that is also a name
     (:mod:`.rules`) before a state's adjective is the noun described (القاعدة التركية: a base).
4. Longest match wins, over actors and over blocking phrases (ريف دمشق، حصة الأسد) alike:
   روسيا اليوم is RT, الجيش السوري الحر is the FSA, المرصد السوري is SOHR.
5. ``نظام``/``حكومة``/``إدارة`` before a person name the person's state too (إدارة أوباما),
   and a state's alias of that shape with the person's full name names the person too
   (نظام بشار الأسد → SYR_GOV and ASSAD; نظام الأسد, the set phrase for the regime, SYR_GOV only).
6. A state body names its state (وزارة الدفاع الروسية → RUS_MOD and RUS); any other longer
   match keeps an ancestor named inside it (الحرس الثوري الإيراني → IRGC and IRN), except
   for persons and media (الرئيس الروسي is Putin only; روسيا اليوم is RT only). A state's
   adjective in a media name is that state (ANNOTATION.md: وكالة الأنباء الألمانية → DPA and DEU;
   the outlet's name itself, روسيا اليوم, is not). A group under a collective actor
   (:mod:`.rules`: the Iran-backed militias) names the collective too (عصائب أهل الحق).
"""
from __future__ import annotations

from dataclasses import dataclass, replace

import ahocorasick

from .catalogue import Catalogue
from .forms import actor_forms, nisba_forms
from .normalize import DIACRITICS_RE, Normalized, has_diacritics, normalize, normalize_key
from .rules import Rules, load_rules, spelling_variants

PROCLITICS = frozenset(["", "و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"])
PATRONYM_WORDS = frozenset(["بن", "ابن", "بنت", "ابو", "ابي", "ابا", "ال", "ام"])
DEMONSTRATIVES = frozenset(["هذا", "هذه", "ذلك", "تلك", "هذان", "هاتان", "هذين", "هاتين", "هولاء", "اولئك"])
IMPLYING_TYPES = frozenset(["state_body", "un_organ"])  # their mention names their parent
NO_NESTING_TYPES = frozenset(["person", "media"])  # a name inside theirs is not a mention
MAX_PROCLITIC = 2
SENTENCE_ENDS = ".!?؟\n"


@dataclass(frozen=True)
class Match:
    """One mention: ``text[start:end] == surface``."""

    actor_id: str
    start: int
    end: int
    surface: str
    form: str  # name, alias, nisba, capital, implied, regime
    key: str = ""  # the normalised catalogue form that matched
    media: bool = False  # the actor is a news outlet


@dataclass(frozen=True)
class _Entry:
    actor_id: str | None  # None: a blocking phrase
    kind: str
    diacritics: frozenset[str]  # diacritics the surface must carry (forms written with them)
    context: tuple[str, ...]  # one of these must occur in the article; () = no condition
    single_word_person: bool
    media: bool = False  # a news outlet: not counted in a dateline/byline (رويترز - بنغازي)
    anaphoric: bool = False  # a one-word definite form: after هذا/هذه it refers back, names nothing
    place_names_it: bool = False  # a capital whose use as a place still names the actor (a country)


@dataclass(frozen=True)
class _Cand:
    s: int  # normalised span
    e: int
    key: str
    entry: _Entry


def _build(catalogue: Catalogue, rules: Rules) -> tuple[ahocorasick.Automaton, list[str], frozenset[str]]:
    """The automaton over every form of every actor (and the blocking phrases).

    Later definitions of the same normalised form win, so a user file can re-assign a form;
    the package catalogue itself has no such conflicts (tested)."""
    table: dict[str, _Entry] = {}
    conflicts: list[str] = []
    adjectives: set[str] = set()  # normalised nisba forms of states (السعوديه is SAU's name too)
    for phrase in rules.blockers:
        table[normalize_key(phrase)] = _Entry(None, "blocker", frozenset(), (), False)
    for actor in catalogue.actors:
        if actor.type == "state":
            adjectives.update(normalize_key(v) for n in actor.nisba for f in nisba_forms(n) for v in spelling_variants(f, rules.spellings))
        forms = [(v, kind) for form, kind in actor_forms(actor) for v in spelling_variants(form, rules.spellings)]
        for form, kind in forms:
            key = normalize_key(form)
            if not key:
                continue
            entry = _Entry(
                actor.actor_id,
                kind,
                frozenset(DIACRITICS_RE.findall(form)) if has_diacritics(form) else frozenset(),
                rules.context.get((actor.actor_id, key), ()),
                actor.type == "person" and " " not in key,
                actor.type == "media",
                key.startswith("ال") and " " not in key,
                actor.type == "state" and actor.actor_id not in rules.government_states,
            )
            old = table.get(key)
            if old is not None and old.actor_id not in (None, actor.actor_id):
                conflicts.append(f"{form!r}: {old.actor_id} and {actor.actor_id}")
            if old is None or old.actor_id is not None:
                table[key] = entry
    auto = ahocorasick.Automaton()
    for key, entry in table.items():
        auto.add_word(key, (key, entry))
        if key.startswith("ال") and len(key) > 3:  # ل + ال → لل (للولايات المتحدة)
            fused = "لل" + key[2:]
            if fused not in table:
                auto.add_word(fused, (fused, entry))
    auto.make_automaton()
    return auto, conflicts, frozenset(adjectives)


class ActorMatcher:
    """Finds actors of a catalogue in text. Cheap to construct again: the automaton is built
    once per catalogue and kept on it."""

    def __init__(self, catalogue: Catalogue, rules: Rules | None = None) -> None:
        self.catalogue = catalogue
        rules = rules or load_rules()
        self.rules = rules
        cache_key = ("matcher", id(rules))
        if cache_key not in catalogue._cache:
            catalogue._cache[cache_key] = _build(catalogue, rules)
        self._auto, self.conflicts, self._state_adjectives = catalogue._cache[cache_key]

    def find(self, text: str, context: str | None = None, datelines: bool = True) -> list[Match]:
        """Mentions in ``text``, sorted by position. ``context`` (default: ``text``) is the
        text in which context-dependent forms look for their condition, e.g. the article.
        ``datelines``: a line opening ``الرياض:`` is a dateline (body), not a speaker (title)."""
        if not text:
            return []
        norm = normalize(text)
        ctx = normalize(context).text if context is not None else norm.text
        return self.find_normalized(norm, ctx, datelines)

    def find_normalized(self, norm: Normalized, context: str, datelines: bool = True) -> list[Match]:
        """As :meth:`find`, on text already normalised; ``context`` is normalised too."""
        cands = self._candidates(norm, context, datelines)
        chosen = _common_nouns_dropped(norm.text, self._longest(cands), self.rules.common_nouns, self._state_adjectives)
        return self._emit(norm, cands, chosen)

    # -- steps ---------------------------------------------------------------------------
    def _is_place(self, t: str, k: int, s: int) -> bool:
        """A capital used as a place: بالرياض، في موسكو، منطقة الرياض، العاصمة المغربية الرباط."""
        if t[k:s].endswith("ب"):
            return True
        prev = _previous_word(t, k)
        if _bare(prev) & self.rules.capital_locatives:
            return True
        if prev.startswith("ال") and prev.endswith(("يه", "ي")):  # العاصمة المغربية الرباط
            j = k
            while j > 0 and t[j - 1] == " ":
                j -= 1
            return bool(_bare(_previous_word(t, j - len(prev))) & self.rules.capital_locatives)
        return False

    def _candidates(self, norm: Normalized, context: str, datelines: bool = True) -> list[_Cand]:
        t = norm.text
        n = len(t)
        out: list[_Cand] = []
        ctx_seen: dict[tuple[str, ...], bool] = {}
        for end_idx, (key, entry) in self._auto.iter(t):
            e = end_idx + 1
            s = e - len(key)
            if e < n and t[e].isalnum():
                continue
            k = s
            while k > 0 and t[k - 1].isalnum() and s - k <= MAX_PROCLITIC:
                k -= 1
            if t[k:s] not in PROCLITICS:
                continue
            if key in self.rules.sentence_context:
                entry = self._in_sentence(t, s, e, key, entry)
            if entry.actor_id is not None:
                if entry.context:
                    ok = ctx_seen.get(entry.context)
                    if ok is None:
                        ok = ctx_seen[entry.context] = any(w in context for w in entry.context)
                    if not ok:
                        continue
                if entry.diacritics:
                    a, b = norm.to_original(s, e)
                    if not entry.diacritics <= set(norm.original[a:b]):
                        continue
                if entry.single_word_person and _previous_word(t, k) in PATRONYM_WORDS:
                    continue
                if entry.anaphoric and _previous_word(t, k) in DEMONSTRATIVES:
                    continue
                if entry.kind == "nisba" and _bare(_previous_word(t, k)) & self.rules.nisba_heads:
                    continue
                if entry.kind == "nisba" and not key.startswith("ال") and _is_first_name(t, e):
                    continue
                if entry.kind == "nisba" and _enclosed(norm, s, e):
                    continue
                if entry.kind == "capital" and not entry.place_names_it and self._is_place(t, k, s):
                    continue
                if entry.kind == "capital" or entry.media:
                    if _in_dateline(t, k, e, colon=datelines):
                        continue
            out.append(_Cand(s, e, key, entry))
        return out

    def _in_sentence(self, t: str, s: int, e: int, key: str, entry: _Entry) -> _Entry:
        """The entry as this sentence reads it: a form with a sentence context names the other
        actor where the sentence holds one of its words (دول التحالف ... اليمن)."""
        actor_id, words = self.rules.sentence_context[key]
        start = max(t.rfind(c, 0, s) for c in SENTENCE_ENDS) + 1
        ends = [i for i in (t.find(c, e) for c in SENTENCE_ENDS) if i >= 0]
        sentence = t[start:min(ends) if ends else len(t)]
        if any(w in sentence for w in words):
            return replace(entry, actor_id=actor_id, context=())
        return entry

    @staticmethod
    def _longest(cands: list[_Cand]) -> list[_Cand]:
        chosen: list[_Cand] = []
        taken: list[tuple[int, int]] = []
        for c in sorted(cands, key=lambda c: (-(c.e - c.s), c.s)):
            if any(c.s < e and s < c.e for s, e in taken):
                continue
            taken.append((c.s, c.e))
            chosen.append(c)
        return chosen

    def _emit(self, norm: Normalized, cands: list[_Cand], chosen: list[_Cand]) -> list[Match]:
        cat = self.catalogue
        out: dict[tuple[str, int, int], Match] = {}

        def add(actor_id: str, s: int, e: int, form: str, key: str) -> None:
            a, b = norm.to_original(s, e)
            actor = cat.get(actor_id)
            media = actor is not None and actor.type == "media"
            out.setdefault((actor_id, a, b), Match(actor_id, a, b, norm.original[a:b], form, key, media))

        for c in chosen:
            actor_id = c.entry.actor_id
            if actor_id is None:
                continue
            add(actor_id, c.s, c.e, c.entry.kind, c.key)
            actor = cat.get(actor_id)
            if actor is not None and actor.type == "person" and self.rules.regime_words:
                regime = _regime_start(norm.text, c.s, self.rules.regime_words)
                state = next((a for a in cat.affiliation_chain(actor_id) if cat.get(a).type == "state"), None)
                if regime is not None and state is not None:
                    add(state, regime, c.e, "regime", c.key)
            if actor is not None and actor.type == "state" and c.key.split(" ")[0] in self.rules.regime_words:
                for inner in cands:  # نظام بشار الأسد: the alias holds the person's full name
                    person = cat.get(inner.entry.actor_id) if inner.entry.actor_id else None
                    if person is not None and person.type == "person" and " " in inner.key and c.s <= inner.s and inner.e <= c.e:
                        add(person.actor_id, inner.s, inner.e, inner.entry.kind, inner.key)
            if actor is not None and actor.type == "media":
                for inner in cands:  # وكالة الأنباء الألمانية: a news agency counts for its state
                    state = cat.get(inner.entry.actor_id) if inner.entry.actor_id else None
                    if inner.key in self._state_adjectives and state is not None and state.type == "state" and c.s <= inner.s and inner.e <= c.e:
                        add(state.actor_id, inner.s, inner.e, "nisba", inner.key)
            chain = cat.affiliation_chain(actor_id)[1:]
            if not chain or actor is None or actor.type in NO_NESTING_TYPES:
                continue
            named = set()
            for inner in cands:
                if inner is not c and c.s <= inner.s and inner.e <= c.e and inner.entry.actor_id in chain:
                    add(inner.entry.actor_id, inner.s, inner.e, inner.entry.kind, inner.key)
                    named.add(inner.entry.actor_id)
            if actor.type in IMPLYING_TYPES:
                for parent in chain:
                    if parent not in named:
                        add(parent, c.s, c.e, "implied", c.key)
                    p = cat.get(parent)
                    if p is None or p.type not in IMPLYING_TYPES:
                        break
            for parent in chain:  # عصائب أهل الحق is one of the Iran-backed militias
                if parent in self.rules.umbrellas and parent not in named:
                    add(parent, c.s, c.e, "implied", c.key)
        return sorted(out.values(), key=lambda m: (m.start, m.end, m.actor_id))


def _common_nouns_dropped(t: str, chosen: list[_Cand], common: frozenset[str], adjectives: frozenset[str]) -> list[_Cand]:
    """A common noun that also names an actor (القاعدة، المعارضة، الثوار: ``common``) followed by
    a state's adjective is that noun described: القاعدة التركية is the Turkish air base,
    الثوار الليبيون the Libyan rebels. The adjective still names its state; the actor's own
    qualified forms (المعارضة السورية) are longer matches and never get here."""
    nisba_starts = {c.s for c in chosen if c.key in adjectives and c.key.startswith("ال")}
    return [c for c in chosen if not (c.key in common and c.e + 1 in nisba_starts and t[c.e:c.e + 1] == " ")]


def _bare(word: str) -> set[str]:
    """The word as written and without each proclitic it may carry (بالدولار → الدولار)."""
    out = {word}
    for n in (1, 2):
        if len(word) > n + 2 and word[:n] in PROCLITICS:
            out.add(word[n:])
    return out


def _regime_start(t: str, s: int, regime_words: frozenset[str]) -> int | None:
    """Where ``نظام``/``حكومة``/``إدارة`` starts if it heads the person at ``s`` (titles with
    the article in between are skipped: ونظام الرئيس السوري بشار الأسد)."""
    j = s
    while j > 0 and t[j - 1].isalnum() and s - j < MAX_PROCLITIC:
        j -= 1
    for _ in range(3):
        word = _previous_word(t, j)
        if not word:
            return None
        end = j
        while end > 0 and t[end - 1] == " ":
            end -= 1
        start = end - len(word)
        for n in (0, 1, 2):
            if word[:n] in PROCLITICS and word[n:] in regime_words:
                return start + n
        if not word.startswith("ال"):
            return None
        j = start
    return None


DATELINE_DASHES = "-–—"
DATELINE_MAX = 30  # a dateline/byline opens its line within this many characters


def _in_dateline(t: str, k: int, e: int, colon: bool) -> bool:
    """A capital or outlet in the dateline that opens a line: ``الرياض - واس``,
    ``رويترز - بنغازي``, ``سبق- الرياض:`` (with ``colon``: also ``الرياض: فلان``)."""
    line_start = t.rfind("\n", 0, k) + 1
    if k - line_start > DATELINE_MAX:
        return False
    before = t[line_start:k].rstrip()
    after = t[e:e + 3].lstrip()
    ends = DATELINE_DASHES + (":" if colon else "")
    if not before.strip(" ()"):
        return bool(after) and after[0] in ends
    return before[-1] in DATELINE_DASHES and len(before.split()) <= 4


OPENERS, CLOSERS = "(«\"“'‘[", ")»\"”'’]"


def _enclosed(norm: Normalized, s: int, e: int) -> bool:
    """A nisba standing alone in quotes or brackets is a name, not an adjective: the AFP/DPA
    credit «الفرنسية» / (الألمانية), a film «الجزائري»."""
    a, b = norm.to_original(s, e)
    o = norm.original
    return a > 0 and b < len(o) and o[a - 1] in OPENERS and o[b] in CLOSERS


WEEKDAYS = frozenset(["الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت"])


def _is_first_name(t: str, e: int) -> bool:
    """An indefinite nisba followed by a definite word is a first name with its family name
    (تركي السديري) or a nationality (سعودي الجنسية), not an adjective of an actor: an adjective
    agreeing with an indefinite noun is not followed by a definite one, weekdays aside."""
    j = e
    while j < len(t) and t[j] == " ":
        j += 1
    if j == e:
        return False
    i = j
    while i < len(t) and t[i].isalnum():
        i += 1
    word = t[j:i]
    return word.startswith("ال") and word not in WEEKDAYS


def _previous_word(t: str, k: int) -> str:
    """The word before position ``k`` (skipping spaces), for the patronym filter."""
    j = k
    while j > 0 and t[j - 1] == " ":
        j -= 1
    i = j
    while i > 0 and t[i - 1].isalnum():
        i -= 1
    return t[i:j]
