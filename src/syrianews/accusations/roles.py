"""Who accuses whom around a trigger word, read off word order over the noun-phrase groups
of :mod:`.chunks` (no parser):

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

from dataclasses import dataclass, field

from .chunks import Group, Sentence, cues, role
from .triggers import TriggerMatch, load_triggers

RIGHT_WINDOW = 14  # tokens after a trigger searched for its arguments
AGENT_REACH = 5  # tokens after a relative pronoun searched for the doer of a condemned deed


@dataclass
class Roles:
    accuser: Group | None = None
    accused: list[Group] = field(default_factory=list)
    accused_pronoun: str | None = None  # اتهمه: the accused is a pronoun
    accuser_pronoun: bool = False  # اتهامها: the accuser is a pronoun
    subject_dropped: bool = False  # the sentence does not name the subject
    subject_only: bool = False  # اتهم X، اتهم Y: X is the subject of the repeated verb
    claim_index: int | None = None  # token where the claim starts
    accused_from_claim: bool = False  # the accused is the subject of the claim (اتهامات بأن تركيا تساعد)
    object_first: int | None = None  # first token of the object (for deny)
    object_last: int | None = None
    negated: bool = False
    skip: bool = False  # not an act (تلك الاتهامات refers back)


def _lam(s: Sentence, g: Group) -> bool:
    """A group behind the preposition لـ (للولايات المتحدة، لواشنطن، للهجمات)."""
    key = s.clitic_before_mention(g.first) if s.mention_at[g.first] is not None else s.tokens[g.first].key
    key = key.lstrip("وف")
    return key.startswith("ل") and not key.startswith("ال")


def _slots(groups: list[Group]) -> list[list[Group]]:
    """Argument slots: non-prepositional groups; a group joined by و belongs to the slot before."""
    slots: list[list[Group]] = []
    for g in groups:
        if g.prep:
            continue
        if g.coord and slots:
            # حزب العمال وتنظيم داعش، الناطق باسم التحالف ومستشار وزير الدفاع: one argument
            slots[-1].append(g)
        else:
            slots.append([g])
    return slots


def _negated(s: Sentence, trig: TriggerMatch) -> bool:
    """لم يتهم، لا تتهم، عدم اتهام ...; ما negates only a perfect verb (ما اتهم), not the
    relative ما before an imperfect (ما يزعمون)."""
    j = trig.index - 1
    while j >= 0 and role(s.tokens[j]) == "particle":
        j -= 1
    if j < 0 or role(s.tokens[j]) != "negation":
        return False
    if s.tokens[j].key.lstrip("وف") == "ما":
        return trig.entry.pos in ("verb", "phrase") and trig.entry.form[:1] not in ("ي", "ت", "ن")
    return True


def _skipped(s: Sentence, trig: TriggerMatch) -> bool:
    """Trigger words that are no act here: ما يزعم (so-called), a participle after a number
    (29 متهما: defendants), a pronoun-marked إدانته (his conviction)."""
    i = trig.index
    prev = s.tokens[i - 1].key if i > 0 else ""
    if trig.entry.requires is not None and "ان" in trig.entry.requires.pattern and prev in ("ما", "مما", "بما", "كما"):
        return True
    if trig.entry.pos in ("participle", "passive") and prev[:1].isdigit():
        return True
    if trig.entry.responsibility and trig.entry.form.startswith("ت") and trig.cue_index is not None:
        # تحمّل المسؤولية، على تحمّل الأعباء: bore, bearing; تحمّل X المسؤولية holds the actor X responsible
        between = range(i + 1, trig.cue_index)
        if (i > 0 and role(s.tokens[i - 1]) == "preposition") or not any(s.mention_at[k] for k in between):
            return True
    return False


def _passive_blame(s: Sentence, trig: TriggerMatch) -> bool:
    """ألقى/يلقي باللوم is active, أُلقي/يُلقى باللوم passive: news spelling keeps ى and ي apart
    in this verb, so the final letter as written tells the voice."""
    if trig.cue_index is None or "اللوم" not in (trig.entry.requires.pattern if trig.entry.requires else ""):
        return False
    word = s.tokens[trig.index].text
    perfect = trig.entry.form.startswith("ا")
    return word.endswith("ي") if perfect else word.endswith("ى")


def _right_end(s: Sentence, trig: TriggerMatch, next_trigger: int | None, start: int | None = None) -> int:
    """Where the argument region after a trigger (or from ``start``) stops: claim marker,
    comma, next trigger."""
    i = trig.index if start is None else start - 1
    hi = min(len(s.tokens), i + 1 + RIGHT_WINDOW)
    if next_trigger is not None:
        hi = min(hi, next_trigger)
    if start is None and s.tokens[i].boundary_after:
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


def find_roles(s: Sentence, trig: TriggerMatch, next_trigger: int | None, coordinated: bool = False) -> Roles:
    """Accuser, accused and claim of one trigger, as far as the sentence gives them.

    ``coordinated``: the verb is joined by و to a verb of the same act just before it (يستنكر
    ويشجب): it shares that verb's subject, so every phrase after it is its object.

    What is read depends on the trigger's form (the ``pos`` column of the trigger lexicon): one
    function per frame (:data:`_FRAMES`), after the checks that hold for every form."""
    out = Roles(negated=_negated(s, trig))
    if _skipped(s, trig):
        out.skip = True
        return out
    if _passive_blame(s, trig):
        # هجمات أُلقي (يُلقى) باللوم فيها على حزب العمال: blame laid, by no one named
        after = s.groups(trig.cue_index + 1, min(len(s.tokens), trig.cue_index + 1 + RIGHT_WINDOW))
        out.accused = [g for g in after if g.has_actor()][:1]
        return out
    end = _right_end(s, trig, next_trigger)
    if end < len(s.tokens) and (s.is_claim_marker(end) or end == trig.cue_index):
        out.claim_index = end
    frame = _FRAMES[_frame(s, trig)]
    return frame(s, trig, out, end, s.groups(trig.index + 1, end), next_trigger, coordinated)


def _frame(s: Sentence, trig: TriggerMatch) -> str:
    """The frame a trigger is read with: its lexicon form, except a participle with its claim
    right after (المتهم بقتل: passive) and a phrase trigger led by a participle (م...)."""
    pos, i = trig.entry.pos, trig.index
    if pos == "passive" or (pos == "participle" and trig.entry.kind == "accuse" and i + 1 < len(s.tokens) and s.is_claim_marker(i + 1)):
        return "passive"
    if pos == "masdar":
        return "masdar"
    if pos == "participle" or (pos == "phrase" and s.tokens[i].key.lstrip("وف").startswith("م")):
        return "participle"
    return "verb"


def _passive_frame(s: Sentence, trig: TriggerMatch, out: Roles, end: int, right: list[Group],
                   next_trigger: int | None, coordinated: bool) -> Roles:
    """قاسم سليماني المتهم بقتل: the accused is the noun just before; no accuser."""
    i = trig.index
    g = s.group_before(i)
    if g is None or not g.has_actor():
        out.skip = True  # محاكمة المتهمين: the defendants, no actor accused
        return out
    out.accused = [g]
    out.claim_index = i + 1 if i + 1 < len(s.tokens) else None
    return out


def _masdar_frame(s: Sentence, trig: TriggerMatch, out: Roles, end: int, right: list[Group],
                  next_trigger: int | None, coordinated: bool) -> Roles:
    """اتهامها للولايات المتحدة، اتهام عمان بأنها ...: genitive and لـ around the masdar."""
    i = trig.index
    if i > 0 and role(s.tokens[i - 1]) == "demonstrative":
        out.skip = True
        return out
    lam = [g for g in right if g.prep and _lam(s, g)]
    genitive = right[0] if right and not right[0].prep and right[0].first == i + 1 and right[0].has_actor() else None
    second = [sl for sl in _slots(right) if genitive is None or sl[0] is not genitive]
    if trig.suffix and not lam and trig.entry.kind == "accuse" and _definite_claim(s, i + 1):
        # اتهامهم بالتخابر: the pronoun is who is accused (of what follows بـ), not who accuses
        out.accused = _last_actor_before(s, i)
    elif trig.suffix:
        out.accuser_pronoun = True
    if lam and (lam[0].has_actor() or genitive is not None):
        # اتهامها للولايات المتحدة، إدانة الولايات المتحدة للهجمات: the genitive is the accuser
        out.accused = [lam[0]] if lam[0].has_actor() else []
        if genitive is not None and genitive.last < lam[0].first:
            out.accuser = genitive
    elif genitive is not None and second and out.claim_index is not None:
        out.accuser, out.accused = genitive, second[0]  # اتهام القضاء الأمريكي 14 مسؤولا بالفساد
    elif genitive is not None and genitive.last + 1 < len(s.tokens) and s.is_claim_marker(genitive.last + 1):
        out.accused = [genitive]  # اتهام أنقرة بدعم داعش
    elif genitive is not None:
        out.accuser = genitive  # وفقا لاتهامات وزارة العدل الأمريكية
    elif right and not right[0].prep and right[0].first == i + 1 and not right[0].demonstrative:
        out.accused = [right[0]]  # اتهام عمان بأنها ...: a genitive the catalogue does not know
    if trig.entry.kind == "accuse" and not any(g.has_actor() for g in out.accused) and out.claim_index is not None:
        subject = _claim_subject(s, out.claim_index)  # اتهامات بأن المالكي دبر الفرار
        if subject:
            out.accused, out.accused_from_claim = subject, True
    light = _light_verb(s, i)
    if light is not None and role(s.tokens[light]) == "undergo_verb":
        _undergo_roles(s, trig, light, out)
    elif light is not None and not out.accuser_pronoun:
        _light_verb_roles(s, trig, light, out)
    if trig.entry.kind == "deny" and out.accused:
        out.object_first, out.object_last = out.accused[0].first, out.accused[0].last
    if trig.entry.kind == "condemn" and not lam and (trig.suffix or genitive is None):
        out.skip = True  # إدانته، ثبوت إدانة متهم: a conviction, not a condemnation
    return out


def _participle_frame(s: Sentence, trig: TriggerMatch, out: Roles, end: int, right: list[Group],
                      next_trigger: int | None, coordinated: bool) -> Roles:
    """متهما، محملا ... المسؤولية: the subject is dropped, the first phrase after is the object."""
    slots = _slots(right)
    out.subject_dropped = True
    if slots:
        out.accused = slots[0]
        out.object_first, out.object_last = slots[0][0].first, slots[0][-1].last
    _phrase_objects(s, trig, out, end)
    return out


def _verb_frame(s: Sentence, trig: TriggerMatch, out: Roles, end: int, right: list[Group],
                next_trigger: int | None, coordinated: bool) -> Roles:
    """A finite verb (and phrase verbs): a verb sharing the subject of the one before, a passive
    marked by its vowels, else a subject before the verb (SVO) or after it (VSO)."""
    slots = _slots(right)
    if coordinated:
        out.subject_dropped = True
        if slots:
            obj = next((sl for sl in slots if any(g.has_actor() for g in sl)), slots[0])
            out.accused = obj
            out.object_first, out.object_last = obj[0].first, obj[-1].last
        _agent_of_object(s, trig, out)
        _phrase_objects(s, trig, out, end)
        return out
    if _vocalised_passive(s, trig):
        # ويُتهم بايانجوك بالعمل، اتُّهم الجيش: the vowels mark the passive; no accuser is named
        g = slots[0] if slots else None
        if g is None:
            before = s.group_before(trig.index)
            g = [before] if before is not None and not before.prep and before.has_actor() else None
        if g:
            out.accused = g
            out.object_first, out.object_last = g[0].first, g[-1].last
        return out
    left = _subject_before_verb(s, trig, out, end, slots)
    if left is _DONE:
        return out
    if left is not None:
        _svo_roles(s, trig, out, left, slots)
    else:
        _vso_roles(s, trig, out, end, slots, next_trigger)
    _agent_of_object(s, trig, out)
    _phrase_objects(s, trig, out, end)
    return out


_DONE = object()  # _subject_before_verb decided the roles itself


def _subject_before_verb(s: Sentence, trig: TriggerMatch, out: Roles, end: int, slots: list[list[Group]]) -> "Group | None | object":
    """The subject written before the verb (الدفاع الروسية تتهم، الذي يتهمه ...), None when the
    verb opens its clause; :data:`_DONE` when a relative clause gave the roles (filled in ``out``)."""
    i = trig.index
    left = None
    clause_initial = (trig.prefix[:1] in ("و", "ف") or i == 0 or s.tokens[i - 1].boundary_after
                      or role(s.tokens[i - 1]) == "opener")
    if not clause_initial:
        j = i
        while j > 0 and role(s.tokens[j - 1]) in ("particle", "negation"):
            j -= 1
        if j > 0 and role(s.tokens[j - 1]) == "relative":
            left = s.group_before(j - 1)
            if left is not None and not trig.suffix and i + 1 < len(s.tokens) and s.is_claim_marker(i + 1):
                out.accused = [left]  # الجيش التركي الذي اتُّهم بعدم حماية ...: passive
                out.claim_index = i + 1
                return _DONE
            head = _antecedent(s, j - 1)
            if trig.suffix and head is not None:
                subject = slots[0] if slots else None  # الذي يتهمه المتظاهرون: a subject after the verb
                if subject is not None or _feminine(s.tokens[j - 1].key) != _feminine_verb(trig):
                    # الحزب الذي تتهمه أنقرة، الحزب المحظور الذي تتهمه (she): the pronoun resumes the head
                    out.accused = [head]
                    if subject is not None:
                        out.accuser = subject[0]
                    else:
                        out.subject_dropped = True
                    _phrase_objects(s, trig, out, end)
                    return _DONE
        elif j > 0 and (j == i or role(s.tokens[j]) == "particle"):
            g = s.group_before(j)
            imperfect = trig.entry.form[:1] in ("ي", "ت", "ن")
            if g is not None and not g.prep and (g.has_actor() or imperfect):
                left = g
    if left is not None and left.first == left.last and role(s.tokens[left.first]) == "pronoun":
        out.subject_dropped = True  # a pronoun before the verb: the subject is not named
        return None
    return left


def _svo_roles(s: Sentence, trig: TriggerMatch, out: Roles, left: Group, slots: list[list[Group]]) -> None:
    """Subject before the verb: it accuses; the object is a pronoun on the verb or the next phrase."""
    out.accuser = left
    if trig.suffix:
        head = _enclosing_head(s, trig.index, left)
        if head is not None:
            out.accused = [head]  # اردوغان الذي واجه انتقادات تتهمه: the pronoun resumes the relative's head
        else:
            out.accused_pronoun = trig.suffix
    elif slots:
        out.accused = slots[0]
        out.object_first, out.object_last = slots[0][0].first, slots[0][-1].last


def _vso_roles(s: Sentence, trig: TriggerMatch, out: Roles, end: int, slots: list[list[Group]], next_trigger: int | None) -> None:
    """Verb first: subject then object after it; one phrase alone is the object (subject dropped)
    unless it is the subject of a repeated verb or a pronoun on the verb is the object."""
    if trig.suffix:
        out.accused_pronoun = trig.suffix
        if slots:
            out.accuser = slots[0][0]
        else:
            out.subject_dropped = True
    elif _first_person(trig) and slots:
        # ندين بأشد العبارات العمل الإجرامي: "we" is the subject, the phrases after the verb are objects
        out.subject_dropped = True
        obj = next((sl for sl in slots if any(g.has_actor() for g in sl)), slots[0])
        out.accused = obj
        out.object_first, out.object_last = obj[0].first, obj[-1].last
    elif len(slots) >= 2:
        out.accuser = slots[0][0]
        obj = slots[1]
        victim = role(s.tokens[obj[0].first]) == "victim_event"  # أدان اغتيال النائب العام المصري
        if not any(g.has_actor() for g in obj) and trig.entry.kind != "deny" and not victim:
            # اتهم زعيم الحزب، أكبر أحزاب المعارضة، الرئيسَ اردوغان: the apposition has no actor
            later = [sl for sl in slots[2:] if any(g.has_actor() for g in sl)]
            if (trig.entry.kind == "accuse" and len(later) > 1 and _indefinite_head(s, obj[0])
                    and later[0][0].first == obj[-1].last + 1):
                later = later[1:]  # أكبر أحزاب | المعارضة | الرئيس اردوغان: the genitive is the apposition's
            obj = later[0] if later else obj
        elif trig.entry.kind == "accuse" and _indefinite_apposition(s, obj):
            # اتهم زعيم الحزب أكبر أحزاب المعارضة الرئيس اردوغان: an indefinite phrase after the
            # subject describes it; the definite phrase with an actor after it is the object
            obj = next((sl for sl in slots[2:] if any(g.has_actor() for g in sl)), obj)
        out.accused = [] if victim else obj
        out.object_first, out.object_last = obj[0].first, obj[-1].last
    elif len(slots) == 1 and _single_slot_is_subject(s, trig, end, next_trigger):
        out.accuser = slots[0][0]
        if end < len(s.tokens) and (end == next_trigger or end == trig.cue_index or role(s.tokens[end]) == "demonstrative") \
                and end == slots[0][-1].last + 1 and all(g.has_actor() for g in slots[0][1:]):
            out.object_first = end  # نفت موسكو الاتهامات، نفت موسكو هذه المعلومات: the object right after the subject
        elif end < len(s.tokens) and trig.entry.kind == "condemn" and s.is_claim_marker(end):
            out.accused = [g for g in s.groups(end, min(len(s.tokens), end + 4)) if g.has_actor()][:1]
        elif end < len(s.tokens) and trig.entry.kind == "condemn" and s.tokens[end - 1].boundary_after:
            # واستنكرت الحكومة الأردنية أيضا، ما وصفته الاستفزازات الإسرائيلية
            out.accused = [g for g in s.groups(end, min(len(s.tokens), end + 6)) if g.has_actor() and not g.prep][:1]
    elif len(slots) == 1 and (late := _object_after_comma(s, trig, end, next_trigger)) is not None:
        # اتهمت الحكومة البريطانية، أمس (الأحد)، إسبانيا بانتهاك ...: the object follows the adjunct
        out.accuser = slots[0][0]
        out.accused = late
        out.object_first, out.object_last = late[0].first, late[-1].last
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


_FRAMES = {"passive": _passive_frame, "masdar": _masdar_frame, "participle": _participle_frame, "verb": _verb_frame}


LIGHT_REACH = 14  # tokens between a light verb (وجّه، قدّم) and the masdar it carries (adjuncts may come between)
UNDERGO_REACH = 5  # tokens between يواجه / تعرض and the masdar it takes (its subject comes between)
_ACCUSED_PREPOSITIONS = frozenset({"الى", "الي", "ضد", "على"})


def _claim_subject(s: Sentence, k: int) -> list[Group]:
    """The actor a bare أن / بأن clause at ``k`` opens with (اتهامات بأن رئيس الوزراء العراقي دبر
    ...): when the accusation names no one else, the claim's subject is who is accused."""
    if role(s.tokens[k]) != "that" or s.tokens[k].key.lstrip("ب") != "ان" or s.tokens[k].boundary_after:
        return []
    gs = s.groups(k + 1, min(len(s.tokens), k + 1 + RIGHT_WINDOW))
    return [gs[0]] if gs and gs[0].first == k + 1 and gs[0].has_actor() and not gs[0].prep else []


