"""The choice strategy for small models: the program proposes, the model chooses (see pipeline.py)."""

from __future__ import annotations

from pathlib import Path

from summariser.extract.base import Strategy
from summariser.extract.strategies.choice.pipeline import extract_records
from summariser.extract.version import content_version
from summariser.prompts import prompts_dir

_HERE = Path(__file__).resolve().parent
_SUMMARISER = _HERE.parents[2]

# Everything that decides this strategy's output: its rules and data, the prompts it asks with, and the
# shared sentence splitter and record merge.
PROMPT_VERSION = content_version(
    "choice",
    [
        _HERE,
        prompts_dir() / "choice_mention.md",
        prompts_dir() / "choice_coref.md",
        _SUMMARISER / "sentences.py",
        _SUMMARISER / "extract" / "merge.py",
        _SUMMARISER / "injection.py",
        _SUMMARISER / "packs",  # the language packs every rule reads
    ],
)

STRATEGY = Strategy(name="choice", version=PROMPT_VERSION, extract=extract_records)

__all__ = ["PROMPT_VERSION", "STRATEGY", "extract_records"]
