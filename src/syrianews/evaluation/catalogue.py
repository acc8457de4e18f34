"""The scored actor catalogue: which IDs count, and who each actor belongs to.

An answer is right when it names the gold actor or any actor on the gold actor's affiliation
chain, or when the gold actor is on the answer's chain (a ministry spokesman who is scored
as the ministry's state, and the other way round)."""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Catalogue:
    parent: dict[str, str | None]
    names: dict[str, str]

    @property
    def known(self) -> set[str]:
        return set(self.parent)

    def chain(self, actor: str | None) -> list[str]:
        """The actor and the actors above it, stopping at a cycle."""
        seen: list[str] = []
        while actor and actor not in seen:
            seen.append(actor)
            actor = self.parent.get(actor)
        return seen

    def same(self, pred: str | None, gold: str | None) -> bool:
        if not pred or not gold:
            return False
        return pred in self.chain(gold) or gold in self.chain(pred)


def load_catalogue(path: str | Path) -> Catalogue:
    """Read an actors CSV with ``actor_id`` and ``affiliation`` columns (``name_ar`` if present)."""
    parent: dict[str, str | None] = {}
    names: dict[str, str] = {}
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        missing = {"actor_id", "affiliation"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: no column {', '.join(sorted(missing))}")
        for row in reader:
            parent[row["actor_id"]] = row["affiliation"] or None
            if row.get("name_ar"):
                names[row["actor_id"]] = row["name_ar"]
    return Catalogue(parent, names)


def default_catalogue_path(gold: str | Path) -> Path | None:
    """The catalogue that goes with a gold file: ``actors.csv`` beside it, else the contract's
    ``../contract/actors.csv`` (the layout of the shared evaluation folder)."""
    here = Path(gold).resolve().parent
    for candidate in (here / "actors.csv", here.parent / "contract" / "actors.csv"):
        if candidate.exists():
            return candidate
    return None
