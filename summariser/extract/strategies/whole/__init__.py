"""The whole strategy for capable models: the model writes records, the program grounds every quote (run.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from summariser.extract.base import Strategy, StrategyAnswer
from summariser.extract.strategies.whole.run import extract_whole
from summariser.extract.version import content_version
from summariser.llm.base import ModelClient
from summariser.prompts import load_prompt, prompts_dir
from summariser.schema import Document

PROMPT_NAME = "whole_v2"

_HERE = Path(__file__).resolve().parent
_SUMMARISER = _HERE.parents[2]

PROMPT_VERSION = content_version(
    load_prompt(PROMPT_NAME).version,
    [
        _HERE,
        prompts_dir() / f"{PROMPT_NAME}.md",
        _SUMMARISER / "grounding.py",
        _SUMMARISER / "sentences.py",
        _SUMMARISER / "extract" / "merge.py",
        _SUMMARISER / "dates.py",
        _SUMMARISER / "injection.py",
        _SUMMARISER / "packs",  # date words and planted-instruction phrases
        _HERE.parent / "choice",  # its rules write the hints
    ],
)


def extract_records(doc: Document, client: ModelClient, settings: Any, examples: str = "") -> StrategyAnswer:
    outcome = extract_whole(doc, client, settings, load_prompt(PROMPT_NAME), examples)
    return outcome.records, outcome.usage, outcome.warnings


STRATEGY = Strategy(name="whole", version=PROMPT_VERSION, extract=extract_records, takes_examples=True)

__all__ = ["PROMPT_VERSION", "STRATEGY", "extract_records"]
