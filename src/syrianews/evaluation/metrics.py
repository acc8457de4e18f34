"""The metrics: counts per reference article, summed over any set of articles.

Per article: catalogue actors (set overlap), direct and indirect quotes (matched within each
kind), quotes of either kind (matched regardless of kind; the speaker is checked on these
pairs), (kind, accused actor) pairs, and (kind, accuser, accused) triples of the acts whose
accuser and accused are both catalogue actors. Counts are kept per article so that folds and
other subsets are scored by summing, never by re-reading the build."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .catalogue import Catalogue
from .matching import match_quotes, speaker_ok

COUNTED = ("actors", "direct", "indirect", "any_quote", "accused", "accusation_triple")
QUOTE_KINDS = ("direct", "indirect")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __iadd__(self, other: "Counts") -> "Counts":
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        return self

    def prf(self) -> tuple[float, float, float]:
        """Unrounded precision, recall, F1 (0.0 where undefined)."""
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f


@dataclass
class ArticleScore:
    """What one reference article contributes, and the pairs behind it (for the error listing)."""

    gold: dict[str, Any]
    article_id: str | None
    counts: dict[str, Counts] = field(default_factory=lambda: {k: Counts() for k in COUNTED})
    speaker_right: int = 0
    speaker_total: int = 0
    quote_pairs: dict[str, list[tuple[int, int]]] = field(default_factory=dict)  # direct/indirect/any_quote
    speaker_wrong: list[tuple[int, int]] = field(default_factory=list)  # indices into gold / pred quotes


def score_article(gold: dict[str, Any], article_id: str | None, quotes: list[dict], mentions: list[dict], accs: list[dict], catalogue: Catalogue) -> ArticleScore:
    known = catalogue.known
    out = ArticleScore(gold, article_id)
    c = out.counts

    pa = {m.get("actor_id") for m in mentions} & known
    ga = set(gold["actors"])
    c["actors"] = Counts(len(pa & ga), len(pa - ga), len(ga - pa))

    for kind in QUOTE_KINDS:
        gq = [q for q in gold["quotes"] if q.get("kind") == kind]
        pq = [q for q in quotes if q.get("kind") == kind]
        m = match_quotes(gq, pq)
        out.quote_pairs[kind] = m
        c[kind] = Counts(len(m), len(pq) - len(m), len(gq) - len(m))
    m = match_quotes(gold["quotes"], quotes)
    out.quote_pairs["any_quote"] = m
    c["any_quote"] = Counts(len(m), len(quotes) - len(m), len(gold["quotes"]) - len(m))
    for i, j in m:
        out.speaker_total += 1
        if speaker_ok(gold["quotes"][i], quotes[j], catalogue):
            out.speaker_right += 1
        else:
            out.speaker_wrong.append((i, j))

    gpairs = {(a["kind"], a["accused_actor"]) for a in gold["accusations"] if a.get("accused_actor")}
    ppairs = {(a.get("kind"), a.get("accused_actor_id")) for a in accs if a.get("accused_actor_id") in known}
    c["accused"] = Counts(len(gpairs & ppairs), len(ppairs - gpairs), len(gpairs - ppairs))

    gtrip = [a for a in gold["accusations"] if a.get("accuser_actor") and a.get("accused_actor")]
    hit = sum(any(triple_hit(a, p, catalogue) for p in accs) for a in gtrip)
    ptrip = [p for p in accs if p.get("accuser_actor_id") in known and p.get("accused_actor_id") in known]
    c["accusation_triple"] = Counts(hit, max(len(ptrip) - hit, 0), len(gtrip) - hit)
    return out


def triple_hit(gold_act: dict[str, Any], pred_act: dict[str, Any], catalogue: Catalogue) -> bool:
    """Same kind, the same accused exactly, an accuser on the gold accuser's chain."""
    return (
        pred_act.get("kind") == gold_act["kind"]
        and pred_act.get("accused_actor_id") == gold_act["accused_actor"]
        and catalogue.same(pred_act.get("accuser_actor_id"), gold_act["accuser_actor"])
    )


def summarise(scores: list[ArticleScore], *, digits: int | None = 3) -> dict[str, Any]:
    """The reference scorer's result for a set of articles: P/R/F1 per metric, speaker accuracy,
    the number of articles and those not found in the build."""
    total = {k: Counts() for k in COUNTED}
    right = n = 0
    for s in scores:
        for k in COUNTED:
            total[k] += s.counts[k]
        right += s.speaker_right
        n += s.speaker_total

    def r(x: float) -> float:
        return round(x, digits) if digits is not None else x

    result: dict[str, Any] = {
        k: {**dict(zip(("precision", "recall", "f1"), map(r, v.prf()))), "tp": v.tp, "fp": v.fp, "fn": v.fn} for k, v in total.items()
    }
    result["speaker_accuracy"] = r(right / n) if n else 0.0
    result["speaker_n"] = n
    result["articles"] = len(scores)
    result["articles_not_found"] = [s.gold.get("url") or s.gold["title"] for s in scores if s.article_id is None]
    return result


def gold_sizes(gold: list[dict[str, Any]]) -> dict[str, int]:
    """How many reference items stand behind the figures."""
    return {
        "articles": len(gold),
        "quotes": sum(len(g["quotes"]) for g in gold),
        "direct": sum(q.get("kind") == "direct" for g in gold for q in g["quotes"]),
        "indirect": sum(q.get("kind") == "indirect" for g in gold for q in g["quotes"]),
        "acts": sum(len(g["accusations"]) for g in gold),
        "accused_pairs": sum(len({(a["kind"], a["accused_actor"]) for a in g["accusations"] if a.get("accused_actor")}) for g in gold),
        "triples": sum(bool(a.get("accuser_actor") and a.get("accused_actor")) for g in gold for a in g["accusations"]),
    }
