"""JupyterLab as a researcher uses it: ``make lab`` opens the jupytext notebooks as notebooks,
and in a real (headless) Chromium they run top to bottom with figures and without errors.

The browser tests start ``python -m syrianews.lab`` (what ``make lab`` runs) on a copy of
``notebooks/`` and drive Debian's ``chromium`` through ``chromedriver`` (Selenium; nothing is
downloaded). They are skipped where Chromium is absent, except in CI (``$CI``) or with
``SYRIANEWS_REQUIRE_BROWSER=1``, where a missing browser fails: ``.ci/run`` installs it.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from syrianews import lab

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
CHROMIUM = Path(os.environ.get("SYRIANEWS_CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("SYRIANEWS_CHROMEDRIVER", "/usr/bin/chromedriver"))
# as root Chromium needs --no-sandbox; the network flags keep it from calling home on a closed network
CHROMIUM_FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                  "--no-first-run", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--window-size=1400,1000"]
TOKEN = "syrianews-test"


# --- the launcher -------------------------------------------------------------------------

def test_shipped_settings_make_jupytext_the_default_viewer_of_python_files():
    overrides = json.loads((lab.settings_dir() / "overrides.json").read_text(encoding="utf-8"))
    viewers = overrides["@jupyterlab/docmanager-extension:plugin"]["defaultViewers"]
    assert viewers["python"] == lab.JUPYTEXT_VIEWER


def test_the_viewer_named_is_the_one_jupytexts_lab_extension_registers():
    """A renamed widget factory would silently send .py files back to the text editor."""
    jupytext_ext = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / "jupyterlab-jupytext"
    if not jupytext_ext.is_dir():
        pytest.skip("jupytext's JupyterLab extension is not installed (pip install 'syrianews[notebooks]')")
    bundles = "".join(p.read_text(encoding="utf-8", errors="ignore") for p in jupytext_ext.rglob("*.js"))
    assert f'"{lab.JUPYTEXT_VIEWER}"' in bundles


def test_lab_command_opens_the_notebooks_with_the_settings_and_allows_root(tmp_path):
    cmd = lab.lab_command(tmp_path, port=8890, token="t", browser=False, as_root=True)
    assert cmd[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--ServerApp.root_dir={tmp_path.resolve()}" in cmd
    assert f"--LabApp.app_settings_dir={lab.settings_dir()}" in cmd
    assert {"--allow-root", "--no-browser", "--ServerApp.port=8890", "--IdentityProvider.token=t"} <= set(cmd)
    assert "--allow-root" not in lab.lab_command(tmp_path, as_root=False)


def test_lab_points_the_kernels_at_the_build(tmp_path):
    env = lab.lab_environment(tmp_path / "build", base={"PATH": "/bin"})
    assert env == {"PATH": "/bin", "SYRIANEWS_DATA": str((tmp_path / "build").resolve())}


def test_lab_print_command(capsys):
    assert lab.main(["--print-command", "--no-browser", "--port", "8891"]) == 0
    out = capsys.readouterr().out
    assert "-m jupyterlab" in out and f"--ServerApp.root_dir={NOTEBOOKS}" in out and "--ServerApp.port=8891" in out


# --- in the browser -------------------------------------------------------------------------

def _browser_required() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("SYRIANEWS_REQUIRE_BROWSER"))


@pytest.fixture(scope="module")
def driver(tmp_path_factory):
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    try:
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service
    except ImportError:
        missing.append("selenium (pip install -e '.[test]')")
    if missing:
        why = f"no browser for the JupyterLab test: {', '.join(missing)} missing (apt-get install chromium chromium-driver)"
        if _browser_required():
            pytest.fail(why)
        pytest.skip(why)
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS + [f"--user-data-dir={tmp_path_factory.mktemp('chromium')}"]:
        options.add_argument(flag)
    # an explicit driver path: Selenium Manager would otherwise try to download one
    browser = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    browser.set_script_timeout(300)
    yield browser
    browser.quit()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Lab:
    """A JupyterLab server started the way ``make lab`` starts it, on a copy of the notebooks."""

    def __init__(self, folder: Path, build: Path, figures: Path, log: Path):
        self.folder, self.port = folder, _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        # own settings and workspace folders: a user's settings cannot make the viewer check pass
        # or fail, and no workspace of an earlier run reopens its notebooks (each starting a kernel)
        env = {**os.environ, "SYRIANEWS_FIGURES": str(figures), "MPLBACKEND": "module://matplotlib_inline.backend_inline",
               "JUPYTERLAB_SETTINGS_DIR": str(log.parent / "lab-settings"),
               "JUPYTERLAB_WORKSPACES_DIR": str(log.parent / "lab-workspaces")}
        cmd = [sys.executable, "-m", "syrianews.lab", "--data", str(build), "--notebooks", str(folder),
               "--port", str(self.port), "--ip", "127.0.0.1", "--token", TOKEN, "--no-browser", "--expose-app"]
        self.log = log.open("w")
        self.proc = subprocess.Popen(cmd, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with {self.proc.returncode}: {log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/status?token={TOKEN}", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"JupyterLab did not answer on {self.url}: {log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)  # the server shuts its kernels down
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        self.log.close()


@pytest.fixture(scope="module")
def lab_on_sample(sample_build, tmp_path_factory):
    folder = tmp_path_factory.mktemp("lab") / "notebooks"
    shutil.copytree(NOTEBOOKS, folder)  # running a notebook in the lab may autosave it: never the repo's
    header = (NOTEBOOKS / "01_corpus_overview.py").read_text(encoding="utf-8").split("\n# ---\n", 1)[0] + "\n# ---\n"
    (folder / "99_broken.py").write_text(
        header + "\n# %% [markdown]\n# Fails on purpose.\n\n# %%\nx = 1\n\n# %%\nraise ValueError('broken on purpose')\n",
        encoding="utf-8")
    server = Lab(folder, sample_build, folder.parent / "figures", folder.parent / "lab.log")
    yield server
    server.stop()


@pytest.fixture(scope="module")
def lab_on_corpus(corpus_build, tmp_path_factory):
    folder = tmp_path_factory.mktemp("lab_corpus") / "notebooks"
    shutil.copytree(NOTEBOOKS, folder)
    server = Lab(folder, corpus_build, folder.parent / "figures", folder.parent / "lab.log")
    yield server
    server.stop()


RUN_ALL = """
const done = arguments[arguments.length - 1];
(async () => {
  const app = window.jupyterapp;
  const panel = app.shell.currentWidget;
  const within = (promise, what) => Promise.race([promise, new Promise((_, no) =>
      setTimeout(() => no(new Error(what + ' took over 90 s')), 90000))]);
  await within(panel.context.ready, 'opening the notebook');
  await within(panel.sessionContext.ready, 'starting its kernel');
  if (!panel.sessionContext.session || !panel.sessionContext.session.kernel) throw new Error('no kernel');
  const ran = await app.commands.execute('notebook:run-all-cells');
  const cells = [];
  for (const cell of panel.content.model.cells) {
    if (cell.type !== 'code') continue;
    cells.push({count: cell.executionCount,
                outputs: cell.outputs.toJSON().map(o => ({type: o.output_type, mime: Object.keys(o.data || {}),
                                                          error: o.ename ? o.ename + ': ' + o.evalue : null}))});
  }
  done({ran, kernel: panel.sessionContext.session.kernel.name, cells});
})().catch(e => done({failure: String(e)}));
"""


def open_in_lab(driver, server: Lab, name: str) -> str:
    """Open ``name`` as a double click would (its default viewer); return the widget shown."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get(f"{server.url}/lab/tree/{name}?token={TOKEN}")
    WebDriverWait(driver, 90).until(
        lambda d: d.execute_script(
            "const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
            "return !!(w && w.context && w.context.path === arguments[0]);", name))
    panels = driver.find_elements(By.CSS_SELECTOR, ".jp-MainAreaWidget.jp-NotebookPanel:not(.lm-mod-hidden)")
    editors = driver.find_elements(By.CSS_SELECTOR, ".jp-MainAreaWidget .jp-FileEditor")
    return "notebook" if panels and not editors else "editor" if editors else "unknown"


