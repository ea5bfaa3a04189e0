"""What a batch will cost before it is paid for: the prompts the extractor would send, counted without a
model (a recording client that answers nothing), priced from a table a setting can override.

The prompts are exact (the strategy builds them as it would for real, hints and examples included); the
completion is an expectation: EXPECTED_COMPLETION_TOKENS per request, from the capable-model answers to the
real-news set (their JSON averages about 380 tokens), and at most max_tokens per request.
"""

from __future__ import annotations

import contextlib
import json
import tomllib
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from summariser.llm.base import ModelError
from summariser.schema import Usage
from summariser.tokens import counter_for, message_tokens

_PRICES = Path(__file__).resolve().parent / "prices.toml"
EXPECTED_COMPLETION_TOKENS = 400
BATCH_DISCOUNT = 0.5


def price_table(settings: Any) -> dict[str, tuple[float, float]]:
    table = {k: (float(v[0]), float(v[1])) for k, v in tomllib.loads(_PRICES.read_text(encoding="utf-8")).items()}
    table.update({k: (float(v[0]), float(v[1])) for k, v in (getattr(settings, "prices", None) or {}).items()})
    return table


def cost_usd(settings: Any, model: str, prompt_tokens: int, completion_tokens: int, *, batch: bool = False) -> float | None:
    """Dollars for these tokens on `model`; 0 on the embedded model; None when the table has no price for it."""
    if model.startswith("embedded:"):
        return 0.0
    price = price_table(settings).get(model)
    if price is None:
        return None
    dollars = (prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000
    return round(dollars * (BATCH_DISCOUNT if batch else 1.0), 6)


class RecordingClient:
    """A model client that records each request and answers none (the strategy's own fallbacks run)."""

    def __init__(self, name: str, settings: Any) -> None:
        self.name = name
        self.settings = settings
        self.max_input_chars = None
        self.requests: list[tuple[list[dict[str, str]], dict[str, Any]]] = []

    def structured(self, response_model, messages, *, max_tokens=None, validation_context=None, max_reasks=None):
        tools = {"type": "function", "function": {"name": response_model.__name__, "parameters": response_model.model_json_schema()}}
        self.requests.append((messages, tools))
        err = ModelError("dry run: no model was asked")
        err.usage = Usage()  # type: ignore[attr-defined]
        err.last_raw = None  # type: ignore[attr-defined]
        raise err


@dataclass
class Plan:
    model: str
    strategy: str
    counted_by: str  # tokenizer | estimate
    documents_found: int = 0
    documents_to_do: int = 0
    documents_cached: int = 0
    unreadable: int = 0
    requests: int = 0
    prompt_tokens: int = 0
    expected_completion_tokens: int = 0
    max_completion_tokens: int = 0
    cost_usd: float | None = None
    cost_usd_batch_api: float | None = None
    cost_usd_max: float | None = None
    notes: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def plan_batch(files: list[Path], settings: Any, store: Any | None, examples: Any = None, *, force: bool = False) -> Plan:
    """Count what `summarise extract` would send for `files`; nothing is stored and no model is asked."""
    from summariser.documents import DocumentError, read_document
    from summariser.extract import ExtractionError, Extractor
    from summariser.schema import SCHEMA_VERSION

    client = RecordingClient(settings.model_name, settings)
    extractor = Extractor(settings, client=client, examples=examples)  # type: ignore[arg-type]
    count, how = counter_for(settings)
    plan = Plan(model=settings.model_name, strategy=extractor.strategy, counted_by=how, documents_found=len(files))
    key = (extractor.model_name, extractor.prompt_version, SCHEMA_VERSION)
    seen: set[str] = set()
    for path in files:
        try:
            doc = read_document(path, max_bytes=settings.max_document_bytes)
        except DocumentError:
            plan.unreadable += 1
            continue
        if doc.id in seen or (not force and store is not None and store.is_extracted(doc.id, *key)):
            plan.documents_cached += 1
            seen.add(doc.id)
            continue
        seen.add(doc.id)
        plan.documents_to_do += 1
        # The recording client answers nothing: whole reports no answer, which is expected here.
        with contextlib.suppress(ExtractionError):
            extractor.extract(doc)
    for messages, tools in client.requests:
        plan.prompt_tokens += message_tokens(messages, count) + count(json.dumps(tools))
    plan.requests = len(client.requests)
    plan.expected_completion_tokens = plan.requests * min(EXPECTED_COMPLETION_TOKENS, settings.max_tokens)
    plan.max_completion_tokens = plan.requests * settings.max_tokens
    plan.cost_usd = cost_usd(settings, plan.model, plan.prompt_tokens, plan.expected_completion_tokens)
    plan.cost_usd_batch_api = cost_usd(settings, plan.model, plan.prompt_tokens, plan.expected_completion_tokens, batch=True)
    plan.cost_usd_max = cost_usd(settings, plan.model, plan.prompt_tokens, plan.max_completion_tokens)
    if plan.cost_usd is None:
        plan.notes.append(f"no price for {plan.model!r}: add it with the `prices` setting, e.g. prices = {{ \"{plan.model}\" = [0.5, 1.5] }}")
    if how == "estimate":
        plan.notes.append("prompt tokens estimated (about 4 characters per token, 2.5 outside Latin script)")
    return plan
