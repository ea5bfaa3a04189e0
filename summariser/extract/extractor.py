"""Extract agreement records from one document, with provenance: the entry point every caller uses.

`Extractor(settings).extract(doc)` runs the strategy `settings.resolved_strategy` names (see registry.py;
`auto` is whole on an endpoint, choice on the embedded model):
- "whole": the model writes records with quotes, for capable models;
- "choice": the program proposes and the model chooses, for the embedded model.
The model client is created with the Extractor, so a model that cannot start fails once, up front.
"""

from __future__ import annotations

import time

from summariser.extract.base import ExtractionError
from summariser.extract.examples import Chosen, ExamplePool
from summariser.extract.registry import get_strategy
from summariser.llm.base import ModelClient, ModelError
from summariser.llm.start import ModelStartError, start_model
from summariser.schema import SCHEMA_VERSION, Document, ExtractionResult
from summariser.settings import Settings
from summariser.summary import template_summary


class Extractor:
    def __init__(self, settings: Settings, client: ModelClient | None = None, examples: ExamplePool | None = None) -> None:
        self.settings = settings
        # Reviewed records offered as few-shot examples, to strategies that take them (whole).
        self.examples = examples
        self._strategy = get_strategy(settings.resolved_strategy)
        self.strategy = self._strategy.name
        self.prompt_version = self._strategy.version
        if client is None:
            try:
                client = start_model(settings)
            except ModelStartError as exc:
                raise ExtractionError(str(exc)) from exc
        self.client = client

    @property
    def model_name(self) -> str:
        return self.client.name

    def extract(self, doc: Document) -> ExtractionResult:
        if not doc.text.strip():
            raise ExtractionError(f"{doc.path}: the document has no text")
        started = time.perf_counter()
        chosen = self._examples_for(doc)
        extra = (chosen.block,) if self._strategy.takes_examples else ()
        try:
            records, usage, warnings = self._strategy.extract(doc, self.client, self.settings, *extra)
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
            example_ids=chosen.ids,
        )

    def _examples_for(self, doc: Document) -> Chosen:
        if self.examples is None or not self._strategy.takes_examples or self.settings.use_embedded:
            return Chosen()  # the embedded model's 2k context has no room for examples
        return self.examples.choose(doc, self.settings.examples_budget_tokens, self.settings.examples_max)
