"""Speakers of the verbs of saying of one article, found in text order so that continuations
(وأضافت، مشيرا، المصدر) can look back at the sources named before them."""
from __future__ import annotations

from . import indirect as ind
from .actors import speaker_actor
from .document import Anchor, Doc, subject_limit
from .lexicon_words import bare, heads, in_list, is_stop, source_kind, stops, titles
from .speakers import History, Speaker, _addressee, clean_name, name_runs, pronoun_source, subject_after, trim_run
from .tokens import Token, only_space_between, tokenize
from .verbs import Trigger

KANA_SUBJECT_WORDS = 8  # longest subject between كان and its verb of saying, in words (one more is read)
SUBJECT_BEFORE_WORDS = 16  # longest subject before its verb (a plural one: مصادر أردنية مطلعة ...)
SUBJECT_BEFORE_WORDS_SINGULAR = 10  # ... and before a verb of singular agreement, unless it is a quoted name
_PREPOSITIONS = frozenset({"من", "في", "عن", "على", "الى", "إلى", "بعد", "قبل", "خلال"})
_SAYING_OF = {"قوله": "m", "قولها": "f", "قولهم": "p"}  # the masdar with its speaker's pronoun
_TO_PRONOUNS = frozenset({"لي", "لنا", "له", "لها", "لهم", "لك", "لكم", "فيه", "فيها"})
_IN_IT = frozenset({"فيه", "فيها"})  # قال فيه: in the article or interview just named
_KANA = frozenset({"كان", "كانت", "كانوا", "كانا", "كانتا"})
_RELATIVES = {"الذي", "التي", "الذين", "اللذين", "اللتين"}
_LEADING_PARTICLES = {"لكن", "ولكن", "الا", "ان", "كما", "ثم", "بينما", "فيما", "بل", "اما", "و", "كان", "وكان", "كانت", "وكانت", "قد", "وقد"}


def _ends_at_relative(run: list[Token], between: list[Token]) -> bool:
    """A name stands right before its relative pronoun, or with at most two words of role or
    origin between (عادل الجبير السعودي الذي): not with a prepositional phrase between
    (هوية مشتبه به مرتبط بالهجوم الذي ...), where the antecedent is the last noun, no name."""
    return len(between) <= 2 and not any(t.key.startswith(("بال", "لل", "كال", "وبال", "ولل")) for t in run[1:] + between)


def article_runs(doc: Doc) -> list[tuple[str, list[str]]]:
    """Name runs of two words or more in the whole article, with their keys (the fuller
    forms a short name may stand for)."""
    runs = []
    for run in name_runs(doc.text, doc.toks, doc.joined):
        if len(run) >= 2:
            run = trim_run(run)
            if len(run) >= 2:
                runs.append((doc.text[run[0].start : run[-1].end], [t.key for t in run]))
    return runs


