"""The choice strategy for small models: the program proposes, the model chooses (see pipeline.py)."""

from __future__ import annotations

from summariser.choice.pipeline import extract_records

# Recorded with every result; bump with any change to the rules or the prompt (the batch cache keys on it).
PROMPT_VERSION = "choice-v12"

__all__ = ["extract_records", "PROMPT_VERSION"]
