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

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from .lexicon_words import bare, heads, honorifics, in_list, is_stop, masdar_before, source_kind, stops, titles
from ..lexicons import word_list
from .tokens import SPACES, Token, norm, only_space_between, tokenize
from .verbs import lookup
from ..wordcache import WordCache

_NAME_PARTS = frozenset({"بن", "ابن", "بنت", "ابو", "عبد", "ال", "ابي", "ام", "دي", "فون", "فان"})
_SOURCE_REF = frozenset({"المصدر", "المصادر", "المصدران"})
_AUTHOR_MARKERS = frozenset({"كتبه", "كتبها", "اعده", "اعدته", "اعدها"})
_RUN_OPENERS = frozenset({"كان", "كانت", "دعا", "بدات", "قام", "قامت", "هو", "هي", "قد", "لقد", "يقول", "تقول"})
_NO_MARKS = str.maketrans("", "", "\"“”«»„")
_HONORIFIC_PRONOUNS = frozenset({"معاليه", "سموه", "فخامته", "سعادته", "معاليها", "سموها", "فخامتها", "سعادتها"})
_QUOTE_MARKS = "\"“”«»„"
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


def _word_class(k: str, ends_in_alef_maqsura: bool) -> tuple[bool, bool, bool, bool, bool]:
    """(nameish, defined, head, stop, title) of a word (its key, and whether it is written with
    a final ى): what :func:`name_runs`, :func:`_is_nameish` and :func:`_defined` ask of a token,
    computed in one pass over the word's clitic variants, once per word form behind
    _CLASS_BY_TEXT. ``head``/``title`` are ``in_list(k, heads()/titles())``; ``stop`` is
    :func:`is_stop`."""
    variants = bare(k)
    stop = ends_in_alef_maqsura if k == "علي" else k in stops()  # على vs the name علي, as is_stop
    defined = k.startswith("لل") or any(v.startswith("ال") for v in variants[:3])
    head_words, title_words = heads(), titles()
    head = any(v in head_words for v in variants)
    title = any(v in title_words for v in variants)
    nameish = k.isalpha() and len(k) >= 2 and not (stop or title or head or lookup(k) is not None)
    c = (nameish, defined, head, stop, title)
    return _SHARED_CLASSES.setdefault(c, c)  # 32 possible values: the cache holds references


_SHARED_CLASSES: dict[tuple[bool, bool, bool, bool, bool], tuple[bool, bool, bool, bool, bool]] = {}


def _class_of_text(text: str) -> tuple[bool, bool, bool, bool, bool]:
    return _word_class(norm(text), text.endswith("ى"))


# by the word as written (a token's key is ``norm`` of its text): one dict probe per token
_CLASS_BY_TEXT: WordCache[str, tuple[bool, bool, bool, bool, bool]] = WordCache(_class_of_text, 50_000)


def _classes(toks: list[Token]) -> list[tuple[bool, bool, bool, bool, bool]]:
    """:func:`_word_class` of each token, looked up by the word as written."""
    return _CLASS_BY_TEXT.get_many([t.text for t in toks])


def _is_nameish(tok: Token) -> bool:
    """Whether a word can be part of a name (a title, head, stop word or verb of saying cannot)."""
    return _CLASS_BY_TEXT[tok.text][0]


def _defined(tok: Token) -> bool:
    """Whether a word carries the article (المرصد، والمرصد، للمرصد)."""
    return _CLASS_BY_TEXT[tok.text][1]


