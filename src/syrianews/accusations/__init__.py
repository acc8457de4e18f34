"""Accusations, denials and condemnations between actors (the ``accusations`` table).

- ``triggers``: the words that carry the act, from ``data/accusation_triggers.csv`` (forms,
  kind, CAMEO code), with clitics peeled;
- ``chunks``: noun-phrase groups of a sentence around the actor mentions (cue words from
  ``data/accusation_cues.csv``);
- ``roles``: accuser, accused and claim of one trigger, read off word order;
- ``denials``: whose claim a denial denies, and which accusation it answers;
- ``titles``: a bare title (الرئيس التركي) standing for the person the article introduced;
- ``acts``: acts to rows (state bodies lifted to their state, one row per distinct act);
- ``extractor``: :class:`AccusationExtractor`, the pipeline's entry point.
"""
from .extractor import AccusationExtractor

__all__ = ["AccusationExtractor"]
