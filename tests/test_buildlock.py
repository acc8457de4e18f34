"""One build at a time per output folder, stale locks, and write errors (disk full)."""
from __future__ import annotations

import errno
import hashlib
import json
import logging
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import syrianews
from syrianews import writer
from syrianews.buildlock import BuildLockedError, BuildWriteError, build_lock, lock_path
from syrianews.cli import main as cli_main
from syrianews.pipeline import build

from conftest import SAMPLE

BODY = "قال المتحدث باسم الوزارة إن القوات تقدمت في ريف حلب الشمالي بعد معارك عنيفة استمرت يومين."


def _digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def _jsonl(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8") as f:
        for i in range(n):
            f.write(json.dumps({"title": f"عنوان رقم {i}", "content": f"{BODY} {i}"}, ensure_ascii=False) + "\n")
    return path


def test_second_build_into_the_same_folder_fails_at_once_and_the_first_finishes(tmp_path, capsys):
    out = tmp_path / "out"
    build([SAMPLE], out, progress=False)
    previous = _digest(out)
    raw = _jsonl(tmp_path / "raw.jsonl", 30)
    go, started = tmp_path / "go", tmp_path / "started"
    # the first build, in another process, is held in the middle of its work until we say go
    script = textwrap.dedent(
        f"""
        import sys, time
        from pathlib import Path
        import syrianews.pipeline as p
        real = p._build_into
        def held(*a, **k):
            Path({str(started)!r}).touch()
            while not Path({str(go)!r}).exists():
                time.sleep(0.02)
            return real(*a, **k)
        p._build_into = held
        from syrianews.cli import main
        sys.exit(main(["build", {str(raw)!r}, "--out", {str(out)!r}, "--quiet", "--jobs", "1"]))
        """
    )
    first = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 120
        while not started.exists() and time.time() < deadline and first.poll() is None:
            time.sleep(0.02)
        assert started.exists(), first.communicate()
        t0 = time.perf_counter()
        rc = cli_main(["build", str(SAMPLE), "--out", str(out), "--quiet"])
        waited = time.perf_counter() - t0
        err = capsys.readouterr().err
        assert rc == 2
        assert "another build is writing into" in err and f"pid {first.pid}" in err
        assert waited < 5, "the second build must fail at once, not wait"
        assert _digest(out) == previous, "the refused build touched the output"
    finally:
        go.touch()
        stdout, stderr = first.communicate(timeout=300)
    assert first.returncode == 0, stderr
    assert len(syrianews.load("articles", out)) == 30, "the first build's result is its own"
    assert not lock_path(out).exists()


def test_lock_in_this_process_refuses_a_build_and_is_released_after(tmp_path):
    out = tmp_path / "out"
    with build_lock(out):
        with pytest.raises(BuildLockedError, match="another build is writing into"):
            build([SAMPLE], out, progress=False)
        assert not out.exists()
    assert build([SAMPLE], out, progress=False).counts["articles"] == 1
    assert not lock_path(out).exists()


def test_stale_lock_of_a_killed_build_is_cleared(tmp_path, caplog):
    out = tmp_path / "out"
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()  # its pid is no longer running
    import socket

    lock_path(out).write_text(json.dumps({"pid": dead.pid, "host": socket.gethostname(), "started": time.time() - 60}))
    with caplog.at_level(logging.WARNING, logger="syrianews"):
        res = build([SAMPLE], out, progress=False)
    assert res.counts["articles"] == 1
    assert any("stale lock" in r.getMessage() and str(dead.pid) in r.getMessage() and "is not running" in r.getMessage() for r in caplog.records)
    assert not lock_path(out).exists()


def test_lock_of_a_killed_build_process_is_free(tmp_path):
    """A build killed with SIGKILL leaves its lock file; the kernel has released the lock."""
    out = tmp_path / "out"
    script = f"from syrianews.buildlock import build_lock\nimport os\nwith build_lock({str(out)!r}):\n    os.kill(os.getpid(), 9)\n"
    proc = subprocess.run([sys.executable, "-c", script])
    assert proc.returncode == -9 and lock_path(out).exists()
    assert build([SAMPLE], out, progress=False).counts["articles"] == 1


@pytest.mark.parametrize("where", ["flush", "close", "publish"])
def test_disk_full_leaves_previous_tables_and_no_staging(tmp_path, monkeypatch, capsys, where):
    out = tmp_path / "out"
    build([SAMPLE], out, progress=False)
    previous = _digest(out)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", str(tmp_path / ".out.staging-x" / "articles.parquet"))

    if where == "publish":
        monkeypatch.setattr("syrianews.pipeline.publish", full)
    else:
        monkeypatch.setattr(writer.TableWriter, where, full)
    with pytest.raises(BuildWriteError) as info:
        build([SAMPLE], out, progress=False)
    assert info.value.errno == errno.ENOSPC
    assert "No space left on device" in str(info.value) and "previous tables" in str(info.value)
    assert _digest(out) == previous
    assert not list(tmp_path.glob(".out.staging-*")), "staging folder left behind"
    assert not lock_path(out).exists()
    # the command line says it in one line, exit 2, no traceback
    rc = cli_main(["build", str(SAMPLE), "--out", str(out), "--quiet"])
    err = capsys.readouterr().err
    assert rc == 2 and "No space left on device" in err and "Traceback" not in err
    assert _digest(out) == previous
