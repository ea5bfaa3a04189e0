"""A document that takes longer than its time budget fails with that reason; the batch goes on.

The long document is real text (a few megabytes of agreement sentences written here), read by the real
choice strategy: no clock is patched and no project function is replaced.
"""

from __future__ import annotations

import os

from summariser.batch import run_batch
from summariser.extract.extractor import Extractor
from summariser.settings import load_settings
from summariser.store.repo import Store
from tests.doubles import FakeModel

_NAMES = ["Alcora Energy", "Brenvik Power", "Castellan Gas", "Doravia Mining", "Elmstead Rail", "Fenwick Ports"]


def _long_article(path, sentences: int) -> None:
    lines = [" date 2026-03-02 "]
    for i in range(sentences):
        a, b = _NAMES[i % 6], _NAMES[(i + 1 + i // 6) % 6]
        if a == b:
            b = _NAMES[(i + 2) % 6]
        lines.append(f"{a} and {b} signed a memorandum of understanding number {i} on 3 March 2026 in Baku.")
    path.write_text("\n".join(lines), encoding="utf-8")


def test_a_document_over_its_budget_fails_with_that_reason_and_the_batch_goes_on(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    _long_article(folder / "a_long.txt", 30_000)  # about 3 MB
    (folder / "b_short.txt").write_text(
        " date 2026-03-02 \nAlcora Energy and Brenvik Power signed a supply contract on Monday in Baku.\n", encoding="utf-8"
    )
    settings = load_settings(store=tmp_path / "s.db", strategy="choice", document_budget_s=1.0, concurrency=1,
                             provider="openai", base_url="http://127.0.0.1:9/v1")
    with Store(settings.store) as store:
        summary = run_batch([folder], settings, store, Extractor(settings, client=FakeModel()))
        assert (summary.done, summary.failed) == (1, 1), summary.failures
        [failure] = summary.failures
        assert os.path.basename(failure.path) == "a_long.txt"
        assert "exceeded its time budget of 1 s" in failure.reason
        [record] = store.current_records()
        assert {p.name for p in record.record.parties} == {"Alcora Energy", "Brenvik Power"}


def test_the_same_document_within_its_budget_is_extracted(tmp_path):
    path = tmp_path / "long.txt"
    _long_article(path, 300)
    settings = load_settings(store=tmp_path / "s.db", strategy="choice", document_budget_s=600,
                             provider="openai", base_url="http://127.0.0.1:9/v1")
    from summariser.documents import read_document

    result = Extractor(settings, client=FakeModel()).extract(read_document(path))
    assert result.records  # the same text, given time, makes records
