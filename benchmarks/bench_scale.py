"""Scale series: SaudiNewsNet at 1x, 2x and 4x, local engine and Dask engine, and incremental.

    python benchmarks/bench_scale.py [--corpus DIR] [--sizes 1 2 4] [--jobs 2] [--json OUT.json]

Copy k >= 1 of every file gets a per-copy marker in url, title and body, so deduplication keeps
the copies (copy 0 is the corpus itself). Each build runs in a fresh process; its peak memory
is sampled (every 0.1 s) as the resident memory of the whole process tree (main process plus
workers) and also reported as the largest single process. Measured:

- local engine (``--jobs`` processes) at each size: seconds, records/s, peak memory;
- Dask engine (LocalCluster) with 1 and 2 workers at 1x;
- incremental: the 1x build rebuilt without its last file, then with it again (only that file
  is processed), against the full 1x build of the same run.

Ratios within one run (4x time / 1x time, 4x peak / 1x peak, add-one-file / full) are what
compare across runs on a shared machine; the load average is printed with them.
"""
from __future__ import annotations

import argparse
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = Path(os.environ.get("SYRIANEWS_CORPUS", ROOT.parent / "shared" / "corpora" / "saudinewsnet"))


def marked(record: dict, k: int) -> dict:
    """Copy ``k`` of a record: the same article with a visible marker, so a distinct id."""
    if k == 0:
        return record
    out = dict(record)
    if record.get("url"):
        out["url"] = f"{record['url']}#copy-{k}"
    if (record.get("title") or "").strip():
        out["title"] = f"{record['title']} [{k}]"
    if (record.get("content") or "").strip():
        out["content"] = f"{record['content']}\n[{k}]"
    return out


def make_corpus(corpus: Path, copies: int, dest: Path, files: int | None = None) -> Path:
    """``copies`` distinct copies of every zip of ``corpus`` (the first ``files`` of them) in
    ``dest`` (copy 0 linked as is)."""
    dest.mkdir(parents=True, exist_ok=True)
    for z in sorted(corpus.glob("*.zip"))[:files]:
        (dest / z.name).symlink_to(z)
        if copies == 1:
            continue
        with zipfile.ZipFile(z) as src:
            members = {m: json.loads(src.read(m)) for m in sorted(src.namelist()) if m.endswith(".json")}
        for k in range(1, copies):
            buf = io.BytesIO()
            with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
                for m, recs in members.items():
                    out.writestr(m, json.dumps([marked(r, k) for r in recs], ensure_ascii=False))
            (dest / f"{z.stem}.copy{k}.zip").write_bytes(buf.getvalue())
    return dest


RUNNER = """
import json, sys, time
from syrianews.pipeline import build
args = json.loads(sys.argv[1])
t0 = time.perf_counter()
res = build(args["inputs"], args["out"], jobs=args["jobs"], engine=args["engine"], progress=False)
print(json.dumps({"seconds": time.perf_counter() - t0, "records": res.manifest["records"],
                  "articles": res.counts["articles"], "counts": res.counts,
                  "incremental": res.manifest["incremental"], "steps": res.manifest["steps"]}))
"""


def _tree_rss(pid: int) -> tuple[int, int]:
    """(sum, max) resident bytes of a process and its descendants."""
    import psutil

    try:
        p = psutil.Process(pid)
        procs = [p, *p.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    rss = []
    for q in procs:
        try:
            rss.append(q.memory_info().rss)
        except psutil.NoSuchProcess:
            pass
    return sum(rss), max(rss, default=0)


def measure(inputs: list[Path], out: Path, jobs: int, engine: str = "local") -> dict:
    """One build in a fresh interpreter; wall time, and the peak of the tree's memory."""
    arg = json.dumps({"inputs": [str(p) for p in inputs], "out": str(out), "jobs": jobs, "engine": engine})
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, arg], stdout=subprocess.PIPE, text=True)
    peak_sum = peak_max = 0
    while proc.poll() is None:
        s, m = _tree_rss(proc.pid)
        peak_sum, peak_max = max(peak_sum, s), max(peak_max, m)
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    stdout = proc.stdout.read() if proc.stdout else ""
    if proc.returncode != 0:
        raise RuntimeError(f"build failed ({proc.returncode})")
    r = json.loads(stdout.strip().splitlines()[-1])
    r.update({"wall_seconds": wall, "peak_mib_total": peak_sum / 2**20, "peak_mib_largest": peak_max / 2**20})
    return r


