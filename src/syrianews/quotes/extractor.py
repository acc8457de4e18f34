"""``QuoteExtractor``: every direct and indirect quote of an article, with its speaker.

Order of work on one body: pair the quotation marks and find the verbs of saying and what each
governs (:mod:`.document`), name the speaker of each verb in text order so that continuations
can look back (:mod:`.attribution`, :mod:`.speakers`), then emit direct quotes (marked spans
attributed by a verb before or after them, or continuing the last source), reported clauses
(:mod:`.indirect`), and unmarked speech after a colon."""
from __future__ import annotations

from typing import Any

from ..document import Document
from ..records import Article
from . import indirect as ind
from .actors import actor_types
from .attribution import SpeakerFinder
from .document import MIN_WORDS, Anchor, Doc, anchor_of
from .lexicon_words import clause_breaks, in_list, no_speaker_before
from .marks import ALL_MARKS, Span
from .speakers import Speaker
from .tokens import count_words
from .verbs import Trigger, lookup

OWNER_WINDOW = 60  # tokens between a verb and a quotation it introduces


def find_quotes(text: str, mentions: list[dict] | None = None, types: dict[str, str] | None = None,
                document: Document | None = None) -> list[dict]:
    """Quote rows (without ids) for one body, in text order; ``document`` is the article's
    shared analysis (its body is ``text``), if there is one."""
    doc = Doc(text, mentions or [], document)
    types = types if types is not None else actor_types()
    anchors = {tr.i: anchor_of(doc, tr) for tr in doc.triggers}
    finder = SpeakerFinder(doc, types)
    finder.run(anchors)
    rows: list[dict] = []

    def row(kind: str, a: int, b: int, tr: Trigger | None, sp: Speaker | None, rule: str | None = None) -> dict:
        lo, hi = doc.region(tr.token.start if tr else max(0, a - 1))  # the sentence that opens the quote
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
            "sentence": text[min(lo, a) : max(hi, b)].strip(),
            "speaker_surface": sp.surface if sp else None,
            "speaker_rule": rule or (sp.rule if sp else None),
            "speaker_start": sp.start if sp else None,
            "speaker_end": sp.end if sp else None,
            "n_words": count_words(text[a:b]),
        }

    # direct quotes: marked spans
    owned: dict[int, Trigger] = {}
    for s in doc.quote_spans:
        tr = _owner(doc, s, anchors)
        if tr is not None:
            owned[s.open_at] = tr
            rows.append(row("direct", s.start, s.end, tr, finder.by_trigger.get(tr.i)))
        elif _sentence_initial(doc, s.open_at) and _follows_speech(doc, s.open_at, rows):
            sp = finder.last_before(s.open_at)
            rows.append(row("direct", s.start, s.end, None, sp, "continuation"))
    # closing marks never opened, in a paragraph that no verb of saying introduces: the source's words
    done_paragraphs: set[int] = set()
    for c in doc.marks.unopened:
        p = doc.paragraph(c)
        p0 = doc.para_starts[p]
        p1 = doc.para_starts[p + 1] - 1 if p + 1 < len(doc.para_starts) else len(text)
        if p in done_paragraphs or doc.in_quote(c) or any(p0 <= tr.token.start < c for tr in doc.triggers):
            continue
        if text[c + 1 : p1].strip(" .،,؛") or not _follows_speech(doc, p0, rows):
            continue  # the mark must close the paragraph, right after someone spoke
        a = ind.trim_start(text, p0, c)
        b = ind.trim_end(text, a, c, doc.open_marks, doc.close_marks)
        sp = finder.last_before(a)
        if count_words(text[a:b]) >= MIN_WORDS and sp is not None:
            done_paragraphs.add(p)
            rows.append(row("direct", a, b, None, sp, "continuation"))
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
            ck = doc.tok_index(a) - 1  # قال: ...، مبدياً ...: a new act of saying ends the words
            b = ind.clause_end(text, a, hi, _clause_boundaries(doc, max(ck, tr.i), hi, participles_only=True), doc.open_marks, doc.close_marks)
            if count_words(text[a:b]) >= MIN_WORDS:
                rows[:] = [r for r in rows if not (r["kind"] == "direct" and a <= r["start"] and r["end"] <= b and r["verb_start"] == tr.token.start)]
                rows.append(row("direct", a, b, tr, sp))
            continue
        k = an.k
        if k + 1 >= len(doc.toks):
            continue
        after = text[doc.toks[k].end :].lstrip(" :")
        opening = doc.span_opening_at(doc.toks[k].end, doc.toks[k + 1].start) if after[:1] in ALL_MARKS else None
        a = doc.toks[k + 1].start if opening is None else opening.open_at
        lo, hi = doc.region(doc.toks[k].start)
        boundaries = _clause_boundaries(doc, k, hi)
        b = ind.clause_end(text, a, hi, boundaries, doc.open_marks, doc.close_marks)
        if count_words(text[a:b]) < 2:
            continue
        inner = [(s.start, s.end) for s in doc.quote_spans if a <= s.open_at and s.end <= b + 1]
        if opening is not None:
            b = _clause_after_quote(doc, opening, b)
            if b is None:
                continue  # إن "...": a direct quote; with words after the marks (إن "..." مع X) the clause counts too
        if inner and ind.outside_words(doc.toks, a, b, inner) == 0:
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


