"""Benchmark the build on the SaudiNewsNet corpus against an I/O floor measured in the same run.

    python benchmarks/bench_build.py [--corpus DIR] [--jobs N] [--stages] [--json] [--json-out FILE]

The **I/O floor** reads the same records and writes their text to Parquet with no parsing. Then,
by default, **one full build** (in a fresh process, so that peak memory is its own) gives: its
seconds, articles per second, CPU seconds of its process tree, peak memory of the main process
and of the largest worker, and each stage's ratio to the floor, **derived** from the manifest's
per-step times (``steps``: seconds summed over the workers, measured inside them):

    + accusations (the full build) = the build's wall seconds
    a stage leaving extractors out  = full - per-record wall seconds x (their share of the
                                      per-record steps' seconds)

where the per-record wall seconds are the manifest's ``timings.extract_seconds`` (the workers'
phase; the global steps after it are kept whole) and the share is the left-out extractors'
in-worker seconds over the sum of all per-record steps (read, clean, each extractor, article,
write_partitions). So the workers' phase is cut in proportion to where its time went: a share
is the same whether the machine is idle or shared (all steps wait alike), which a subtraction
of seconds per worker is not. That is an estimate, not a measurement: it assumes the untimed
work of the phase (worker start, partition flushes) and the workers' imbalance at the end fall
on the steps in proportion, and the mentions extractor's catalogue, built once before the
workers start, stays in the foundation. ``--stages`` measures the stages instead, with four
builds (foundation = readers + cleaning + links; then mentions, quotes, accusations added in
turn), for checking the derivation. Ratios, not seconds, are what compare across runs on a shared machine.

The report is printed as text (or JSON with ``--json``) and always written as JSON beside it
(``--json-out``, default ``reports/benchmarks/bench_build-<UTC time>.json``).
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(os.environ.get("SYRIANEWS_CORPUS", ROOT / "data" / "raw" / "saudinewsnet"))  # the shipped copy

# (stage, extractors run in the four-build measurement, extractors whose time it adds)
STAGES = [
    ("foundation", ["links"], ()),
    ("+ mentions", ["links", "mentions"], ("mentions",)),
    ("+ quotes", ["links", "mentions", "quotes"], ("quotes",)),
    ("+ accusations", None, ("accusations",)),
]
PER_RECORD_STEPS = ("read", "clean", "links", "mentions", "quotes", "accusations", "article", "write_partitions")


def io_floor(corpus: Path, out: Path) -> dict:
    """Read every record and write title+text to Parquet with no parsing at all."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from syrianews.readers import input_files, iter_file
    from syrianews.records import RawRecord

    t0 = time.perf_counter()
    writer, n = None, 0
    titles: list[str] = []
    texts: list[str] = []

    def flush() -> None:
        nonlocal writer
        table = pa.table({"title": titles, "text": texts})
        writer = writer or pq.ParquetWriter(out / "floor.parquet", table.schema, compression="zstd")
        writer.write_table(table)
        titles.clear()
        texts.clear()

    for path, name in input_files([corpus]):
        for rec in iter_file(path, name):
            if isinstance(rec, RawRecord):
                titles.append(str(rec.fields.get("title", "")))
                texts.append(str(rec.fields.get("content", rec.fields.get("text", ""))))
                n += 1
                if len(texts) >= 5000:
                    flush()
    flush()
    writer.close()
    return {"seconds": time.perf_counter() - t0, "records": n}


def _run_build(corpus: str, out: str, jobs: int | None, extractors: list[str] | None, queue) -> None:
    from syrianews.pipeline import build

    t0 = time.perf_counter()
    res = build([corpus], out, jobs=jobs, progress=False, extractors=extractors)
    seconds = time.perf_counter() - t0
    me = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)  # the workers, reaped when the pool closed
    queue.put({
        "seconds": seconds,
        "articles": res.counts["articles"],
        "counts": res.counts,
        "jobs": res.manifest["jobs"],
        "cpu_seconds": round(me.ru_utime + me.ru_stime + workers.ru_utime + workers.ru_stime, 3),
        "peak_mib_main": me.ru_maxrss / 1024,
        "peak_mib_worker": workers.ru_maxrss / 1024,  # the largest worker's peak
        "timings": res.manifest["timings"],
        "steps": res.manifest["steps"],
    })


def measure_build(corpus: Path, out: Path, jobs: int | None, extractors: list[str] | None) -> dict:
    """One build in a fresh process, so that peak memory is its own."""
    ctx = get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_run_build, args=(str(corpus), str(out), jobs, extractors, q))
    p.start()
    result = q.get()
    p.join()
    return result


