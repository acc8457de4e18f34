"""Content checksums of every table of a build, and the comparison of two builds.

    python benchmarks/table_checksums.py BUILD                 # rows and checksum per table
    python benchmarks/table_checksums.py BUILD --compare OTHER # exit 1 if any table differs

A speed-up must leave the tables as they were: build the same input with the old and the new
code and compare. The checksum covers every column, values and row order (not the manifest,
whose timings always differ); for a table that differs, the first differing row is printed.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path


def _rows(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def table_parts(build: Path) -> dict[str, list[Path]]:
    """Table name → its Parquet files (a table may be one file or a folder of parts)."""
    out: dict[str, list[Path]] = {}
    for p in sorted(build.glob("*.parquet")):
        # a sharded table is the folder <table>.parquet/ of part-*.parquet files, in order
        out[p.stem] = sorted(p.glob("*.parquet")) if p.is_dir() else [p]
    return out


def checksums(build: Path) -> dict[str, dict]:
    out = {}
    for name, parts in table_parts(build).items():
        h = hashlib.sha256()
        n = 0
        for part in parts:
            for row in _rows(part):
                h.update(json.dumps(row, ensure_ascii=False, sort_keys=True, default=str).encode("utf-8"))
                h.update(b"\n")
                n += 1
        out[name] = {"rows": n, "sha256": h.hexdigest()}
    return out


def _first_difference(a: Path, b: Path, name: str) -> str:
    ra = [r for p in table_parts(a)[name] for r in _rows(p)]
    rb = [r for p in table_parts(b)[name] for r in _rows(p)]
    for i, (x, y) in enumerate(zip(ra, rb)):
        if x != y:
            cols = sorted(k for k in set(x) | set(y) if x.get(k) != y.get(k))
            return f"row {i}: " + "; ".join(f"{k}: {x.get(k)!r} → {y.get(k)!r}" for k in cols)
    return f"{len(ra)} rows → {len(rb)} rows"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("build", type=Path)
    ap.add_argument("--compare", type=Path, default=None)
    args = ap.parse_args()
    mine = checksums(args.build)
    if args.compare is None:
        print(json.dumps(mine, indent=1))
        return 0
    other = checksums(args.compare)
    differ = 0
    for name in sorted(set(mine) | set(other)):
        a, b = mine.get(name), other.get(name)
        if a == b:
            print(f"same     {name:<12} {a['rows']:>8} rows")
            continue
        differ += 1
        if a is None or b is None:
            print(f"MISSING  {name:<12} only in {'the second' if a is None else 'the first'} build")
            continue
        print(f"DIFFERS  {name:<12} {a['rows']:>8} → {b['rows']} rows   {_first_difference(args.build, args.compare, name)[:400]}")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
