"""Draw the hand-labelling sample for the Syria flag from a build (fixed seed), or score the
labels against a build.

    python eval/syria_sample.py draw  BUILD  > eval/syria_labels.csv   # then label by hand
    python eval/syria_sample.py score BUILD eval/syria_labels.csv

Strata (the flag is rare, so a plain random sample would hold a handful of Syria articles):
``flagged`` (syria true), ``near`` (not flagged, but a Syria signal somewhere in headline or
body), ``none`` (no Syria signal anywhere). Precision and recall are reported per stratum and
weighted by each stratum's size in the build.
"""
from __future__ import annotations

import csv
import sys

import pandas as pd

SEED = 13
SIZES = {"flagged": 40, "near": 40, "none": 20}


def strata(build: str) -> pd.DataFrame:
    from syrianews.syria import syria_actors, term_signals

    arts = pd.read_parquet(f"{build}/articles.parquet", columns=["article_id", "url", "source_file", "record_index", "title", "body", "syria", "syria_score"])
    men = pd.read_parquet(f"{build}/mentions.parquet", columns=["article_id", "actor_id"])
    with_actor = set(men[men.actor_id.isin(syria_actors())].article_id)
    anywhere = [aid in with_actor or bool(term_signals(f"{t or ''}\n{b}")) for aid, t, b in zip(arts.article_id, arts.title, arts.body)]
    arts["stratum"] = ["flagged" if f else ("near" if a else "none") for f, a in zip(arts.syria, anywhere)]
    return arts


def draw(build: str) -> None:
    arts = strata(build)
    picked = pd.concat([arts[arts.stratum == s].sample(n, random_state=SEED) for s, n in SIZES.items()])
    w = csv.writer(sys.stdout)
    w.writerow(["article_id", "source_file", "record_index", "url", "stratum", "syria_label", "title"])
    for r in picked.itertuples():
        w.writerow([r.article_id, r.source_file, r.record_index, r.url, r.stratum, "", r.title])


def record_key(source_file: str) -> str:
    """``source_file`` without the folders before the archive: a build of ``data/raw`` writes
    ``saudinewsnet/2015-07-24.zip!2015-07-24.json``, a build of the corpus folder itself
    ``2015-07-24.zip!2015-07-24.json``; both are the same record."""
    archive, sep, member = str(source_file).partition("!")
    return archive.rsplit("/", 1)[-1] + sep + member


def score(build: str, labels: str) -> None:
    arts = strata(build)
    arts["key"] = arts.source_file.map(record_key)
    lab = pd.read_csv(labels)
    lab["key"] = lab.source_file.map(record_key)
    lab = lab.merge(arts[["key", "record_index", "syria", "syria_score"]], on=["key", "record_index"], how="left")
    missing = lab.syria.isna().sum()
    lab = lab[lab.syria.notna()]
    lab["syria"] = lab.syria.astype(bool)
    lab["gold"] = lab.syria_label.astype(int).astype(bool)
    size = arts.stratum.value_counts()
    print(f"labelled {len(lab)} ({missing} not in this build); strata in the build: {size.to_dict()}")
    tp = fp = fn = 0.0
    for s, g in lab.groupby("stratum"):
        weight = size[s] / len(g)
        t, f, n = (g.syria & g.gold).sum(), (g.syria & ~g.gold).sum(), (~g.syria & g.gold).sum()
        print(f"  {s}: n={len(g)} flagged={g.syria.sum()} gold={g.gold.sum()} tp={t} fp={f} fn={n}")
        tp, fp, fn = tp + t * weight, fp + f * weight, fn + n * weight
    raw_tp, raw_fp, raw_fn = (lab.syria & lab.gold).sum(), (lab.syria & ~lab.gold).sum(), (~lab.syria & lab.gold).sum()
    print(f"sample: precision {raw_tp / max(1, raw_tp + raw_fp):.3f} recall {raw_tp / max(1, raw_tp + raw_fn):.3f}")
    print(f"weighted to the build: precision {tp / max(1e-9, tp + fp):.3f} recall {tp / max(1e-9, tp + fn):.3f}"
          f" (estimated Syria articles: {tp + fn:.0f}, flagged: {arts.syria.sum()})")


if __name__ == "__main__":
    {"draw": lambda: draw(sys.argv[2]), "score": lambda: score(sys.argv[2], sys.argv[3])}[sys.argv[1]]()
