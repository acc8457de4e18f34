"""The Hub token never appears in output, logs, the manifest, exceptions or the card.

A known fake token is put where ``huggingface_hub`` finds it (``HF_TOKEN``), then a build, a
validation, an export and publishing (succeeding, and failing in every way the Hub client
can fail, with the token inside the error) all run; every byte they print, log or write is
scanned for it."""
from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

pytest.importorskip("datasets")
huggingface_hub = pytest.importorskip("huggingface_hub")

from syrianews.cli import main  # noqa: E402

from conftest import SAMPLE  # noqa: E402
from test_hub import FakeApi, hub_http_error  # noqa: E402

TOKEN = "hf_FAKEsecretTOKENforLEAKtests9876543210"


class LeakyApi(FakeApi):
    """A Hub client whose every failure message carries the token it was given."""

    error: type[BaseException] | None = None

    def _call(self, name, **kwargs):
        self.calls.append((name, kwargs))
        if LeakyApi.fail_on == name:
            if LeakyApi.error is None:
                raise hub_http_error(f"401 Unauthorized: Authorization: Bearer {self.token} rejected")
            raise LeakyApi.error(f"request with token={self.token} failed; headers={{'authorization': 'Bearer {self.token}'}}")


@pytest.fixture
def leaky_hub(monkeypatch, tmp_path: Path):
    FakeApi.instances, FakeApi.existing_tags = [], []
    LeakyApi.fail_on, LeakyApi.error = None, None
    monkeypatch.setattr(huggingface_hub, "HfApi", LeakyApi)
    monkeypatch.setattr(huggingface_hub.constants, "HF_TOKEN_PATH", str(tmp_path / "no-login" / "token"))
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    return LeakyApi


def _scan_tree(folder: Path) -> list[str]:
    return [str(p) for p in folder.rglob("*") if p.is_file() and TOKEN.encode() in p.read_bytes()]


@pytest.mark.parametrize(
    "fail_on, error",
    [(None, None), ("create_repo", None), ("upload_folder", None), ("create_tag", ConnectionError),
     ("upload_folder", RuntimeError), ("list_repo_refs", ValueError), ("create_repo", KeyError)],
    ids=["success", "hub-error-create", "hub-error-upload", "network-tag", "unexpected-runtime", "unexpected-value", "unexpected-key"],
)
def test_the_token_never_leaks(leaky_hub, tmp_path: Path, capsys, caplog, fail_on, error):
    leaky_hub.fail_on, leaky_hub.error = fail_on, error
    caplog.set_level(logging.DEBUG)
    out, hub = tmp_path / "build", tmp_path / "hub"
    codes = [
        main(["build", str(SAMPLE), "--out", str(out), "--quiet", "--jobs", "1"]),
        main(["validate", str(out)]),
        main(["info", str(out)]),
        main(["export-hub", str(hub), "--data", str(out), "--repo-id", "org/syrianews"]),
        main(["publish", "--repo-id", "org/syrianews", "--dry-run", "--data", str(out)]),
    ]
    assert codes == [0, 0, 0, 0, 0]
    try:
        code = main(["publish", "--repo-id", "org/syrianews", "--folder", str(hub), "--revision", "v1"])
    except BaseException as e:  # an exception that escapes must not carry it either
        pytest.fail(f"publish raised {type(e).__name__} instead of failing cleanly (token inside: {TOKEN in str(e)})")
    assert code == (0 if fail_on is None else 2)
    assert FakeApi.instances and FakeApi.instances[0].token == TOKEN, "the fake client did receive the token"
    printed = capsys.readouterr()
    assert TOKEN not in printed.out and TOKEN not in printed.err
    if fail_on:
        assert "Traceback" not in printed.err and "***" in printed.err, printed.err
    logs = "\n".join(r.getMessage() + " " + str(r.args) + " " + str(r.exc_info) for r in caplog.records)
    assert TOKEN not in logs
    assert _scan_tree(out) == [] and _scan_tree(hub) == []
    assert TOKEN not in (hub / "README.md").read_text(encoding="utf-8")
    assert TOKEN not in json.dumps(json.loads((out / "manifest.json").read_text()))