def _definite_claim(s: Sentence, k: int) -> bool:
    """Token ``k`` opens the claim with بأن or a definite بالـ noun (بالتجسس); a bare بـ word may be a
    foreign name (اتهامه بيونجيانج بزرع ألغام: Pyongyang is his object)."""
    if k >= len(s.tokens) or not s.is_claim_marker(k) or s.tokens[k].open_before:
        return False
    key = s.tokens[k].key
    return role(s.tokens[k]) == "that" or key.startswith("بال")


def _last_actor_before(s: Sentence, i: int) -> list[Group]:
    """The nearest actor named before token ``i`` outside a prepositional phrase (the one a
    pronoun on the trigger stands for), as a one-group list; [] when there is none."""
    gs = [g for g in s.groups(0, i, across=True) if g.has_actor() and not g.prep]
    return gs[-1:]


def _light_verb(s: Sentence, i: int) -> int | None:
    """The light verb or masdar (وجّه، توجيه، قدّم، كال) that carries the masdar at ``i`` in its
    clause (وجهت السلطات اتهامات، توجيه أصابع الاتهام، قدمت النيابة لائحة اتهام), if any."""
    for k in range(i - 1, max(-1, i - 1 - LIGHT_REACH), -1):
        r = role(s.tokens[k])
        if r in ("light_verb", "light_masdar") or (r == "undergo_verb" and i - k <= UNDERGO_REACH):
            return k
        if r in ("relative", "that", "opener") or s.tokens[k].close_after.strip() in (".", "؛", ":"):
            return None
    return None


