"""The questions the model answers: small multiple-choice forms built per sentence.

Each answer field is a `Literal` of the options the program found, so a grammar-constrained model cannot
answer outside them and an endpoint model is told exactly what is allowed. Fields with a single option
are not asked at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field, create_model

from summariser.llm.base import ModelClient, ModelError
from summariser.prompts import load_prompt
from summariser.schema import Usage

PROMPT_NAME = "choice_mention"
NOT_AN_AGREEMENT = "none"


@dataclass
class Question:
    sentence: str
    statuses: list[str]
    types: list[str]
    parties: list[str] = field(default_factory=list)  # candidate names; asked only when more than two
    fixed: bool = False  # the sentence's structure names the parties (any number): nothing to ask

    @property
    def asks_parties(self) -> bool:
        return not self.fixed and len(self.parties) > 2


@dataclass
class Choice:
    status: str
    agreement_type: str
    parties: list[str]


def _distinct(values: list[str]) -> list[str]:
    return list(dict.fromkeys(values))


def answer_model(q: Question) -> type[BaseModel]:
    """A pydantic model whose fields are the open choices of `q`."""
    fields: dict[str, Any] = {}
    if len(q.statuses) > 1:
        fields["status"] = (Literal[tuple(q.statuses)], ...)
    if len(q.types) > 1:
        fields["agreement_type"] = (Literal[tuple(q.types)], ...)
    if q.asks_parties:
        item = Literal[tuple(_distinct(q.parties))]  # type: ignore[valid-type]  # options known at run time
        fields["parties"] = (list[item], Field(min_length=2, max_length=2))  # type: ignore[valid-type]
    model = create_model("Choice", **fields)
    return model


def default_choice(q: Question) -> Choice:
    """What the program would choose alone: the first (most specific / most likely) option of each."""
    status = next((s for s in q.statuses if s != NOT_AN_AGREEMENT), q.statuses[0])
    parties = _distinct(q.parties)
    return Choice(status=status, agreement_type=q.types[0], parties=parties if q.fixed else parties[:2])


def needs_model(q: Question) -> bool:
    return len(q.statuses) > 1 or len(q.types) > 1 or q.asks_parties


def _options_text(q: Question) -> str:
    parts = []
    if len(q.statuses) > 1:
        parts.append("status: " + " | ".join(q.statuses))
    if len(q.types) > 1:
        parts.append("agreement_type: " + " | ".join(q.types))
    if q.asks_parties:
        parts.append("parties (choose two): " + " | ".join(_distinct(q.parties)))
    return "; ".join(parts)


def ask(client: ModelClient, q: Question, *, max_tokens: int = 96) -> tuple[Choice, Usage]:
    """The model's choice for `q`; the program's default fills what was not asked or came back unusable."""
    choice = default_choice(q)
    if not needs_model(q):
        return choice, Usage()
    prompt = load_prompt(PROMPT_NAME)
    messages = prompt.messages(q.sentence, options=_options_text(q))
    answer, usage = client.structured(answer_model(q), messages, max_tokens=max_tokens, max_reasks=1)
    data = answer.model_dump()
    if "status" in data:
        choice.status = data["status"]
    if "agreement_type" in data:
        choice.agreement_type = data["agreement_type"]
    if "parties" in data:
        chosen = _distinct(data["parties"])
        # The small model often picks one name twice: complete the pair with the program's next best.
        for name in _distinct(q.parties):
            if len(chosen) >= 2:
                break
            if name not in chosen:
                chosen.append(name)
        choice.parties = chosen[:2]
    return choice, usage



__all__ = ["NOT_AN_AGREEMENT", "Choice", "ModelError", "Question", "answer_model", "ask", "default_choice", "needs_model"]
