"""Scoring a build against hand-made reference annotations (``syrianews evaluate``).

The metrics are those of the project's reference scorer (``shared/eval/score.py``): catalogue
actors per article, direct and indirect quotes matched one-to-one by word overlap ≥ 0.5,
speaker accuracy on the matched quotes, (kind, accused) pairs and (kind, accuser, accused)
triples of accusations, with actors accepted along their affiliation chain. On top of them:
figures per fold with mean ± sd (:mod:`.folds`) and a listing of every error by kind
(:mod:`.errors`)."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .build import load_gold, read_predictions
from .catalogue import Catalogue, default_catalogue_path, load_catalogue
from .errors import article_errors, summary
from .folds import cross_validated, fold_of, load_folds
from .metrics import ArticleScore, gold_sizes, score_article, summarise

__all__ = ["Evaluation", "evaluate", "load_catalogue", "load_gold", "load_folds"]

FOLD_PLACEHOLDER = "{fold}"


@dataclass
class Evaluation:
    result: dict[str, Any]
    errors: list[dict[str, Any]] = field(default_factory=list)


def _score_build(build: str | Path, gold: list[dict], catalogue: Catalogue, with_errors: bool) -> tuple[list[ArticleScore], list[dict]]:
    pred = read_predictions(build, gold, bodies=with_errors)
    scores, errors = [], []
    for g, aid in zip(gold, pred.article_ids):
        quotes, mentions, accs = pred.of("quotes", aid), pred.of("mentions", aid), pred.of("accusations", aid)
        s = score_article(g, aid, quotes, mentions, accs, catalogue)
        scores.append(s)
        if with_errors:
            errors.extend(article_errors(s, quotes, mentions, accs, pred.bodies.get(aid), catalogue))
    return scores, errors


def evaluate(
    build: str | Path,
    gold_path: str | Path,
    actors: str | Path | None = None,
    *,
    folds: str | Path | dict[str, int] | None = None,
    errors: bool = False,
) -> Evaluation:
    """Score ``build`` on the reference file ``gold_path``.

    ``actors``: the scored catalogue (default: ``actors.csv`` beside the gold file, else
    ``../contract/actors.csv``). ``folds``: url → fold (a JSON file or a dict); adds the figures
    of each fold and their mean ± sd. A ``{fold}`` in ``build`` scores each fold on its own build
    (a model trained on the other folds); otherwise every fold is read from the same build."""
    gold = load_gold(gold_path)
    if actors is None:
        actors = default_catalogue_path(gold_path)
        if actors is None:
            raise FileNotFoundError(f"no actors.csv beside {gold_path} nor in ../contract/: pass the scored catalogue (--actors)")
    catalogue = load_catalogue(actors)
    per_build = FOLD_PLACEHOLDER in str(build)
    if per_build and folds is None:
        raise ValueError(f"{build}: a {FOLD_PLACEHOLDER} build needs folds")

    fold_ids: list[int] = []
    if folds is not None:
        fold_ids = fold_of(gold, load_folds(folds) if not isinstance(folds, dict) else folds)

    rows: list[dict] = []
    if per_build:
        scores: list[ArticleScore | None] = [None] * len(gold)
        for k in sorted(set(fold_ids)):
            idx = [i for i, f in enumerate(fold_ids) if f == k]
            s, e = _score_build(str(build).replace(FOLD_PLACEHOLDER, str(k)), [gold[i] for i in idx], catalogue, errors)
            for i, si in zip(idx, s):
                scores[i] = si
            rows.extend(e)
    else:
        scores, rows = _score_build(build, gold, catalogue, errors)

    from .. import __version__
    from .report import code_fingerprint

    result = summarise(scores)
    result["gold"] = {"file": Path(gold_path).name, **gold_sizes(gold)}
    result["syrianews_version"] = __version__
    result["code_fingerprint"] = code_fingerprint()
    if fold_ids:
        per_fold, exact = {}, {}
        for k in sorted(set(fold_ids)):
            part = [s for s, f in zip(scores, fold_ids) if f == k]
            per_fold[str(k)] = {**summarise(part), "gold": gold_sizes([s.gold for s in part])}
            exact[str(k)] = summarise(part, digits=None)
        result["folds"] = per_fold
        result["cross_validated"] = cross_validated(exact)
    if errors:
        result["error_kinds"] = summary(rows)
    return Evaluation(result, rows)