def name_runs(text: str, toks: list[Token], joined: list[bool] | None = None) -> list[list[Token]]:
    """Runs of name words: no article on the first word, titles and stop words end them;
    words after an institution head are skipped (they name the institution), and so is the
    word right after a preposition (a place: مدير مكتب الحملة في لبنان وليد ...).

    ``joined`` (optional): per token, whether only spaces stand between it and the one before
    (:attr:`syrianews.document.Document.joined`, for a whole body), else read off ``text``."""
    if joined is None:
        joined = [False] + [not text[a.end : b.start].strip(SPACES) for a, b in zip(toks, toks[1:])] if toks else []
    runs: list[list[Token]] = []
    cur: list[Token] = []
    has_part = False  # a name part (بن، عبد ...) in ``cur``: the run may be longer
    skip_head = False
    skip_one = False
    classes = _classes(toks)
    for j, t in enumerate(toks):
        nameish, defined, head, stop, title = classes[j]
        if cur:
            joins = joined[j]
            key = t.key
            after_part = cur[-1].key in _NAME_PARTS
            longest = 6 if has_part else 4  # بدر بن عبد الرحمن السمحان
            ok = joins and len(cur) < longest and (nameish or (after_part and key.isalpha()))
            if ok and key[0] == "و" and not after_part and key[1:2] != "ل":
                ok = False
            if ok:
                cur.append(t)
                has_part = has_part or key in _NAME_PARTS
                continue
            runs.append(cur)
            cur = []
            if not joins:
                skip_head = False
        elif skip_head and j > 0 and not joined[j]:
            skip_head = False  # (the gap is looked at only when it matters: this loop is hot)
        if head:
            skip_head = not defined  # مكتب الحملة ...: an indefinite head takes a genitive
            continue
        if stop:
            skip_one = True
            skip_head = False
            continue
        if title:
            skip_head = skip_one = False
            continue
        if skip_one:
            skip_one = False
            continue
        if skip_head or not nameish or defined or t.key.startswith(("وت", "وي")):
            continue  # وتصيح، ويقول: a verb with its conjunction, not a name
        if t.key.startswith("ل") and j + 1 < len(toks) and classes[j + 1][1] and not classes[j + 1][4]:
            continue  # لنصرة الأشقاء، لحقوق الإنسان: a genitive phrase, not a name
        cur = [t]
        has_part = t.key in _NAME_PARTS
    if cur:
        runs.append(cur)
    return runs


def trim_run(run: list[Token]) -> list[Token]:
    """A name run found anywhere in the article, without a verb or particle that happens to
    stand before the name (وكان عادل الجبير → عادل الجبير)."""
    while run and ((k := run[0].key) in _RUN_OPENERS or k[1:] in _RUN_OPENERS or lookup(k) is not None):
        run = run[1:]
    return run


def clean_name(text: str, toks: list[Token]) -> tuple[str | None, str | None, int | None, int | None]:
    """(name, surface, start, end) of a speaker phrase given as tokens."""
    if not toks:
        return None, None, None, None
    start, end = toks[0].start, toks[-1].end
    while end < len(text) and text[end] == ")":
        end += 1
    surface = text[start:end]
    # a name in parentheses, at the start of the phrase or after a title: اللواء (إيغور كوناشينكوف)
    lp = text.find("(", max(0, start - 1), end)
    if lp >= 0:
        rp = text.find(")", lp, end + 1)
        inner = text[lp + 1 : rp if rp > 0 else end].strip()
        before = [t for t in toks if t.end <= lp]
        if inner and len(inner.split()) <= 4 and not any(ch.isdigit() for ch in inner) and (not before or in_list(before[-1].key, titles())):
            return inner, surface, start, end
    # a quoted name at the start: “جيش الفتح” المؤلف من ...
    if start > 0 and text[start - 1] in "\"“”«„":
        close = min((text.find(m, start) for m in "\"“”»" if text.find(m, start) > 0), default=-1)
        if 0 < close <= end + 1:
            return text[start:close].strip(), surface, start, end
    if in_list(toks[0].key, heads()):
        authors = [k for k, t in enumerate(toks) if t.key in _AUTHOR_MARKERS]
        if authors:
            runs = name_runs(text, toks[authors[0] + 1 :])
            if runs:
                return text[runs[0][0].start : runs[0][-1].end], surface, start, end
        n = head_phrase(text, toks)
        end = _phrase_end(text, toks, toks[n - 1], end)
        return " ".join(text[start : toks[n - 1].end].translate(_NO_MARKS).split()), text[start:end], start, end
    runs = name_runs(text, toks)
    if runs:
        # a name after an honorific is a person's, whatever roles come before it
        # (مدير خدمات الأصول بمكة المهندس سعيد العمري)
        honoured = [r for r in runs if r[0].i > 0 and any(t.i == r[0].i - 1 and t.key in honorifics() for t in toks)]
        run = (honoured or runs)[0]
        last = runs[-1]
        if not honoured and len(runs) > 1 and in_list(toks[0].key, titles()) and last[-1].i == toks[-1].i and len(last) >= 2 and last[0].key[0] != "و":
            run = last  # قائد مقاتلي عشائر الأنبار غسان العيثاوي: the role's words, then the name
        end = _phrase_end(text, toks, run[-1], end)
        if run[0].i == toks[0].i + 1 and not toks[0].key.startswith("ال") and in_list(toks[0].key, titles()) and all(_adjective(t.key) for t in run):
            return text[start : run[-1].end], text[start:end], start, end  # مسؤول عسكري روسي: no name, the role is the source
        return text[run[0].start : run[-1].end], text[start:end], start, end
    # an honorific before a family name with the article: الدكتور الشهري
    for a, b in zip(toks, toks[1:]):
        if a.key in honorifics() and _defined(b) and not in_list(b.key, titles()) and not in_list(b.key, heads()) and not is_stop(b):
            return b.text, surface, start, end
    # an institution or a group: the whole phrase, quotation marks dropped (موقع "روسيا اليوم")
    return " ".join(surface.translate(_NO_MARKS).split()).strip(" ()"), surface, start, end