def _conjoined(s: Sentence, k: int) -> bool:
    """The cue word at ``k`` carries و / ف in front (ووجهت); وجهت and واجه start with و themselves."""
    key = s.tokens[k].key
    return key[:1] in ("و", "ف") and key not in cues()


def _undergo_roles(s: Sentence, trig: TriggerMatch, v: int, out: Roles) -> None:
    """يواجه إردوغان اتهامات من معارضيه، تعرضت أنقرة لاتهامات: the subject of a verb of
    undergoing is accused; an actor behind من right after the masdar accuses."""
    i = trig.index
    between = [g for g in s.groups(v + 1, i, across=True) if not g.prep]
    subject = between[0] if between else None
    if subject is None and v > 0 and not (_conjoined(s, v) or s.tokens[v - 1].boundary_after):
        g = s.group_before(v)
        subject = g if g is not None and not g.prep and g.has_actor() else None
    out.accused = [subject] if subject is not None else []
    out.accuser = _agent_after_min(s, i)
    out.accuser_pronoun = False
    out.object_first = out.object_last = None


def _agent_after_min(s: Sentence, i: int) -> Group | None:
    """اتهامات (قوية) من المعارضة، اتهامات من قبل واشنطن: an actor behind من right after a masdar
    (one plain word may come between) is the one who accuses."""
    for k in (i + 1, i + 2):
        if k >= len(s.tokens) or s.tokens[k - 1].boundary_after:
            return None
        if s.tokens[k].key == "من":
            break
        if k == i + 2 or s.mention_at[k] is not None or role(s.tokens[k]) is not None or s.is_claim_marker(k):
            return None
    else:
        return None
    k += 1
    if k < len(s.tokens) and s.tokens[k].key == "قبل":
        k += 1
    gs = s.groups(k, min(len(s.tokens), k + RIGHT_WINDOW)) if k < len(s.tokens) else []
    return gs[0] if gs and gs[0].first == k and gs[0].has_actor() else None


