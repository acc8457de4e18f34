"""``syrianews evaluate BUILD --gold FILE [--actors CSV] [--folds FOLDS.json] [--errors FILE] [--json]``
and ``syrianews gold-records INPUTS --gold FILE --out FILE`` (the raw records to build for it)."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .errors import FIELDS
from .folds import METRICS

LABELS = {
    "actors": "actors",
    "direct": "direct quotes",
    "indirect": "indirect quotes",
    "any_quote": "quotes (either kind)",
    "accused": "(kind, accused)",
    "accusation_triple": "(kind, accuser, accused)",
}
TOP_KINDS = 15


def write_errors(rows: list[dict[str, Any]], path: Path) -> None:
    """JSON Lines, or CSV when the name ends in .csv; written whole, then moved into place."""
    import pandas as pd

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    frame = pd.DataFrame(rows, columns=list(FIELDS))
    if path.suffix.lower() == ".csv":
        frame.to_csv(tmp, index=False)
    else:
        frame.to_json(tmp, orient="records", lines=True, force_ascii=False)
    tmp.replace(path)


def render_text(result: dict[str, Any]) -> str:
    cv = result.get("cross_validated")
    head = f"{'metric':<26}{'precision':>10}{'recall':>8}{'f1':>8}"
    if cv:
        head += f"{'f1 over ' + str(cv['folds']) + ' folds':>22}"
    lines = [head]
    for m in METRICS:
        v = result[m]
        line = f"{LABELS[m]:<26}{v['precision']:>10}{v['recall']:>8}{v['f1']:>8}"
        if cv:
            line += f"{cv[m]['f1']['mean']:>14} ± {cv[m]['f1']['sd']:<5}"
        lines.append(line)
    line = f"{'speaker accuracy':<26}{'':>10}{'':>8}{result['speaker_accuracy']:>8}"
    if cv:
        line += f"{cv['speaker_accuracy']['mean']:>14} ± {cv['speaker_accuracy']['sd']:<5}"
    lines.append(line)
    g = result["gold"]
    lines.append(
        f"reference: {g['articles']} articles, {g['quotes']} quotes, {g['acts']} acts "
        f"({g['accused_pairs']} accused pairs, {g['triples']} triples); not found in the build: {len(result['articles_not_found'])}"
    )
    if cv:
        lines.append("folds: " + ", ".join(f"{k}: {f['articles']} articles" for k, f in result["folds"].items()) + " (mean ± sample sd of the per-fold figures)")
    kinds = result.get("error_kinds")
    if kinds is not None:
        total = sum(k["count"] for k in kinds)
        lines.append(f"\nerror kinds ({total} errors; top {min(TOP_KINDS, len(kinds))}):")
        lines += [f"{k['count']:>6}  {k['metric']:<18} {k['kind']}" for k in kinds[:TOP_KINDS]]
    return "\n".join(lines)


def cmd_evaluate(args: argparse.Namespace) -> int:
    from . import evaluate

    try:
        ev = evaluate(args.build, args.gold, args.actors, folds=args.folds, errors=args.errors is not None)
    except (FileNotFoundError, ValueError) as e:
        print(f"syrianews evaluate: {e}", file=sys.stderr)
        return 2
    if args.errors is not None:
        write_errors(ev.errors, Path(args.errors))
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_text(json.dumps(ev.result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        tmp.replace(out)
    if args.json:
        print(json.dumps(ev.result, ensure_ascii=False, indent=1))
    else:
        print(render_text(ev.result))
        if args.errors is not None:
            print(f"error listing: {args.errors} ({len(ev.errors)} rows)")
    return 0


def cmd_gold_records(args: argparse.Namespace) -> int:
    from .build import load_gold
    from .select import write_gold_records

    try:
        gold = load_gold(args.gold)
        missing = write_gold_records(args.inputs, gold, args.out)
    except (FileNotFoundError, ValueError) as e:
        print(f"syrianews gold-records: {e}", file=sys.stderr)
        return 2
    print(f"{len(gold) - len(missing)} of {len(gold)} reference articles → {args.out}")
    if missing:
        print(f"syrianews gold-records: {len(missing)} reference URL(s) not in the inputs, e.g. {missing[0]}", file=sys.stderr)
        return 1
    return 0


def add_evaluate_command(sub: argparse._SubParsersAction) -> None:
    e = sub.add_parser("evaluate", help="score a build against reference annotations (the metrics of shared/eval/score.py)")
    e.add_argument("build", help="build folder (its Parquet tables); a {fold} in it scores each fold on its own build")
    e.add_argument("--gold", required=True, help="reference annotations (JSONL, one article a line)")
    e.add_argument("--actors", default=None, metavar="CSV", help="scored actor catalogue (default: actors.csv beside the gold file, else ../contract/actors.csv)")
    e.add_argument("--folds", default=None, metavar="FOLDS.json", help="url → fold: adds per-fold figures and mean ± sd")
    e.add_argument("--errors", default=None, metavar="FILE", help="write every error with its kind (JSON Lines, or CSV for .csv)")
    e.add_argument("--out", default=None, metavar="FILE", help="also write the result as JSON to FILE")
    e.add_argument("--json", action="store_true", help="print the result as JSON")
    e.set_defaults(func=cmd_evaluate)

    g = sub.add_parser("gold-records", help="pick the raw records of the reference articles out of a corpus, by URL")
    g.add_argument("inputs", nargs="+", help="raw files or folders (e.g. ../shared/corpora/saudinewsnet or data/raw)")
    g.add_argument("--gold", required=True, help="reference annotations (JSONL) whose URLs to pick")
    g.add_argument("--out", required=True, help="JSON Lines file to write the raw records to")
    g.set_defaults(func=cmd_gold_records)