class SpeakerFinder:
    """Speakers of the verbs of saying, found in text order with a history of sources."""

    def __init__(self, doc: Doc, types: dict[str, str]):
        self.doc = doc
        self.types = types
        # a closure over the doc, not a bound method: History is kept by self, and a cycle would
        # keep every article's tokens alive until the garbage collector's next full pass
        self.history = History(lambda: article_runs(doc), doc.text, doc.toks)
        self.by_trigger: dict[int, Speaker | None] = {}
        self.explicit: dict[int, bool] = {}
        self.snapshots: list[tuple[int, int]] = []  # (offset, history length) for continuations

    def run(self, anchors: dict[int, Anchor | None]) -> None:
        for tr in self.doc.triggers:
            sp, explicit = self._find(tr, anchors.get(tr.i))
            if sp is not None and explicit:
                if not self._catalogued_group(sp):
                    sp = self.history.resolve(sp)
                if sp.actor_id is None:
                    sp.actor_id = speaker_actor(self.doc.text, self.doc.mentions, sp.start, sp.end, self.types)
                if sp.actor_id is None:
                    sp.actor_id = self._actor_elsewhere(sp)
                sp.gender = sp.gender or tr.entry.gender
            if sp is not None and (anchors.get(tr.i) is not None or (explicit and self._names_institution(sp))):
                self.history.add(sp)
            self.by_trigger[tr.i] = sp
            self.explicit[tr.i] = explicit
            self.snapshots.append((tr.token.start, len(self.history.items)))

    def _actor_elsewhere(self, sp: Speaker) -> str | None:
        """No actor in the speaker phrase: one written where the article spells the speaker's
        full name (رجب طيب أردوغان for a later ارودغان)."""
        doc = self.doc
        if sp.name and len(sp.name) >= 4:
            i = doc.text.find(sp.name)
            while i >= 0:
                found = speaker_actor(doc.text, doc.mentions, i, i + len(sp.name), self.types)
                if found:
                    return found
                i = doc.text.find(sp.name, i + 1)
        return None

    def _catalogued_group(self, sp: Speaker) -> bool:
        """A speaker that is, word for word, a catalogued state or group (وتقول مصر إن ...):
        it needs no fuller form."""
        if sp.start is None or sp.end is None or not sp.name:
            return False
        for m in self.doc.mentions:
            if m["start"] <= sp.start and sp.end <= m["end"] + 1 and self.types.get(m["actor_id"]) not in (None, "person"):
                return True
        return False

    def _names_institution(self, sp: Speaker) -> bool:
        """A verb that governs no quote still names a source worth remembering when its subject
        is an institution (كما أعلنت وكالة الأناضول. وأضافت الوكالة أن ...)."""
        if sp.rule != "subject_after" or self.doc.in_quote(sp.start or 0):
            return False
        first = tokenize(sp.surface or "")[:1]
        quoted = (sp.surface or "")[:1] in "\"“”«„"
        return quoted or (bool(first) and in_list(first[0].key, heads()))

    def last_before(self, offset: int, gender: str = "") -> Speaker | None:
        n = 0
        for off, size in self.snapshots:
            if off < offset:
                n = size
        saved = self.history.items
        try:
            self.history.items = saved[:n]
            return self.history.last(gender)
        finally:
            self.history.items = saved

    def _named(self, toks: list[Token], rule: str, gender: str) -> Speaker | None:
        name, surface, a, b = clean_name(self.doc.text, toks)
        if not name:
            return None
        if surface and "(" in surface:
            rule = "parenthesis"
        return Speaker(name, surface, rule, gender, None, a, b, tuple(t.key for t in tokenize(surface or "")))

    def _find(self, tr: Trigger, anchor: Anchor | None) -> tuple[Speaker | None, bool]:
        doc, toks, text = self.doc, self.doc.toks, self.doc.text
        lo, hi = doc.region(tr.token.start)
        limit = subject_limit(doc, tr, anchor, hi)
        gender = tr.entry.gender
        kind = tr.entry.kind
        if kind == "attribution":
            if gender:  # وبحسبه، حسبها: the pronoun is the last source of that gender
                return self._dependent(tr, lo, gender), False
            earlier = self._clause_subject(tr, lo)
            if earlier is not None:
                return earlier, False
            j = tr.i + 1
            while j < limit and toks[j].key in ("ما", "عن", "ل", "لـ"):
                j += 1
            if j < limit and toks[j].key in ("عنه", "عنها"):
                return self._dependent(tr, lo, "m" if toks[j].key == "عنه" else "f"), False
            if j < limit and j in doc.trig_at:
                return self._dependent(tr, lo, gender), False
            subj = subject_after(text, toks, j - 1, limit, doc.term_opening_at)
            sp = self._named(subj, "attribution", "")
            if sp and sp.name and toks[j].key.startswith("لل"):
                sp.name = "ال" + sp.name[2:] if sp.name.startswith("لل") else sp.name
            return (sp, True) if sp else (self._dependent(tr, lo, gender), False)
        if kind == "masdar" and tr.token.key in _SAYING_OF:
            relayed = self._relayed_source(tr, lo, limit)
            if relayed is not None:
                return relayed, True
        if kind in ("participle", "masdar"):
            return self._dependent(tr, lo, gender), False
        if kind == "noun":  # قول مسؤولين إن: the source is the genitive after the noun
            subj = subject_after(text, toks, tr.i, limit, doc.term_opening_at)
            sp = self._named(subj, "subject_after", gender) if subj else None
            return (sp, True) if sp else (self._dependent(tr, lo, gender), False)
        # a finite verb
        if tr.i > 0 and toks[tr.i - 1].key in _PREPOSITIONS and toks[tr.i - 1].start >= lo:
            return self._dependent(tr, lo, ""), False  # تمكنت من كشف ملابساتها: a masdar, not a verb (no gender)
        relay = pronoun_source(toks, tr.i, limit)
        if relay is not None:
            return self._dependent(tr, lo, relay), False
        j = tr.i
        if tr.i + 1 < limit and toks[tr.i + 1].key == "عن":
            j = tr.i + 1  # نقل عن المتحدث قوله
        elif tr.i + 1 < limit and toks[tr.i + 1].key in _TO_PRONOUNS:
            j = tr.i + 1  # قال لنا الوزير، قالت لي: to whom, the subject comes after (or before) it
        # a quoted name right after the verb (وقالت "القناة المركزية ..." إن، تابع "خلفان")
        for s in doc.terms:
            if tr.token.end <= s.open_at and not text[tr.token.end : s.open_at].strip(" ") and s.end <= (toks[limit].start if limit < len(toks) else len(text)):
                name = text[s.start : s.end].strip()
                return Speaker(name, text[s.open_at : (s.close_at or s.end) + 1], "subject_after", gender, None, s.start, s.end, tuple(t.key for t in tokenize(name))), True
        kana = self._kana_subject(tr, lo)
        if kana is not None:
            return kana, True
        subj = subject_after(text, toks, j, limit, doc.term_opening_at)
        if j + 1 < len(toks) and (toks[j + 1].key.startswith(("بال", "لل", "وبال", "كال")) or _addressee(toks[j + 1])):
            subj = []  # أشاد بالمشروع، قال للصحفيين، قال لوكالة الأنباء: an object, the subject is left out
        subj = self._issuer(subj, limit)
        if subj:
            sp = self._named(subj, "subject_after", gender)
            if sp:
                return sp, True
        before = self._subject_before(tr, lo)
        if before is not None:
            return before, True
        if tr.i + 1 < len(toks) and toks[tr.i + 1].key in _IN_IT:
            named = self._last_name_before(tr, lo)
            if named is not None:
                return named, True
        return self._dependent(tr, lo, gender), False

    def _relayed_source(self, tr: Trigger, lo: int, limit: int) -> Speaker | None:
        """ونقلت الوكالة عن المتحدث باسم الكرملين قوله إن ...: the one the relaying verb quotes
        (after its عن) says the words, not the outlet that relays them."""
        doc, toks = self.doc, self.doc.toks
        relay = next((t for t in doc.triggers if lo <= t.token.start and t.i < tr.i and t.entry.lemma == "نقل" and t.entry.kind == "verb"), None)
        if relay is None:
            return None
        at = [k for k in range(relay.i + 1, tr.i) if toks[k].key == "عن"]
        if not at:
            return None
        subj = subject_after(doc.text, toks, at[-1], tr.i, doc.term_opening_at)
        return self._named(subj, "subject_after", _SAYING_OF[tr.token.key]) if subj else None

    def _last_name_before(self, tr: Trigger, lo: int) -> Speaker | None:
        """مقالا للكاتب ديفد إجنيشاس قال فيه، مقابلة مع أبي مالك ...، قال فيها: the one who
        speaks "in it" is the person named last before the verb in its sentence."""
        doc, text = self.doc, self.doc.text
        ms = [m for m in doc.mentions if lo <= m["start"] and m["end"] <= tr.token.start and self.types.get(m["actor_id"]) == "person"]
        toks = doc.toks
        runs = [  # a name: right before the verb, before its relative pronoun, or after a title
            r for r in name_runs(text, doc.words(lo, tr.token.start))
            if len(r) >= 2 and (r[-1].i + 1 == tr.i or toks[r[-1].i + 1].key in _RELATIVES or (r[0].i > 0 and in_list(toks[r[0].i - 1].key, titles())))
        ]
        if ms and (not runs or ms[-1]["start"] >= runs[-1][0].start):
            m = ms[-1]
            name = text[m["start"] : m["end"]]
            return Speaker(name, name, "named_before", tr.entry.gender, m["actor_id"], m["start"], m["end"], tuple(x.key for x in tokenize(name)))
        if runs:
            sp = self._named(trim_run(runs[-1]), "named_before", tr.entry.gender)
            if sp is not None:
                sp = self.history.resolve(sp)
                sp.actor_id = sp.actor_id or speaker_actor(text, doc.mentions, sp.start, sp.end, self.types)
            return sp
        return None

    def _clause_agent(self, tr: Trigger, lo: int) -> Speaker | None:
        """The subject of the clause a verb of saying continues, where no verb of saying came
        before it in the sentence (وتأوي تركيا ... وقالت إن، ووثق التقرير ...، لافتاً أن): a
        catalogued actor or a source's head right after the verb that opens the last clause."""
        doc, toks, text = self.doc, self.doc.toks, self.doc.text
        first = doc.tok_index(lo)
        for k in range(tr.i - 2, first - 1, -1):
            if k in doc.trig_at or doc.in_quote(toks[k].start):
                return None  # another act of saying, or a source's words, in between
            t, nxt = toks[k], toks[k + 1]
            if not (k == first or (t.key.startswith("و") and len(t.key) >= 4)) or in_list(t.key, titles()) or in_list(t.key, heads()):
                continue
            if any(m["start"] <= t.start < m["end"] for m in doc.mentions) or not only_space_between(text, t.end, nxt.start):
                continue
            m = next((m for m in doc.mentions if m["start"] == nxt.start and m["end"] <= tr.token.start), None)
            if m is not None:
                name = text[m["start"] : m["end"]]
                return Speaker(name, name, "clause_agent", tr.entry.gender, m["actor_id"], m["start"], m["end"], tuple(x.key for x in tokenize(name)))
            if nxt.key.startswith("ال") and in_list(nxt.key, heads()):
                sp = self._named(subject_after(text, toks, k, tr.i, doc.term_opening_at), "clause_agent", tr.entry.gender)
                if sp is not None:
                    sp = self.history.resolve(sp)
                    sp.actor_id = sp.actor_id or speaker_actor(text, doc.mentions, sp.start, sp.end, self.types)
                    return sp
        return None

    def _issuer(self, subj: list[Token], limit: int) -> list[Token]:
        """بيان صادر عن قيادة الجيش، بيان للجماعة: a document speaks for the one who issued it."""
        toks, text = self.doc.toks, self.doc.text
        if not subj or source_kind(subj[0].key) != "document" or subj[0].key.startswith("ال"):
            return subj
        k = subj[0].i + 1
        while k < limit and toks[k].key in ("صادر", "صادره", "الصادر", "الصادره"):
            k += 1
        if k < limit and toks[k].key in ("عن", "من"):
            found = subject_after(text, toks, k, limit, self.doc.term_opening_at)
            return found or subj
        if k < limit and toks[k].key.startswith("ل") and len(toks[k].key) > 3 and k == subj[0].i + 1:
            return subject_after(text, toks, k - 1, limit, self.doc.term_opening_at) or subj
        return subj

    def _kana_subject(self, tr: Trigger, lo: int) -> Speaker | None:
        """The subject between كان and its verb (وكانت الحكومة التركية أكدت، وكان الوزير قد
        قال): in that order the subject stands before the verb of saying."""
        doc, toks, text = self.doc, self.doc.toks, self.doc.text
        k = tr.i - 1
        while k >= 0 and toks[k].key in ("قد", "لقد") and toks[k].start >= lo:
            k -= 1
        seq: list[Token] = []
        while k >= 0 and toks[k].start >= lo and len(seq) <= KANA_SUBJECT_WORDS:
            t = toks[k]
            gap = text[t.end : (seq[0].start if seq else toks[k + 1].start)]
            if any(ch in gap for ch in ":؛;،,.\"“”«»") or k in doc.trig_at or ind.is_complementiser(t):
                return None
            if t.key in _KANA or (t.key[:1] == "و" and t.key[1:] in _KANA):
                break
            seq.insert(0, t)
            k -= 1
        else:
            return None
        if not seq or is_stop(seq[0]) or any(is_stop(t) for t in seq[:1]):
            return None
        return self._named(seq, "subject_before", tr.entry.gender)

    def _subject_before(self, tr: Trigger, lo: int) -> Speaker | None:
        """The subject written before its verb (مصادر أردنية ... قالت لـ«عكاظ» إن), or the
        antecedent of a relative pronoun (عبدالله النسور الذي أعلن ... أن)."""
        doc, toks, text = self.doc, self.doc.toks, self.doc.text
        if tr.i > 0 and toks[tr.i - 1].key in _RELATIVES and toks[tr.i - 1].start >= lo:
            r0 = max(0, tr.i - 7)
            ante = [t for t in toks[r0 : tr.i - 1] if t.start >= lo]
            ms = [m for m in doc.mentions if ante and ante[0].start <= m["start"] and m["end"] <= toks[tr.i - 1].start and self.types.get(m["actor_id"]) == "person"]
            if ms:
                m = ms[-1]
                return Speaker(text[m["start"] : m["end"]], text[m["start"] : m["end"]], "relative", tr.entry.gender, m["actor_id"], m["start"], m["end"], ())
            runs = name_runs(text, ante)
            if not runs or not _ends_at_relative(runs[-1], list(toks[runs[-1][-1].i + 1 : tr.i - 1])):
                return None
            return self._named(runs[-1], "relative", tr.entry.gender)
        k = tr.i - 1
        seq: list[Token] = []
        after_comma: list[Token] | None = None  # the words between the verb and the nearest comma before it
        while k >= 0 and toks[k].start >= lo:
            t = toks[k]
            gap = text[t.end : (seq[0].start if seq else tr.token.start)]
            if any(ch in gap for ch in ":؛;") or (doc.in_quote(t.start) and not doc.in_quote(tr.token.start)):
                break
            if ind.is_complementiser(t) or k in doc.trig_at:
                break
            if after_comma is None and seq and any(ch in gap for ch in "،,"):
                after_comma = list(seq)
            seq.insert(0, t)
            k -= 1
            if len(seq) > SUBJECT_BEFORE_WORDS:
                break
        if k >= 0 and k in doc.trig_at and doc.trig_at[k].entry.kind in ("participle", "masdar"):
            return None  # مبدياً اتفاق الطرفين، وبين ...: the participle's object, not a subject
        found = self._source_phrase(tr, seq) if len(seq) <= SUBJECT_BEFORE_WORDS else None
        if found is None and after_comma and len(after_comma) >= 2:
            return self._source_phrase(tr, after_comma)  # ...، لكن صحيفة «يني شفق» المؤيدة للحكومة قالت
        return found

    def _source_phrase(self, tr: Trigger, seq: list[Token]) -> Speaker | None:
        """The words before a verb as its subject, if they look like a source."""
        doc, text = self.doc, self.doc.text
        while seq and seq[0].key in _LEADING_PARTICLES:
            seq = seq[1:]
        quoted_name = bool(seq) and doc.term_opening_at(seq[0].start - 1, seq[0].start)
        if not seq or (len(seq) > (SUBJECT_BEFORE_WORDS if tr.entry.gender == "p" else SUBJECT_BEFORE_WORDS_SINGULAR) and not quoted_name):
            return None
        first = bare(seq[0].key)
        if any(v in stops() for v in first) or seq[0].key.startswith(("وفي", "وحول", "وعند", "وعلى", "ومن")):
            return None
        # it must look like a source: a title or an institution first, a quoted or bracketed
        # name, or a short phrase naming a catalogue actor (مصادر أردنية ... قالت، روسيا قالت)
        sourceish = (
            in_list(seq[0].key, titles())
            or in_list(seq[0].key, heads())
            or quoted_name
            or "(" in text[seq[0].start : seq[-1].end + 1]
            or (len(seq) <= 3 and any(seq[0].start <= m["start"] and m["end"] <= seq[-1].end for m in doc.mentions))
        )
        if not sourceish:
            return None
        return self._named(seq, "subject_before", tr.entry.gender)

    def _main_verb(self, tr: Trigger, lo: int) -> Trigger | None:
        """The first finite verb of saying in the sentence before ``tr``: the clause that a
        participle or masdar hangs on (وأوضح X أن ...، مشيرا إلى أن ...)."""
        for prev in self.doc.triggers:
            if prev.i >= tr.i:
                return None
            if prev.token.start >= lo and prev.entry.kind == "verb" and self.by_trigger.get(prev.i) is not None:
                return prev
        return None

    def _clause_subject(self, tr: Trigger, lo: int) -> Speaker | None:
        main = self._main_verb(tr, lo)
        if main is not None and self.explicit.get(main.i):
            return self.by_trigger[main.i]
        return None

    def _dependent(self, tr: Trigger, lo: int, gender: str) -> Speaker | None:
        main = self._main_verb(tr, lo)
        if main is not None:
            sp = self.by_trigger[main.i]
            return Speaker(sp.name, sp.surface, "clause_subject", sp.gender, sp.actor_id, sp.start, sp.end, sp.keys)
        agent = self._clause_agent(tr, lo)
        if agent is not None:
            return agent
        prev = self.last_before(tr.token.start, gender)
        if prev is not None:
            return Speaker(prev.name, None, "continuation", prev.gender, prev.actor_id, prev.start, prev.end, prev.keys)
        # no source yet: the first name of the sentence (هاجم ... الفريق ضاحي خلفان، ... واصفا إياه بأنه)
        colon = self.doc.text.rfind(":", lo, tr.token.start)
        runs = name_runs(self.doc.text, [t for t in self.doc.words(max(lo, colon + 1), tr.token.start)])
        runs = [r for r in runs if len(r) >= 2 and r[0].i > 0 and in_list(self.doc.toks[r[0].i - 1].key, titles())]
        if runs:
            sp = self._named(runs[0], "sentence_subject", gender)
            if sp is not None:
                sp.actor_id = speaker_actor(self.doc.text, self.doc.mentions, sp.start, sp.end, self.types)
                self.history.add(sp)
            return sp
        return None

