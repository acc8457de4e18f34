"""The Hub subcommands of ``syrianews``: ``export-hub`` and ``publish``.

Wired into the main parser by :func:`add_hub_commands`; the heavy imports (``datasets``,
``huggingface_hub``) happen only when a command runs, so a missing extra gives a message."""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from ..loading import data_dir

EXIT_FAILED = 2


def _export(args: argparse.Namespace, out: Path, repo_id: str | None):
    from .export import export_hub

    return export_hub(data_dir(args.data), out, repo_id=repo_id, license=args.license, datasheet=args.datasheet)


def cmd_export_hub(args: argparse.Namespace) -> int:
    try:
        result = _export(args, Path(args.out), args.repo_id)
    except ImportError as e:
        print(f"syrianews export-hub: {e}", file=sys.stderr)
        return EXIT_FAILED
    except (FileNotFoundError, FileExistsError, ValueError) as e:
        print(f"syrianews export-hub: {e}", file=sys.stderr)
        return EXIT_FAILED
    for w in result.warnings:
        print(f"syrianews export-hub: warning: {w}", file=sys.stderr)
    rows = ", ".join(f"{t.name} {t.rows:,}" for t in result.tables)
    print(f"exported {len(result.files)} files to {result.out}/ ({rows})")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    try:
        from .publish import publish
    except ImportError as e:
        print(f"syrianews publish: {e}", file=sys.stderr)
        return EXIT_FAILED

    def run(folder: Path) -> int:
        return publish(folder, args.repo_id, private=args.private, revision=args.revision, dry_run=args.dry_run)

    if args.folder:
        from ..validate import validate_build

        problems = validate_build(args.folder)  # an export holds the build's tables and manifest
        if problems:
            print(f"syrianews publish: {args.folder} does not validate ({len(problems)} problems); nothing uploaded:", file=sys.stderr)
            for p in problems[:20]:
                print(f"  - {p}", file=sys.stderr)
            return EXIT_FAILED
        return run(Path(args.folder))
    with tempfile.TemporaryDirectory(prefix="syrianews-hub-") as tmp:
        out = Path(tmp) / "hub"
        try:
            result = _export(args, out, args.repo_id)
        except (ImportError, FileNotFoundError, FileExistsError, ValueError) as e:
            print(f"syrianews publish: {e}", file=sys.stderr)
            return EXIT_FAILED
        for w in result.warnings:
            print(f"syrianews publish: warning: {w}", file=sys.stderr)
        return run(out)


def _add_build_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data", default=None, help="build folder (default: $SYRIANEWS_DATA or data/processed)")
    p.add_argument("--license", default=None, help="license id for the card (default: the one in data/hub_card.json)")
    p.add_argument("--datasheet", default=None, help="DATASHEET.md to include (default: ./DATASHEET.md)")


def add_hub_commands(subparsers: argparse._SubParsersAction) -> None:
    """Add ``export-hub`` and ``publish`` to the ``syrianews`` command line."""
    e = subparsers.add_parser("export-hub", help="write the Hugging Face Hub repo's content for a build (offline)")
    e.add_argument("out", help="folder to write (new, or a previous export)")
    e.add_argument("--repo-id", default=None, help="repo id shown in the card's examples (default: ORG/syrianews)")
    _add_build_options(e)
    e.set_defaults(func=cmd_export_hub)

    p = subparsers.add_parser("publish", help="export a build and upload it to a Hugging Face dataset repo")
    p.add_argument("--repo-id", required=True, help="dataset repo, e.g. ORG/syrianews")
    p.add_argument("--private", action="store_true", help="create the repo private (if it does not exist)")
    p.add_argument("--dry-run", action="store_true", help="list what would be uploaded; no token or network needed")
    p.add_argument("--revision", default=None, help="tag of the release (default: v<package version of the build>)")
    p.add_argument("--folder", default=None, help="upload this export-hub folder instead of exporting --data")
    _add_build_options(p)
    p.set_defaults(func=cmd_publish)
