"""Test doubles: a model client that answers from a queue (it lives with the tests, not in the library)."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from summariser.llm.base import ModelError
from summariser.schema import Usage


class FakeModel:
    """Answers from a queue, in order; each item is a model instance, a dict, or an Exception to raise.

    Validation still runs, with the given context, so tests see the same errors the real path sees.
    """

    name = "fake"

    def __init__(self, answers: Iterable[Any] = ()) -> None:
        self.answers: deque[Any] = deque(answers)
        self.calls: list[dict[str, Any]] = []

    def queue(self, *answers: Any) -> None:
        self.answers.extend(answers)

    def structured(self, response_model, messages, *, max_tokens=None, validation_context=None, max_reasks=None):
        self.calls.append({"response_model": response_model, "messages": messages, "context": validation_context})
        if not self.answers:
            raise ModelError("FakeModel has no answers left")
        answer = self.answers.popleft()
        if isinstance(answer, Exception):
            raise answer
        data = answer.model_dump() if isinstance(answer, BaseModel) else answer
        return response_model.model_validate(data, context=validation_context), Usage(requests=1)
