"""The Hugging Face side: features from the schemas, the Hub export and its card, loading the
export back with ``datasets``, and publishing with the Hub API replaced (no network)."""
from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections import Counter
import sys
from pathlib import Path
from types import SimpleNamespace

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

datasets = pytest.importorskip("datasets")
huggingface_hub = pytest.importorskip("huggingface_hub")

from datasets.info import DatasetInfosDict  # noqa: E402
from huggingface_hub import DatasetCard, DatasetCardData  # noqa: E402

import syrianews  # noqa: E402
from syrianews.cli import main  # noqa: E402
from syrianews.hub import export as export_mod  # noqa: E402
from syrianews.hub.export import export_hub  # noqa: E402
from syrianews.hub.features import CLASS_LABELS, check_labels, features  # noqa: E402
from syrianews.hub.publish import publish  # noqa: E402
from syrianews.schema import TABLES, to_table  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
TOKEN = "hf_TESTsecretTOKEN0123456789"

ROWS: dict[str, list[dict]] = {
    "articles": [
        {
            "article_id": "a1",
            "url": "http://example.org/1",
            "title": "روسيا تتهم واشنطن",
            "body": "اتهمت روسيا الولايات المتحدة.\nوقال المتحدث \"لا صحة لذلك\".",
            "outlet": "عكاظ",
            "published": dt.datetime(2015, 7, 21, 2, 16, 13),
            "n_paragraphs": 2,
            "n_duplicates": 1,
            "duplicate_urls": ["http://example.org/1b"],
        },
        {"article_id": "a2", "url": None, "title": "خبر بلا تاريخ", "body": "نص.", "outlet": None, "published": None,
         "n_paragraphs": None, "duplicate_urls": []},
    ],
    "quotes": [
        {"quote_id": "a1-q001", "article_id": "a1", "kind": "direct", "text": "لا صحة لذلك", "speaker": "المتحدث",
         "speaker_actor_id": None, "start": 44, "end": 55, "paragraph": 1},
        {"quote_id": "a1-q002", "article_id": "a1", "kind": "indirect", "text": "الولايات المتحدة", "speaker": "روسيا",
         "speaker_actor_id": "RUS", "start": 12, "end": 28, "paragraph": 0},
    ],
    "actors": [
        {"actor_id": "RUS", "type": "state", "name_en": "Russia", "name_ar": "روسيا", "affiliation": None,
         "aliases": ["موسكو", "الروس"], "n_articles": 1, "n_mentions": 2},
        {"actor_id": "PUTIN", "type": "person", "name_en": "Vladimir Putin", "name_ar": "بوتين", "affiliation": "RUS",
         "aliases": [], "n_articles": 0, "n_mentions": 0},
        {"actor_id": "USA", "type": "state", "name_en": "United States", "name_ar": "الولايات المتحدة", "affiliation": None,
         "aliases": [], "n_articles": 0, "n_mentions": 0},
    ],
    "mentions": [
        {"mention_id": "a1-m001", "article_id": "a1", "actor_id": "RUS", "surface": "روسيا", "start": 0, "end": 5,
         "paragraph": None, "in_title": True, "form": "name"},
        {"mention_id": "a1-m002", "article_id": "a1", "actor_id": "RUS", "surface": "روسيا", "start": 6, "end": 11,
         "paragraph": 0, "in_title": False, "form": "name"},
    ],
    "accusations": [
        {"accusation_id": "a1-x001", "article_id": "a1", "kind": "accuse", "cameo": "112", "accuser": "روسيا",
         "accuser_actor_id": "RUS", "accused_actor_id": "USA", "trigger": "اتهمت", "trigger_start": 0, "trigger_end": 5,
         "in_title": False, "negated": False},
        {"accusation_id": "a1-x002", "article_id": "a1", "kind": "deny", "cameo": "016", "accuser": None,
         "accuser_actor_id": None, "accused_actor_id": None, "trigger": "لا صحة", "negated": None,
         "answers_accusation_id": "a1-x001"},
    ],
    "links": [{"article_id": "a1", "position": 0, "title": "خبر بلا تاريخ", "url": None, "target_article_id": "a2"}],
    "rejects": [
        {"source_file": "x.zip!b.json", "record_index": 2, "reason": "duplicate", "detail": "same text", "snippet": "",
         "duplicate_of": "a1", "url": "http://example.org/1b"},
        {"source_file": "x.zip!b.json", "record_index": 3, "reason": "empty", "detail": "no content", "snippet": ""},
    ],
    "errors": [{"article_id": "a1", "extractor": "quotes", "error_type": "IndexError", "message": "list index out of range",
                "source_file": "x.zip!a.json", "record_index": 0}],
}
MANIFEST = {
    "package": "syrianews",
    "version": "9.8.7",
    "inputs": [{"path": "2015-07-21.zip", "bytes": 3424655, "sha256": "ab" * 32}],
    "actors_files": [],
    "catalogue": {"actors": 2},
    "records": 4,
    "counts": {name: len(rows) for name, rows in ROWS.items()},
    "rejects": {"duplicate": 1, "empty": 1},
    "duplicates": 1,
    "timings": {"total_seconds": 1.5},
}