def _light_verb_roles(s: Sentence, trig: TriggerMatch, v: int, out: Roles) -> None:
    """The subject of a light verb (or the genitive of its masdar) accuses; the phrase behind
    لـ / إلى / ضد / على after the masdar, also after the claim, is accused."""
    i = trig.index
    if out.accuser is None:
        between = [g for g in s.groups(v + 1, i, across=True) if not g.prep and role(s.tokens[g.first]) != "light_object"]
        if between:
            out.accuser = between[0]  # وجهت السلطات الكويتية اتهامات، توجيه المحكمة اتهامات
        elif role(s.tokens[v]) == "light_verb":
            g = s.group_before(v)
            clause_initial = (_conjoined(s, v) or v == 0 or s.tokens[v - 1].boundary_after
                              or role(s.tokens[v - 1]) == "opener")
            if g is not None and not g.prep and g.has_actor() and not clause_initial:
                out.accuser = g  # كانت النيابة العامة وجهت الاتهام إلى ...
            else:
                out.subject_dropped = True
    if any(g.has_actor() for g in out.accused):
        return
    for g in s.groups(i + 1, min(len(s.tokens), i + 1 + RIGHT_WINDOW)):
        before = s.tokens[g.first - 1].key if g.first > 0 else ""
        if g.prep and (_lam(s, g) or before.lstrip("و") in _ACCUSED_PREPOSITIONS):
            if g.has_actor():
                out.accused = [g]
            return


