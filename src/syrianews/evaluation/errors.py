"""The error listing: every miss and false alarm behind the figures, each with a kind.

Each error row names the article, the sentence (the build's sentence for a predicted row; for
a reference item that the build missed, the body sentence that shares most words with it),
the reference and the predicted values, and a kind such as ``speaker missing``,
``indirect quote span too short`` or ``accuser and accused swapped``. A false negative and a
false positive that are the same mistake (a quote cut short, an accused read as the accuser)
are one row. The kinds are counted so that the remaining errors can be ranked."""
from __future__ import annotations

import re
from collections import Counter
from typing import Any

from .catalogue import Catalogue
from .matching import match_quotes
from .metrics import QUOTE_KINDS, ArticleScore
from .text import coverage, overlap, shared_words, words

SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")
MIN_SHARED_FOR_SPAN = 3  # a partial match needs at least this many shared words to be a span error
SHORT_QUOTE_WORDS = 3  # the guideline: attributed fragments of fewer than three words are not quotes

FIELDS = ("article_id", "url", "title", "metric", "kind", "sentence", "gold", "predicted", "detail")


def sentences(body: str | None) -> list[str]:
    return [s.strip() for s in SENTENCE_END.split(body or "") if s.strip()]


def best_sentence(body: str | None, query: str) -> str:
    """The body sentence sharing most words with ``query`` (first one on ties; '' if none shares any)."""
    q = words(query)
    best, best_n = "", 0
    for s in sentences(body):
        n = shared_words(q, words(s))
        if n > best_n:
            best, best_n = s, n
    return best


def _quote(q: dict[str, Any], actor_key: str) -> str:
    who = q.get("speaker") or "—"
    actor = q.get(actor_key)
    return f"{q.get('kind')}: «{q.get('text')}» — {who}" + (f" ({actor})" if actor else "")


def _gold_act(a: dict[str, Any]) -> str:
    return f"{a['kind']}: {a.get('accuser') or '—'} ({a.get('accuser_actor') or '—'}) → {a.get('accused_actor') or '—'} [{a.get('trigger') or ''}]"


def _pred_act(p: dict[str, Any]) -> str:
    return (
        f"{p.get('kind')}: {p.get('accuser') or '—'} ({p.get('accuser_actor_id') or '—'}) → "
        f"{p.get('accused') or '—'} ({p.get('accused_actor_id') or '—'}) [{p.get('trigger') or ''}]"
    )


class _Rows:
    def __init__(self, score: ArticleScore, body: str | None):
        self.base = {"article_id": score.article_id, "url": score.gold.get("url"), "title": score.gold.get("title")}
        self.body = body
        self.rows: list[dict[str, Any]] = []

    def add(self, metric: str, kind: str, *, sentence: str = "", gold: str = "", predicted: str = "", detail: str = "") -> None:
        self.rows.append({**self.base, "metric": metric, "kind": kind, "sentence": sentence or "", "gold": gold, "predicted": predicted, "detail": detail})


def article_errors(score: ArticleScore, quotes: list[dict], mentions: list[dict], accs: list[dict], body: str | None, catalogue: Catalogue) -> list[dict[str, Any]]:
    out = _Rows(score, body)
    _actor_errors(out, score, mentions, catalogue)
    _quote_errors(out, score, quotes)
    _speaker_errors(out, score, quotes, catalogue)
    _accused_errors(out, score, accs, catalogue)
    _triple_errors(out, score, accs, catalogue)
    return out.rows


def _actor_errors(out: _Rows, score: ArticleScore, mentions: list[dict], catalogue: Catalogue) -> None:
    known = catalogue.known
    gold = set(score.gold["actors"])
    found: dict[str, dict] = {}
    for m in mentions:
        if m.get("actor_id") in known:
            found.setdefault(m["actor_id"], m)
    for actor in sorted(gold - set(found)):
        name = catalogue.names.get(actor, "")
        out.add("actors", "actor missed", sentence=best_sentence(out.body, name) if name else "", gold=f"{actor} {name}".strip())
    for actor in sorted(set(found) - gold):
        m = found[actor]
        start, end = m.get("start"), m.get("end")
        sentence = ""
        if out.body and isinstance(start, int):
            sentence = next((s for s in sentences(out.body[max(0, start - 300) : start + 300]) if m.get("surface") and m["surface"] in s), "")
        out.add("actors", "actor false alarm", sentence=sentence, predicted=f"{actor} «{m.get('surface')}»", detail=f"mention at {start}-{end}")


