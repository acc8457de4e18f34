"""``syrianews publish``: upload an exported Hub folder to a dataset repo in one commit and tag
the release.

The token comes from where ``huggingface_hub`` looks for it (``HF_TOKEN``, the login cache);
it is never printed or written, and is scrubbed from any error message shown. Hub and network
failures end with a one-line message and exit code 2, not a traceback. ``--dry-run`` needs
neither network nor token."""
from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from . import require

EXIT_FAILED = 2


@dataclass(frozen=True)
class PublishPlan:
    folder: Path
    repo_id: str
    tag: str
    private: bool
    files: list[tuple[str, int]]  # (path in repo, bytes)

    @property
    def total_bytes(self) -> int:
        return sum(size for _, size in self.files)


def folder_files(folder: Path) -> list[tuple[str, int]]:
    """What ``upload_folder`` will send: every file under ``folder``, as repo paths, sorted."""
    return sorted((p.relative_to(folder).as_posix(), p.stat().st_size) for p in folder.rglob("*") if p.is_file())


def release_tag(folder: Path, revision: str | None) -> str:
    """The tag of the release: ``--revision``, else ``v`` + the package version of the build."""
    if revision:
        return revision
    manifest = folder / "manifest.json"
    version = None
    if manifest.exists():
        version = json.loads(manifest.read_text(encoding="utf-8")).get("version")
    if version is None:
        from .. import __version__ as version
    return f"v{version}"


def plan(folder: str | Path, repo_id: str, *, revision: str | None = None, private: bool = False) -> PublishPlan:
    folder = Path(folder)
    if not (folder / "README.md").exists():
        raise FileNotFoundError(f"{folder} is not an export (no README.md): run `syrianews export-hub {folder}` first")
    return PublishPlan(folder, repo_id, release_tag(folder, revision), private, folder_files(folder))


def _human(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n}"


def describe(p: PublishPlan, out: TextIO) -> None:
    vis = "private" if p.private else "public"
    print(f"dataset repo {p.repo_id} ({vis} if created), tag {p.tag}: {len(p.files)} files, {_human(p.total_bytes)}", file=out)
    for path, size in p.files:
        print(f"  {size:>12,}  {path}", file=out)


def hub_errors() -> tuple[type[BaseException], ...]:
    """Exceptions that mean "the Hub or the network said no" (whatever HTTP client the hub uses)."""
    hub_errors_mod = require("huggingface_hub.errors")
    errors: list[type[BaseException]] = [hub_errors_mod.HfHubHTTPError, hub_errors_mod.HFValidationError, OSError]
    for module, name in (("httpx2", "HTTPError"), ("httpx", "HTTPError"), ("requests", "RequestException")):
        try:
            errors.append(getattr(__import__(module), name))
        except (ImportError, AttributeError):
            pass
    return tuple(errors)


def _scrub(message: str, token: str | None) -> str:
    return message.replace(token, "***") if token else message


def publish(
    folder: str | Path,
    repo_id: str,
    *,
    private: bool = False,
    revision: str | None = None,
    dry_run: bool = False,
    api_factory: Callable[..., Any] | None = None,
    token: str | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Create the repo if needed, upload ``folder`` in one commit, tag it. Returns an exit code.

    ``api_factory`` builds the Hub client (``HfApi`` by default); tests pass a fake."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        p = plan(folder, repo_id, revision=revision, private=private)
    except FileNotFoundError as e:
        print(f"syrianews publish: {e}", file=err)
        return EXIT_FAILED
    if dry_run:
        print("dry run, nothing uploaded; would upload to", file=out, end=" ")
        describe(p, out)
        return 0
    hub = require("huggingface_hub")
    token = token or hub.get_token()
    if not token:
        print(
            "syrianews publish: no Hugging Face token found. Set HF_TOKEN or run `hf auth login` "
            "(a token with write access), or use --dry-run to see what would be uploaded.",
            file=err,
        )
        return EXIT_FAILED
    api = (api_factory or hub.HfApi)(token=token)
    step = "creating the repo"
    try:
        api.create_repo(p.repo_id, repo_type="dataset", private=p.private, exist_ok=True)
        step = "reading the repo's tags"
        tags = {ref.name for ref in api.list_repo_refs(p.repo_id, repo_type="dataset").tags}
        if p.tag in tags:
            print(f"syrianews publish: {p.repo_id} already has tag {p.tag}: pass another --revision", file=err)
            return EXIT_FAILED
        step = "uploading"
        commit = api.upload_folder(
            repo_id=p.repo_id,
            repo_type="dataset",
            folder_path=str(p.folder),
            commit_message=f"syrianews release {p.tag}",
            commit_description=f"{len(p.files)} files exported by `syrianews export-hub`.",
            delete_patterns=["*"],  # the repo holds exactly the export: stale shards go
        )
        step = f"tagging {p.tag}"
        api.create_tag(
            p.repo_id, tag=p.tag, repo_type="dataset", revision=getattr(commit, "oid", None), tag_message=f"syrianews {p.tag}"
        )
    except hub_errors() as e:
        message = _scrub(str(e).splitlines()[0] if str(e) else type(e).__name__, token)
        print(f"syrianews publish: failed while {step} on {p.repo_id}: {type(e).__name__}: {message}", file=err)
        return EXIT_FAILED
    except Exception as e:  # noqa: BLE001 - any other failure of the client: one line, the token scrubbed, no traceback
        message = _scrub(str(e).splitlines()[0] if str(e) else type(e).__name__, token)
        print(f"syrianews publish: unexpected error while {step} on {p.repo_id}: {type(e).__name__}: {message}", file=err)
        return EXIT_FAILED
    url = getattr(commit, "commit_url", None) or f"https://huggingface.co/datasets/{p.repo_id}"
    print(f"published {len(p.files)} files ({_human(p.total_bytes)}) to {p.repo_id}, tag {p.tag}: {url}", file=out)
    return 0