_ADJECTIVES = frozenset({"كبير", "رفيع", "بارز", "سابق", "اخر", "ثان"})


def _adjective(key: str) -> bool:
    """A nisba or a plain adjective (روسي، أمنية، كبير): a word that describes a role, no name."""
    return key.endswith(("ي", "يه")) and len(key) >= 4 or key in _ADJECTIVES


def _phrase_end(text: str, toks: list[Token], last: Token, end: int) -> int:
    """Where the speaker phrase ends: after the name, unless a role follows it in apposition
    (الزعبي المدير الطبي في العيادات السعودية); what else follows is an object or an adjunct
    (افتتاحية صحيفة غارديان | إستراتيجية رئيس الوزراء ...), not the speaker."""
    rest = [t for t in toks if t.start >= last.end]
    if not rest or in_list(rest[0].key, titles()):
        return end
    e = last.end
    if text[e : e + 1] in "\"”»)":
        e += 1
    return e


def head_phrase(text: str, toks: list[Token]) -> int:
    """How many tokens name an institution that starts with a head: further heads, then either
    words with the article or لـ (المرصد السوري لحقوق الإنسان) or one name and its article
    words (صحيفة غارديان، وكالة أنباء الأناضول الحكومية)."""
    n = 1
    while n < len(toks) and in_list(toks[n].key, heads()) and only_space_between(text, toks[n - 1].end, toks[n].start):
        n += 1
    named = False
    gap = text[toks[n - 1].end : toks[n].start] if n < len(toks) else ""
    if n < len(toks) and any(m in gap for m in "\"“«„"):  # صحيفة «يني شفق»: the quoted name is the institution's
        close = min((i for i in (text.find(m, toks[n].start) for m in "\"”»“") if i > 0), default=-1)
        if close > 0:
            while n < len(toks) and toks[n].end <= close and n < 8:
                n += 1
            return n
    while n < len(toks) and n < 6:
        t = toks[n]
        if not only_space_between(text, toks[n - 1].end, t.start) and not any(m in text[toks[n - 1].end : t.start] for m in "\"“”«»„"):
            break
        if n == 1 and not _defined(toks[0]) and in_list(t.key, titles()) and not _defined(t):
            n += 1  # مكتب رئيس الوزراء التركي: the office of a role
            continue
        if n >= 2 and in_list(toks[1].key, titles()) and _defined(t) and not is_stop(t) and lookup(t.key) is None:
            n += 1  # مكتب رئيس الوزراء: the role's genitive
            continue
        if n == 1 and _outlet_name(toks[:1], t):
            n += 1  # صحيفة صباح، صحيفة اليوم: the outlet's name, though a common word
            named = True
            continue
        if is_stop(t) or in_list(t.key, titles()) or lookup(t.key) is not None:
            break
        if _defined(t):
            n += 1
            continue
        if named or n > 1 and _defined(toks[n - 1]):
            break
        named = True
        n += 1
    return n


