"""Who accuses whom around a trigger word, by shallow phrase chunking of one sentence.

No parser: the sentence's tokens are cut into noun-phrase *groups* (runs of actor mentions,
or runs of plain words up to a preposition, a demonstrative, a comma or a claim marker), and
the argument slots of the trigger are read off word order:

- verb with a subject before it (الدفاع الروسية تتهم أمريكا، اردوغان الذي يتهمه) → SVO;
- otherwise verb first (اتهم المركز القوات الأمريكية، ويتهم دمرتاش الرئيس التركي): the first
  group after it is the subject and the next the object; one group alone is the object and the
  subject was dropped (كما اتهم حزب العمال ... بأن), unless a pronoun on the verb is the object;
- masdar: the accused follows with لـ (اتهامها للولايات المتحدة), or as genitive before the
  claim (اتهام عمان بأنها ...); a genitive before a لـ is the accuser;
- passive participle (قاسم سليماني المتهم بقتل): the accused is the noun just before.
The claim is what follows بـ / أن. Subjects that the sentence does not give are resolved by
the extractor (quote speaker, earlier accuser)."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .text import Token, fold
from .triggers import TriggerMatch

MAX_SLOT_TOKENS = 6  # a plain (non-actor) noun phrase is cut after this many words
RIGHT_WINDOW = 14  # tokens after a trigger searched for its arguments
PREPOSITION_CLITICS = ("ب", "ل", "وب", "ول", "فب", "فل", "لل", "بال", "وبال", "ولل")


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


def _is_title(key: str) -> bool:
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
    return a == b or a in chain(b, parents) or b in chain(a, parents)


class Sentence:
    """One sentence's tokens with their actor mentions, and the chunker over them."""

    def __init__(self, text: str, tokens: list[Token], mentions: list[Mention], parents: dict[str, str | None]):
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

    # -- token tests -------------------------------------------------------------------
    def clitic_before_mention(self, i: int) -> str:
        """Letters of token ``i`` before the mention that starts inside it (و، ل، بال ...)."""
        m = self.mention_at[i]
        t = self.tokens[i]
        if m is None or m.start <= t.start:
            return ""
        return fold(self.text[t.start:m.start])

    def is_prep_token(self, i: int) -> bool:
        """A preposition word, or a word with a prepositional proclitic before an actor name."""
        if role(self.tokens[i]) == "preposition":
            return True
        if self.mention_at[i] is not None:
            clitic = self.clitic_before_mention(i)
            return clitic.lstrip("وف")[:1] in ("ب", "ل", "ك")
        return False

    def is_claim_marker(self, i: int) -> bool:
        """أن / بأن / إنه ..., or a word with a بـ prefix that is not an actor (بتدريب، بالعمل)."""
        t = self.tokens[i]
        r = role(t)
        if r == "that":
            return True
        if r in ("glue", "filler", "preposition") or self.mention_at[i] is not None:
            return False
        key = t.key.lstrip("وف") if len(t.key) > 4 else t.key
        return key.startswith("ب") and len(key) > 3 or (t.open_before and key.startswith("ب") and len(key) > 2)

    def is_nisba(self, m: Mention) -> bool:
        """A one-word adjective of affiliation (التركي، الروسية) modifies the noun before it."""
        words = m.surface.split()
        if len(words) != 1:
            return False
        w = fold(words[0])
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
                        # a nisba adjective or a name after "باسم" belongs to this phrase
                        if self._new_definite(j):
                            break
                        if (self.is_nisba(mj) and not self.clitic_before_mention(j) or role(self.tokens[j - 1]) == "glue"
                                or any(related(mj.actor_id, a, self.parents) for a in g.actors) and not self.clitic_before_mention(j)):
                            self._take_mention(g, mj)
                            k = j + 1
                            while k < hi and self.mention_at[k] is mj:
                                k += 1
                            j = k
                            continue
                        break
                    if g.mentions:  # a name or adjective closed the phrase
                        break
                    if rj in ("preposition", "demonstrative", "that", "relative", "so_called", "negation", "filler", "pronoun") or self.is_claim_marker(j):
                        break
                    if tj.key[:1] == "و" and not tj.open_before == "(":
                        break
                    if self._new_definite(j):
                        break
                    j += 1
                g.last = j - 1
            out.append(g)
            i = g.last + 1
            if self.tokens[g.last].boundary_after and not across:
                break
        return out

    def _new_definite(self, j: int) -> bool:
        """A definite word after an indefinite one that is no title or head starts a new phrase
        (دمرتاش | الرئيس التركي), while وزير الخارجية and مركز المصالحة hold together."""
        prev, cur = self.tokens[j - 1], self.tokens[j]
        if self.mention_at[j - 1] is not None or "(" in cur.open_before or ")" in prev.close_after:
            return False
        return cur.key.startswith("ال") and not prev.key.lstrip("وف").startswith("ال") and not _is_title(prev.key)

    def _take_mention(self, g: Group, m: Mention) -> None:
        if m not in g.mentions:
            g.mentions.append(m)
            g.actors.append(m.actor_id)

    def group_before(self, i: int) -> Group | None:
        """The noun phrase that ends just before token ``i`` (for SVO subjects and passives)."""
        if i <= 0 or self.tokens[i - 1].boundary_after:
            return None
        m = self.mention_at[i - 1]
        lo = i - 1
        while lo > 0 and not self.tokens[lo - 1].boundary_after and i - lo < MAX_SLOT_TOKENS + 2:
            r = role(self.tokens[lo - 1])
            if r in ("preposition", "relative", "that", "demonstrative", "negation", "particle"):
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
        if m is not None and self.clitic_before_mention(g.first):
            s = max(s, m.start)
        elif toks[0].key[:1] == "و" and g.coord or g.strip_b:
            s += 1
        return self.text[s:toks[-1].end]