def _quote_errors(out: _Rows, score: ArticleScore, quotes: list[dict]) -> None:
    gold = score.gold["quotes"]
    matched_g: set[int] = set()
    matched_p: set[int] = set()
    for kind in QUOTE_KINDS:
        gi = [i for i, q in enumerate(gold) if q.get("kind") == kind]
        pi = [j for j, q in enumerate(quotes) if q.get("kind") == kind]
        for a, b in score.quote_pairs.get(kind, []):
            matched_g.add(gi[a])
            matched_p.add(pi[b])
    left_g = [i for i in range(len(gold)) if i not in matched_g]
    left_p = [j for j, q in enumerate(quotes) if j not in matched_p and q.get("kind") in QUOTE_KINDS]

    # the same words found, with the other kind (leftover pairs of the same kind are all below the threshold)
    for a, b in match_quotes([gold[i] for i in left_g], [quotes[j] for j in left_p]):
        g, p = gold[left_g[a]], quotes[left_p[b]]
        out.add("quotes", f"{g['kind']} quote read as {p['kind']}", sentence=p.get("sentence") or "", gold=_quote(g, "speaker_actor"), predicted=_quote(p, "speaker_actor_id"))
        left_g[a] = left_p[b] = -1
    left_g = [i for i in left_g if i >= 0]
    left_p = [j for j in left_p if j >= 0]

    # partly the same words: a span cut early or run on
    cands = []
    for i in left_g:
        gw = words(gold[i].get("text"))
        for j in left_p:
            common = shared_words(gw, words(quotes[j].get("text")))
            if common >= MIN_SHARED_FOR_SPAN:
                cg, cp = coverage(gold[i].get("text"), quotes[j].get("text"))
                if max(cg, cp) >= 0.5:
                    cands.append((max(cg, cp), cg, cp, i, j))
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _best, cg, cp, i, j in sorted(cands, reverse=True):
        if i in used_g or j in used_p:
            continue
        used_g.add(i)
        used_p.add(j)
        g, p = gold[i], quotes[j]
        span = "span too short" if cp >= 0.5 and cg < 0.5 else "span too long" if cg >= 0.5 and cp < 0.5 else "span overlaps"
        kinds = "" if g["kind"] == p["kind"] else f" (and read as {p['kind']})"
        out.add(
            "quotes",
            f"{g['kind']} quote {span}{kinds}",
            sentence=p.get("sentence") or "",
            gold=_quote(g, "speaker_actor"),
            predicted=_quote(p, "speaker_actor_id"),
            detail=f"{cg:.0%} of the reference words found, {cp:.0%} of the predicted words in the reference",
        )
    for i in left_g:
        if i not in used_g:
            g = gold[i]
            out.add("quotes", f"{g['kind']} quote missed", sentence=best_sentence(out.body, g.get("text") or ""), gold=_quote(g, "speaker_actor"))
    for j in left_p:
        if j not in used_p:
            p = quotes[j]
            short = len(words(p.get("text"))) < SHORT_QUOTE_WORDS
            out.add(
                "quotes",
                f"{p['kind']} quote false alarm" + (" (fewer than three words)" if short else ""),
                sentence=p.get("sentence") or "",
                predicted=_quote(p, "speaker_actor_id"),
            )


