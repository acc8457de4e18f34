"""One-to-one matching of reference and predicted quotes, and the speaker test."""
from __future__ import annotations

from typing import Any

from .catalogue import Catalogue
from .text import overlap, words

MATCH_THRESHOLD = 0.5  # a quote is found when at least half of the words agree both ways


def match_quotes(gold: list[dict[str, Any]], pred: list[dict[str, Any]], threshold: float = MATCH_THRESHOLD) -> list[tuple[int, int]]:
    """Greedy one-to-one matching by overlap, best pair first: [(gold index, pred index)].

    Ties go to the pair with the larger indices (the reference scorer's order)."""
    pairs = sorted(
        ((overlap(g.get("text"), p.get("text")), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)),
        reverse=True,
    )
    used_g: set[int] = set()
    used_p: set[int] = set()
    out = []
    for score, i, j in pairs:
        if score < threshold:
            break
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        out.append((i, j))
    return out


def speaker_ok(gold: dict[str, Any], pred: dict[str, Any], catalogue: Catalogue) -> bool:
    """Right actor (on the affiliation chain), or the same last name word in either direction."""
    if gold.get("speaker_actor") and catalogue.same(pred.get("speaker_actor_id"), gold["speaker_actor"]):
        return True
    gs, ps = words(gold.get("speaker")), words(pred.get("speaker"))
    if not gs or not ps:
        return False
    return gs[-1] in ps or ps[-1] in gs
