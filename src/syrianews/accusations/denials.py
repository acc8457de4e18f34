"""Denials: whose claim is denied (نفت موسكو اتهامات واشنطن، نفى هذه المعلومات) and which
earlier accusation of the article a denial answers."""
from __future__ import annotations

from typing import Callable

from .acts import Act
from .chunks import Group, Sentence, chain, cues, role
from .roles import Roles
from .text import fold

Named = Callable[[Sentence, Group], "tuple[str | None, str | None]"]


def resolve_denied(act: Act, sent: Sentence, roles: Roles, named: Named) -> None:
    """Whose claim is denied: اتهامات X / مزاعم X / ما تردده X name it; هذه المعلومات points
    back to the latest accusation (resolved in :func:`link_denials`)."""
    i = roles.object_first
    if i is None:
        if roles.accused:
            g = roles.accused[0]
            act.accused, act.accused_actor_id = named(sent, g)
        return
    toks = sent.tokens
    t = toks[i]
    r = role(t)
    key = t.key[1:] if t.key[:1] in ("و", "ف") and len(t.key) > 3 else t.key
    bare = key[2:] if key.startswith("ال") else key
    if r == "demonstrative":
        act.anaphoric = True
        return
    holder_from = None
    if bare in _claim_nouns() or any(bare.startswith(c) for c in _claim_nouns()):
        if bare in _claim_nouns():
            holder_from = i + 1
        else:
            act.anaphoric = True  # اتهاماتها: a pronoun names the claimant
            return
    elif key == "ما":
        holder_from = i + 2
    if holder_from is not None and holder_from < len(toks) and role(toks[holder_from]) == "that":
        return  # نفى الاتهامات بأن تركيا تساعد ...: the claim is given, not whose it is
    if holder_from is None:
        gs = sent.groups(i, min(len(toks), i + 4))
        if gs and gs[0].first == i and gs[0].has_actor() and not gs[0].prep:
            act.accused, act.accused_actor_id = named(sent, gs[0])  # كذّبت روسيا واشنطن
        return
    for g in sent.groups(holder_from, min(len(toks), holder_from + 3)):
        if g.prep or role(toks[g.first]) == "that" or sent.is_claim_marker(g.first):
            break  # اتهامات لها بدعم داعش: the claim, not whose it is
        if g.demonstrative:
            act.anaphoric = True
            return
        if g.has_actor():
            act.accused, act.accused_actor_id = named(sent, g)
            return
    if key.startswith("ال"):
        act.anaphoric = True  # نفى الاتهامات: the accusations just reported


def link_denials(acts: list[Act], parents: dict[str, str | None]) -> None:
    """A denial answers the latest earlier accusation when it points back to it, or when the
    denier is the one that accusation accused; its accused is then that accuser."""
    for k, act in enumerate(acts):
        if act.kind != "deny" or act.accused_actor_id:
            continue
        earlier = [a for a in acts[:k] if a.kind == "accuse" and not a.negated]
        target = None
        if act.anaphoric and earlier:
            target = earlier[-1]
        elif act.accuser_actor_id:
            target = next((a for a in reversed(earlier) if a.accused_actor_id and
                           a.accused_actor_id in chain(act.accuser_actor_id, parents)), None)
        if target is not None:
            act.answers = target
            act.accused, act.accused_actor_id = target.accuser, target.accuser_actor_id
            if act.accused_actor_id == act.accuser_actor_id:
                act.accused_actor_id = None


def denied_accusation(acc: Act, denial: Act) -> None:
    """نفت موسكو اتهامات واشنطن: the genitive after the masdar is the accuser, the denier is the
    accused, and the denial answers this accusation."""
    if acc.accused_from_claim:
        denial.answers = acc  # نفى الاتهامات بأن تركيا تساعد داعش: Turkey stays the accused, no accuser named
        return
    behind_lam = bool(acc.accused) and fold(acc.accused)[:1] == "ل" and not fold(acc.accused).startswith("ال")
    if acc.accuser is None and acc.accuser_actor_id is None and not behind_lam:
        # the genitive after the masdar was read as its object; اتهامات لبلاده: the لـ phrase is the accused
        acc.accuser, acc.accuser_actor_id = acc.accused, acc.accused_actor_id
    acc.accused, acc.accused_actor_id = denial.accuser, denial.accuser_actor_id
    if acc.accused_actor_id == acc.accuser_actor_id:
        acc.accused_actor_id = None
    denial.answers = acc


def _claim_nouns() -> set[str]:
    return {k for k, v in cues().items() if v == "claim_noun"}
