"""The actor catalogue: the package's ``data/actors.csv`` plus any user files.

One CSV row per actor::

    actor_id,type,name_en,name_ar,affiliation,wikidata_id,aliases,nisba,capitals

``aliases``, ``nisba`` and ``capitals`` hold ``|``-separated lists. ``nisba`` lists the
masculine singular adjective (``روسي``), whose inflections are generated
(:mod:`syrianews.actors.forms`), and broken plurals as written (``الروس``). A user file can add
actors, or add aliases to a catalogued actor with a row that gives only ``actor_id`` and the
list columns. Malformed rows raise :class:`CatalogueError` naming file and line, so that a user
catalogue can be fixed without guessing.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Iterable

TYPES = (
    "state",  # a state and its government
    "state_body",  # a ministry, army, agency or parliament of a state: mentioning it names the state
    "un_organ",  # a principal organ of the UN (Security Council, ...): mentioning it names the UN
    "armed_group",
    "political_party",
    "political_group",
    "coalition",
    "intl_org",
    "ngo",
    "media",
    "person",
)
COLUMNS = ("actor_id", "type", "name_en", "name_ar", "affiliation", "wikidata_id", "aliases", "nisba", "capitals")
LIST_COLUMNS = ("aliases", "nisba", "capitals")
ID_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")
WIKIDATA_RE = re.compile(r"^Q[1-9][0-9]*$")
PACKAGE_FILE = "actors.csv"


class CatalogueError(ValueError):
    """A catalogue file that cannot be used; the message names ``file:line``."""


@dataclass(frozen=True)
class Actor:
    actor_id: str
    type: str
    name_en: str
    name_ar: str
    affiliation: str | None = None
    wikidata_id: str | None = None
    aliases: tuple[str, ...] = ()
    nisba: tuple[str, ...] = ()
    capitals: tuple[str, ...] = ()
    origin: str = ""  # "file:line" where the actor was defined

    def as_row(self) -> dict:
        return {
            "actor_id": self.actor_id,
            "type": self.type,
            "name_en": self.name_en,
            "name_ar": self.name_ar,
            "affiliation": self.affiliation,
            "wikidata_id": self.wikidata_id,
            "aliases": list(self.aliases),
            "nisba": list(self.nisba),
            "capitals": list(self.capitals),
            "origin": self.origin,
        }


@dataclass
class Catalogue:
    """Actors by ID, in file order. Built by :func:`load_catalogue`."""

    actors: list[Actor]
    files: tuple[str, ...] = ()
    _by_id: dict[str, Actor] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_id = {a.actor_id: a for a in self.actors}
        self._cache: dict = {}  # derived structures (the matcher's automaton) built once

    def __len__(self) -> int:
        return len(self.actors)

    def __contains__(self, actor_id: object) -> bool:
        return actor_id in self._by_id

    def get(self, actor_id: str) -> Actor | None:
        return self._by_id.get(actor_id)

    def info(self) -> dict:
        """What the build manifest records about the catalogue."""
        return {"actors": len(self.actors), "files": list(self.files)}

    def affiliation_chain(self, actor_id: str) -> list[str]:
        """``[actor_id, its affiliation, that one's affiliation, ...]`` (cycles cut)."""
        chain: list[str] = []
        cur: str | None = actor_id
        while cur and cur not in chain and cur in self._by_id:
            chain.append(cur)
            cur = self._by_id[cur].affiliation
        return chain


def _split(value: str | None) -> tuple[str, ...]:
    out: list[str] = []
    for part in (value or "").split("|"):
        part = part.strip()
        if part and part not in out:
            out.append(part)
    return tuple(out)


def _read_rows(path: Path, label: str) -> list[tuple[int, dict]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as e:
        raise CatalogueError(f"{label}: cannot read actor catalogue: {e}") from e
    except UnicodeDecodeError as e:
        raise CatalogueError(f"{label}: actor catalogue is not UTF-8: {e}") from e
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    missing = [c for c in ("actor_id",) if c not in header]
    if missing:
        raise CatalogueError(f"{label}:1: header lacks column(s) {', '.join(missing)}; expected {','.join(COLUMNS)}")
    rows = []
    for row in reader:
        if None in row:  # more cells than header columns
            raise CatalogueError(f"{label}:{reader.line_num}: {len(header) + len(row[None])} cells for {len(header)} columns (an unquoted comma?)")
        if not any((v or "").strip() for v in row.values()):
            continue
        rows.append((reader.line_num, row))
    return rows


def _parse_row(row: dict, where: str) -> Actor:
    get = lambda k: (row.get(k) or "").strip()  # noqa: E731
    actor_id = get("actor_id")
    if not actor_id:
        raise CatalogueError(f"{where}: missing actor_id")
    if not ID_RE.match(actor_id):
        raise CatalogueError(f"{where}: actor_id {actor_id!r} must be upper-case letters, digits and _")
    for col in ("type", "name_en", "name_ar"):
        if not get(col):
            raise CatalogueError(f"{where}: actor {actor_id}: missing {col}")
    if get("type") not in TYPES:
        raise CatalogueError(f"{where}: actor {actor_id}: unknown type {get('type')!r} (one of {', '.join(TYPES)})")
    wd = get("wikidata_id")
    if wd and not WIKIDATA_RE.match(wd):
        raise CatalogueError(f"{where}: actor {actor_id}: wikidata_id {wd!r} is not of the form Q123")
    return Actor(
        actor_id=actor_id,
        type=get("type"),
        name_en=get("name_en"),
        name_ar=get("name_ar"),
        affiliation=get("affiliation") or None,
        wikidata_id=wd or None,
        aliases=_split(get("aliases")),
        nisba=_split(get("nisba")),
        capitals=_split(get("capitals")),
        origin=where,
    )


def _is_extension(row: dict) -> bool:
    """A row that only adds aliases to an actor defined earlier."""
    return not any((row.get(c) or "").strip() for c in ("type", "name_en", "name_ar", "affiliation", "wikidata_id"))


def build_catalogue(sources: Iterable[tuple[Path, str]]) -> Catalogue:
    """Read catalogue files in order; later files may add actors or extend earlier ones."""
    actors: dict[str, Actor] = {}
    labels: list[str] = []
    for path, label in sources:
        labels.append(label)
        for line, row in _read_rows(path, label):
            where = f"{label}:{line}"
            actor_id = (row.get("actor_id") or "").strip()
            if actor_id in actors and _is_extension(row):
                old = actors[actor_id]
                actors[actor_id] = replace(
                    old,
                    aliases=_split("|".join(old.aliases + _split(row.get("aliases")))),
                    nisba=_split("|".join(old.nisba + _split(row.get("nisba")))),
                    capitals=_split("|".join(old.capitals + _split(row.get("capitals")))),
                )
                continue
            actor = _parse_row(row, where)
            if actor.actor_id in actors:
                raise CatalogueError(
                    f"{where}: duplicate actor_id {actor.actor_id} (first defined at {actors[actor.actor_id].origin}); "
                    "to add aliases to it, give only actor_id and aliases/nisba/capitals"
                )
            actors[actor.actor_id] = actor
    for actor in actors.values():
        if actor.affiliation and actor.affiliation not in actors:
            raise CatalogueError(f"{actor.origin}: actor {actor.actor_id}: unknown affiliation {actor.affiliation!r}")
        if actor.affiliation == actor.actor_id:
            raise CatalogueError(f"{actor.origin}: actor {actor.actor_id} is affiliated to itself")
    return Catalogue(list(actors.values()), tuple(labels))


def package_catalogue_path() -> Path:
    return Path(str(resources.files("syrianews") / "data" / PACKAGE_FILE))


@lru_cache(maxsize=8)
def _load(extra: tuple[str, ...], stamps: tuple) -> Catalogue:  # stamps: re-read edited files
    sources = [(package_catalogue_path(), f"syrianews/data/{PACKAGE_FILE}")]
    sources += [(Path(p), str(p)) for p in extra]
    return build_catalogue(sources)


def load_catalogue(extra_files: Iterable[str | Path] = ()) -> Catalogue:
    """The package catalogue extended by ``extra_files`` (user CSVs); cached per file list."""
    paths = tuple(str(p) for p in extra_files)
    stamps = tuple(Path(p).stat().st_mtime_ns if Path(p).exists() else None for p in paths)
    return _load(paths, stamps)
