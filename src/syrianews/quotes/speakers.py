"""Who speaks: the speaker phrase of a verb of saying, its cleaned name, and the references that
point back to an earlier source.

- A name in parentheses wins (the style of many outlets: اللواء (إيغور كوناشينكوف)).
- Titles and roles (``data/speaker_titles.txt``) are dropped; a name is a run of words without
  the article after them. Words after an institution head (``data/speaker_heads.txt``) belong
  to the institution, and a phrase without a personal name is kept whole (المرصد السوري لحقوق
  الإنسان).
- A short form is resolved to the fullest form written in the article ((الأسعد) → مضر حماد
  الأسعد), a bare definite head to the last source with that head (الصحيفة → صحيفة غارديان),
  المصدر to the last source, and a verb without subject to the last source of its gender."""
from __future__ import annotations

from dataclasses import dataclass, field

from .lexicon_words import bare, heads, in_list, stops, titles
from .tokens import Token, only_space_between

_NAME_PARTS = frozenset({"بن", "ابن", "بنت", "ابو", "عبد", "ال", "ابي", "ام", "دي", "فون", "فان"})
_SOURCE_REF = frozenset({"المصدر", "المصادر", "المصدران"})
_NO_MARKS = str.maketrans("", "", "\"“”«»„")
_PRONOUN_AFTER_FROM = {"عنه": "m", "عنها": "f", "عنهم": "p", "عنهما": "p"}


@dataclass
class Speaker:
    name: str | None
    surface: str | None
    rule: str
    gender: str = ""
    actor_id: str | None = None
    start: int | None = None  # offsets of the speaker phrase in the text (for actor look-up)
    end: int | None = None
    keys: tuple[str, ...] = field(default_factory=tuple)  # normalised tokens of the surface


def _is_nameish(tok: Token) -> bool:
    k = tok.key
    if not k.isalpha() or len(k) < 2:
        return False
    if in_list(k, titles()) or in_list(k, heads()) or k in stops():
        return False
    return True


def _defined(tok: Token) -> bool:
    return any(v.startswith("ال") for v in bare(tok.key)[:3]) or tok.key.startswith("لل")


def name_runs(text: str, toks: list[Token]) -> list[list[Token]]:
    """Runs of name words: no article on the first word, titles and stop words end them,
    words after an institution head or a preposition are skipped (they name the institution
    or a place)."""
    runs: list[list[Token]] = []
    cur: list[Token] = []
    skip = False
    for j, t in enumerate(toks):
        joined = j > 0 and only_space_between(text, toks[j - 1].end, t.start)
        if cur and (not joined or not _is_nameish(t) or len(cur) >= 4 or (t.key[0] == "و" and len(cur) >= 1 and t.key[1:2] != "ل")):
            runs.append(cur)
            cur = []
        if cur:
            cur.append(t)
            continue
        if in_list(t.key, heads()) or t.key in stops():
            skip = True
            continue
        if in_list(t.key, titles()) or not joined:
            skip = False
        if skip or not _is_nameish(t) or _defined(t):
            continue
        cur = [t]
    if cur:
        runs.append(cur)
    return runs


def clean_name(text: str, toks: list[Token]) -> tuple[str | None, str | None, int | None, int | None]:
    """(name, surface, start, end) of a speaker phrase given as tokens."""
    if not toks:
        return None, None, None, None
    start, end = toks[0].start, toks[-1].end
    while end < len(text) and text[end] == ")":
        end += 1
    surface = text[start:end]
    # a name in parentheses
    lp = text.find("(", start, end)
    if lp >= 0:
        rp = text.find(")", lp, end + 1)
        inner = text[lp + 1 : rp if rp > 0 else end].strip()
        if inner:
            return inner, surface, start, end
    runs = name_runs(text, toks)
    if runs:
        run = runs[0]
        return text[run[0].start : run[-1].end], surface, start, end
    # an institution or a group: the whole phrase, quotation marks dropped (موقع "روسيا اليوم")
    return " ".join(surface.translate(_NO_MARKS).split()).strip(" ()"), surface, start, end


