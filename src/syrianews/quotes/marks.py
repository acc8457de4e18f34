"""Spans between quotation marks, whatever the mark style.

A mark opens or closes by what stands around it (a space or a clitic before and a letter after
opens; a letter before and a space or punctuation after closes), so " “ ” « » „ and their mixes
pair up, a mark nested in the same style nests (``"... تنظيم "داعش"، ..."``), and a quote that
runs over paragraphs in the usual way (each paragraph re-opening) stays one span. What cannot be
paired is reported too: an opener never closed runs to its paragraph's end, and a closer never
opened is kept for the extractor to decide (real pages are messy)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

OPENERS = "«„"
CLOSERS = "»"
EITHER = "\"“”″"
ALL_MARKS = OPENERS + CLOSERS + EITHER
_BEFORE_OPEN = set(" \t\n([{:،,؛;-–—/") | set(ALL_MARKS)
_AFTER_CLOSE = set(" \t\n)]}.,،؛;:!?؟-–—/") | set(ALL_MARKS)
_MARK = re.compile(f"[{re.escape(ALL_MARKS)}]")
_CLITICS = {"و", "ب", "ل", "ف", "ك", "لـ", "بـ", "وب", "ول", "ولـ", "وبـ", "فب", "فل"}


@dataclass
class Span:
    """Text between an opening mark at ``open_at`` and a closing mark at ``close_at``."""

    start: int  # first character inside the marks
    end: int  # just after the last character inside the marks
    open_at: int
    close_at: int | None  # None: never closed (runs to the paragraph's end)
    depth: int  # 0 for outermost spans
    glued: str = ""  # a clitic written against the opening mark (ب"الدعاية ...")
    inner: list["Span"] = field(default_factory=list)


@dataclass
class MarkScan:
    spans: list[Span]  # all spans, outer and inner, in order of their opening mark
    unopened: list[int]  # offsets of closing marks that were never opened


def _role(text: str, i: int) -> tuple[str | None, str]:
    """'open', 'close' or None for the mark at ``i``, and the clitic glued before an opener."""
    ch = text[i]
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    # the word glued before the mark, if any
    j = i
    while j > 0 and not text[j - 1].isspace() and text[j - 1] not in ALL_MARKS:
        j -= 1
    glued = text[j:i]
    if ch in OPENERS:
        return "open", glued
    if ch in CLOSERS:
        if glued and _norm_word(glued) in _MIRROR_BEFORE and nxt in " \t" and text[i + 2 : i + 3].isalpha():
            return "open", ""  # قوله إن» بارزاني ...»: a guillemet written the wrong way round
        return "close", ""
    open_side = prev in _BEFORE_OPEN or glued in _CLITICS
    close_side = nxt in _AFTER_CLOSE
    if open_side and not close_side:
        return "open", glued if glued in _CLITICS else ""
    if close_side and not open_side:
        return "close", ""
    if open_side and close_side:
        return None, ""  # a stray mark between spaces
    return "close", ""  # letters on both sides: a closer glued to the next word


_MIRROR_BEFORE = frozenset({"ان", "بان", "انه", "انها", "قائلا", "قوله", "قولها"})


def _norm_word(w: str) -> str:
    return w.replace("أ", "ا").replace("إ", "ا").replace("آ", "ا").replace("ً", "")


def _left_open(text: str, o: int, i: int) -> int | None:
    """Where a straight quotation opened at ``o`` ends when a new one opens at ``i`` after a
    sentence end and a verb of saying (وقال "إن ... للتنظيم. وأضاف رئيس الحكومة "لكننا ...):
    the first was never closed; it ends at that sentence end. None if nothing says so."""
    from .tokens import words  # not the cached tokenize: the segment may be a paragraph long
    from .verbs import lookup

    seg = text[o + 1 : i]
    k = max(seg.rfind(". "), seg.rfind("؟ "), seg.rfind("! "))
    if k < 0:
        return None
    tail = words(seg[k + 2 :])
    if not tail or len(tail) > 8 or not any((hit := lookup(t.key)) is not None and hit[0].kind == "verb" for t in tail[:2]):
        return None
    return o + 1 + k


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for part in text.split("\n"):
        out.append((pos, pos + len(part)))
        pos += len(part) + 1
    return out


def scan(text: str) -> MarkScan:
    """Pair the quotation marks of ``text`` (an article body: paragraphs joined by newlines)."""
    spans: list[Span] = []
    unopened: list[int] = []
    stack: list[tuple[int, str]] = []
    paras = _paragraphs(text)
    for k, (p0, p1) in enumerate(paras):
        continuing = bool(stack)
        first_mark_seen = False
        for m in _MARK.finditer(text, p0, p1):  # the marks only, not every character
            i = m.start()
            ch = text[i]
            role, glued = _role(text, i)
            if role is None:
                continue
            at_para_start = not first_mark_seen and not text[p0:i].strip()
            first_mark_seen = True
            if role == "open":
                if continuing and at_para_start:
                    continue  # a paragraph re-opening a quote that runs on
                if stack and text[stack[-1][0]] == ch and ch in EITHER and (cut := _left_open(text, stack[-1][0], i)) is not None:
                    o, g = stack.pop()  # "... . وأضاف الوزير "...: the first mark was never closed
                    spans.append(Span(o + 1, cut, o, None, len(stack), g))
                stack.append((i, glued))
            elif stack:
                o, g = stack.pop()
                a = o + 1
                while a < i and text[a] in " \t":
                    a += 1  # « الوفد ...»: the quoted words, not the space after the mark
                spans.append(Span(a, i, o, i, len(stack), g))
            else:
                unopened.append(i)
        if stack:
            nxt = paras[k + 1] if k + 1 < len(paras) else None
            reopens = nxt is not None and text[nxt[0]:nxt[1]].lstrip()[:1] in ALL_MARKS.replace("»", "")
            if not reopens:
                end = p1
                while end > stack[0][0] + 1 and text[end - 1] in " \t.،,؛":
                    end -= 1
                o, g = stack[0]
                spans.append(Span(o + 1, end, o, None, 0, g))
                stack.clear()
    spans.sort(key=lambda s: s.open_at)
    for s in spans:
        if s.depth > 0:
            for outer in spans:
                if outer.depth == s.depth - 1 and outer.start <= s.open_at and s.end <= outer.end:
                    outer.inner.append(s)
    return MarkScan(spans, unopened)


def outer_spans(result: MarkScan) -> list[Span]:
    return [s for s in result.spans if s.depth == 0]