_RELATIVE_WORDS = frozenset({"الذي", "التي", "الذين", "اللذين", "اللتين", "اللذان", "اللتان"})
_QUANTIFIERS = frozenset({"كثير", "عدد", "العديد", "بعض", "عشرات", "مئات", "جملة"})
_TIME_WORDS = frozenset({"صباح", "مساء", "اليوم", "الصباح", "المساء", "الاحد", "الخميس", "الجمعه", "السبت", "الاثنين", "الثلاثاء", "الاربعاء", "الاسبوع", "الايام"})


def _outlet_name(before: list[Token], t: Token) -> bool:
    """A time word that names an outlet right after its head (صحيفة صباح، جريدة اليوم)."""
    return len(before) == 1 and source_kind(before[0].key) in ("newspaper", "broadcaster", "agency") and not _defined(before[0]) and t.key in _TIME_WORDS


def _addressee(t: Token) -> bool:
    """لوكالة الأنباء، لصحيفة، لبرنامج: to whom the source spoke, not the source."""
    return t.key.startswith("ل") and not t.key.startswith("لل") and source_kind(t.key[1:]) in ("agency", "newspaper", "broadcaster")


def subject_after(text: str, toks: list[Token], j: int, limit: int, term_at=None) -> list[Token]:
    """Tokens of the subject that follows the verb at ``j`` (up to index ``limit``): up to the
    first stop word; if that leaves no personal name but a title, the last name run before
    ``limit`` (رئيس مركز حوار الحضارات في غزة عماد الفالوجي إن)."""
    out: list[Token] = []
    k = j + 1
    while k < limit and k < len(toks):
        t = toks[k]
        gap = text[toks[k - 1].end : t.start]
        if ":" in gap or "." in gap or "\n" in gap or (out and ("،" in gap or "," in gap)):
            break
        if out and any(m in gap for m in "\"“”«»") and not (term_at and term_at(toks[k - 1].end, t.start)):
            break
        role_pp = t.key in ("في", "فى") and any(in_list(o.key, titles()) for o in out[-3:])
        if len(out) == 1 and out[0].key in _QUANTIFIERS and t.key == "من":
            out = []  # كثير من الاستطلاعات، عدد من المسؤولين: the source is after من
            k += 1
            continue
        if (is_stop(t) and not role_pp and not _outlet_name(out, t)) or t.key in ("ل", "لـ") or lookup(t.key) is not None or (out and _addressee(t)):
            break  # ... but a role keeps its "in X" (المدير الطبي في العيادات السعودية)
        out.append(t)
        k += 1
        if len(out) >= 12:
            break
    if out and not name_runs(text, out) and in_list(out[0].key, titles()):
        region = list(toks[j + 1 : limit])
        cut = next((n for n, t in enumerate(region) if t.key in _RELATIVE_WORDS or t.key == "مع" or _addressee(t) or t.key in masdar_before()), None)
        region = region[:cut]  # المسؤول الذي طلب عدم الكشف عن هويته، المسؤول رافضا كشف هويته: no name after
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

    def __init__(self, article_runs: "list[str] | Callable[[], list[tuple[str, list[str]]]]" = (), text: str = "",
                 toks: list[Token] | None = None):
        """``article_runs``: the name runs of two words or more written in the article, or a
        function giving them with their tokens' keys (called only if a short form needs them:
        finding them walks the whole article)."""
        self.items: list[Speaker] = []
        self._runs = article_runs
        self.text = text
        self.toks = toks or []
        # name → (name, its merged keys, its token count, its merged key count): resolve compares many
        self._entries: dict[str, tuple[str, list[str], int, int]] = {}
        self._run_entries: list[tuple[str, list[str], int, int]] | None = None

    def _entry(self, name: str, keys: list[str] | None = None) -> tuple[str, list[str], int, int]:
        """A fuller form to compare a short name with (``keys``: its tokens' keys, if known)."""
        e = self._entries.get(name)
        if e is None:
            raw = [t.key for t in tokenize(name)] if keys is None else keys
            merged = _merge_abd(raw)
            e = self._entries[name] = (name, merged, len(raw), len(merged))
        return e

    def _runs_entries(self) -> list[tuple[str, list[str], int, int]]:
        if self._run_entries is None:
            found = self._runs() if callable(self._runs) else [(name, None) for name in self._runs]
            # a run's own tokens have the same keys as tokenize(name)
            self._run_entries = [self._entry(name, keys) for name, keys in found]
        return self._run_entries

    @property
    def article_runs(self) -> list[str]:
        return [e[0] for e in self._runs_entries()]

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
        keys = [t.key for t in tokenize(sp.name)]
        if not keys:
            return sp
        if keys[0] in _SOURCE_REF and len(keys) <= 2:
            prev = self.last()
            if prev:
                return _inherit(sp, prev, "source_ref")
            return sp
        head = keys[0]
        if head in _HONORIFIC_PRONOUNS:  # وشدد معاليه: the dignitary named before
            prev = self.last()
            return _inherit(sp, prev, "source_ref") if prev else sp
        kind = source_kind(head) if head.startswith(("ال", "لل")) and len(keys) <= 2 else None
        if kind == "document":  # وقال البيان، وأضاف التقرير: the source that issued it
            prev = self.last()
            if prev is not None:
                return _inherit(sp, prev, "issuer_ref")
        elif kind is not None:  # وأضافت الصحيفة، وقالت المحطة: the last source of that kind
            for prev in reversed(self.items):
                if prev.keys and any(source_kind(k) == kind for k in prev.keys[:2]):
                    return _inherit(sp, prev, "head_ref")
            named = self._kind_in_text(kind, sp.start or 0)
            if named:
                return Speaker(named, sp.surface, "head_ref", sp.gender, sp.actor_id, sp.start, sp.end, sp.keys)
        if head.startswith("ال") and in_list(head, heads() | titles()) and len(keys) <= 2:
            bare_head = head[2:]
            for prev in reversed(self.items):
                if bare_head in prev.keys or head in prev.keys:
                    return _inherit(sp, prev, "head_ref")
        if head.startswith("ال") and in_list(head, heads()) and len(keys) <= 2:
            named = self._head_in_text(head[2:], sp.start or 0)
            if named:
                return Speaker(named, sp.surface, "head_ref", sp.gender, sp.actor_id, sp.start, sp.end, sp.keys)
        if in_list(keys[0], titles()) and not name_runs(sp.name, tokenize(sp.name)):
            role = keys
            while len(role) > 1 and role[0] in honorifics():
                role = role[1:]  # معالي وزير الخارجية → وزير الخارجية
            for prev in reversed(self.items):  # عادل الجبير وزير الخارجية ... ورأى وزير الخارجية
                if prev.name != sp.name and _contains(prev.keys, role) and name_runs(prev.name, tokenize(prev.name)):
                    return _inherit(sp, prev, "role_ref")
            named = self._role_in_text(role) or next(filter(None, (self._role_in_text(alt) for alt in _role_variants(role))), None)
            if named:
                return Speaker(named, sp.surface, "role_ref", sp.gender, sp.actor_id, sp.start, sp.end, sp.keys)
            if len(keys) == 1 and head.startswith("ال"):  # وقال اللاعب: the last person named
                for prev in reversed(self.items):
                    if prev.name and not in_list(tokenize(prev.name)[0].key, heads()) and len(name_runs(prev.name, tokenize(prev.name))) == 1:
                        return _inherit(sp, prev, "role_ref")
        # short form → the fullest form that ends with it (or starts with it, for institutions)
        best = None
        best_len = 0
        entries = self._entries  # (the look-up of _entry inlined: resolve runs for every speaker)
        cands = [entries.get(p.name) or self._entry(p.name) for p in self.items if p.name] + self._runs_entries()
        keys = _merge_abd(keys)
        institution = keys[0].startswith("ال") or in_list(keys[0], heads())
        n = len(keys)
        k0 = keys[0]
        with_article = "ال" + k0
        n0 = len(k0)
        near_possible = n0 >= 5  # _near tells apart only spellings of five letters or more ...
        for cand, ck, n_tokens, n_ck in cands:
            if n_ck <= n:
                continue
            if n == 1:  # (the test below, unrolled for one key: most short forms are one word)
                last = ck[-1]
                hit = (last == k0 or (institution and ck[0] == k0) or last == with_article
                       or (near_possible and -2 < len(last) - n0 < 2 and _near(last, k0)))  # ... one letter apart in length
            else:
                hit = ck[-n:] == keys or (institution and ck[:n] == keys)
            if hit and (best is None or n_ck > best_len):
                best, best_len = cand, n_tokens  # (compared as before: merged keys against best's token count)
        if best:
            out = Speaker(best, sp.surface, sp.rule, sp.gender, sp.actor_id, sp.start, sp.end, sp.keys)
            if out.actor_id is None:
                for prev in reversed(self.items):
                    if prev.name == best and prev.actor_id:
                        out.actor_id = prev.actor_id
                        break
            return out
        return sp


    def _head_in_text(self, head: str, before: int) -> str | None:
        """صحيفة غارديان for a later الصحيفة: the head without article and the name after it."""
        toks = self.toks
        for j in range(len(toks) - 1, -1, -1):
            t = toks[j]
            if t.start >= before or t.key != head or j + 1 >= len(toks):
                continue
            nxt = toks[j + 1]
            if not only_space_between(self.text, t.end, nxt.start) or not _is_nameish(nxt) or _defined(nxt):
                continue
            end = nxt.end
            if j + 2 < len(toks) and only_space_between(self.text, nxt.end, toks[j + 2].start) and _defined(toks[j + 2]) and _is_nameish(toks[j + 2]) and not toks[j + 2].key.endswith(("ي", "يه")):
                end = toks[j + 2].end
            return self.text[t.start : end]
        return None

    def _kind_in_text(self, kind: str, before: int) -> str | None:
        """صحيفة "الواشنطن بوست"، قناة «ام تي في»، للكاتب ديفد إجنيشاس for a later الصحيفة،
        المحطة، الكاتب: the last noun of that kind without the article before ``before``, and
        the name after it (quoted, or a run of name words)."""
        toks, text = self.toks, self.text
        for j in range(len(toks) - 2, -1, -1):
            t = toks[j]
            if t.start >= before or source_kind(t.key) != kind or _defined(t) and not t.key.startswith("لل"):
                continue
            if kind != "writer" and t.key.startswith("لل"):
                continue
            gap = text[t.end : toks[j + 1].start]
            if gap.strip(" ") and gap.strip(" ") not in _QUOTE_MARKS:
                continue
            if gap.strip(" "):
                close = min((i for i in (text.find(m, toks[j + 1].start) for m in _QUOTE_MARKS) if i > 0), default=-1)
                if close < 0 or close - toks[j + 1].start > 40:
                    continue
                name = text[toks[j + 1].start : close].strip()
            else:
                runs = name_runs(text, list(toks[j + 1 : j + 5]))
                if not runs or runs[0][0].i != j + 1:
                    continue
                name = text[runs[0][0].start : runs[0][-1].end]
            return name if kind == "writer" else f"{t.text} {name}"
        return None

    def _role_in_text(self, keys: list[str]) -> str | None:
        """رئيس الوزراء البريطاني → the name written after the same role elsewhere in the article."""
        toks, n = self.toks, len(keys)
        for j in range(len(toks) - n):
            if [t.key for t in toks[j : j + n]] == keys:
                if not only_space_between(self.text, toks[j + n - 1].end, toks[j + n].start):
                    continue
                k = j + n
                while k < len(toks) and k < j + n + 2 and _defined(toks[k]) and toks[k].key.endswith(("ي", "يه")) and not is_stop(toks[k]):
                    k += 1  # رئيس الوزراء التركي أحمد ...: the role's nisba, then the name
                if k > j + n and not only_space_between(self.text, toks[k - 1].end, toks[k].start if k < len(toks) else toks[k - 1].end):
                    continue
                while k < len(toks) and toks[k].key in honorifics():
                    k += 1
                runs = name_runs(self.text, toks[k : k + 4])
                if runs and runs[0][0].i == toks[min(k, len(toks) - 1)].i and not _addressee(runs[0][0]):
                    r = runs[0]
                    return self.text[r[0].start : r[-1].end]
                if k == j + n and j > 0 and only_space_between(self.text, toks[j - 1].end, toks[j].start):
                    runs = name_runs(self.text, toks[max(0, j - 4) : j])  # عادل الجبير وزير الخارجية
                    if runs and runs[-1][-1].i == j - 1 and len(runs[-1]) >= 2:
                        r = trim_run(runs[-1])
                        if len(r) >= 2:
                            return self.text[r[0].start : r[-1].end]
        return None


