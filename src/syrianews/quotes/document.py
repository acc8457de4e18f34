"""One article body prepared for the quote rules: tokens, paired quotation marks (and which
of them are mere names or terms), sentences, verbs of saying, and what each verb governs."""
from __future__ import annotations

import bisect
from dataclasses import dataclass

from . import indirect as ind
from .lexicon_words import heads, in_list, masdar_before, no_speaker_before, not_complementisers, term_cues, titles
from .marks import Span, outer_spans, scan
from ..document import Document
from ..document.tokens import joined_by, newlines, split_words, words
from .tokens import SPACES, Token, sentence_ends
from .verbs import Trigger, find_triggers, lookup

MIN_WORDS = 3
NAME_WORDS = 6  # a quoted phrase of defined words up to this long is a name, not a sentence
ANCHOR_WINDOW = 25  # tokens between a verb and the إن/quote it governs
FEELING_SUBJECT = 8  # words of a subject between أعرب and its عن
FEELING_WINDOW = 3  # أعرب عن أمله بأن، عبر عن قلقه من أن: the complementiser follows the feeling
_FEELING_VERBS = frozenset({"أعرب", "عبر"})  # lemmas that govern a clause through a feeling (عن أمله)
SUBJECT_WINDOW = 13  # tokens after a verb that governs nothing where its subject may stand
_GLUED_PREPOSITIONS = {"ب", "ل", "لـ", "بـ", "وب", "ول", "ولـ", "وبـ", "فب", "فل"}


@dataclass
class Anchor:
    kind: str  # that, quote, colon
    k: int | None = None  # token index of the complementiser
    span: Span | None = None
    colon_at: int | None = None


