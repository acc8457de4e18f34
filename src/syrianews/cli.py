"""Command line: ``syrianews build``, ``syrianews info``, ``syrianews evaluate`` (and the Hub commands)."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __version__


def cmd_build(args: argparse.Namespace) -> int:
    from .actors_errors import CatalogueErrorTypes
    from .buildlock import BuildLockedError, BuildWriteError
    from .extractor_errors import StartupError
    from .pipeline import build

    _log_to_stderr("syrianews build")
    try:
        result = build(args.inputs, args.out, actors_files=args.actors, jobs=args.jobs, progress=None if not args.quiet else False)
    except (FileNotFoundError, BuildLockedError, BuildWriteError, StartupError) as e:
        print(f"syrianews build: {e}", file=sys.stderr)
        return 2
    except CatalogueErrorTypes as e:
        print(f"syrianews build: actor catalogue: {e}", file=sys.stderr)
        return 2
    c = result.counts
    print(
        f"built {c['articles']:,} articles in {result.seconds:.1f}s → {result.out}/\n"
        f"  quotes {c['quotes']:,} · mentions {c['mentions']:,} · accusations {c['accusations']:,} · links {c['links']:,} · actors {c['actors']:,}\n"
        f"  duplicates {result.duplicates:,} · rejected {c['rejects'] - result.duplicates:,}"
        + (f" ({', '.join(f'{k} {v:,}' for k, v in result.rejects.items() if k != 'duplicate')})" if result.rejects else "")
    )
    if c.get("errors"):
        print(f"syrianews build: warning: {c['errors']:,} extractor failures; the articles are kept, see the errors table", file=sys.stderr)
    return 0


def _log_to_stderr(prefix: str) -> None:
    """The package's warnings (e.g. a stale lock cleared) as one line each on stderr."""
    import logging

    logger = logging.getLogger("syrianews")
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(f"{prefix}: warning: %(message)s"))
        handler.setLevel(logging.WARNING)
        logger.addHandler(handler)


def cmd_info(args: argparse.Namespace) -> int:
    import json

    from .manifest import read_manifest

    try:
        m = read_manifest(args.data)
    except FileNotFoundError:
        print(f"syrianews info: no build in {args.data}", file=sys.stderr)
        return 2
    print(json.dumps({k: m[k] for k in ("version", "records", "counts", "rejects", "duplicates", "timings") if k in m}, ensure_ascii=False, indent=1))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from .validate import validate_build

    folder = Path(args.build)
    if not folder.is_dir():
        print(f"syrianews validate: no build in {folder}", file=sys.stderr)
        return 2
    problems = validate_build(folder)
    if not problems:
        print(f"{folder}: valid (schemas, ids, references, offsets, manifest counts)")
        return 0
    print(f"{folder}: {len(problems)} problem{'s' if len(problems) != 1 else ''}", file=sys.stderr)
    for p in problems:
        print(f"  - {p}", file=sys.stderr)
    return 1


def make_parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="syrianews", description="Arabic news about the Syrian conflict as linked Parquet tables.")
    ap.add_argument("--version", action="version", version=f"syrianews {__version__}")
    sub = ap.add_subparsers(dest="command", required=True)

    b = sub.add_parser("build", help="build the tables from raw articles (files or folders)")
    b.add_argument("inputs", nargs="*", default=["data/raw"], help="raw files or folders (default: data/raw)")
    b.add_argument("--out", default="data/processed", help="output folder (default: data/processed)")
    b.add_argument("--actors", action="append", default=[], metavar="CSV", help="extra actor catalogue file (repeatable)")
    b.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    b.add_argument("--quiet", action="store_true", help="no progress bar")
    b.set_defaults(func=cmd_build)

    i = sub.add_parser("info", help="show the manifest of a build")
    i.add_argument("data", nargs="?", default="data/processed")
    i.set_defaults(func=cmd_info)

    v = sub.add_parser("validate", help="check a build: schemas, unique ids, references, offsets, manifest counts")
    v.add_argument("build", nargs="?", default="data/processed", help="build folder (default: data/processed)")
    v.set_defaults(func=cmd_validate)

    from .evaluation.cli import add_evaluate_command

    add_evaluate_command(sub)

    try:
        from .hub.cli import add_hub_commands
    except ImportError:
        pass
    else:
        add_hub_commands(sub)
    return ap


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except BrokenPipeError:  # output piped into `head` and the like: stop quietly
        import os

        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1


if __name__ == "__main__":
    sys.exit(main())
