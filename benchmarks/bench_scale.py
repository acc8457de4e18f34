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
import resource
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
start = time.monotonic()
res = build(args["inputs"], args["out"], jobs=args["jobs"], engine=args["engine"], progress=False)
print(json.dumps({"seconds": time.perf_counter() - t0, "start": start, "records": res.manifest["records"],
                  "articles": res.counts["articles"], "counts": res.counts, "timings": res.manifest["timings"],
                  "incremental": res.manifest["incremental"], "steps": res.manifest["steps"]}))
"""


def _role(proc, root: int) -> str:
    """Which part of the build a process is: the build's own process ("main"), or one of its
    workers (local pool processes, forked with the main's command line; Dask worker processes)."""
    return "main" if proc.pid == root else "worker"


def _tree_rss(pid: int) -> tuple[int, dict[int, tuple[int, str]]]:
    """(sum, {pid: (resident bytes, role)}) of a process and its descendants."""
    import psutil

    try:
        p = psutil.Process(pid)
        procs = [p, *p.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, {}
    rss: dict[int, tuple[int, str]] = {}
    for q in procs:
        try:
            rss[q.pid] = (q.memory_info().rss, _role(q, pid))
        except psutil.NoSuchProcess:
            pass
    return sum(r for r, _ in rss.values()), rss


def _phase(at: float, r: dict) -> str:
    """The phase of the build at monotonic time ``at``: start-up (imports, extractors, plan),
    partitions (the per-record work), global (dedup, stories, links, writing the tables)."""
    t = r.get("timings", {})
    if at < r["start"]:
        return "start-up"
    end = r["start"] + t.get("total_seconds", r["seconds"])
    global_start = end - t.get("global_seconds", 0.0)
    if at >= global_start:
        return "global"
    return "partitions" if at >= global_start - t.get("extract_seconds", 0.0) else "start-up"


def measure(inputs: list[Path], out: Path, jobs: int, engine: str = "local") -> dict:
    """One build in a fresh interpreter: wall time, CPU time of the whole process tree (user +
    sys of the child and the workers it waited for), the load average before and after, and the
    peak resident memory of the tree and of its largest process (with that process's role and
    the phase of the build it was in)."""
    arg = json.dumps({"inputs": [str(p) for p in inputs], "out": str(out), "jobs": jobs, "engine": engine})
    load0 = os.getloadavg()
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", RUNNER, arg], stdout=subprocess.PIPE, text=True)
    peak_sum = peak_max = 0
    peak_role, peak_at, peaks = "", 0.0, {}
    while proc.poll() is None:
        s, per = _tree_rss(proc.pid)
        peak_sum = max(peak_sum, s)
        for pid, (rss, role) in per.items():
            peaks[role] = max(peaks.get(role, 0), rss)
            if rss > peak_max:
                peak_max, peak_role, peak_at = rss, role, time.monotonic()
        time.sleep(0.1)
    wall = time.perf_counter() - t0
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    stdout = proc.stdout.read() if proc.stdout else ""
    if proc.returncode != 0:
        raise RuntimeError(f"build failed ({proc.returncode})")
    r = json.loads(stdout.strip().splitlines()[-1])
    r.update({
        "wall_seconds": wall,
        "cpu_seconds": (ru1.ru_utime - ru0.ru_utime) + (ru1.ru_stime - ru0.ru_stime),
        "load_before": load0,
        "load_after": os.getloadavg(),
        "peak_mib_total": peak_sum / 2**20,
        "peak_mib_largest": peak_max / 2**20,
        "largest_process": peak_role,
        "largest_phase": _phase(peak_at, r) if peak_max else "",
        "peak_mib_by_role": {k: round(v / 2**20, 1) for k, v in sorted(peaks.items())},
    })
    return r


def line(name: str, r: dict) -> str:
    return (f"{name:<27}{r['seconds']:7.1f} s wall {r['cpu_seconds']:7.1f} s CPU {r['records'] / r['seconds']:5.0f} rec/s"
            f"  peak: tree {r['peak_mib_total']:5.0f} MiB, largest {r['peak_mib_largest']:4.0f} MiB ({r['largest_process']}, {r['largest_phase']})"
            f"  load {r['load_before'][0]:.1f}→{r['load_after'][0]:.1f}  ({r['records']:,} records, {r['articles']:,} articles)")


def same_tables(a: Path, b: Path) -> list[str]:
    """Names of the tables that differ between two builds (content and row order)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from table_checksums import checksums

    x, y = checksums(a), checksums(b)
    return sorted(n for n in set(x) | set(y) if x.get(n) != y.get(n))


def incremental(raw: Path, full_out: Path, full: dict, jobs: int, work: Path) -> dict:
    """A copy of a full build of ``raw`` rebuilt without its last file, then with it again;
    the second rebuild is timed against ``full`` and its tables compared with ``full_out``'s."""
    out = work / "incremental"
    shutil.copytree(full_out, out, symlinks=True)
    last = sorted(raw.glob("*.zip"))[-1]
    target = last.resolve()
    last.unlink()
    try:
        removed = measure([raw], out, jobs)
    finally:
        last.symlink_to(target)
    added = measure([raw], out, jobs)
    differ = same_tables(full_out, out)
    shutil.rmtree(out)
    return {
        "file": last.name, "files": len(list(raw.glob("*.zip"))), "without_it": removed, "added": added,
        "full": full, "ratio_to_full": added["seconds"] / full["seconds"],
        "cpu_ratio_to_full": added["cpu_seconds"] / full["cpu_seconds"], "tables_differ": differ,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--sizes", type=int, nargs="+", default=[1, 2, 4])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--files", type=int, default=None, help="base = the first N files of the corpus (default: all 18)")
    ap.add_argument("--incremental-files", type=int, default=None,
                    help="add-one-file measured on the first N files (default: the base; 0: skip)")
    ap.add_argument("--no-dask", action="store_true")
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    ap.add_argument("--tmp", type=Path, default=None, help="scratch folder (default: a temporary one)")
    args = ap.parse_args()
    if not any(args.corpus.glob("*.zip")):
        print(f"no corpus at {args.corpus} (set SYRIANEWS_CORPUS)", file=sys.stderr)
        return 2
    n_files = len(sorted(args.corpus.glob("*.zip"))[: args.files])
    inc_files = n_files if args.incremental_files is None else min(args.incremental_files, len(list(args.corpus.glob("*.zip"))))
    report: dict = {"load_before": os.getloadavg(), "jobs": args.jobs, "files": n_files, "cores": os.cpu_count(),
                    "started": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "local": {}, "dask": {}}
    print(f"{report['started']}: load average {report['load_before'][0]:.1f} {report['load_before'][1]:.1f} {report['load_before'][2]:.1f} on {os.cpu_count()} cores;"
          f" base = {n_files} files", flush=True)

    def save() -> None:  # after every run, so that a stopped series keeps what it measured
        if args.json:
            args.json.write_text(json.dumps(report, indent=1) + "\n")

    tmp = Path(tempfile.mkdtemp(prefix="syrianews-scale-", dir=args.tmp))
    try:
        for n in args.sizes:
            raw = make_corpus(args.corpus, n, tmp / f"raw{n}x", args.files)
            r = measure([raw], tmp / f"out{n}x", args.jobs)
            report["local"][f"{n}x"] = r
            print(line(f"local {n}x ({args.jobs} workers)", r), flush=True)
            save()
            if n != 1:
                shutil.rmtree(tmp / f"out{n}x")
                shutil.rmtree(raw)
        if not args.no_dask:
            raw1 = make_corpus(args.corpus, 1, tmp / "raw1x", args.files) if not (tmp / "raw1x").exists() else tmp / "raw1x"
            for w in (1, 2):
                r = measure([raw1], tmp / f"dask{w}", w, engine="dask")
                report["dask"][f"{w} workers"] = r
                print(line(f"dask 1x ({w} worker{'s' if w > 1 else ''})", r), flush=True)
                save()
                shutil.rmtree(tmp / f"dask{w}")
        if inc_files:
            if inc_files == n_files and "1x" in report["local"]:
                raw, full_out, full = tmp / "raw1x", tmp / "out1x", report["local"]["1x"]
            else:
                raw, full_out = make_corpus(args.corpus, 1, tmp / f"raw-inc{inc_files}", inc_files), tmp / f"out-inc{inc_files}"
                full = measure([raw], full_out, args.jobs)
                print(line(f"full build, {inc_files} files", full), flush=True)
            inc = report["incremental"] = incremental(raw, full_out, full, args.jobs, tmp)
            print(line("rebuild without last file", inc["without_it"]), flush=True)
            print(line(f"add {inc['file']}", inc["added"]), flush=True)
            print(f"add one file to {inc['files']} files: {inc['ratio_to_full']:.0%} of the full build's wall time,"
                  f" {inc['cpu_ratio_to_full']:.0%} of its CPU time (target <= 25%);"
                  f" tables {'the same as the full build' if not inc['tables_differ'] else 'DIFFER: ' + ', '.join(inc['tables_differ'])}", flush=True)
            save()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    loc = report["local"]
    if "1x" in loc:
        for n in args.sizes[1:]:
            k, b = loc[f"{n}x"], loc["1x"]
            print(f"{n}x / 1x: wall {k['seconds'] / b['seconds']:.2f}x, CPU {k['cpu_seconds'] / b['cpu_seconds']:.2f}x (target <= {n * 1.15:.2f}x);"
                  f" peak memory of the tree {k['peak_mib_total'] / b['peak_mib_total']:.2f}x,"
                  f" largest process {k['peak_mib_largest'] / b['peak_mib_largest']:.2f}x (target <= 1.2x)")
    report["load_after"] = os.getloadavg()
    print(f"load average after {report['load_after'][0]:.1f} {report['load_after'][1]:.1f} {report['load_after'][2]:.1f}")
    save()
    return 0


if __name__ == "__main__":
    sys.exit(main())
