"""The real embedded model (SmolLM2-135M via llama-cpp-python) over one seed with the whole strategy.

It checks what must hold whatever the small model writes: the answer parses into records, and every
quote presented as grounded slices back out of the article at its offsets.
"""

from __future__ import annotations

import importlib.util

import pytest

from summariser.documents import read_document
from summariser.extract import Extractor
from summariser.grounding import normalise
from summariser.schema import ExtractionResult, MatchKind
from summariser.settings import load_settings
from tests.conftest import SEEDS

pytestmark = [
    pytest.mark.embedded,
    pytest.mark.skipif(importlib.util.find_spec("llama_cpp") is None, reason="llama-cpp-python is not installed"),
]


def test_whole_strategy_on_a_seed_parses_and_grounded_quotes_slice_back():
    doc = read_document(SEEDS / "002_4b89f9ee8b676db5.txt")
    extractor = Extractor(load_settings(strategy="whole", provider="embedded"))

    result = extractor.extract(doc)

    assert isinstance(result, ExtractionResult)
    assert result.model.startswith("embedded:") and result.prompt_version.startswith("whole-v2-")
    assert result.usage.requests >= 1 and result.usage.completion_tokens > 0
    for record in result.records:
        assert len(record.parties) >= 2
        for evidence in record.evidence:
            if evidence.match is MatchKind.ungrounded:
                assert evidence.start is None and evidence.end is None
                continue
            span = doc.text[evidence.start : evidence.end]
            if evidence.match is MatchKind.exact:
                assert span == evidence.quote
            elif evidence.match is MatchKind.normalised:
                assert normalise(span) == normalise(evidence.quote)
            else:
                assert span.strip()