def run_all_in_lab(driver, server: Lab, name: str, shots: Path | None = None) -> dict:
    """Open a notebook, run all its cells in the browser, and say what the page shows."""
    from selenium.webdriver.common.by import By

    assert open_in_lab(driver, server, name) == "notebook"
    result = driver.execute_async_script(RUN_ALL)
    assert "failure" not in result, result
    result["images"] = len(driver.find_elements(By.CSS_SELECTOR, ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output img"))
    result["errors"] = [o["error"] for c in result["cells"] for o in c["outputs"] if o["type"] == "error"]
    if shots is not None:
        driver.save_screenshot(str(shots / f"{Path(name).stem}.png"))
    return result


@pytest.mark.browser
def test_python_notebooks_open_as_notebooks_by_default(driver, lab_on_sample):
    """What a double click opens: the default widget factory of each notebook file in the page's
    document registry; and opening one shows a notebook, not the text editor."""
    assert open_in_lab(driver, lab_on_sample, "02_actor_coverage.py") == "notebook"
    for path in sorted(NOTEBOOKS.glob("*.py")):
        factory = driver.execute_script(
            "return window.jupyterapp.docRegistry.defaultWidgetFactory(arguments[0]).name;", path.name)
        assert factory == lab.JUPYTEXT_VIEWER, path.name
    # without the shipped settings a .py would open in the editor: the check above is not vacuous
    assert driver.execute_script("return window.jupyterapp.docRegistry.defaultWidgetFactory('x.txt').name;") == "Editor"


@pytest.mark.browser
def test_a_notebook_runs_in_the_browser_with_figures_and_no_error(driver, lab_on_sample, tmp_path):
    result = run_all_in_lab(driver, lab_on_sample, "01_corpus_overview.py", tmp_path)
    assert result["ran"] is True and result["kernel"] == "python3"
    assert result["cells"] and all(c["count"] for c in result["cells"]), "a code cell was not executed"
    assert result["errors"] == []
    assert any("image/png" in o["mime"] for c in result["cells"] for o in c["outputs"]), "no figure in the outputs"
    assert result["images"] >= 1, "no figure drawn on the page"


@pytest.mark.browser
def test_the_browser_test_sees_a_failing_cell(driver, lab_on_sample):
    """The check above can fail: a notebook that raises is reported with its error."""
    result = run_all_in_lab(driver, lab_on_sample, "99_broken.py")
    assert result["errors"] == ["ValueError: broken on purpose"]


@pytest.mark.corpus
@pytest.mark.browser
def test_the_voices_notebook_runs_in_the_browser_on_the_corpus(driver, lab_on_corpus, tmp_path):
    """On the SaudiNewsNet build, as a researcher would: every figure of the notebook drawn, no error."""
    result = run_all_in_lab(driver, lab_on_corpus, "03_voices.py", tmp_path)
    assert result["ran"] is True and all(c["count"] for c in result["cells"])
    assert result["errors"] == []
    assert result["images"] >= 4, result["images"]  # voices, voice gap, direct, verbs
