"""Content checksums of every table of a build, and the comparison of two builds.

    python benchmarks/table_checksums.py BUILD                 # rows and checksum per table
    python benchmarks/table_checksums.py BUILD --compare OTHER # exit 1 if any table differs

A speed-up must leave the tables as they were: build the same input with the old and the new
code and compare. The checksum covers every column, values and row order (not the manifest,
whose timings always differ); for a table that differs, the first differing row is printed.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))  # run from a checkout without installing
from syrianews.checksums import checksums, first_difference as _first_difference, table_parts  # noqa: E402,F401


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