def _speaker_errors(out: _Rows, score: ArticleScore, quotes: list[dict], catalogue: Catalogue) -> None:
    for i, j in score.speaker_wrong:
        g, p = score.gold["quotes"][i], quotes[j]
        ga, pa = g.get("speaker_actor"), p.get("speaker_actor_id")
        if not p.get("speaker") and not pa:
            kind = "speaker missing"
        elif pa and pa not in catalogue.known:
            kind = "speaker actor outside the scored catalogue"
        elif ga and pa:
            kind = "speaker wrong actor"
        elif ga:
            kind = "speaker wrong, actor missing"  # another name than the reference's, and no actor
        elif pa:
            kind = "speaker wrong, spurious actor"
        else:
            kind = "speaker wrong name (no actor either side)"
        out.add(
            "speaker",
            kind,
            sentence=p.get("sentence") or "",
            gold=f"{g.get('speaker') or '—'} ({ga or '—'})",
            predicted=f"{p.get('speaker') or '—'} ({pa or '—'})",
            detail=f"{p.get('kind')} quote «{(p.get('text') or '')[:80]}»" + (f"; rule {p['speaker_rule']}" if p.get("speaker_rule") else ""),
        )


def _act_sentence(out: _Rows, gold_act: dict[str, Any] | None, pred: dict[str, Any] | None, catalogue: Catalogue) -> str:
    if pred is not None and pred.get("sentence"):
        return pred["sentence"]
    if gold_act is None:
        return ""
    query = " ".join(filter(None, [gold_act.get("trigger"), gold_act.get("accuser"), catalogue.names.get(gold_act.get("accused_actor") or "")]))
    return best_sentence(out.body, query)


def _same_sentence(pred: dict[str, Any], sentence: str) -> bool:
    return bool(sentence) and overlap(pred.get("sentence"), sentence) >= 0.5


def _near_first(preds: list, sentence: str) -> list:
    """Predicted acts in the reference act's sentence first (stable otherwise)."""
    return sorted(preds, key=lambda x: not _same_sentence(x[1] if isinstance(x, tuple) else x, sentence))


def _accused_errors(out: _Rows, score: ArticleScore, accs: list[dict], catalogue: Catalogue) -> None:
    known = catalogue.known
    gold = score.gold["accusations"]
    gpairs = {(a["kind"], a["accused_actor"]) for a in gold if a.get("accused_actor")}
    ppairs = {(p.get("kind"), p.get("accused_actor_id")) for p in accs if p.get("accused_actor_id") in known}
    fp = ppairs - gpairs
    consumed: set[tuple] = set()

    def row_of(pair: tuple) -> dict | None:
        return next((p for p in accs if (p.get("kind"), p.get("accused_actor_id")) == pair), None)

    for kind, accused in sorted(gpairs - ppairs):
        entries = [a for a in gold if a["kind"] == kind and a.get("accused_actor") == accused]
        accusers = [a.get("accuser_actor") for a in entries if a.get("accuser_actor")]
        where = _act_sentence(out, entries[0], None, catalogue)
        same_kind = _near_first([p for p in accs if p.get("kind") == kind], where)
        label, pred = None, None
        for p in same_kind:
            if catalogue.same(p.get("accuser_actor_id"), accused) and any(catalogue.same(p.get("accused_actor_id"), a) for a in accusers):
                label, pred = "accuser and accused swapped", p
                break
        if label is None:
            for p in same_kind:
                if any(catalogue.same(p.get("accuser_actor_id"), a) for a in accusers):
                    pred = p
                    if (kind, p.get("accused_actor_id")) in fp - consumed:
                        label = "accused wrong actor"
                        break
                    if p.get("accused_actor_id") not in known:
                        label = "accused outside the scored catalogue" if p.get("accused_actor_id") else "accused missing"
                        break
            if label is None and pred is not None:
                label = "accused wrong actor"
        if label is None:
            other = next((p for p in accs if p.get("kind") != kind and p.get("accused_actor_id") == accused), None)
            if other is not None:
                label, pred = "act kind wrong", other
        if label is None:
            # an act of this kind in the same sentence whose accused was not found, else a miss
            pred = next((p for p in same_kind if p.get("accused_actor_id") not in known and _same_sentence(p, where)), None)
            label = "accused missing" if pred is not None else "act missed"
        if pred is not None:
            pair = (pred.get("kind"), pred.get("accused_actor_id"))
            if pair in fp:
                consumed.add(pair)
        out.add(
            "accused",
            label,
            sentence=_act_sentence(out, entries[0], pred, catalogue),
            gold="; ".join(_gold_act(a) for a in entries),
            predicted=_pred_act(pred) if pred is not None else "",
        )
    for pair in sorted(fp - consumed):
        kind, accused = pair
        p = row_of(pair)
        if any(a["kind"] == kind and catalogue.same(accused, a.get("accuser_actor")) for a in gold):
            label = "accuser read as accused"
        elif any(a.get("accused_actor") == accused for a in gold):
            label = "act kind wrong"
        else:
            label = "accused false alarm"
        out.add("accused", label, sentence=_act_sentence(out, None, p, catalogue), predicted=_pred_act(p) if p else f"{kind} → {accused}")


