"""What every extraction strategy provides, and the error a document fails with.

A strategy turns one document into records through a model client. It is registered by name in
`summariser.extract.registry`; the `Extractor` only ever talks to this shape.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from summariser.schema import AgreementRecord, Usage

StrategyAnswer = tuple[list[AgreementRecord], Usage, list[str]]


class ExtractionError(RuntimeError):
    """The document gave no usable answer; the message says why (stored as the failure reason)."""


@dataclass(frozen=True)
class Strategy:
    name: str
    # Keys the batch cache: derived from the strategy's code, data and prompts (see version.py), so a
    # changed rule re-extracts stored documents without anyone remembering to bump a number.
    version: str
    # extract(doc, client, settings) -> StrategyAnswer; with takes_examples, a fourth argument: the few-shot block.
    extract: Callable[..., StrategyAnswer]
    takes_examples: bool = False
