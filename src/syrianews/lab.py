"""Open the analyses in JupyterLab: ``python -m syrianews.lab`` (what ``make lab`` runs).

The notebooks are jupytext percent scripts (``notebooks/*.py``). Plain JupyterLab opens a
``.py`` file in its text editor; this launcher starts ``jupyter lab`` with the settings shipped in
the package (``syrianews/data/jupyterlab/overrides.json``), which make jupytext's notebook view
the default viewer of Python (and Markdown) files, so a double click opens a notebook with its
cells. It also points the notebooks at a build (``$SYRIANEWS_DATA``, default ``data/processed``)
and passes ``--allow-root`` when run as root: JupyterLab refuses to start as root otherwise,
and machines and CI here run as root.
"""
from __future__ import annotations

import argparse
import os
import sys
from importlib.resources import files
from pathlib import Path

from .plotting import project_root

#: the name of the document widget that jupytext's JupyterLab extension registers
JUPYTEXT_VIEWER = "Jupytext Notebook"


def settings_dir() -> Path:
    """The folder holding the JupyterLab ``overrides.json`` shipped with the package."""
    return Path(str(files("syrianews") / "data" / "jupyterlab"))


def notebooks_dir() -> Path:
    """``notebooks/`` of the project (found from the working directory upwards)."""
    root = project_root()
    if root is None:
        from .notebooks import default_dir

        return default_dir().resolve()
    return root / "notebooks"


def is_root() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0


def lab_command(
    notebooks: str | os.PathLike,
    *,
    port: int | None = None,
    ip: str | None = None,
    token: str | None = None,
    browser: bool = True,
    expose_app: bool = False,
    as_root: bool | None = None,
    extra: list[str] | None = None,
) -> list[str]:
    """The ``jupyter lab`` command line (a pure function, so that it can be tested)."""
    cmd = [
        sys.executable, "-m", "jupyterlab",
        f"--ServerApp.root_dir={Path(notebooks).resolve()}",
        f"--LabApp.app_settings_dir={settings_dir()}",
    ]
    if port is not None:
        cmd.append(f"--ServerApp.port={port}")
    if ip is not None:
        cmd.append(f"--ServerApp.ip={ip}")
    if token is not None:
        cmd.append(f"--IdentityProvider.token={token}")
    if not browser:
        cmd.append("--no-browser")
    if expose_app:  # lets a browser test drive the app through window.jupyterapp
        cmd.append("--LabApp.expose_app_in_browser=True")
    if is_root() if as_root is None else as_root:
        cmd.append("--allow-root")
    return cmd + list(extra or [])


def lab_environment(data: str | os.PathLike | None = None, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of the server (and so of its kernels): the build to analyse, made absolute."""
    from .loading import data_dir

    env = dict(os.environ if base is None else base)
    env["SYRIANEWS_DATA"] = str(data_dir(data).resolve())
    return env


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m syrianews.lab", description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=None, help="the build the notebooks analyse (default: $SYRIANEWS_DATA, else data/processed)")
    parser.add_argument("--notebooks", default=None, help="folder to open (default: the project's notebooks/)")
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--ip", default=None)
    parser.add_argument("--token", default=None, help="server token (default: JupyterLab's random one)")
    parser.add_argument("--no-browser", action="store_true", help="do not open a web browser")
    parser.add_argument("--expose-app", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--print-command", action="store_true", help="print the command and exit")
    args, extra = parser.parse_known_args(argv)
    folder = Path(args.notebooks) if args.notebooks else notebooks_dir()
    cmd = lab_command(folder, port=args.port, ip=args.ip, token=args.token, browser=not args.no_browser,
                      expose_app=args.expose_app, extra=extra)
    env = lab_environment(args.data)
    if args.print_command:
        print(" ".join(cmd))
        return 0
    build = Path(env["SYRIANEWS_DATA"])
    if not (build / "articles.parquet").exists():
        print(f"note: no build at {build} yet; run `make dataset` (or set SYRIANEWS_DATA) before running the notebooks",
              file=sys.stderr)
    print(f"JupyterLab on {folder}, analysing {build}", file=sys.stderr)
    sys.stdout.flush()
    os.execvpe(cmd[0], cmd, env)  # the server replaces this process: Ctrl-C stops JupyterLab itself
    return 0  # pragma: no cover


if __name__ == "__main__":
    sys.exit(main())
