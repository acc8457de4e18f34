"""Accusations, denials and condemnations between actors (the ``accusations`` table).

``triggers`` finds the words that carry the act (from ``data/accusation_triggers.csv``),
``roles`` finds who accuses whom of what around each trigger, and ``extractor`` turns the
acts of one article into table rows (one per distinct kind, accuser and accused).
"""
from .extractor import AccusationExtractor

__all__ = ["AccusationExtractor"]