@dataclass
class Roles:
    accuser: Group | None = None
    accused: list[Group] = field(default_factory=list)
    accused_pronoun: str | None = None  # اتهمه: the accused is a pronoun
    accuser_pronoun: bool = False  # اتهامها: the accuser is a pronoun
    subject_dropped: bool = False  # the sentence does not name the subject
    subject_only: bool = False  # اتهم X، اتهم Y: X is the subject of the repeated verb
    claim_index: int | None = None  # token where the claim starts
    object_first: int | None = None  # first token of the object (for deny)
    object_last: int | None = None
    negated: bool = False
    skip: bool = False  # not an act (تلك الاتهامات refers back)


def _slots(groups: list[Group]) -> list[list[Group]]:
    """Argument slots: non-prepositional groups, coordinated groups merged into one slot."""
    slots: list[list[Group]] = []
    for g in groups:
        if g.prep:
            continue
        if g.coord and slots and g.has_actor() and slots[-1][-1].has_actor():
            slots[-1].append(g)
        else:
            slots.append([g])
    return slots


def _negated(s: Sentence, i: int) -> bool:
    j = i - 1
    while j >= 0 and role(s.tokens[j]) == "particle":
        j -= 1
    return j >= 0 and role(s.tokens[j]) == "negation"


def _right_end(s: Sentence, trig: TriggerMatch, next_trigger: int | None) -> int:
    """Where the argument region after a trigger stops: claim marker, comma, next trigger."""
    i = trig.index
    hi = min(len(s.tokens), i + 1 + RIGHT_WINDOW)
    if next_trigger is not None:
        hi = min(hi, next_trigger)
    if s.tokens[i].boundary_after:
        return i + 1
    after_so_called = False
    for j in range(i + 1, hi):
        if trig.cue_index is not None and j == trig.cue_index:
            return j
        if role(s.tokens[j]) == "so_called":
            after_so_called = True
        elif s.is_claim_marker(j) and not after_so_called:
            return j
        else:
            after_so_called = False
        if s.tokens[j].boundary_after:
            return j + 1
    return hi


