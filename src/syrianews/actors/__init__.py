"""Actors: the catalogue (data/actors.csv + user files), the matcher that finds them in Arabic
text, the ``mentions`` extractor and the ``actors`` table."""
from .catalogue import Actor, Catalogue, CatalogueError, load_catalogue
from .extractor import MentionExtractor
from .matcher import ActorMatcher, Match
from .normalize import Normalized, normalize
from .table import actors_rows, count_mentions

__all__ = [
    "Actor",
    "ActorMatcher",
    "Catalogue",
    "CatalogueError",
    "Match",
    "MentionExtractor",
    "Normalized",
    "actors_rows",
    "count_mentions",
    "load_catalogue",
    "normalize",
]