def _triple_errors(out: _Rows, score: ArticleScore, accs: list[dict], catalogue: Catalogue) -> None:
    from .metrics import triple_hit

    known = catalogue.known
    gtrip = [a for a in score.gold["accusations"] if a.get("accuser_actor") and a.get("accused_actor")]
    ptrip = [j for j, p in enumerate(accs) if p.get("accuser_actor_id") in known and p.get("accused_actor_id") in known]
    hits = {j for j in ptrip if any(triple_hit(a, accs[j], catalogue) for a in gtrip)}
    consumed: set[int] = set()
    for a in gtrip:
        if any(triple_hit(a, p, catalogue) for p in accs):
            continue
        where = _act_sentence(out, a, None, catalogue)
        same_kind = _near_first([(j, p) for j, p in enumerate(accs) if p.get("kind") == a["kind"]], where)
        ok_accuser = [(j, p) for j, p in same_kind if catalogue.same(p.get("accuser_actor_id"), a["accuser_actor"])]
        ok_accused = [(j, p) for j, p in same_kind if p.get("accused_actor_id") == a["accused_actor"]]
        swapped = [
            (j, p)
            for j, p in same_kind
            if catalogue.same(p.get("accuser_actor_id"), a["accused_actor"]) and catalogue.same(p.get("accused_actor_id"), a["accuser_actor"])
        ]
        other_kind = [
            (j, p)
            for j, p in enumerate(accs)
            if p.get("kind") != a["kind"] and p.get("accused_actor_id") == a["accused_actor"] and catalogue.same(p.get("accuser_actor_id"), a["accuser_actor"])
        ]
        if swapped:
            label, (j, p) = "accuser and accused swapped", swapped[0]
        elif other_kind:
            label, (j, p) = "act kind wrong", other_kind[0]
        elif ok_accused:
            j, p = next(((j, p) for j, p in ok_accused if p.get("accuser_actor_id") in known), ok_accused[0])
            who = p.get("accuser_actor_id")
            label = "accuser wrong actor" if who in known else "accuser outside the scored catalogue" if who else "accuser missing"
        elif ok_accuser:
            j, p = next(((j, p) for j, p in ok_accuser if p.get("accused_actor_id") in known), ok_accuser[0])
            whom = p.get("accused_actor_id")
            label = "accused wrong actor" if whom in known else "accused outside the scored catalogue" if whom else "accused missing"
        elif same_kind and _same_sentence(same_kind[0][1], where):
            label, (j, p) = "accuser and accused missing or wrong", same_kind[0]
        else:
            label, j, p = "act missed", None, None
        if j is not None and j in ptrip and j not in hits:
            consumed.add(j)
        out.add(
            "accusation_triple",
            label,
            sentence=_act_sentence(out, a, p, catalogue),
            gold=_gold_act(a),
            predicted=_pred_act(p) if p is not None else "",
        )
    for j in ptrip:
        if j in hits or j in consumed:
            continue
        p = accs[j]
        out.add("accusation_triple", "triple false alarm", sentence=_act_sentence(out, None, p, catalogue), predicted=_pred_act(p))


def summary(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Error kinds with their counts, most frequent first (ties by metric and name)."""
    counts = Counter((r["metric"], r["kind"]) for r in rows)
    return [{"metric": m, "kind": k, "count": n} for (m, k), n in sorted(counts.items(), key=lambda x: (-x[1], x[0]))]