_DAMMA = "\u064f"
_MARKS = frozenset(chr(c) for c in range(0x064B, 0x0653))


def _vocalised_passive(s: Sentence, trig: TriggerMatch) -> bool:
    """يُتهم، اتُّهم: a damma on one of the first two letters of an اتهم verb (its actives read
    يَتهم، اتَّهم; verbs like يُدين، يُحمّل have that damma in the active, so only اتهم is read)."""
    if "تهم" not in trig.entry.form or trig.entry.pos != "verb":
        return False
    text = s.tokens[trig.index].text
    letters = 0
    for ch in text[len(trig.prefix):] if trig.prefix and text.startswith(trig.prefix) else text:
        if ch in _MARKS:
            if ch == _DAMMA:
                return True
            continue
        letters += 1
        if letters > 2:
            return False
    return False


def _indefinite_apposition(s: Sentence, slot: list[Group]) -> bool:
    """A phrase that opens with an indefinite noun governing a genitive (أكبر أحزاب المعارضة،
    أحد قادة الحزب): no name, no article, no number in front."""
    g = slot[0]
    return (_indefinite_head(s, g) and g.last > g.first and not s.tokens[g.first + 1].key.startswith("ال")
            and s.mention_at[g.first + 1] is None)


def _indefinite_head(s: Sentence, g: Group) -> bool:
    """The phrase opens with a plain indefinite word (أكبر، أحد): not a name, article or number."""
    t = s.tokens[g.first]
    key = t.key[1:] if t.key[:1] in ("و", "ف") and len(t.key) > 3 else t.key
    return s.mention_at[g.first] is None and not key.startswith("ال") and not key[:1].isdigit()