def subject_after(text: str, toks: list[Token], j: int, limit: int, term_at=None) -> list[Token]:
    """Tokens of the subject that follows the verb at ``j`` (up to index ``limit``): up to the
    first stop word; if that leaves no personal name but a title, the last name run before
    ``limit`` (رئيس مركز حوار الحضارات في غزة عماد الفالوجي إن)."""
    out: list[Token] = []
    k = j + 1
    while k < limit and k < len(toks):
        t = toks[k]
        gap = text[toks[k - 1].end : t.start]
        if ":" in gap or "." in gap or "\n" in gap:
            break
        if out and any(m in gap for m in "\"“”«»") and not (term_at and term_at(toks[k - 1].end, t.start)):
            break
        if t.key in stops() or t.key in ("ل", "لـ"):
            break
        out.append(t)
        k += 1
        if len(out) >= 12:
            break
    if out and not name_runs(text, out) and any(in_list(t.key, titles()) for t in out):
        region = toks[j + 1 : limit]
        runs = name_runs(text, region)
        if runs:
            last = runs[-1]
            return [t for t in region if t.start < last[-1].end]
    return out


def pronoun_source(toks: list[Token], j: int, limit: int) -> str | None:
    """Gender of a 'from him/her' pronoun right after a relaying verb (نقلت عنه)."""
    for t in toks[j + 1 : min(limit, j + 6)]:
        if t.key in _PRONOUN_AFTER_FROM:
            return _PRONOUN_AFTER_FROM[t.key]
    return None


class History:
    """The sources named so far in an article, to resolve continuations and short forms."""

    def __init__(self, article_runs: list[str]):
        self.items: list[Speaker] = []
        self.article_runs = article_runs  # name runs of two words or more written in the article

    def add(self, sp: Speaker) -> None:
        if sp.name:
            self.items.append(sp)

    def last(self, gender: str = "") -> Speaker | None:
        for sp in reversed(self.items):
            if not gender or gender == "p" or not sp.gender or sp.gender == gender:
                return sp
        return None

    def resolve(self, sp: Speaker) -> Speaker:
        """Fullest form of a name, and bare definite heads to the source they refer to."""
        if not sp.name:
            return sp
        from .tokens import norm, tokenize

        keys = [t.key for t in tokenize(sp.name)]
        if not keys:
            return sp
        if keys[0] in _SOURCE_REF and len(keys) <= 2:
            prev = self.last()
            if prev:
                return _inherit(sp, prev, "source_ref")
            return sp
        head = keys[0]
        if head.startswith("ال") and in_list(head, heads() | titles()) and len(keys) <= 2:
            bare_head = head[2:]
            for prev in reversed(self.items):
                if bare_head in prev.keys or head in prev.keys:
                    return _inherit(sp, prev, "head_ref")
        # short form → the fullest form that ends with it (or starts with it, for institutions)
        best = None
        cands = [p.name for p in self.items if p.name] + self.article_runs
        for cand in cands:
            ck = [t.key for t in tokenize(cand)]
            if len(ck) <= len(keys):
                continue
            if ck[-len(keys):] == keys or ck[: len(keys)] == keys:
                if best is None or len(ck) > len(tokenize(best)):
                    best = cand
        if best:
            out = Speaker(best, sp.surface, sp.rule, sp.gender, sp.actor_id, sp.start, sp.end, sp.keys)
            if out.actor_id is None:
                for prev in reversed(self.items):
                    if prev.name == best and prev.actor_id:
                        out.actor_id = prev.actor_id
                        break
            return out
        _ = norm
        return sp


def _inherit(sp: Speaker, prev: Speaker, rule: str) -> Speaker:
    return Speaker(prev.name, sp.surface, rule, prev.gender or sp.gender, prev.actor_id, sp.start, sp.end, prev.keys)