TAIL_WORDS = (2, 6)  # words after the closing mark that still belong to the reported clause


def _clause_after_quote(doc: Doc, s: Span, b: int) -> int | None:
    """Where a reported clause that opens with a quotation ends, if it goes on after the closing
    mark with a few words of the same clause (إن "المفاوضات مقطوعة" مع السلطات، ...): up to the
    next comma; then the clause is an indirect quote as well as the direct one. None where the
    marks end the clause, or what follows them is the journalist's: a comma or a new clause with
    و right after the mark (”، والسؤال هو، » وهو عدد ...), or a long tail (a clause of its own)."""
    if s.close_at is None:
        return None
    tail = doc.words(s.close_at + 1, b)
    if not tail or doc.text[s.close_at + 1 : tail[0].start].strip(" \"“”»") or tail[0].key.startswith("و"):
        return None
    comma = next((t.end for t in tail if doc.text[t.end : t.end + 1] in ("،", ",")), b)
    n = sum(1 for t in tail if t.end <= comma)
    lo, hi = TAIL_WORDS
    return ind.trim_end(doc.text, s.open_at, comma, doc.open_marks, doc.close_marks) if lo <= n <= hi else None


def _owner(doc: Doc, s: Span, anchors: dict[int, Anchor | None]) -> Trigger | None:
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
    if s.close_at is None or not _sentence_initial(doc, s.open_at):
        return None
    k = doc.tok_index(s.close_at)
    if k < len(doc.toks) and not doc.text[s.close_at + 1 : doc.toks[k].start].strip(" ،,-–") and k in doc.trig_at:
        tr = doc.trig_at[k]
        an = anchors.get(k)
        if tr.entry.kind == "verb" and (an is None or an.kind == "quote"):  # "..."، قال X، "..."
            return tr
    return None


def _follows_speech(doc: Doc, offset: int, rows: list[dict]) -> bool:
    """Whether the sentence before ``offset`` reports speech (a verb of saying or a quote):
    only then can a quotation without its own verb continue a source."""
    lo, _ = doc.region(offset)
    if lo <= 0:
        return False
    plo, _ = doc.region(max(0, lo - 2))
    if any(plo <= tr.token.start < lo for tr in doc.triggers):
        return True
    return any(plo <= r["start"] < lo for r in rows)


def _sentence_initial(doc: Doc, offset: int) -> bool:
    lo, _ = doc.region(offset)
    before = [t for t in doc.words(lo, offset)]
    return all(t.key in ("و", "ف") for t in before)


_CONTRASTIVE = frozenset({"فيما", "بينما", "حين", "وفيما", "وبينما"})
_OPENING_PARTICLES = frozenset({"حيث", "اذ", "وحيث", "واذ", "لكن", "لكنه", "لكنها", "ولكن", "ولكنه", "ولكنها", "بينما", "فيما", "ثم", "كما", "قد", "وقد", "حين", "عندما", "بعد", "وبعد", "ان", "بينها"})