def make_build(folder: Path, rows: dict[str, list[dict]] = ROWS, manifest: dict = MANIFEST) -> Path:
    """A small build folder; the default manifest counts what ``rows`` hold, so that the build
    validates (``syrianews validate``), as export-hub requires."""
    if manifest is MANIFEST:
        reasons = Counter(r["reason"] for r in rows.get("rejects", []))
        manifest = {**MANIFEST, "counts": {name: len(rows.get(name, [])) for name in TABLES},
                    "records": len(rows.get("articles", [])) + len(rows.get("rejects", [])),
                    "rejects": dict(sorted(reasons.items())), "duplicates": reasons.get("duplicate", 0)}
    folder.mkdir(parents=True, exist_ok=True)
    for name in TABLES:
        pq.write_table(to_table(name, rows.get(name, [])), folder / f"{name}.parquet")
    (folder / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return folder


def exported_table(folder: Path, name: str) -> pa.Table:
    files = sorted((folder / name).glob("*.parquet"))
    return pa.concat_tables([pq.read_table(f) for f in files])


def decoded_rows(ds) -> list[dict]:
    """Rows of a loaded Dataset with class-label ids turned back into their names."""
    labels = {c: f for c, f in ds.features.items() if isinstance(f, datasets.ClassLabel)}
    rows = ds.to_list()
    for row in rows:
        for col, feat in labels.items():
            if row[col] is not None:
                row[col] = feat.int2str(row[col])
    return rows


def assert_same(ds, table: pa.Table) -> None:
    assert list(ds.column_names) == table.column_names
    assert ds.num_rows == table.num_rows
    assert decoded_rows(ds) == table.to_pylist()


@pytest.fixture
def build(tmp_path: Path) -> Path:
    return make_build(tmp_path / "build")


@pytest.fixture
def cache(tmp_path: Path) -> str:
    return str(tmp_path / "hf-cache")


# features ------------------------------------------------------------------------------------


def test_features_follow_the_schemas():
    for name, schema in TABLES.items():
        feats = features(name)
        assert list(feats) == schema.names
        for field in schema:
            feat = feats[field.name]
            if field.name in CLASS_LABELS.get(name, {}):
                assert isinstance(feat, datasets.ClassLabel)
            else:
                assert feats.arrow_schema.field(field.name).type == field.type, (name, field.name)
    assert features("articles")["published"] == datasets.Value("timestamp[us]")
    assert features("quotes")["start"] == datasets.Value("int32")
    assert features("quotes")["kind"].names == ["direct", "indirect"]
    assert features("accusations")["kind"].names == ["accuse", "deny", "condemn"]
    with pytest.raises(ValueError, match="unknown table"):
        features("nope")


def test_unknown_class_label_fails_before_export():
    bad = to_table("quotes", [{"quote_id": "q", "article_id": "a", "kind": "mixed"}])
    with pytest.raises(ValueError, match="mixed"):
        check_labels("quotes", bad)
    check_labels("quotes", to_table("quotes", ROWS["quotes"]))  # declared labels pass


def test_import_syrianews_does_not_import_datasets():
    code = "import sys, syrianews; print('datasets' in sys.modules, 'huggingface_hub' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


# loading a build ------------------------------------------------------------------------------


def test_load_dataset_and_to_datasets(build: Path, cache: str):
    quotes = syrianews.load_dataset("quotes", build, cache_dir=cache)
    assert isinstance(quotes, datasets.Dataset)
    assert quotes.features == features("quotes")
    assert quotes[0]["kind"] == 0 and quotes[1]["kind"] == 1
    assert_same(quotes, pq.read_table(build / "quotes.parquet"))
    dd = syrianews.to_datasets(build, cache_dir=cache)
    assert list(dd) == list(TABLES)
    for name in TABLES:
        assert_same(dd[name], pq.read_table(build / f"{name}.parquet"))
    assert dd["articles"][0]["published"] == dt.datetime(2015, 7, 21, 2, 16, 13)
    assert dd["articles"][1]["n_paragraphs"] is None


def test_load_dataset_of_an_empty_table(tmp_path: Path, cache: str):
    build = make_build(tmp_path / "b", {**ROWS, "rejects": []})
    ds = syrianews.load_dataset("rejects", build, cache_dir=cache)
    assert ds.num_rows == 0 and ds.features == features("rejects")


def test_load_dataset_errors(tmp_path: Path):
    with pytest.raises(FileNotFoundError, match="build the dataset first"):
        syrianews.load_dataset("quotes", tmp_path)
    with pytest.raises(ValueError, match="unknown table"):
        syrianews.load_dataset("tweets", tmp_path)


# export ----------------------------------------------------------------------------------------


def test_export_loads_back_config_by_config(build: Path, tmp_path: Path, cache: str):
    out = tmp_path / "hub"
    result = export_hub(build, out, repo_id="org/syrianews")
    assert (out / "README.md").exists() and (out / "manifest.json").exists()
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == sorted(TABLES)
    card = DatasetCard.load(out / "README.md")
    configs = {c["config_name"]: c for c in card.data.configs}
    assert set(configs) == set(TABLES)
    for name in TABLES:
        assert configs[name]["data_files"] == [{"split": "train", "path": f"{name}/train-*.parquet"}]
        exported = exported_table(out, name)
        assert exported.to_pylist() == pq.read_table(build / f"{name}.parquet").to_pylist()  # values unchanged
        ds = datasets.load_dataset(str(out), name, split="train", cache_dir=cache)
        assert ds.features == features(name)
        assert_same(ds, exported)
    assert "DATASHEET.md" in result.files  # the project's datasheet goes with the export
    # the data's licence goes with the export too; the code's MIT licence does not cover the data
    lic = (out / "LICENSE.md").read_text(encoding="utf-8")
    assert "LICENSE.md" in result.files and "cc-by-nc-sa-4.0" in lic and "SaudiNewsNet" in lic and "MIT" in lic
    assert "CC BY-NC-SA 4.0" in card.text and "MIT" in card.text


def test_card_yaml_validates_with_hub_card_classes(build: Path, tmp_path: Path):
    export_hub(build, tmp_path / "hub")
    text = (tmp_path / "hub" / "README.md").read_text(encoding="utf-8")
    card = DatasetCard(text)
    data = card.data
    assert isinstance(data, DatasetCardData)
    DatasetCardData(**data.to_dict())  # the header as a whole is valid card data
    assert data.language == ["ar"]
    assert data.license == "cc-by-nc-sa-4.0"
    assert data.size_categories == ["n<1K"]
    assert "token-classification" in data.task_categories
    infos = DatasetInfosDict.from_dataset_card_data(data)
    for name in TABLES:
        assert infos[name].features == features(name)
        assert infos[name].splits["train"].num_examples == len(ROWS[name])
    # body: what each table holds, how it was built, limits, citation
    for needle in ("### `quotes` — 2 rows", "syrianews 9.8.7", "ab" * 32, "2015-07-21.zip", "duplicate 1, empty 1",
                   "Known limits", "Evaluation of this build itself: not evaluated", "cross-validated", "```bibtex", "real persons"):
        assert needle in card.text, needle


def test_card_reports_evaluation_figures_when_present(build: Path, tmp_path: Path):
    score = {"actors": {"precision": 0.812, "recall": 0.734, "f1": 0.771},
             "direct": {"precision": 0.9, "recall": 0.5, "f1": 0.643},
             "speaker_accuracy": 0.61, "articles": 20, "articles_not_found": []}
    (build / "evaluation.json").write_text(json.dumps(score), encoding="utf-8")
    result = export_hub(build, tmp_path / "hub")
    text = (tmp_path / "hub" / "README.md").read_text(encoding="utf-8")
    assert "| actors named in an article | 0.812 | 0.734 | 0.771 |" in text
    assert "Speaker accuracy on matched quotes: 0.61" in text
    assert "not evaluated" not in text
    assert "evaluation.json" in result.files


def test_license_option_and_repo_id(build: Path, tmp_path: Path):
    export_hub(build, tmp_path / "hub", repo_id="acme/news", license="cc-by-4.0")
    card = DatasetCard.load(tmp_path / "hub" / "README.md")
    assert card.data.license == "cc-by-4.0"
    assert 'load_dataset("acme/news", "quotes"' in card.text


def test_export_shards_big_tables_in_order(build: Path, tmp_path: Path, cache: str, monkeypatch):
    many = [{"mention_id": f"a1-m{i:03d}", "article_id": "a1", "actor_id": "RUS", "surface": "روسيا", "start": 6,
             "end": 11, "in_title": False, "form": "name"} for i in range(50)]
    build = make_build(tmp_path / "big", {**ROWS, "mentions": many})
    monkeypatch.setattr(export_mod, "MAX_SHARD_BYTES", 1000)
    out = tmp_path / "hub"
    export_hub(build, out)
    shards = sorted((out / "mentions").glob("*.parquet"))
    assert len(shards) > 1
    assert shards[0].name.endswith(f"-of-{len(shards):05d}.parquet")
    ds = datasets.load_dataset(str(out), "mentions", split="train", cache_dir=cache)
    assert ds["mention_id"] == [m["mention_id"] for m in many]


def test_empty_table_is_exported_but_not_a_config(tmp_path: Path, cache: str):
    build = make_build(tmp_path / "b", {**ROWS, "rejects": []})
    out = tmp_path / "hub"
    export_hub(build, out)
    card = DatasetCard.load(out / "README.md")
    names = {c["config_name"] for c in card.data.configs}
    assert names == set(TABLES) - {"rejects"}
    assert exported_table(out, "rejects").num_rows == 0
    assert "This table has no rows in this build" in card.text
    for name in names:
        assert datasets.load_dataset(str(out), name, split="train", cache_dir=cache).num_rows == len(ROWS[name])


def test_export_is_deterministic_and_reruns(build: Path, tmp_path: Path):
    out = tmp_path / "hub"
    export_hub(build, out)
    first = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    export_hub(build, out)  # over a previous export: allowed, rewritten identically
    again = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert first == again


def test_export_refuses_foreign_files_and_incomplete_builds(build: Path, tmp_path: Path):
    out = tmp_path / "hub"
    out.mkdir()
    (out / "notes.txt").write_text("mine")
    with pytest.raises(FileExistsError, match="notes.txt"):
        export_hub(build, out)
    assert (out / "notes.txt").exists()
    (build / "links.parquet").unlink()
    with pytest.raises(FileNotFoundError, match="links.parquet"):
        export_hub(build, tmp_path / "hub2")


def test_export_refuses_a_build_of_another_schema(build: Path, tmp_path: Path):
    pq.write_table(pa.table({"article_id": ["a1"]}), build / "links.parquet")
    with pytest.raises(ValueError, match="rebuild"):
        export_hub(build, tmp_path / "hub")


def test_export_of_the_sample_build(tmp_path: Path, cache: str):
    from syrianews.pipeline import build as run_build

    built = run_build([REPO / "data" / "raw"], tmp_path / "sample", jobs=1, progress=False)
    out = tmp_path / "hub"
    export_hub(built.out, out)
    card = DatasetCard.load(out / "README.md")
    assert card.data.configs
    for config in card.data.configs:
        name = config["config_name"]
        ds = datasets.load_dataset(str(out), name, split="train", cache_dir=cache)
        assert_same(ds, pq.read_table(built.out / f"{name}.parquet"))
    assert {c["config_name"] for c in card.data.configs} == {n for n, c in built.counts.items() if c}


# publish ---------------------------------------------------------------------------------------


def hub_http_error(message: str) -> Exception:
    """An HfHubHTTPError as the Hub client raises it (it needs a response object)."""
    from huggingface_hub.errors import HfHubHTTPError

    httpx = pytest.importorskip("httpx2")
    response = httpx.Response(403, request=httpx.Request("POST", "https://hub.invalid/api/datasets"))
    return HfHubHTTPError(message, response=response)


class FakeApi:
    """Stands in for ``huggingface_hub.HfApi``: records every call, talks to nobody."""

    instances: list["FakeApi"] = []
    existing_tags: list[str] = []
    fail_on: str | None = None

    def __init__(self, token=None, **kwargs):
        self.token = token
        self.calls: list[tuple[str, dict]] = []
        FakeApi.instances.append(self)

    def _call(self, name, **kwargs):
        self.calls.append((name, kwargs))
        if FakeApi.fail_on == name:
            raise hub_http_error(f"403 Forbidden: token {self.token} cannot write")
        if FakeApi.fail_on == f"{name}:network":
            raise ConnectionError("[Errno -2] Name or service not known")

    def create_repo(self, repo_id, **kwargs):
        self._call("create_repo", repo_id=repo_id, **kwargs)

    def list_repo_refs(self, repo_id, **kwargs):
        self._call("list_repo_refs", repo_id=repo_id, **kwargs)
        return SimpleNamespace(tags=[SimpleNamespace(name=t) for t in FakeApi.existing_tags])

    def upload_folder(self, **kwargs):
        files = sorted(p.relative_to(kwargs["folder_path"]).as_posix() for p in Path(kwargs["folder_path"]).rglob("*") if p.is_file())
        self._call("upload_folder", files=files, **kwargs)
        return SimpleNamespace(oid="c0ffee", commit_url="https://hub.invalid/commit/c0ffee")

    def create_tag(self, repo_id, **kwargs):
        self._call("create_tag", repo_id=repo_id, **kwargs)


@pytest.fixture
def fake_hub(monkeypatch, tmp_path: Path):
    FakeApi.instances, FakeApi.existing_tags, FakeApi.fail_on = [], [], None
    monkeypatch.setattr(huggingface_hub, "HfApi", FakeApi)
    for var in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "HF_OIDC_RESOURCE"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(huggingface_hub.constants, "HF_TOKEN_PATH", str(tmp_path / "no-login" / "token"))
    return FakeApi


@pytest.fixture
def exported(build: Path, tmp_path: Path) -> Path:
    return export_hub(build, tmp_path / "hub").out


def test_publish_creates_uploads_once_and_tags(fake_hub, exported: Path, monkeypatch, capsys):
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    assert main(["publish", "--repo-id", "org/syrianews", "--folder", str(exported), "--private", "--revision", "v1.0"]) == 0
    (api,) = fake_hub.instances
    assert api.token == TOKEN
    names = [name for name, _ in api.calls]
    assert names == ["create_repo", "list_repo_refs", "upload_folder", "create_tag"]
    create, _, upload, tag = (kw for _, kw in api.calls)
    assert create == {"repo_id": "org/syrianews", "repo_type": "dataset", "private": True, "exist_ok": True}
    assert upload["repo_type"] == "dataset" and upload["folder_path"] == str(exported)
    assert "README.md" in upload["files"] and "quotes/train-00000-of-00001.parquet" in upload["files"]
    assert tag["tag"] == "v1.0" and tag["revision"] == "c0ffee" and tag["repo_type"] == "dataset"
    out = capsys.readouterr()
    assert "tag v1.0" in out.out
    assert TOKEN not in out.out + out.err


def test_publish_default_tag_is_the_build_version_and_token_from_login_cache(fake_hub, exported: Path, tmp_path: Path):
    token_file = Path(huggingface_hub.constants.HF_TOKEN_PATH)
    token_file.parent.mkdir(parents=True)
    token_file.write_text(TOKEN)
    assert publish(exported, "org/syrianews") == 0
    (api,) = fake_hub.instances
    assert api.token == TOKEN
    assert api.calls[-1][1]["tag"] == "v9.8.7"


def test_publish_without_token_fails_cleanly(fake_hub, exported: Path, capsys):
    assert main(["publish", "--repo-id", "org/syrianews", "--folder", str(exported)]) == 2
    err = capsys.readouterr().err
    assert "no Hugging Face token" in err and "HF_TOKEN" in err
    assert "Traceback" not in err
    assert fake_hub.instances == []


def test_publish_dry_run_lists_files_without_token_or_api(fake_hub, build: Path, capsys):
    assert main(["publish", "--repo-id", "org/syrianews", "--data", str(build), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "dry run" in out and "tag v9.8.7" in out
    for path in ("README.md", "manifest.json", "articles/train-00000-of-00001.parquet"):
        assert path in out
    assert fake_hub.instances == []


def test_publish_hub_error_is_a_message_without_the_token(fake_hub, exported: Path, monkeypatch, capsys):
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    fake_hub.fail_on = "upload_folder"
    assert publish(exported, "org/syrianews") == 2
    err = capsys.readouterr().err
    assert "failed while uploading" in err and "403" in err
    assert TOKEN not in err and "Traceback" not in err
    assert [n for n, _ in fake_hub.instances[0].calls][-1] == "upload_folder"


def test_publish_without_network_fails_cleanly(fake_hub, exported: Path, monkeypatch, capsys):
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    fake_hub.fail_on = "create_repo:network"
    assert main(["publish", "--repo-id", "org/syrianews", "--folder", str(exported)]) == 2
    err = capsys.readouterr().err
    assert "failed while creating the repo on org/syrianews: ConnectionError" in err
    assert "Traceback" not in err and TOKEN not in err


def test_publish_refuses_an_existing_tag_before_uploading(fake_hub, exported: Path, monkeypatch, capsys):
    monkeypatch.setenv("HF_TOKEN", TOKEN)
    fake_hub.existing_tags = ["v9.8.7"]
    assert publish(exported, "org/syrianews") == 2
    assert "already has tag v9.8.7" in capsys.readouterr().err
    assert "upload_folder" not in [n for n, _ in fake_hub.instances[0].calls]


def test_publish_of_a_folder_that_is_not_an_export(fake_hub, tmp_path: Path, capsys):
    assert publish(tmp_path, "org/syrianews", dry_run=True) == 2
    assert "not an export" in capsys.readouterr().err


def test_export_hub_command(build: Path, tmp_path: Path, capsys):
    assert main(["export-hub", str(tmp_path / "hub"), "--data", str(build)]) == 0
    assert "quotes 2" in capsys.readouterr().out
    assert main(["export-hub", str(tmp_path / "hub"), "--data", str(tmp_path / "missing")]) == 2
    assert "not a build folder" in capsys.readouterr().err