def derive_stages(full: dict) -> dict[str, dict]:
    """Each stage's seconds from one full build: its wall seconds less the workers' phase's
    share that went to the extractors a stage leaves out (see the docstring)."""
    steps = full["steps"]
    per_record = sum(steps.get(name, {}).get("seconds", 0.0) for name in PER_RECORD_STEPS) or 1.0
    phase = full["timings"]["extract_seconds"]
    out: dict[str, dict] = {}
    left_out = [name for _, _, adds in STAGES for name in adds]  # the extractors after each stage
    for stage, _, adds in STAGES:
        for name in adds:
            left_out.remove(name)
        share = sum(steps.get(name, {}).get("seconds", 0.0) for name in left_out) / per_record
        out[stage] = {"seconds": round(full["seconds"] - phase * share, 3), "articles": full["articles"], "derived": True}
    return out


def step_table(steps: dict, jobs: int) -> list[dict]:
    """The per-record steps with their seconds (summed over workers) and share of their total."""
    rows = [(name, steps[name]["seconds"]) for name in PER_RECORD_STEPS if name in steps]
    total = sum(s for _, s in rows) or 1.0
    return [{"step": name, "seconds": round(s, 3), "per_worker_seconds": round(s / max(1, jobs), 3), "share": round(s / total, 3)} for name, s in rows]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--stages", action="store_true", help="measure the four stages with four builds instead of deriving them from one")
    ap.add_argument("--json", action="store_true", help="print the JSON report instead of the text")
    ap.add_argument("--json-out", type=Path, default=None,
                    help="where to write the JSON report beside the text (default: reports/benchmarks/bench_build-<UTC time>.json)")
    args = ap.parse_args()
    if not any(args.corpus.glob("*.zip")):
        print(f"no corpus at {args.corpus} (set SYRIANEWS_CORPUS)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        floor = io_floor(args.corpus, tmp)
        if args.stages:
            stages = {name: measure_build(args.corpus, tmp / f"stage{i}", args.jobs, extractors) for i, (name, extractors, _) in enumerate(STAGES)}
            full = stages["+ accusations"]
        else:
            full = measure_build(args.corpus, tmp / "full", args.jobs, None)
            stages = derive_stages(full)
    for r in stages.values():  # what compares across runs: ratios to the floor of the same run
        r["ratio_to_floor"] = round(r["seconds"] / floor["seconds"], 3)
        r["articles_per_second"] = round(r["articles"] / r["seconds"], 1)
    report = {
        "corpus": str(args.corpus), "jobs": full["jobs"], "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "method": "four builds" if args.stages else "one full build; stages derived from the manifest's per-step seconds",
        "floor": floor,
        "full_build": {k: full[k] for k in ("seconds", "articles", "cpu_seconds", "peak_mib_main", "peak_mib_worker", "timings")},
        "stages": stages,
        "steps": step_table(full["steps"], full["jobs"]),
    }
    json_out = args.json_out or ROOT / "reports" / "benchmarks" / f"bench_build-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json"
    json_out.parent.mkdir(parents=True, exist_ok=True)
    json_out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(report["method"] + f", {full['jobs']} workers")
    print(f"I/O floor      {floor['seconds']:7.1f} s  {floor['records'] / floor['seconds']:8.0f} records/s   ratio  1.00")
    for name, r in stages.items():
        extra = "" if not args.stages else f"   peak memory: main {r['peak_mib_main']:.0f} MiB, largest worker {r['peak_mib_worker']:.0f} MiB"
        print(f"{name:<14}{r['seconds']:7.1f} s  {r['articles_per_second']:8.0f} articles/s  ratio {r['ratio_to_floor']:5.2f}{extra}")
    t = full["timings"]
    print(f"full build: {full['seconds']:.1f} s wall (per-record work {t['extract_seconds']:.1f} s, global steps {t['global_seconds']:.1f} s), "
          f"{full['cpu_seconds']:.1f} CPU s; peak memory: main {full['peak_mib_main']:.0f} MiB, largest worker {full['peak_mib_worker']:.0f} MiB")
    print("per-record steps (seconds summed over the workers):")
    for row in report["steps"]:
        print(f"  {row['step']:<17}{row['seconds']:8.1f} s  {100 * row['share']:5.1f} %")
    print(f"extraction over foundation: {stages['+ accusations']['seconds'] / stages['foundation']['seconds']:.2f}x")
    print(f"JSON report: {json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
