"""A time budget for one document: past it the document fails with that reason and the batch goes on.

Python cannot stop a thread from outside, so the strategy checks the deadline between steps (each
sentence, each mention); every step is short, so a document overruns its budget by at most one step.
"""

from __future__ import annotations

import time

from summariser.extract.base import ExtractionError


class OverBudget(ExtractionError):
    """The document took longer than its time budget."""


class Deadline:
    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds
        self._end = None if seconds is None else time.monotonic() + seconds

    def check(self) -> None:
        if self._end is not None and time.monotonic() > self._end:
            raise OverBudget(f"exceeded its time budget of {self.seconds:g} s (setting document_budget_s)")


NO_DEADLINE = Deadline(None)