@lru_cache(maxsize=None)
def _role_synonyms() -> dict[str, str]:
    out: dict[str, str] = {}
    for line in word_list("speaker_role_synonyms.txt"):
        a, b = (norm(w) for w in line.split())
        out[a], out[b] = b, a
    return out


def _role_variants(role: list[str]) -> list[list[str]]:
    """رئيس الوزراء → رئيس الحكومة: the same role with one word swapped for its synonym."""
    syn = _role_synonyms()
    return [role[:i] + [syn[k]] + role[i + 1 :] for i, k in enumerate(role) if k in syn]


def _merge_abd(keys: list[str]) -> list[str]:
    """عبد الرحمن and عبدالرحمن as one key: pages write the compound both ways."""
    out: list[str] = []
    for k in keys:
        if out and out[-1] in ("عبد", "وعبد"):
            out[-1] += k
        else:
            out.append(k)
    return out


def _contains(keys: tuple[str, ...], part: list[str]) -> bool:
    n = len(part)
    return any(list(keys[i : i + n]) == part for i in range(len(keys) - n + 1))


def _near(a: str, b: str) -> bool:
    """Two spellings of one long name, one slip apart (ارودغان / اردوغان): a swap of two
    neighbouring letters, or one letter more, less or different."""
    la, lb = len(a), len(b)
    if a == b or la < 5 or lb < 5 or la - lb > 1 or lb - la > 1:
        return a == b
    if la == lb:
        i = _first_difference(a, b)  # the rest must be equal, or the next letter swapped with it
        return a[i + 1 :] == b[i + 1 :] or (a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :])
    short, long_ = (a, b) if la < lb else (b, a)
    i = _first_difference(short, long_)  # dropping the first letter that differs is the only try needed
    return long_[i + 1 :] == short[i:]


def _first_difference(a: str, b: str) -> int:
    """Index of the first letter where two different strings differ (``len(a)`` if ``a`` is a
    prefix of ``b``)."""
    i = 0
    for x, y in zip(a, b):
        if x != y:
            return i
        i += 1
    return i


def _inherit(sp: Speaker, prev: Speaker, rule: str) -> Speaker:
    return Speaker(prev.name, sp.surface, rule, prev.gender or sp.gender, prev.actor_id, sp.start, sp.end, prev.keys)
