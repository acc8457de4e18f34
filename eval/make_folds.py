#!/usr/bin/env python3
"""Regenerate eval/folds.json: url → fold for the reference articles of gold_dev.

Rule (no randomness, so anyone gets the same folds): the articles sorted by the SHA-1 hex
digest of their URL (UTF-8), fold = rank mod 5. Listed in the order of the gold file.

    python eval/make_folds.py [--gold eval/gold_dev.jsonl] [--out eval/folds.json] [--k 5]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def folds_json(gold: Path, k: int) -> str:
    from syrianews.evaluation import load_gold
    from syrianews.evaluation.folds import assign_folds

    urls = [g.get("url") for g in load_gold(gold)]
    if not all(isinstance(u, str) and u for u in urls):
        raise SystemExit(f"{gold}: every reference article needs a url to be given a fold")
    folds = assign_folds(urls, k)
    return json.dumps({u: folds[u] for u in urls}, ensure_ascii=False, indent=0) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=HERE / "gold_dev.jsonl")
    ap.add_argument("--out", type=Path, default=HERE / "folds.json")
    ap.add_argument("--k", type=int, default=5)
    args = ap.parse_args(argv)
    args.out.write_text(folds_json(args.gold, args.k), encoding="utf-8")
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
