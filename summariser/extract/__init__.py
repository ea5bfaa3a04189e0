"""Extraction: one document in, grounded agreement records out (see extractor.py and strategies/)."""

from summariser.extract.base import ExtractionError, Strategy
from summariser.extract.extractor import Extractor

__all__ = ["ExtractionError", "Extractor", "Strategy"]
