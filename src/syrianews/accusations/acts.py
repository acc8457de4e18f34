"""The acts found in one article and how they become table rows: state bodies lifted to their
state, one row per distinct (kind, accuser, accused, negated), IDs in article order."""
from __future__ import annotations

from dataclasses import dataclass, field

from .actorinfo import ActorInfo
from .text import fold


@dataclass
class Quote:
    """A quote row of the quote extractor, with offsets into one paragraph."""

    quote_id: str
    start: int  # offsets into the unit
    end: int
    speaker: str | None
    speaker_actor_id: str | None
    verb: str | None


@dataclass
class Act:
    """One act of accusing, denying or condemning as found; several may become one row."""

    kind: str
    cameo: str
    trigger: str
    trigger_start: int
    trigger_end: int
    in_title: bool
    paragraph: int | None
    sentence: str
    accuser: str | None = None
    accuser_actor_id: str | None = None
    accused: str | None = None
    accused_actor_id: str | None = None
    claim: str | None = None
    negated: bool = False
    quote_id: str | None = None
    answers: "Act | None" = None
    anaphoric: bool = False  # a denial of "these claims": answers the latest accusation
    accused_from_claim: bool = False  # the accused is the claim's subject, not a genitive of the masdar
    n_occurrences: int = 1
    accuser_body_id: str | None = None  # the state body the accuser was named as (RUS_MOD)
    accused_body_id: str | None = None
    accusation_id: str | None = field(default=None)


def lift(acts: list[Act], info: ActorInfo) -> None:
    """State bodies to their state in the actor columns (kept in the *_body_id columns)."""
    for a in acts:
        for side in ("accuser", "accused"):
            aid = getattr(a, f"{side}_actor_id")
            up = info.lift(aid)
            if up != aid:
                setattr(a, f"{side}_body_id", aid)
                setattr(a, f"{side}_actor_id", up)
        if a.accused_actor_id and a.accused_actor_id == a.accuser_actor_id:
            a.accused_actor_id = a.accused_body_id = None


def rows(article_id: str, acts: list[Act], info: ActorInfo) -> list[dict]:
    lift(acts, info)
    kept: dict[tuple, Act] = {}
    canonical: dict[int, Act] = {}  # id(act) → the row it was merged into
    order: list[Act] = []
    for a in acts:
        key = (a.kind, a.accuser_actor_id or _key(a.accuser), a.accused_actor_id or _key(a.accused), a.negated)
        first = kept.setdefault(key, a)
        canonical[id(a)] = first
        if first is a:
            order.append(a)
            continue
        first.n_occurrences += 1
        first.answers = first.answers or a.answers
        first.claim = first.claim or a.claim
    for n, a in enumerate(order, 1):
        a.accusation_id = f"{article_id}-a{n:03d}"
    rows = []
    for a in order:
        answers = canonical.get(id(a.answers)) if a.answers is not None else None
        rows.append({
            "accusation_id": a.accusation_id,
            "article_id": article_id,
            "kind": a.kind,
            "cameo": a.cameo,
            "accuser": a.accuser,
            "accuser_actor_id": a.accuser_actor_id,
            "accused": a.accused,
            "accused_actor_id": a.accused_actor_id,
            "trigger": a.trigger,
            "trigger_start": a.trigger_start,
            "trigger_end": a.trigger_end,
            "in_title": a.in_title,
            "claim": a.claim,
            "sentence": a.sentence,
            "paragraph": a.paragraph,
            "negated": a.negated,
            "quote_id": a.quote_id,
            "answers_accusation_id": answers.accusation_id if answers is not None else None,
            "n_occurrences": a.n_occurrences,
            "accuser_body_id": a.accuser_body_id,
            "accused_body_id": a.accused_body_id,
        })
    return rows


def _key(surface: str | None) -> str | None:
    return " ".join(fold(surface).split()) if surface else None
