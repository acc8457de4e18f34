"""The extraction against the reference annotations, with the targets of the issues as floors.

Uses ``shared/eval/score.py`` unchanged on a build of the corpus (gold_dev) and of the sample
(gold_seed)."""
from __future__ import annotations

import importlib.util

import pytest

from conftest import SHARED

# Floors: what main measures on the 90 articles of gold_dev (they were the issues' targets on the
# old 20 tuned articles). Ratchet them up as accuracy work lands, never down.
TARGETS = {  # metric → minimal F1 (or accuracy)
    "actors": 0.96,
    "direct": 0.892,
    "indirect": 0.872,
    "speaker_accuracy": 0.814,
    "accused": 0.643,
    "accusation_triple": 0.333,
}


def _scorer():
    path = SHARED / "eval" / "score.py"
    if not path.exists():
        pytest.skip(f"no scorer at {path}")
    spec = importlib.util.spec_from_file_location("score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _check(result: dict) -> list[str]:
    misses = []
    for metric, floor in TARGETS.items():
        value = result[metric] if metric == "speaker_accuracy" else result[metric]["f1"]
        if value < floor:
            misses.append(f"{metric} {value} < {floor}")
    return misses


@pytest.mark.corpus
def test_gold_dev_meets_the_targets(corpus_build):
    score = _scorer()
    result = score.score(corpus_build, SHARED / "eval" / "gold_dev.jsonl", SHARED / "contract" / "actors.csv")
    assert result["articles_not_found"] == []
    assert not _check(result), result


def test_gold_seed_is_exact(sample_build):
    """The sample article is annotated in full: every metric is exactly 1.0 on it."""
    score = _scorer()
    result = score.score(sample_build, SHARED / "eval" / "gold_seed.jsonl", SHARED / "contract" / "actors.csv")
    assert result["articles_not_found"] == []
    values = {m: (result[m] if m == "speaker_accuracy" else result[m]["f1"]) for m in TARGETS}
    assert values == {m: 1.0 for m in TARGETS}, result
