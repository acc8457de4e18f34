"""What the accusation rules need to know about catalogue actors: affiliations (to tell an
apposition from two actors in a row), types (a state body speaks and is accused for its state),
and the first words of their names (to see a clitic the mention's surface carries: للولايات)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .text import fold

# ministries, armies, agencies: an accusation by or against one is the state's (the annotation
# guideline: a defence ministry spokesman speaks for RUS); the body stays in *_body_id columns
LIFTED_TYPES = frozenset({"state_body", "un_organ"})
_CLITICS = ("وبال", "فبال", "ولل", "فلل", "بال", "لل", "وال", "فال", "كال", "وب", "ول", "فب", "فل", "و", "ف", "ب", "ل", "ك")


@dataclass
class ActorInfo:
    parents: dict[str, str | None] = field(default_factory=dict)
    types: dict[str, str] = field(default_factory=dict)
    first_words: frozenset[str] = frozenset()
    reference: frozenset[str] = frozenset()  # the contract's fixed IDs (data/reference_actor_ids.txt)

    def lift(self, actor_id: str | None) -> str | None:
        """The actor a row names: a state body climbs to the state (RUS_MOD → RUS), and so does a
        person outside the reference catalogue (PESKOV → RUS: officials speak for their state)."""
        seen = set()
        while actor_id and self.parents.get(actor_id) and actor_id not in seen and self._climbs(actor_id):
            seen.add(actor_id)
            actor_id = self.parents[actor_id]
        return actor_id

    def _climbs(self, actor_id: str) -> bool:
        kind = self.types.get(actor_id)
        return kind in LIFTED_TYPES or (kind == "person" and bool(self.reference) and actor_id not in self.reference)

    def clitic(self, surface: str) -> str:
        """Proclitics a mention's surface starts with (للولايات → لل, وروسيا → و), else ""."""
        words = fold(surface).split()
        if not words or not self.first_words:
            return ""
        w = words[0]
        if w in self.first_words:
            return ""
        for c in _CLITICS:
            if w.startswith(c) and len(w) > len(c) + 1:
                rest = w[len(c):]
                if c.endswith("ال") or c.endswith("لل"):
                    rest = "ال" + rest
                if rest in self.first_words:
                    return c
        return ""


def load_actor_info(config: dict[str, Any] | None = None) -> ActorInfo:
    """From the package catalogue plus the user's catalogue files.

    A catalogue that cannot be loaded raises (the build stops with its error) rather than
    leaving every actor without affiliation: accused and accusers would silently change."""
    extra = list((config or {}).get("actors_files", []) or [])
    from ..actors.catalogue import load_catalogue

    cat = load_catalogue(extra)
    first: set[str] = set()
    for a in cat.actors:
        for form in (a.name_ar, *a.aliases, *a.capitals, *a.nisba):
            words = fold(form).split()
            if words:
                first.add(words[0])
                if not words[0].startswith("ال"):
                    first.add("ال" + words[0])
    return ActorInfo({a.actor_id: a.affiliation for a in cat.actors}, {a.actor_id: a.type for a in cat.actors}, frozenset(first),
                     _reference_ids())


def _reference_ids() -> frozenset[str]:
    from ..lexicons import word_list

    try:
        return frozenset(word_list("reference_actor_ids.txt"))
    except (FileNotFoundError, OSError):
        return frozenset()
