"""Run the analysis notebooks headless against a build: ``python -m syrianews.notebooks run``;
``... report`` also writes each executed notebook as ``reports/NN_name.html`` (``make report``).

The notebooks live in ``notebooks/`` as jupytext percent-format ``.py`` files (small, diffable,
never holding outputs); ``.ipynb`` files are run too. Each one is executed top to bottom in a
fresh ``python3`` kernel (ipykernel, started with this interpreter) with ``$SYRIANEWS_DATA``
and ``$SYRIANEWS_FIGURES`` set, and the first failing cell is reported by notebook and index.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

KERNEL = "python3"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
SUFFIXES = (".py", ".ipynb")


class NotebookError(RuntimeError):
    """A notebook cell raised: carries the notebook, the cell index and the error text."""

    def __init__(self, notebook: Path, cell: int | None, source: str, error: str):
        self.notebook, self.cell, self.source, self.error = notebook, cell, source, error
        where = f"cell {cell}" if cell is not None else "an unknown cell"
        first = source.strip().splitlines()[0] if source.strip() else ""
        super().__init__(f"{notebook.name}: {where} failed ({first!r})\n{error}")


@dataclass(frozen=True)
class Result:
    notebook: Path
    seconds: float
    output: Path | None


def default_dir() -> Path:
    """``notebooks/`` of the working directory, else of the source checkout this module is in."""
    here = Path("notebooks")
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[2] / "notebooks"


def find_notebooks(folder: str | os.PathLike | None = None) -> list[Path]:
    """The notebooks of ``folder`` in name order (``01_...`` first); a ``.ipynb`` paired with a
    ``.py`` of the same stem is skipped so each notebook runs once."""
    folder = Path(folder) if folder is not None else default_dir()
    found = sorted(p for p in folder.iterdir() if p.suffix in SUFFIXES and not p.name.startswith((".", "_")))
    stems_py = {p.stem for p in found if p.suffix == ".py"}
    return [p for p in found if not (p.suffix == ".ipynb" and p.stem in stems_py)]


def read_notebook(path: Path):
    """A notebook node from a percent-format ``.py`` (via jupytext) or an ``.ipynb``."""
    if path.suffix == ".py":
        import jupytext

        return jupytext.read(path, fmt="py:percent")
    import nbformat

    return nbformat.read(path, as_version=4)


@contextmanager
def _environ(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for the kernels started inside, then restore them."""
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


def run_notebook(
    path: str | os.PathLike,
    data: str | os.PathLike | None = None,
    figures: str | os.PathLike | None = None,
    output: str | os.PathLike | None = None,
    timeout: int = 900,
) -> Result:
    """Execute one notebook; raise :class:`NotebookError` on the first failing cell.

    ``output``, when given, is a folder that receives the executed ``.ipynb`` (with inline
    figures); without it matplotlib runs on Agg so nothing is rendered twice.
    """
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    path = Path(path)
    nb = read_notebook(path)
    env = {"PYTHONHASHSEED": "0"}
    if data is not None:
        env["SYRIANEWS_DATA"] = str(Path(data).resolve())
    if figures is not None:
        env["SYRIANEWS_FIGURES"] = str(Path(figures).resolve())
    if output is None:
        env["MPLBACKEND"] = "Agg"
    workdir = path.resolve().parent
    client = NotebookClient(
        nb, timeout=timeout, kernel_name=KERNEL, resources={"metadata": {"path": str(workdir)}}
    )
    t0 = time.perf_counter()
    try:
        with _environ(env):
            client.execute()
    except CellExecutionError as exc:
        cell, source = _failed_cell(nb)
        raise NotebookError(path, cell, source, _ANSI.sub("", str(exc))) from None
    out_path = None
    if output is not None:
        import nbformat

        out_path = Path(output) / f"{path.stem}.ipynb"
        out_path.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out_path)
    return Result(path, time.perf_counter() - t0, out_path)


