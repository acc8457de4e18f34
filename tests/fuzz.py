"""``make fuzz``: run the property tests of ``test_properties.py`` for a time budget, random
(not the fixed CI examples), round-robin, and report how many examples each property ran and
every failure found (with hypothesis' falsifying example).

    python tests/fuzz.py --seconds 600 [--report reports/fuzz.json]

Exit code 1 when any property failed."""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seconds", type=float, default=600, help="time budget (default: 600)")
    ap.add_argument("--batch", type=int, default=200, help="examples per property per round (default: 200)")
    ap.add_argument("--report", default=None, help="write the counts and failures as JSON here")
    args = ap.parse_args(argv)
    os.environ["SYRIANEWS_HYPOTHESIS_PROFILE"] = "fuzz"
    os.environ["FUZZ_EXAMPLES"] = str(args.batch)
    os.environ.setdefault("PROPERTY_BUILD_EXAMPLES", str(max(1, args.batch // 20)))
    sys.path.insert(0, str(Path(__file__).parent))
    import test_properties as props

    tests = {name: getattr(props, name) for name in dir(props) if name.startswith("test_") and callable(getattr(props, name))}
    failures: list[dict] = []
    rounds = 0
    t0 = time.monotonic()
    failed: set[str] = set()
    while time.monotonic() - t0 < args.seconds and len(failed) < len(tests):
        rounds += 1
        for name, test in tests.items():
            if name in failed or time.monotonic() - t0 >= args.seconds:
                continue
            try:
                test()
            except Exception as e:  # noqa: BLE001 - a failing property is what we are looking for
                failed.add(name)
                failures.append({"property": name, "error": f"{type(e).__name__}: {e}", "traceback": traceback.format_exc()})
                print(f"FAILED {name}:\n{traceback.format_exc()}", file=sys.stderr)
    seconds = time.monotonic() - t0
    report = {"seconds": round(seconds, 1), "rounds": rounds, "examples": dict(sorted(props.EXAMPLES.items())), "total_examples": sum(props.EXAMPLES.values()), "failures": failures}
    print(json.dumps({k: v for k, v in report.items() if k != "failures"} | {"failures": [f["property"] + ": " + f["error"][:300] for f in failures]}, ensure_ascii=False, indent=1))
    if args.report:
        Path(args.report).parent.mkdir(parents=True, exist_ok=True)
        Path(args.report).write_text(json.dumps(report, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
