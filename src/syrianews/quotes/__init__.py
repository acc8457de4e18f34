"""Quotes and their speakers: direct quotes between quotation marks of every style, reported
speech after a verb of saying, and who is speaking. Entry point: :class:`QuoteExtractor`."""
from .extractor import QuoteExtractor, find_quotes

__all__ = ["QuoteExtractor", "find_quotes"]