def line(name: str, r: dict) -> str:
    return (f"{name:<26}{r['seconds']:8.1f} s {r['records'] / r['seconds']:7.0f} rec/s   peak memory: tree {r['peak_mib_total']:6.0f} MiB,"
            f" largest process {r['peak_mib_largest']:5.0f} MiB   ({r['records']:,} records, {r['articles']:,} articles)")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--files", type=int, default=None, help="base = the first N files of the corpus (default: all 18)")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    ap.add_argument("--tmp", type=Path, default=None, help="scratch folder (default: a temporary one)")
    args = ap.parse_args()
    if not any(args.corpus.glob("*.zip")):
        print(f"no corpus at {args.corpus} (set SYRIANEWS_CORPUS)", file=sys.stderr)
        return 2
    report: dict = {"load_before": os.getloadavg(), "jobs": args.jobs, "files": args.files, "local": {}, "dask": {}}
    print(f"load average {report['load_before'][0]:.1f} {report['load_before'][1]:.1f} {report['load_before'][2]:.1f} on {os.cpu_count()} cores", flush=True)
    tmp = Path(tempfile.mkdtemp(prefix="syrianews-scale-", dir=args.tmp))
    try:
        for n in args.sizes:
            raw = make_corpus(args.corpus, n, tmp / f"raw{n}x", args.files)
            r = measure([raw], tmp / f"out{n}x", args.jobs)
            report["local"][f"{n}x"] = r
            print(line(f"local {n}x ({args.jobs} workers)", r), flush=True)
            if n != 1:
                shutil.rmtree(tmp / f"out{n}x")
                shutil.rmtree(raw)
        if not args.no_dask:
            raw1 = tmp / "raw1x"
            for w in (1, 2):
                r = measure([raw1], tmp / f"dask{w}", w, engine="dask")
                report["dask"][f"{w} workers"] = r
                print(line(f"dask 1x ({w} worker{'s' if w > 1 else ''})", r), flush=True)
                shutil.rmtree(tmp / f"dask{w}")
        if "1x" in report["local"]:
            raw1, out1 = tmp / "raw1x", tmp / "out1x"
            last = sorted(raw1.glob("*.zip"))[-1]
            target = last.resolve()
            last.unlink()
            removed = measure([raw1], out1, args.jobs)
            last.symlink_to(target)
            added = measure([raw1], out1, args.jobs)
            full = report["local"]["1x"]
            report["incremental"] = {"file": last.name, "without_it": removed, "added": added, "ratio_to_full": added["seconds"] / full["seconds"]}
            print(line("rebuild without last file", removed), flush=True)
            print(line(f"add {last.name}", added) + f"   {added['seconds'] / full['seconds']:.0%} of the full build", flush=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    loc = report["local"]
    if "1x" in loc:
        for n in args.sizes[1:]:
            k = f"{n}x"
            print(f"{k} / 1x: time {loc[k]['seconds'] / loc['1x']['seconds']:.2f}x (target <= {n * 1.15:.2f}x),"
                  f" peak memory of the tree {loc[k]['peak_mib_total'] / loc['1x']['peak_mib_total']:.2f}x,"
                  f" largest process {loc[k]['peak_mib_largest'] / loc['1x']['peak_mib_largest']:.2f}x (target <= 1.2x)")
    report["load_after"] = os.getloadavg()
    print(f"load average after {report['load_after'][0]:.1f} {report['load_after'][1]:.1f} {report['load_after'][2]:.1f}")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
