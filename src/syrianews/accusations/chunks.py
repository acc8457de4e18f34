"""Shallow noun-phrase chunking of one sentence around actor mentions.

A sentence's tokens are cut into *groups*: runs of actor mentions (apposition and affiliation
hold them together: الرئيس التركي رجب طيب اردوغان), or runs of plain words up to a preposition,
a demonstrative, a comma or a claim marker. Cue words (negation, particles, relative pronouns,
claim nouns ...) come from ``data/accusation_cues.csv``; titles that take a genitive (وزير
الخارجية) from the quote speaker lists ``speaker_titles.txt`` and ``speaker_heads.txt``."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .text import Token, fold

MAX_SLOT_TOKENS = 6  # a plain (non-actor) noun phrase is cut after this many words


@lru_cache(maxsize=None)
def cues() -> dict[str, str]:
    """Folded cue word → role (negation, particle, filler, relative, demonstrative, ...)."""
    path = resources.files("syrianews").joinpath("data", "accusation_cues.csv")
    with path.open(encoding="utf-8") as f:
        return {fold(r["cue"].strip()): r["role"].strip() for r in csv.DictReader(f) if r["cue"].strip()}


def role(token: Token) -> str | None:
    """Cue role of a token, also behind a conjunction (ولم، فقد)."""
    table = cues()
    key = token.key
    if key in table:
        return table[key]
    if key[:1] in ("و", "ف") and key[1:] in table:
        return table[key[1:]]
    return None


@lru_cache(maxsize=None)
def _titles() -> frozenset[str]:
    """Titles and institution heads that take a genitive (وزير الخارجية، مركز المصالحة),
    shared with the quote speaker rules (``speaker_titles.txt``, ``speaker_heads.txt``)."""
    from ..lexicons import word_list

    out: set[str] = set()
    for name in ("speaker_titles.txt", "speaker_heads.txt"):
        try:
            out.update(fold(w) for w in word_list(name))
        except (FileNotFoundError, OSError):
            continue
    return frozenset(out)


def is_title(key: str) -> bool:
    """A title or institution head, also with clitics or the article (لرئيس، الرئيس)."""
    titles = _titles()
    for k in (key, key[1:] if key[:1] in "وفبل" else key):
        if k in titles or (k.startswith("ال") and k[2:] in titles) or ("ال" + k) in titles:
            return True
    return False


@dataclass
class Mention:
    actor_id: str
    start: int  # offsets into the unit (title or paragraph)
    end: int
    surface: str
    clitic: str = ""  # proclitics inside the surface (للولايات المتحدة → لل)
    form: str = ""  # the mention extractor's form: name, alias, nisba, capital ...


@dataclass
class Group:
    """A noun phrase: consecutive tokens [first, last] with the actors mentioned in them."""

    first: int
    last: int
    actors: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    prep: bool = False  # governed by a preposition (في سوريا، للولايات المتحدة)
    coord: bool = False  # joined to the previous group by و
    demonstrative: bool = False  # starts with هذه / تلك ...
    strip_b: bool = False  # ما يسمى بمركز ...: the بـ is not part of the name

    def has_actor(self) -> bool:
        return bool(self.actors)


def actor_of(group: Group | None, parents: dict[str, str | None]) -> str | None:
    """The most specific actor of a group: one whose affiliation chain holds the others
    (رجب طيب اردوغان over الرئيس التركي), else the last one named (apposition puts the name last)."""
    if group is None or not group.actors:
        return None
    if group.first == group.last and all(m.form == "nisba" and not fold(m.surface).lstrip("وفبل").startswith("ال")
                                         for m in group.mentions):
        return None  # 5 سعوديين متهمين: people of a nationality, not the state
    best = group.actors[-1]
    for a in group.actors:
        if a != best and best in chain(a, parents):
            best = a
    return best


def chain(actor: str, parents: dict[str, str | None]) -> list[str]:
    seen: list[str] = []
    while actor and actor not in seen:
        seen.append(actor)
        actor = parents.get(actor) or ""
    return seen


def related(a: str, b: str, parents: dict[str, str | None]) -> bool:
    """Same actor, one above the other, or both under one (وزير الخارجية السعودية عادل الجبير)."""
    return a == b or bool(set(chain(a, parents)) & set(chain(b, parents)))


class Sentence:
    """One sentence's tokens with their actor mentions, and the chunker over them."""

    def __init__(self, text: str, tokens: list[Token], mentions: list[Mention], parents: dict[str, str | None],
                 titled: dict | None = None, history: list[tuple[int, str]] | None = None, origin: int = 0,
                 types: dict[str, str] | None = None):
        self.types = types or {}  # actor → catalogue type (person, state ...)
        self.titled = titled or {}  # (title word, state) → person, for الرئيس التركي → ERDOGAN
        self.history = history or []  # (position in the article, actor) of every mention, in order
        self.origin = origin  # article position of this unit's offset 0
        self.text = text  # the whole unit text (offsets of tokens index it)
        self.tokens = tokens
        self.parents = parents
        self.mention_at: list[Mention | None] = []
        for t in tokens:
            best = None
            for m in mentions:
                if m.start < t.end and m.end > t.start and (best is None or m.end - m.start > best.end - best.start):
                    best = m
            self.mention_at.append(best)

    def earlier_actors(self, i: int) -> list[str]:
        """Actors the article names before token ``i``, nearest first (for bare descriptions)."""
        pos = self.origin + self.tokens[i].start
        return [a for p, a in reversed(self.history) if p < pos]

    # -- token tests -------------------------------------------------------------------
    def clitic_before_mention(self, i: int) -> str:
        """Letters of token ``i`` before the mention that starts inside it (و، ل، بال ...)."""
        m = self.mention_at[i]
        t = self.tokens[i]
        if m is None:
            return ""
        if m.start <= t.start:
            return m.clitic if m.start == t.start else ""
        return fold(self.text[t.start:m.start])

    def is_prep_token(self, i: int) -> bool:
        """A preposition word, a word with a prepositional proclitic before an actor name, or a
        definite word behind لـ/بـ (للصحافيين الأتراك)."""
        if role(self.tokens[i]) == "preposition":
            return True
        if self.mention_at[i] is None and len(self.tokens[i].key) > 4 and self.tokens[i].key.lstrip("وف").startswith(("لل", "بال", "كال")):
            return True
        if self.mention_at[i] is not None:
            clitic = self.clitic_before_mention(i)
            return clitic.lstrip("وف")[:1] in ("ب", "ل", "ك")
        return False

    def is_claim_marker(self, i: int) -> bool:
        """أن / بأن / إنه ..., or a word with a بـ prefix that is not an actor (بتدريب، بالعمل)."""
        t = self.tokens[i]
        if self.mention_at[i] is not None:  # بان كي مون is a name
            return False
        r = role(t)
        if r == "that":
            return not t.key.startswith("ف")  # فإن opens the main clause, not a claim
        if r in ("glue", "filler", "preposition"):
            return False
        key = t.key.lstrip("وف") if len(t.key) > 4 else t.key
        return key.startswith("ب") and len(key) > 3 or (t.open_before and key.startswith("ب") and len(key) > 2)

    def is_nisba(self, m: Mention) -> bool:
        """A one-word adjective of affiliation (التركي، الروسية) modifies the noun before it."""
        words = m.surface.split()
        if len(words) != 1:
            return False
        w = fold(words[0])
        if m.form == "nisba" and w.startswith("ال"):
            return True
        return w.startswith("ال") and (w.endswith("ي") or w.endswith("ية") or w.endswith("يه"))

    # -- chunking ----------------------------------------------------------------------
    def groups(self, lo: int, hi: int, skip_first_b: bool = False, across: bool = False) -> list[Group]:
        """Noun-phrase groups of tokens [lo, hi); stops after a comma unless ``across``."""
        out: list[Group] = []
        i = lo
        pending_prep = False
        while i < hi:
            t = self.tokens[i]
            r = role(t)
            if r in ("filler", "particle") or (r == "negation" and t.key != "ما"):
                if r == "filler" and i + 1 < hi and self.mention_at[i + 1] is not None:
                    pending_prep = False  # منذ الأحد حزب العمال: the time word was the preposition's object
                i += 1
                continue
            if r == "preposition":
                pending_prep = True
                i += 1
                continue
            if t.key in ("ما", "وما") and i + 1 < hi and role(self.tokens[i + 1]) == "so_called":
                i += 2
                skip_first_b = True
                continue
            m = self.mention_at[i]
            g = Group(i, i)
            g.prep = pending_prep or self.is_prep_token(i)
            if skip_first_b:
                g.prep = False
                g.strip_b = t.key.startswith("ب")
                skip_first_b = False
            pending_prep = False
            g.coord = (self.clitic_before_mention(i) if m else t.key)[:1] == "و" and bool(out)
            if g.coord and out[-1].prep:
                g.prep = True  # من البلدات والقرى اللبنانية: still inside the prepositional phrase
            g.demonstrative = r == "demonstrative"
            if m is not None:
                self._take_mention(g, m)
                j = i + 1
                while j < hi and self.tokens[j - 1].close_after.strip(")") == "" and self.tokens[j].open_before in ("", "("):
                    mj = self.mention_at[j]
                    if mj is None:
                        break
                    if mj is m:
                        j += 1
                        continue
                    if self.clitic_before_mention(j) or not any(related(mj.actor_id, a, self.parents) for a in g.actors):
                        if not self.is_nisba(mj):
                            break
                    self._take_mention(g, mj)
                    m = mj
                    j += 1
                g.last = j - 1
            else:
                j = i + 1
                while j < hi and j - i < MAX_SLOT_TOKENS and not self.tokens[j - 1].boundary_after:
                    tj = self.tokens[j]
                    rj = role(tj)
                    mj = self.mention_at[j]
                    if rj == "glue":
                        j += 1
                        continue
                    if mj is not None:
                        # جماعة حزب العمال، الأمين العام لجامعة الدول العربية: a kind noun or a title
                        # and the name it governs are one phrase
                        if not g.mentions and self._governs_name(i, j):
                            j = self._take_whole_mention(g, mj, j, hi)
                            continue
                        # a nisba adjective or a name after "باسم" belongs to this phrase
                        if self._new_definite(j):
                            break
                        if (self.is_nisba(mj) and not self.clitic_before_mention(j) or role(self.tokens[j - 1]) == "glue"
                                or is_title(self.tokens[j - 1].key) and not self.clitic_before_mention(j)
                                and self._title_takes(j - 1, mj)
                                or any(related(mj.actor_id, a, self.parents) for a in g.actors) and not self.clitic_before_mention(j)):
                            j = self._take_whole_mention(g, mj, j, hi)
                            continue
                        break
                    if g.mentions:  # a name or adjective closed the phrase
                        break
                    if rj in ("preposition", "demonstrative", "that", "relative", "so_called", "negation", "filler", "pronoun") \
                            or self.is_claim_marker(j) or self.is_prep_token(j):
                        break
                    if tj.key[:1] == "و" and not tj.open_before == "(":
                        break
                    if self._new_definite(j) and not self._inside_parens(i, j):
                        break
                    j += 1
                g.last = j - 1
            out.append(g)
            i = g.last + 1
            if self.tokens[g.last].boundary_after and not across:
                break
        return out

    def _title_takes(self, k: int, m: Mention) -> bool:
        """A title at ``k`` holds the actor after it: an indefinite title governs it as a genitive
        (رئيس تركيا، زعيم حزب العمال); a definite one only stands in apposition to a person
        (الرئيس اردوغان) - حمّل المسؤول حزب العمال المسؤولية is subject and object."""
        key = self.tokens[k].key.lstrip("وف")
        if not (key.startswith("ال") or key.startswith("لل")) or not self.types:
            return True
        return self.types.get(m.actor_id) == "person"

    def _governs_name(self, first: int, j: int) -> bool:
        """The words [first, j) govern the actor named at ``j``: a kind noun right before it
        (جماعة حزب العمال، تنظيم داعش), or a title whose genitive is introduced by لـ (الأمين العام
        لجامعة الدول العربية، المبعوث الخاص للأمم المتحدة)."""
        clitic = self.clitic_before_mention(j)
        if j == first + 1 and role(self.tokens[first]) == "kind_noun" and not clitic:
            return True
        if clitic.lstrip("و") not in ("ل", "لل") or "(" in self.tokens[j].open_before:
            return False
        words = self.tokens[first:j]
        return len(words) <= 3 and is_title(words[0].key) and not any(t.boundary_after for t in words)

    def _inside_parens(self, first: int, j: int) -> bool:
        """Token ``j`` continues a parenthesis opened since ``first`` ((مضر حماد الأسعد))."""
        depth = 0
        for t in self.tokens[first:j]:
            depth += t.open_before.count("(") - t.close_after.count(")")
        return depth > 0

    def _new_definite(self, j: int) -> bool:
        """A definite title or actor name after an indefinite word that is no title starts a new
        phrase (دمرتاش | الرئيس التركي), while وزير الخارجية، مركز المصالحة and the family name
        of محمد الهيصمي hold together."""
        prev, cur = self.tokens[j - 1], self.tokens[j]
        if self.mention_at[j - 1] is not None or "(" in cur.open_before or ")" in prev.close_after:
            return False
        if role(prev) == "demonstrative":
            return False  # هذا التنظيم، هذه الحكومة: one phrase
        if not cur.key.startswith("ال") or prev.key.lstrip("وف").startswith("ال") or is_title(prev.key):
            return False
        return is_title(cur.key) or self.mention_at[j] is not None and not self.is_nisba(self.mention_at[j])

    def _take_mention(self, g: Group, m: Mention) -> None:
        if m not in g.mentions:
            g.mentions.append(m)
            g.actors.append(m.actor_id)

    def _take_whole_mention(self, g: Group, m: Mention, j: int, hi: int) -> int:
        """Take mention ``m`` starting at token ``j`` into ``g``; the first token after it (below ``hi``)."""
        self._take_mention(g, m)
        j += 1
        while j < hi and self.mention_at[j] is m:
            j += 1
        return j

    def group_before(self, i: int) -> Group | None:
        """The noun phrase that ends just before token ``i`` (for SVO subjects and passives)."""
        if i <= 0 or self.tokens[i - 1].boundary_after:
            return None
        m = self.mention_at[i - 1]
        lo = i - 1
        while lo > 0 and not self.tokens[lo - 1].boundary_after and i - lo < MAX_SLOT_TOKENS + 2:
            r = role(self.tokens[lo - 1])
            if r in ("preposition", "relative", "that", "demonstrative", "negation", "particle", "opener"):
                break
            if self.tokens[lo - 1].key[:1] == "و" and self.mention_at[lo - 1] is None:
                lo -= 1
                break
            if m is not None and self.mention_at[lo - 1] is None and not self.is_nisba(m):
                break
            lo -= 1
        gs = self.groups(lo, i)
        if not gs:
            return None
        g = gs[-1]
        if g.last != i - 1:
            return None
        # leading prepositional phrase: not a subject
        if lo > 0 and role(self.tokens[lo - 1]) == "preposition":
            g.prep = True
        return g

    def surface(self, g: Group | None) -> str | None:
        """The name of a group: a parenthesised name, else a person-like mention, else the words."""
        if g is None:
            return None
        toks = self.tokens[g.first:g.last + 1]
        paren = [t for t in toks if "(" in t.open_before]
        if paren:
            k = toks.index(paren[0])
            end = next((x for x in toks[k:] if ")" in x.close_after), toks[-1])
            return self.text[paren[0].start:end.end]
        if len(g.mentions) > 1:
            m = g.mentions[-1]
            return m.surface
        s = toks[0].start
        m = self.mention_at[g.first]
        if m is not None and m.start > s:
            s = m.start
        elif m is not None and m.clitic and m.start == s:
            if m.clitic.endswith("لل"):  # للأردن → الأردن
                return "ال" + self.text[s + len(m.clitic):toks[-1].end]
            s += len(m.clitic)
        elif toks[0].key[:1] == "و" and g.coord or g.strip_b:
            s += 1
        return self.text[s:toks[-1].end]