class Doc:
    """One body with its tokens, marks, sentences and verbs, and the look-ups the rules share."""

    def __init__(self, text: str, mentions: list[dict], document: Document | None = None):
        """``document``: the article's shared analysis, whose body is ``text`` (its words, marks
        and sentences are read from it, not computed again)."""
        if document is not None and document.body != text:
            raise ValueError("the document's body is not the text")
        self.text = text
        self.toks = document.words if document is not None else words(text)
        self._document = document
        self._joined: list[bool] | None = None
        self.starts = [t.start for t in self.toks]
        self.mentions = [m for m in mentions if not m.get("in_title")]
        self.marks = document.marks if document is not None else scan(text)
        self.outer = outer_spans(self.marks)
        self.quote_spans = [s for s in self.outer if not self._is_term(s)]
        self.terms = [s for s in self.outer if all(s is not q for q in self.quote_spans)]
        self.open_marks = {s.open_at for s in self.marks.spans}
        self.close_marks = {s.close_at for s in self.marks.spans if s.close_at is not None} | set(self.marks.unopened)
        raw = document.sentence_ends if document is not None else sentence_ends(text)
        self.raw_ends = raw
        self.ends = [e for e in raw if not self.in_quote(e - 1)]
        self.triggers = [tr for tr in find_triggers(self.toks) if not self._in_term(tr.token.start) and not self._masdar(tr)]
        self.trig_at = {tr.i: tr for tr in self.triggers}
        self.anchors: dict[int, Anchor | None] = {}  # token index of a verb → what it governs (anchor_of)
        para_starts = [0] + [i + 1 for i in newlines(text)]
        self.para_starts = para_starts

    @property
    def joined(self) -> list[bool]:
        """Per token: only spaces between it and the token before (the shared document's)."""
        if self._document is not None:
            return self._document.joined
        if self._joined is None:  # a bare text (tests): cut it the document's way
            self._joined = joined_by(split_words(self.text), SPACES)
        return self._joined

    # -- positions -------------------------------------------------------------------------
    def tok_index(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def in_quote(self, offset: int) -> Span | None:
        for s in self.quote_spans:
            if s.start <= offset < s.end:
                return s
        return None

    def _masdar(self, tr: Trigger) -> bool:
        """رافضا كشف هويته، عدم ذكر اسمه: a verb form right after such a word is its object."""
        return tr.i > 0 and self.toks[tr.i - 1].key in masdar_before()

    def _in_term(self, offset: int) -> bool:
        return any(s.start <= offset < s.end for s in self.terms)

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
        inside = self.words(s.start, s.end)  # marks are no word characters: the same tokens
        if len(inside) < MIN_WORDS or all(len(t.key) <= 2 for t in inside):
            return True  # fragments, and spelled-out acronyms (بي بي سي)
        if len(inside) <= NAME_WORDS and inside[0].key.startswith("ال") and all(t.key.startswith(("ال", "لل", "وال")) or t.key in ("في", "من") for t in inside):
            return True  # «المطبخ الإنتاجي التدريبي»، «القوة السورية الجديدة»: a defined noun and its adjectives name a thing
        if s.glued and s.glued.replace("ـ", "") in {g.replace("ـ", "") for g in _GLUED_PREPOSITIONS}:
            return True
        j = self.tok_index(s.open_at) - 1
        if j >= 0 and not self.text[self.toks[j].end : s.open_at].strip(" ") and in_list(self.toks[j].key, term_cues()):
            return True
        if j >= 1 and not self.text[self.toks[j].end : s.open_at].strip(" ") and _nisba(self.toks[j].key) and in_list(self.toks[j - 1].key, term_cues()):
            return True  # البرنامج التدريبي «شقيقي مستقبلك بيدك»: a named programme
        if len(inside) <= 5 and in_list(inside[0].key, term_cues()) and j >= 0 and not self.text[self.toks[j].end : s.open_at].strip(" "):
            prev = self.toks[j]
            if lookup(prev.key) is None and not ind.is_complementiser(prev):
                return True  # دعمت “حزب نصر الله” الإرهابي، استئناف "معركة تحرير درعا": a name
        if s.close_at is not None:
            k = self.tok_index(s.close_at)
            if k < len(self.toks) and not self.text[s.close_at + 1 : self.toks[k].start].strip(" ،,") and ind.is_complementiser(self.toks[k]):
                return True  # وقالت "القناة المركزية" إن ...: the quoted words are the subject
            if (
                len(inside) <= 4
                and k < len(self.toks)
                and not self.text[s.close_at + 1 : self.toks[k].start].strip(" ")
                and lookup(self.toks[k].key) is None
            ):
                j = self.tok_index(s.open_at) - 1
                if j >= 0 and not self.text[self.toks[j].end : s.open_at].strip(" ") and (hit := lookup(self.toks[j].key)) and hit[0].kind == "verb":
                    return True  # واصدرت “غرفة عمليات حلب” التي ...: the quoted words name the subject
        a, b = s.start + (len(self.text[s.start : s.end]) - len(self.text[s.start : s.end].lstrip())), s.end
        for m in self.mentions:
            if m["start"] <= a + 2 and m["end"] >= b - 2:
                return True
        return False

    def term_opening_at(self, a: int, b: int) -> bool:
        return any(a <= s.open_at < b for s in self.terms)

    def span_opening_at(self, a: int, b: int) -> Span | None:
        for s in self.quote_spans:
            if a <= s.open_at < b:
                return s
        return None


def _nisba(key: str) -> bool:
    return key.startswith("ال") and key.endswith(("ي", "يه")) and len(key) >= 5


def anchor_of(doc: Doc, tr: Trigger) -> Anchor | None:
    """What a verb of saying governs: the first إن/أن, quotation mark or colon after it
    (found once per verb: the clause rules ask again for the verbs inside a clause)."""
    cache = doc.anchors
    if tr.i not in cache:
        cache[tr.i] = _find_anchor(doc, tr)
    return cache[tr.i]


def _find_anchor(doc: Doc, tr: Trigger) -> Anchor | None:
    lo, hi = doc.region(tr.token.start)
    toks, text = doc.toks, doc.text
    if tr.i > 0 and in_list(toks[tr.i - 1].key, no_speaker_before()) and not _relayed(doc, tr):
        nxt = toks[tr.i + 1] if tr.i + 1 < len(toks) else None
        if nxt is None or not (in_list(nxt.key, heads()) or in_list(nxt.key, titles())):
            return None  # ما يؤكد أن ...، الجدير ذكره أن ...: no source speaks (but ما تردده الإدارة بأن ...)
    k = tr.i + 1
    window = ANCHOR_WINDOW
    if tr.entry.lemma in _FEELING_VERBS:  # أعرب (الوزير) عن أمله في أن ...: the clause hangs on the feeling, right after it
        an = next((j for j in range(k, min(len(toks), k + FEELING_SUBJECT)) if toks[j].key == "عن"), None)
        if an is not None:
            window = an - tr.i + FEELING_WINDOW
    while k < len(toks) and toks[k].start < hi and k - tr.i <= window:
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
            if toks[k - 1].key in not_complementisers() and k - 1 != tr.i and not any(c in gap for c in "،,"):
                return None  # (الى الصين خاصة، ان ...: the word ends the phrase before the comma)
            in_name = any(m["start"] <= toks[k].start and toks[k].end <= m["end"] for m in doc.mentions)
            if in_name or text[toks[k].end : toks[k].end + 1] == ")" or (k + 1 < len(toks) and ind.is_complementiser(toks[k + 1])):
                k += 1  # (سي إن إن)، بان كي مون: part of a name, not the complementiser
                continue
            return Anchor("that", k=k)
        if k == tr.i + 1 and toks[k].key in ("ذلك", "هذا", "هذه"):
            return None  # يقولون ذلك: the verb has its object
        k += 1
    return None



def _relayed(doc: Doc, tr: Trigger) -> bool:
    """بحسب ما نقلت عنه الوكالة ان ...، وفق ما قاله: after an attribution, ما is what the
    source said, not a fact the journalist draws; the verb relays the source's words."""
    if tr.i < 2 or doc.toks[tr.i - 1].key not in ("ما", "لما"):
        return False
    prev = doc.trig_at.get(tr.i - 2)
    return prev is not None and prev.entry.kind == "attribution"


def subject_limit(doc: Doc, tr: Trigger, anchor: Anchor | None, hi: int) -> int:
    """Token index where the speaker phrase after a verb must end: what the verb governs."""
    if anchor is None:
        return min(tr.i + SUBJECT_WINDOW, doc.tok_index(hi))
    if anchor.k is not None:
        return anchor.k
    if anchor.span is not None:
        return doc.tok_index(anchor.span.open_at)
    return doc.tok_index(anchor.colon_at)