def find_roles(s: Sentence, trig: TriggerMatch, next_trigger: int | None) -> Roles:
    """Accuser, accused and claim of one trigger, as far as the sentence gives them."""
    pos = trig.entry.pos
    i = trig.index
    out = Roles(negated=_negated(s, i))
    end = _right_end(s, trig, next_trigger)
    if end < len(s.tokens) and (s.is_claim_marker(end) or end == trig.cue_index):
        out.claim_index = end
    right = s.groups(i + 1, end)
    slots = _slots(right)

    if pos == "passive" or (pos == "participle" and trig.entry.kind == "accuse" and i + 1 < len(s.tokens) and s.is_claim_marker(i + 1)):
        g = s.group_before(i)
        out.accused = [g] if g is not None else []
        out.claim_index = i + 1 if i + 1 < len(s.tokens) else None
        return out

    if pos == "masdar":
        if i > 0 and role(s.tokens[i - 1]) == "demonstrative":
            out.skip = True
            return out
        lam = [g for g in right if g.prep and g.has_actor() and s.clitic_before_mention(g.first)[-1:] in ("ل",) or
               (g.prep and g.has_actor() and s.clitic_before_mention(g.first).endswith("لل"))]
        genitive = right[0] if right and not right[0].prep and right[0].first == i + 1 and right[0].has_actor() else None
        if trig.suffix:
            out.accuser_pronoun = True
        if lam:
            out.accused = [lam[0]]
            if genitive is not None and genitive.last < lam[0].first:
                out.accuser = genitive
        elif genitive is not None:
            out.accused = [genitive]
        if trig.entry.kind == "deny" and out.accused:
            out.object_first, out.object_last = out.accused[0].first, out.accused[0].last
        return out

    if pos == "participle" or (pos == "phrase" and s.tokens[i].key.lstrip("وف").startswith("م")):
        out.subject_dropped = True
        if slots:
            out.accused = slots[0]
            out.object_first, out.object_last = slots[0][0].first, slots[0][-1].last
        _phrase_objects(s, trig, out, end)
        return out

    # finite verb (also phrase verbs)
    left = None
    clause_initial = trig.prefix[:1] in ("و", "ف") or i == 0 or s.tokens[i - 1].boundary_after
    if not clause_initial:
        j = i
        while j > 0 and role(s.tokens[j - 1]) in ("particle", "negation"):
            j -= 1
        if j > 0 and role(s.tokens[j - 1]) == "relative":
            left = s.group_before(j - 1)
        elif j == i and j > 0:
            g = s.group_before(j)
            imperfect = trig.entry.form[:1] in ("ي", "ت", "ن")
            if g is not None and not g.prep and (g.has_actor() or imperfect):
                left = g
    if left is not None and left.first == left.last and role(s.tokens[left.first]) == "pronoun":
        left = None
        clause_initial = False
        out.subject_dropped = True
    if left is not None:
        out.accuser = left
        if trig.suffix:
            out.accused_pronoun = trig.suffix
        elif slots:
            out.accused = slots[0]
            out.object_first, out.object_last = slots[0][0].first, slots[0][-1].last
    elif trig.suffix:
        out.accused_pronoun = trig.suffix
        if slots:
            out.accuser = slots[0][0]
        else:
            out.subject_dropped = True
    elif len(slots) >= 2:
        out.accuser = slots[0][0]
        out.accused = slots[1]
        out.object_first, out.object_last = slots[1][0].first, slots[1][-1].last
    elif len(slots) == 1 and _single_slot_is_subject(s, trig, end, next_trigger):
        out.accuser = slots[0][0]
        if end < len(s.tokens) and (end == next_trigger or end == trig.cue_index or role(s.tokens[end]) == "demonstrative"):
            out.object_first = end
        elif end < len(s.tokens) and trig.entry.kind == "condemn" and s.is_claim_marker(end):
            target = [g for g in s.groups(end, min(len(s.tokens), end + 4)) if g.has_actor()][:1]
            out.accused = target
    elif len(slots) == 1:
        lonely_before_repeat = (
            next_trigger is not None and out.claim_index is None and end <= next_trigger and s.tokens[end - 1].boundary_after
        )
        if lonely_before_repeat:
            out.accuser = slots[0][0]
            out.subject_only = True
        else:
            out.accused = slots[0]
            out.object_first, out.object_last = slots[0][0].first, slots[0][-1].last
            out.subject_dropped = True
    else:
        out.subject_dropped = True
    _phrase_objects(s, trig, out, end)
    return out


def _single_slot_is_subject(s: Sentence, trig: TriggerMatch, end: int, next_trigger: int | None) -> bool:
    """One noun phrase after the verb: the subject of a denial (نفت موسكو أن / اتهامات ...), of a
    condemnation (ونددت قطر بالهجوم) and of blaming or claiming (ألقت موسكو باللوم، زعمت إيران أن);
    for accuse verbs it is the object and the subject was dropped (كما اتهم حزب العمال ... بأن)."""
    kind = trig.entry.kind
    if kind in ("deny", "condemn"):
        return True
    return trig.cue_index is not None and end == trig.cue_index and not (trig.entry.requires and "مسؤولي" in trig.entry.requires.pattern)


def _phrase_objects(s: Sentence, trig: TriggerMatch, out: Roles, end: int) -> None:
    """ألقى باللوم على X: the accused follows على; رفض اتهامات X: X follows the cue."""
    if trig.cue_index is None:
        return
    form = trig.entry.form
    after = s.groups(trig.cue_index + 1, min(len(s.tokens), trig.cue_index + 1 + RIGHT_WINDOW))
    if "اللوم" in (trig.entry.requires.pattern if trig.entry.requires else ""):
        target = [g for g in after if g.has_actor()][:1]
        out.accused = target
        out.claim_index = None
    elif trig.entry.kind == "deny":
        out.object_first = trig.cue_index
        out.object_last = after[0].last if after else trig.cue_index
    elif form and out.claim_index is None:
        out.claim_index = trig.cue_index + 1 if trig.cue_index + 1 < len(s.tokens) else None