def write_html(executed: Path, html: Path) -> Path:
    """An executed ``.ipynb`` as a standalone HTML page (figures embedded), for reading without running."""
    import nbformat
    from nbconvert import HTMLExporter

    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nbformat.read(executed, as_version=4))
    html.parent.mkdir(parents=True, exist_ok=True)
    tmp = html.with_suffix(".html.tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(html)
    return html


#: the figures of the default build that the README shows (copied by ``readme-figures``)
README_FIGURES = ["01_overview_outlets.png", "02_actors_top_actors.png", "03_voices_voice_gap.png"]


def report(folder=None, data=None, out: str | os.PathLike = "reports", only: list[str] | None = None) -> list[tuple[Result, Path]]:
    """Execute every notebook on ``data`` and write ``<out>/<stem>.html`` and ``<out>/figures/*.png``."""
    import tempfile

    out = Path(out)
    done = []
    with tempfile.TemporaryDirectory(prefix="syrianews-report-") as tmp:
        for p in find_notebooks(folder):
            if only and not any(o in p.name for o in only):
                continue
            res = run_notebook(p, data=data, figures=out / "figures", output=tmp)
            done.append((res, write_html(res.output, out / f"{p.stem}.html")))
    return done


def _failed_cell(nb) -> tuple[int | None, str]:
    """Index (among all cells, from 0) and source of the first cell with an error output."""
    for i, cell in enumerate(nb.cells):
        if cell.get("cell_type") == "code" and any(o.get("output_type") == "error" for o in cell.get("outputs", [])):
            return i, cell.get("source", "")
    return None, ""


def run_all(
    folder: str | os.PathLike | None = None,
    data: str | os.PathLike | None = None,
    figures: str | os.PathLike | None = None,
    output: str | os.PathLike | None = None,
    only: list[str] | None = None,
) -> list[Result]:
    """Run every notebook of ``folder`` (or those whose name contains one of ``only``)."""
    paths = find_notebooks(folder)
    if only:
        paths = [p for p in paths if any(o in p.name for o in only)]
    if not paths:
        raise FileNotFoundError(f"no notebook found in {folder or default_dir()}")
    return [run_notebook(p, data=data, figures=figures, output=output) for p in paths]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m syrianews.notebooks", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="execute the notebooks headless; non-zero exit on any cell error")
    run.add_argument("names", nargs="*", help="run only notebooks whose file name contains one of these")
    run.add_argument("--dir", default=None, help="folder of the notebooks (default: notebooks/)")
    run.add_argument("--data", default=None, help="the build to analyse (default: $SYRIANEWS_DATA, else data/processed)")
    run.add_argument("--figures", default=None, help="where PNGs go (default: $SYRIANEWS_FIGURES, else reports/figures)")
    run.add_argument("--output", default=None, help="also write the executed .ipynb files (with figures) here")
    rep = sub.add_parser("report", help="execute the notebooks and write reports/NN_name.html and reports/figures/")
    rep.add_argument("names", nargs="*", help="only notebooks whose file name contains one of these")
    rep.add_argument("--dir", default=None, help="folder of the notebooks (default: notebooks/)")
    rep.add_argument("--data", default=None, help="the build to analyse (default: $SYRIANEWS_DATA, else data/processed)")
    rep.add_argument("--out", default="reports", help="where the HTML reports and figures/ go (default: reports)")
    fig = sub.add_parser("readme-figures", help="copy the README's figures from a report into docs/figures/")
    fig.add_argument("--figures", default="reports/figures")
    fig.add_argument("--to", default="docs/figures")
    sub.add_parser("list", help="list the notebooks").add_argument("--dir", default=None)
    args = parser.parse_args(argv)
    if args.command == "list":
        for p in find_notebooks(args.dir):
            print(p)
        return 0
    if args.command == "readme-figures":
        import shutil

        Path(args.to).mkdir(parents=True, exist_ok=True)
        missing = [n for n in README_FIGURES if not (Path(args.figures) / n).is_file()]
        if missing:
            print(f"error: not in {args.figures}: {', '.join(missing)} (run `make report` on the full build first)", file=sys.stderr)
            return 2
        for n in README_FIGURES:
            shutil.copy2(Path(args.figures) / n, Path(args.to) / n)
            print(f"copied {n} → {args.to}")
        return 0
    from .loading import data_dir
    from .plotting import figure_dir

    data = Path(args.data) if args.data else data_dir()
    if not (data / "articles.parquet").exists():
        print(f"error: no build at {data} (run `syrianews build <inputs> --out {data}` or set SYRIANEWS_DATA)", file=sys.stderr)
        return 2
    if args.command == "report":
        try:
            for res, html in report(args.dir, data=data, out=args.out, only=args.names):
                print(f"ok   {res.notebook.name}  {res.seconds:.1f}s  → {html}")
        except NotebookError as exc:
            print(f"FAIL {exc}", file=sys.stderr)
            return 1
        print(f"figures in {Path(args.out) / 'figures'}")
        return 0
    figures = Path(args.figures) if args.figures else figure_dir()
    try:
        for p in find_notebooks(args.dir):
            if args.names and not any(n in p.name for n in args.names):
                continue
            res = run_notebook(p, data=data, figures=figures, output=args.output)
            print(f"ok   {p.name}  {res.seconds:.1f}s" + (f"  → {res.output}" if res.output else ""))
    except NotebookError as exc:
        print(f"FAIL {exc}", file=sys.stderr)
        return 1
    print(f"figures in {figures}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
