"""Extract agreement records from one document, with provenance: the entry point every caller uses.

`Extractor(settings).extract(doc)` dispatches on `settings.strategy`:
- "whole": the model writes records with quotes (summariser.whole), for capable models;
- "choice": the program proposes and the model chooses (summariser.choice), for the embedded model.
The model client is created with the Extractor, so a model that cannot start fails once, up front.
"""

from __future__ import annotations

import importlib
import time
from types import ModuleType

from summariser.llm.base import ModelClient, ModelError
from summariser.prompts import load_prompt
from summariser.schema import SCHEMA_VERSION, Document, ExtractionResult
from summariser.settings import Settings
from summariser.summary import template_summary

WHOLE_PROMPT = "whole_v1"


class ExtractionError(RuntimeError):
    """The document gave no usable answer; the message says why (stored as the failure reason)."""


def _choice_module() -> ModuleType:
    # Imported only when chosen: the choice strategy loads gazetteers and word lists the whole strategy never needs.
    return importlib.import_module("summariser.choice")


def _start_client(settings: Settings) -> ModelClient:
    from summariser.llm.clients import make_client

    try:
        return make_client(settings)
    except Exception as exc:  # noqa: BLE001 - a missing model or a bad config: one clear reason
        raise ExtractionError(f"cannot start the model {settings.model_name}: {exc}") from exc


class Extractor:
    def __init__(self, settings: Settings, client: ModelClient | None = None) -> None:
        self.settings = settings
        self.strategy = settings.strategy
        if self.strategy == "whole":
            self._prompt = load_prompt(WHOLE_PROMPT)
            self.prompt_version = self._prompt.version
        elif self.strategy == "choice":
            self._choice = _choice_module()
            self.prompt_version = str(self._choice.PROMPT_VERSION)
        else:  # Settings restricts it; a hand-built Settings might not
            raise ExtractionError(f"unknown strategy {self.strategy!r}: expected 'whole' or 'choice'")
        self.client = client if client is not None else _start_client(settings)

    @property
    def model_name(self) -> str:
        return self.client.name

    def extract(self, doc: Document) -> ExtractionResult:
        if not doc.text.strip():
            raise ExtractionError(f"{doc.path}: the document has no text")
        client = self.client
        started = time.perf_counter()
        try:
            if self.strategy == "whole":
                records, usage, warnings = self._whole(doc, client)
            else:
                records, usage, warnings = self._choice.extract_records(doc, client, self.settings)
        except ModelError as exc:
            raise ExtractionError(str(exc)) from exc
        records = [r if r.summary else r.model_copy(update={"summary": template_summary(r)}) for r in records]
        return ExtractionResult(
            document_id=doc.id,
            records=records,
            model=self.model_name,
            prompt_version=self.prompt_version,
            schema_version=SCHEMA_VERSION,
            usage=usage,
            model_seconds=round(time.perf_counter() - started, 3),
            warnings=list(warnings),
        )

    def _whole(self, doc: Document, client: ModelClient):
        from summariser.whole import ChunkFailures, extract_whole

        try:
            outcome = extract_whole(doc, client, self.settings, self._prompt)
        except ChunkFailures as exc:
            raise ExtractionError(str(exc)) from exc
        return outcome.records, outcome.usage, outcome.warnings