def _first_person(trig: TriggerMatch) -> bool:
    """ندين، نستنكر، نتهم: an imperfect of "we" (its third-person twin يدين is a trigger too);
    نفت and ندد are perfects of roots that start with ن."""
    form = trig.entry.form
    return form.startswith("ن") and ("ي" + form[1:]) in load_triggers()


def _agent_of_object(s: Sentence, trig: TriggerMatch, out: Roles) -> None:
    """A condemned deed with no actor in it, followed by a relative clause that names its doer
    (أدان القصف الذي شنته الطائرات التركية، الدور الذي يلعبه النظام الإيراني): the doer is accused."""
    if trig.entry.kind != "condemn" or not out.accused or any(g.has_actor() for g in out.accused):
        return
    k = out.accused[-1].last + 1
    if k >= len(s.tokens) or role(s.tokens[k]) != "relative" or s.tokens[k - 1].boundary_after:
        return
    for g in s.groups(k + 1, min(len(s.tokens), k + 1 + AGENT_REACH)):
        if g.has_actor():
            if not g.prep:
                out.accused = [g]
            return


_FEMININE_RELATIVES = frozenset({"التي", "اللواتي", "اللاتي", "اللتين", "اللتان"})
RELATIVE_REACH = 6  # tokens between a relative pronoun and a trigger whose pronoun resumes its head


