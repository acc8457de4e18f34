"""Benchmark the build on the SaudiNewsNet corpus against an I/O floor measured in the same run.

    python benchmarks/bench_build.py [--corpus DIR] [--jobs N]

Prints, for the I/O floor (read the same records, write their text to Parquet, no parsing), the
foundation (readers + cleaning + links, no extractors), then the build with each extractor added
in turn (mentions, quotes, accusations = the full build): seconds, articles per second, peak
memory, and each one's ratio to the floor. Ratios, not seconds, are what compare
across runs on a shared machine.
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


STAGES = [
    ("foundation", ["links"]),
    ("+ mentions", ["links", "mentions"]),
    ("+ quotes", ["links", "mentions", "quotes"]),
    ("full build", None),
]


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
    peak_self = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    peak_children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    queue.put({"seconds": seconds, "articles": res.counts["articles"], "counts": res.counts,
               "peak_mib_main": peak_self / 1024, "peak_mib_worker": peak_children / 1024})


def measure_build(corpus: Path, out: Path, jobs: int | None, extractors: list[str] | None) -> dict:
    """Each build in a fresh process, so that peak memory is its own."""
    ctx = get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_run_build, args=(str(corpus), str(out), jobs, extractors, q))
    p.start()
    result = q.get()
    p.join()
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--jobs", type=int, default=None)
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
        stages = {}
        for name, extractors in STAGES:
            stages[name] = measure_build(args.corpus, tmp / name.replace(" ", "_"), args.jobs, extractors)
    for r in stages.values():  # what compares across runs: ratios to the floor of the same run
        r["ratio_to_floor"] = round(r["seconds"] / floor["seconds"], 3)
        r["articles_per_second"] = round(r["articles"] / r["seconds"], 1)
    report = {"corpus": str(args.corpus), "jobs": args.jobs, "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "floor": floor, **stages}
    json_out = args.json_out or ROOT / "reports" / "benchmarks" / f"bench_build-{time.strftime('%Y%m%dT%H%M%SZ', time.gmtime())}.json"
    json_out.parent.mkdir(parents=True, exist_ok=True)
    json_out.write_text(json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps(report, indent=1))
        return 0
    print(f"I/O floor      {floor['seconds']:7.1f} s  {floor['records'] / floor['seconds']:8.0f} records/s   ratio 1.00")
    for name, r in stages.items():
        print(
            f"{name:<14}{r['seconds']:7.1f} s  {r['articles'] / r['seconds']:8.0f} articles/s  ratio {r['seconds'] / floor['seconds']:.2f}"
            f"   peak memory: main {r['peak_mib_main']:.0f} MiB, largest worker {r['peak_mib_worker']:.0f} MiB"
        )
    print(f"extraction over foundation: {stages['full build']['seconds'] / stages['foundation']['seconds']:.2f}x")
    print(f"JSON report: {json_out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
