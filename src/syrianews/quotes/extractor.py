"""``QuoteExtractor``: every direct and indirect quote of an article, with its speaker.

Order of work on one body: pair the quotation marks (:mod:`.marks`), find the verbs of saying
(:mod:`.verbs`) and what each one governs (a quotation mark, إن/أن/بأن, or a colon), name the
speaker of each verb in text order so that continuations can look back (:mod:`.speakers`), then
emit direct quotes (marked spans attributed by a verb before or after them, or continuing the
last source), reported clauses (:mod:`.indirect`), and unmarked speech after a colon."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from ..records import Article
from . import indirect as ind
from .actors import actor_types, speaker_actor
from .lexicon_words import bare, heads, in_list, term_cues
from .marks import ALL_MARKS, Span, outer_spans, scan
from .speakers import History, Speaker, clean_name, name_runs, pronoun_source, subject_after
from .tokens import Token, sentence_ends, tokenize
from .verbs import Trigger, find_triggers

MIN_WORDS = 3
ANCHOR_WINDOW = 25  # tokens between a verb and the إن/quote it governs
OWNER_WINDOW = 60  # tokens between a verb and a quotation it introduces
_GLUED_PREPOSITIONS = {"ب", "ل", "لـ", "بـ", "وب", "ول", "ولـ", "وبـ", "فب", "فل"}
_RELATIVES = {"الذي", "التي", "الذين", "اللذين", "اللتين"}
_LEADING_PARTICLES = {"لكن", "ولكن", "الا", "ان", "كما", "ثم", "بينما", "فيما", "بل", "اما", "و"}


@dataclass
class Anchor:
    kind: str  # that, quote, colon
    k: int | None = None  # token index of the complementiser
    span: Span | None = None
    colon_at: int | None = None


class _Doc:
    """One body with its tokens, marks, sentences and verbs, and the look-ups the rules share."""

    def __init__(self, text: str, mentions: list[dict]):
        self.text = text
        self.toks = tokenize(text)
        self.starts = [t.start for t in self.toks]
        self.mentions = [m for m in mentions if not m.get("in_title")]
        self.marks = scan(text)
        self.outer = outer_spans(self.marks)
        self.quote_spans = [s for s in self.outer if not self._is_term(s)]
        self.open_marks = {s.open_at for s in self.marks.spans}
        self.close_marks = {s.close_at for s in self.marks.spans if s.close_at is not None} | set(self.marks.unopened)
        raw = sentence_ends(text)
        self.raw_ends = raw
        self.ends = [e for e in raw if not self.in_quote(e - 1)]
        self.triggers = [tr for tr in find_triggers(self.toks) if not self._in_term(tr.token.start)]
        self.trig_at = {tr.i: tr for tr in self.triggers}
        para_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
        self.para_starts = para_starts

    # -- positions -------------------------------------------------------------------------
    def tok_index(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def in_quote(self, offset: int) -> Span | None:
        for s in self.quote_spans:
            if s.start <= offset < s.end:
                return s
        return None

    def _in_term(self, offset: int) -> bool:
        return any(s.start <= offset < s.end for s in self.outer if s not in getattr(self, "quote_spans", []))

    def region(self, offset: int) -> tuple[int, int]:
        """The sentence around ``offset``; inside a quotation, the sentence of the quotation."""
        s = self.in_quote(offset)
        if s is not None:
            lo = max([s.start] + [e for e in self.raw_ends if e <= offset and e > s.start])
            hi = min([s.end] + [e for e in self.raw_ends if e > offset and e < s.end])
            return lo, hi
        j = bisect.bisect_right(self.ends, offset)
        lo = self.ends[j - 1] if j > 0 else 0
        hi = self.ends[j] if j < len(self.ends) else len(self.text)
        return lo, hi

    def paragraph(self, offset: int) -> int:
        return bisect.bisect_right(self.para_starts, offset) - 1

    def words(self, a: int, b: int) -> list[Token]:
        return self.toks[self.tok_index(a) : self.tok_index(b)] if a < b else []

    # -- terms -----------------------------------------------------------------------------
    def _is_term(self, s: Span) -> bool:
        """Names and terms in quotation marks, and fragments under three words, are no quotes."""
        inside = [t for t in tokenize(self.text[s.start : s.end])]
        if len(inside) < MIN_WORDS:
            return True
        if s.glued and s.glued.replace("ـ", "") in {g.replace("ـ", "") for g in _GLUED_PREPOSITIONS}:
            return True
        j = self.tok_index(s.open_at) - 1
        if j >= 0 and not self.text[self.toks[j].end : s.open_at].strip(" ") and in_list(self.toks[j].key, term_cues()):
            return True
        if s.close_at is not None:
            k = self.tok_index(s.close_at)
            if k < len(self.toks) and not self.text[s.close_at + 1 : self.toks[k].start].strip(" ،,") and ind.is_complementiser(self.toks[k]):
                return True  # وقالت "القناة المركزية" إن ...: the quoted words are the subject
        a, b = s.start + (len(self.text[s.start : s.end]) - len(self.text[s.start : s.end].lstrip())), s.end
        for m in self.mentions:
            if m["start"] <= a + 2 and m["end"] >= b - 2:
                return True
        return False

    def term_opening_at(self, a: int, b: int) -> bool:
        return any(a <= s.open_at < b for s in self.outer if s not in self.quote_spans)

    def span_opening_at(self, a: int, b: int) -> Span | None:
        for s in self.quote_spans:
            if a <= s.open_at < b:
                return s
        return None


def _anchor(doc: _Doc, tr: Trigger) -> Anchor | None:
    """What a verb of saying governs: the first إن/أن, quotation mark or colon after it."""
    lo, hi = doc.region(tr.token.start)
    toks, text = doc.toks, doc.text
    k = tr.i + 1
    while k < len(toks) and toks[k].start < hi and k - tr.i <= ANCHOR_WINDOW:
        gap_a, gap_b = toks[k - 1].end, toks[k].start
        gap = text[gap_a:gap_b]
        sp = doc.span_opening_at(gap_a, gap_b)
        if ":" in gap:
            colon = gap_a + gap.index(":")
            if sp is not None and sp.open_at > colon:
                return Anchor("quote", span=sp)
            if ind.is_complementiser(toks[k]):
                return Anchor("that", k=k)
            return Anchor("colon", colon_at=colon)
        if sp is not None:
            return Anchor("quote", span=sp)
        if k in doc.trig_at:
            return None
        if ind.is_complementiser(toks[k]):
            return Anchor("that", k=k)
        k += 1
    return None


class _SpeakerFinder:
    """Speakers of the verbs of saying, found in text order with a history of sources."""

    def __init__(self, doc: _Doc, types: dict[str, str]):
        self.doc = doc
        self.types = types
        runs = []
        for run in name_runs(doc.text, doc.toks):
            if len(run) >= 2:
                runs.append(doc.text[run[0].start : run[-1].end])
        self.history = History(runs)
        self.by_trigger: dict[int, Speaker | None] = {}
        self.explicit: dict[int, bool] = {}
        self.snapshots: list[tuple[int, int]] = []  # (offset, history length) for continuations

    def run(self, anchors: dict[int, Anchor | None]) -> None:
        for tr in self.doc.triggers:
            sp, explicit = self._find(tr, anchors.get(tr.i))
            if sp is not None and explicit and (anchors.get(tr.i) is not None or self._names_institution(sp)):
                sp = self.history.resolve(sp)
                if sp.actor_id is None:
                    sp.actor_id = speaker_actor(self.doc.text, self.doc.mentions, sp.start, sp.end, self.types)
                sp.gender = sp.gender or tr.entry.gender
                self.history.add(sp)
            self.by_trigger[tr.i] = sp
            self.explicit[tr.i] = explicit
            self.snapshots.append((tr.token.start, len(self.history.items)))

    def _names_institution(self, sp: Speaker) -> bool:
        """A verb that governs no quote still names a source worth remembering when its subject
        is an institution (كما أعلنت وكالة الأناضول. وأضافت الوكالة أن ...)."""
        if sp.rule != "subject_after" or self.doc.in_quote(sp.start or 0):
            return False
        first = tokenize(sp.surface or "")[:1]
        return bool(first) and in_list(first[0].key, heads())

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
        limit = anchor.k if anchor and anchor.k is not None else doc.tok_index(anchor.span.open_at) if anchor and anchor.span else doc.tok_index(anchor.colon_at) if anchor and anchor.colon_at is not None else min(tr.i + 13, doc.tok_index(hi))
        gender = tr.entry.gender
        kind = tr.entry.kind
        if kind == "attribution":
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
        if kind in ("participle", "masdar"):
            return self._dependent(tr, lo, gender), False
        # a finite verb
        relay = pronoun_source(toks, tr.i, limit)
        if relay is not None:
            return self._dependent(tr, lo, relay), False
        j = tr.i
        if tr.i + 1 < limit and toks[tr.i + 1].key == "عن":
            j = tr.i + 1  # نقل عن المتحدث قوله
        # a quoted name right after the verb (وقالت "القناة المركزية ..." إن، تابع "خلفان")
        nxt = doc.tok_index(tr.token.end)
        for s in doc.outer:
            if s not in doc.quote_spans and tr.token.end <= s.open_at and not text[tr.token.end : s.open_at].strip(" ") and s.end <= (toks[limit].start if limit < len(toks) else len(text)):
                name = text[s.start : s.end].strip()
                return Speaker(name, text[s.open_at : (s.close_at or s.end) + 1], "subject_after", gender, None, s.start, s.end, tuple(t.key for t in tokenize(name))), True
        _ = nxt
        subj = subject_after(text, toks, j, limit, doc.term_opening_at)
        if subj:
            sp = self._named(subj, "subject_after", gender)
            if sp:
                return sp, True
        before = self._subject_before(tr, lo)
        if before is not None:
            return before, True
        return self._dependent(tr, lo, gender), False

    def _subject_before(self, tr: Trigger, lo: int) -> Speaker | None:
        doc, toks, text = self.doc, self.doc.toks, self.doc.text
        k = tr.i - 1
        seq: list[Token] = []
        while k >= 0 and toks[k].start >= lo:
            t = toks[k]
            gap = text[t.end : (seq[0].start if seq else tr.token.start)]
            if any(ch in gap for ch in ":؛;") or (doc.in_quote(t.start) and not doc.in_quote(tr.token.start)):
                break
            if ind.is_complementiser(t) or k in doc.trig_at:
                break
            seq.insert(0, t)
            k -= 1
            if len(seq) > 12:
                return None
        if not seq:
            return None
        if seq[-1].key in _RELATIVES:
            ante = seq[:-1][-6:]
            runs = name_runs(text, ante)
            ms = [m for m in doc.mentions if ante and ante[0].start <= m["start"] and m["end"] <= seq[-1].start and self.types.get(m["actor_id"]) == "person"]
            if ms:
                m = ms[-1]
                return Speaker(text[m["start"] : m["end"]], text[m["start"] : m["end"]], "relative", tr.entry.gender, m["actor_id"], m["start"], m["end"], ())
            if runs:
                r = runs[-1]
                return self._named(r, "relative", tr.entry.gender)
            return None
        while seq and seq[0].key in _LEADING_PARTICLES:
            seq = seq[1:]
        if not seq or len(seq) > 10:
            return None
        first = bare(seq[0].key)
        from .lexicon_words import stops

        if any(v in stops() for v in first) or seq[0].key.startswith(("وفي", "وحول", "وعند", "وعلى", "ومن")):
            return None
        return self._named(seq, "subject_before", tr.entry.gender)

    def _clause_subject(self, tr: Trigger, lo: int) -> Speaker | None:
        """The explicit speaker of an earlier finite verb in the same sentence."""
        for prev in reversed(self.doc.triggers):
            if prev.i >= tr.i or prev.token.start < lo:
                continue
            sp = self.by_trigger.get(prev.i)
            if sp is not None and prev.entry.kind == "verb":
                return sp
        return None

    def _dependent(self, tr: Trigger, lo: int, gender: str) -> Speaker | None:
        sp = self._clause_subject(tr, lo)
        if sp is not None:
            return Speaker(sp.name, sp.surface, "clause_subject", sp.gender, sp.actor_id, sp.start, sp.end, sp.keys)
        prev = self.last_before(tr.token.start, gender)
        if prev is not None:
            return Speaker(prev.name, None, "continuation", prev.gender, prev.actor_id, prev.start, prev.end, prev.keys)
        return None


def find_quotes(text: str, mentions: list[dict] | None = None, types: dict[str, str] | None = None) -> list[dict]:
    """Quote rows (without ids) for one body, in text order."""
    doc = _Doc(text, mentions or [])
    types = types if types is not None else actor_types()
    anchors = {tr.i: _anchor(doc, tr) for tr in doc.triggers}
    finder = _SpeakerFinder(doc, types)
    finder.run(anchors)
    rows: list[dict] = []

    def row(kind: str, a: int, b: int, tr: Trigger | None, sp: Speaker | None, rule: str | None = None) -> dict:
        lo, hi = doc.region(a)
        return {
            "kind": kind,
            "text": text[a:b],
            "start": a,
            "end": b,
            "speaker": sp.name if sp else None,
            "speaker_actor_id": sp.actor_id if sp else None,
            "verb": tr.token.text if tr else None,
            "verb_start": tr.token.start if tr else None,
            "speech_act": tr.entry.speech_act if tr else None,
            "paragraph": doc.paragraph(a),
            "sentence": text[min(lo, tr.token.start if tr else lo) : max(hi, b)].strip(),
            "speaker_surface": sp.surface if sp else None,
            "speaker_rule": rule or (sp.rule if sp else None),
            "n_words": len(tokenize(text[a:b])),
        }

    # direct quotes: marked spans
    owned: dict[int, Trigger] = {}
    for s in doc.quote_spans:
        tr = _owner(doc, s, anchors)
        if tr is not None:
            owned[s.open_at] = tr
            rows.append(row("direct", s.start, s.end, tr, finder.by_trigger.get(tr.i)))
        elif _sentence_initial(doc, s.open_at):
            sp = finder.last_before(s.open_at)
            rows.append(row("direct", s.start, s.end, None, sp, "continuation"))
    # closing marks never opened, in a paragraph that no verb of saying introduces: the source's words
    for c in doc.marks.unopened:
        p0 = doc.para_starts[doc.paragraph(c)]
        if doc.in_quote(c) or any(p0 <= tr.token.start < c for tr in doc.triggers):
            continue
        a = ind.trim_start(text, p0, c)
        b = ind.trim_end(text, a, c, doc.open_marks, doc.close_marks)
        if len(tokenize(text[a:b])) >= MIN_WORDS:
            rows.append(row("direct", a, b, None, finder.last_before(a), "continuation"))
    # reported speech and unmarked speech after a colon
    for tr in doc.triggers:
        an = anchors.get(tr.i)
        if an is None or an.kind == "quote":
            continue
        sp = finder.by_trigger.get(tr.i)
        if an.kind == "colon":
            a = ind.trim_start(text, an.colon_at + 1, len(text))
            if doc.span_opening_at(an.colon_at, a + 1):
                continue
            _, hi = doc.region(a)
            b = ind.trim_end(text, a, hi, doc.open_marks, doc.close_marks)
            if len(tokenize(text[a:b])) >= MIN_WORDS:
                rows.append(row("direct", a, b, tr, sp))
            continue
        k = an.k
        if k + 1 >= len(doc.toks):
            continue
        after = text[doc.toks[k].end :].lstrip(" :")
        if after[:1] in ALL_MARKS and doc.span_opening_at(doc.toks[k].end, doc.toks[k + 1].start):
            continue  # إن "...": a direct quote
        a = doc.toks[k + 1].start
        lo, hi = doc.region(doc.toks[k].start)
        boundaries = _clause_boundaries(doc, k, hi)
        b = ind.clause_end(text, a, hi, boundaries, doc.open_marks, doc.close_marks)
        if len(tokenize(text[a:b])) < 2:
            continue
        inner = [(s.start, s.end) for s in doc.quote_spans if a <= s.open_at and s.end <= b + 1]
        if inner and ind.outside_words(doc.toks, a, b, inner) <= 2:
            continue  # the clause is a quotation: only the direct quote counts
        if any(a <= s.open_at < b and owned.get(s.open_at) is not None and owned[s.open_at].entry.kind == "verb" and a <= owned[s.open_at].token.start < b for s in doc.quote_spans):
            continue  # reported speech that only carries another source's direct quote
        rows.append(row("indirect", a, b, tr, sp))
    seen, out = set(), []
    for r in sorted(rows, key=lambda r: (r["start"], r["end"], r["kind"])):
        key = (r["kind"], r["start"], r["end"])
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _owner(doc: _Doc, s: Span, anchors: dict[int, Anchor | None]) -> Trigger | None:
    """The verb of saying that introduces a quotation: the nearest one before it in its
    sentence, else one right after it (« ... »، قال المتحدث)."""
    lo, _ = doc.region(s.open_at)
    home = doc.in_quote(s.open_at - 1) if s.open_at > 0 else None
    best = None
    first_tok = doc.tok_index(s.open_at)
    for tr in doc.triggers:
        if tr.token.start >= s.open_at:
            break
        if tr.token.start < lo or first_tok - tr.i > OWNER_WINDOW:
            continue
        if doc.in_quote(tr.token.start) is not home:
            continue
        best = tr
    if best is not None:
        return best
    if s.close_at is None:
        return None
    k = doc.tok_index(s.close_at)
    if k < len(doc.toks) and not doc.text[s.close_at + 1 : doc.toks[k].start].strip(" ،,-–") and k in doc.trig_at:
        tr = doc.trig_at[k]
        if tr.entry.kind == "verb" and anchors.get(k) is None:
            return tr
    return None


def _sentence_initial(doc: _Doc, offset: int) -> bool:
    lo, _ = doc.region(offset)
    before = [t for t in doc.words(lo, offset)]
    return all(t.key in ("و", "ف") for t in before)


def _clause_boundaries(doc: _Doc, k: int, hi: int) -> list[int]:
    """Offsets where a new act of saying takes over inside a reported clause."""
    out = []
    text, toks = doc.text, doc.toks
    for tr in doc.triggers:
        if tr.i <= k or tr.token.start >= hi:
            continue
        prev = toks[tr.i - 1]
        gap = text[prev.end : tr.token.start]
        if "،" in gap or "," in gap:
            out.append(prev.end + min(i for i in (gap.find("،"), gap.find(",")) if i >= 0))
        elif prev.key in ind.RELATIVE_ANTECEDENT:
            out.append(prev.start)
        elif prev.key in ("في",) and tr.i >= 2:
            g2 = text[toks[tr.i - 2].end : prev.start]
            if "،" in g2 or "," in g2:
                out.append(toks[tr.i - 2].end)
    return sorted(out)


class QuoteExtractor:
    """Fills the ``quotes`` table; reads the mention rows found before it for speaker actors."""

    name = "quotes"
    tables = ("quotes",)

    def __init__(self, types: dict[str, str] | None = None):
        self.types = types if types is not None else actor_types()

    def extract(self, article: Article, found: dict[str, list[dict]]) -> dict[str, list[dict]]:
        rows = find_quotes(article.body, found.get("mentions", []), self.types)
        for n, r in enumerate(rows, 1):
            r["quote_id"] = f"{article.article_id}-q{n:03d}"
            r["article_id"] = article.article_id
        return {"quotes": rows}