def _feminine(relative_key: str) -> bool:
    return relative_key.lstrip("وف") in _FEMININE_RELATIVES


def _feminine_verb(trig: TriggerMatch) -> bool:
    """تتهم، اتهمت، حمّلت: a verb of the third person feminine (its subject is feminine)."""
    form = trig.entry.form
    return form.startswith("ت") if form[:1] in ("ي", "ت", "ن") else form.endswith(("ت", "تا"))


def _antecedent(s: Sentence, k: int) -> Group | None:
    """The named noun phrase a relative pronoun at token ``k`` refers to; an adjective after the
    name is skipped (حزب العمال الكردستاني المحظور الذي ...)."""
    g = s.group_before(k)  # a head inside a prepositional phrase is still the head (ضد الحزب الذي ...)
    if g is None:
        return None
    if g.has_actor():
        return g
    if g.first == g.last and s.tokens[g.first].key.startswith("ال"):
        h = s.group_before(g.first)
        if h is not None and h.has_actor():
            return h
    return None


def _enclosing_head(s: Sentence, i: int, subject: Group) -> Group | None:
    """A verb with an object pronoun inside a relative clause whose head is not the verb's subject:
    the head the pronoun resumes (X الذي واجه انتقادات تتهمه → X)."""
    for k in range(i - 1, max(-1, i - 1 - RELATIVE_REACH), -1):
        if s.tokens[k].boundary_after:
            return None
        if role(s.tokens[k]) == "relative":
            if k >= subject.first:
                return None  # the subject itself is inside that clause's head
            head = _antecedent(s, k)
            if head is not None and head.last < subject.first and not set(head.actors) & set(subject.actors):
                return head
            return None
    return None