def _new_attribution(doc: Doc, tr: Trigger, k: int) -> int | None:
    """Where a finite verb of saying that governs its own quote cuts a reported clause: before
    the particles that open its clause (، لكنها أشارت إلى أن؛ بعد أن قالت أنقرة؛ وقالوا إن)."""
    toks, text = doc.toks, doc.text
    j = tr.i
    while j - 1 > k and toks[j - 1].key in _OPENING_PARTICLES and tr.i - j < 3:
        j -= 1
    if anchor_of(doc, tr) is None and not (j < tr.i and toks[j].key in _CONTRASTIVE):
        return None  # (فيما دانت X القصف، بينما حذرت Y من ...: another source's act, quote or not)
    if j == tr.i and not tr.token.key.startswith(("و", "ف")):
        return None  # a bare verb with no particle may be part of the reported clause
    gap = text[toks[j - 1].end : toks[j].start]
    return toks[j - 1].end if ("،" in gap or "," in gap) else toks[j].start


def _clause_boundaries(doc: Doc, k: int, hi: int, participles_only: bool = False) -> list[int]:
    """Offsets where a new act of saying takes over inside a reported clause (in a source's
    own words after a colon, only the author's participle does: ، مبدياً ...)."""
    out = []
    text, toks = doc.text, doc.toks
    for tr in doc.triggers:
        if tr.i <= k or tr.token.start >= hi:
            continue
        prev = toks[tr.i - 1]
        gap = text[prev.end : tr.token.start]
        if tr.entry.kind in ("participle", "masdar") and tr.i + 1 < len(toks) and anchor_of(doc, tr) is not None:
            out.append(prev.end)  # ... مؤكدا أن ...: a new act of saying starts a new quote
        elif participles_only:
            narrated = tr.entry.kind == "verb" and tr.token.key[:1] in ("و", "ف") and not tr.entry.form.startswith(("ي", "ت"))
            if (tr.entry.kind == "participle" or narrated) and ("،" in gap or "," in gap):  # ، واعترف بأنه
                out.append(prev.end + min(i for i in (gap.find("،"), gap.find(",")) if i >= 0))
        elif "،" in gap or "," in gap:
            out.append(prev.end + min(i for i in (gap.find("،"), gap.find(",")) if i >= 0))
        elif in_list(prev.key, no_speaker_before()):
            out.append(prev.start)
        elif tr.entry.kind == "verb" and (cut := _new_attribution(doc, tr, k)) is not None:
            out.append(cut)
        elif prev.key in ("في", "فى") and tr.i >= 2:
            g2 = text[toks[tr.i - 2].end : prev.start]
            if "،" in g2 or "," in g2:
                out.append(toks[tr.i - 2].end)
    for t in toks[k + 2 : doc.tok_index(hi)]:
        if t.key == "بذلك" and toks[t.i - 1].key.startswith("ل") and len(toks[t.i - 1].key) >= 4 and lookup(toks[t.i - 1].key) is None:
            out.append(toks[t.i - 1].start)  # ، ليرتفع بذلك عدد ...: the journalist draws the consequence
    for cue in clause_breaks():
        i = text.find(cue, toks[k].end, hi)
        while i >= 0:
            j = i - 1
            while j > 0 and text[j] == " ":
                j -= 1
            if text[j] in "،,":
                out.append(j)
            i = text.find(cue, i + 1, hi)
    return sorted(out)


class QuoteExtractor:
    """Fills the ``quotes`` table; reads the mention rows found before it for speaker actors."""

    name = "quotes"
    tables = ("quotes",)
    requires = ("mentions",)  # speaker actors come from the mentions inside the speaker phrase
    assigns = ("quotes",)

    def __init__(self, types: dict[str, str] | None = None, catalogue: Any = None):
        """``types`` (actor_id → type) or a catalogue with ``actors`` tells persons from states,
        so a catalogued spokesman wins over the ministry he speaks for."""
        if types is None and catalogue is not None:
            types = {a.actor_id: a.type for a in catalogue.actors}
        self.types = types if types is not None else actor_types()

    def extract(self, article: Article | Document, found: dict[str, list[dict]]) -> dict[str, list[dict]]:
        doc = Document.of(article)
        article = doc.article
        mentions = doc.mentions if doc.mentions is not None else found.get("mentions", [])
        rows = find_quotes(doc.body, mentions, self.types, doc)
        doc.quotes = rows
        for n, r in enumerate(rows, 1):
            r["quote_id"] = f"{article.article_id}-q{n:03d}"
            r["article_id"] = article.article_id
        return {"quotes": rows}