def _object_after_comma(s: Sentence, trig: TriggerMatch, end: int, next_trigger: int | None) -> list[Group] | None:
    """An accuse verb whose region stopped at a comma after one phrase: the object with an actor
    that follows one or two comma-separated adjuncts (a date, a place), if any."""
    if trig.entry.kind != "accuse" or trig.entry.pos != "verb" or not s.tokens[end - 1].boundary_after:
        return None
    for _ in range(2):
        if end >= len(s.tokens) or (next_trigger is not None and end >= next_trigger) or s.is_claim_marker(end):
            return None
        end2 = _right_end(s, trig, next_trigger, start=end)
        slots = _slots(s.groups(end, end2))
        if slots:
            closes = end2 < len(s.tokens) and s.is_claim_marker(end2)
            return slots[0] if closes and any(g.has_actor() for g in slots[0]) else None
        end = end2
    return None


def _single_slot_is_subject(s: Sentence, trig: TriggerMatch, end: int, next_trigger: int | None) -> bool:
    """One noun phrase after the verb: the subject of a denial (نفت موسكو أن / اتهامات ...), of a
    condemnation (ونددت قطر بالهجوم) and of blaming or claiming (ألقت موسكو باللوم، زعمت إيران أن);
    for accuse verbs it is the object and the subject was dropped (كما اتهم حزب العمال ... بأن)."""
    kind = trig.entry.kind
    if kind == "deny":
        return True
    if kind == "condemn":  # ونددت قطر بالهجوم، واستنكرت الحكومة، ... | ويشجب إسرائيل ويطالبها
        return end >= len(s.tokens) or s.is_claim_marker(end) or s.tokens[end - 1].boundary_after
    return trig.cue_index is not None and end == trig.cue_index and not trig.entry.responsibility


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
