"""The reviewed register teaches the model: accepted records become few-shot examples in the next request
(inspected as the loopback server received it), within a token budget, recorded in provenance."""

from __future__ import annotations

import json

from click.testing import CliRunner

from summariser.cli import main
from summariser.documents import document_from_text
from summariser.examples import Example, ExamplePool
from summariser.review.service import ReviewService
from summariser.store.repo import Store
from tests.conftest import SEEDS
from tests.fakeserver import Reply

ARTICLE = (
    " date 2023-05-02 \nBAKU, May 2. SOCAR and Equinor signed a memorandum of understanding on offshore wind on "
    "Tuesday, the State Oil Company of Azerbaijan Republic said."
)
EMPTY = Reply.tool_call({"records": []})


def _extract(tmp_path, server, monkeypatch, store, *args: str):
    article = tmp_path / "new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-examples")
    result = CliRunner().invoke(main, ["extract", str(article), "--store", str(store), "--json", *args])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _system(server) -> str:
    return server.requests[-1]["messages"][0]["content"]


def test_accepted_records_are_offered_as_examples_and_recorded(tmp_path, store_path, fake_openai, monkeypatch):
    with Store(store_path) as store:
        service = ReviewService(store, "alice")
        accepted = service.current()
        service.accept()
        assert accepted is not None
    fake_openai.default = Reply.tool_call({"records": [{
        "quotes": [{"quote": "SOCAR and Equinor signed a memorandum of understanding", "fields": ["parties", "agreement_type", "status"]}],
        "parties": [{"name": "SOCAR", "canonical": "SOCAR"}, {"name": "Equinor", "canonical": "Equinor"}],
        "agreement_type": "memorandum_of_understanding", "status": "signed",
    }]})
    _extract(tmp_path, fake_openai, monkeypatch, store_path)

    system = _system(fake_openai)
    assert "Examples of records reviewers approved" in system
    out = tmp_path / "register.json"
    exported = CliRunner().invoke(main, ["export", "--store", str(store_path), "--all", "--out", str(out)])
    assert exported.exit_code == 0, exported.output
    new = [r for r in json.loads(out.read_text())["records"] if r["document"]["path"].endswith("new.txt")]
    assert [r["provenance"]["example_ids"] for r in new] == [[f"record:{accepted.queue_item.record_id}"]]
    with Store(store_path, readonly=True) as store:
        (row,) = list(store.reviewed_records())
        record_json = json.loads(row["record_json"])
        doc = document_from_text(ARTICLE, "new.txt")
        assert store.example_ids(doc.id) == [f"record:{row['id']}"]
    assert record_json["evidence"][0]["quote"] in system  # the example carries its quote


def test_the_token_budget_caps_the_examples(tmp_path, store_path, fake_openai, monkeypatch):
    with Store(store_path) as store:
        service = ReviewService(store, "alice")
        for _ in range(4):
            service.accept()
    fake_openai.default = EMPTY
    monkeypatch.setenv("SUMMARISER_EXAMPLES_BUDGET_TOKENS", "1")
    _extract(tmp_path, fake_openai, monkeypatch, store_path)
    assert "Examples of records" not in _system(fake_openai)
    with Store(store_path, readonly=True) as store:
        assert store.example_ids(document_from_text(ARTICLE, "new.txt").id) == []


def test_a_gold_file_gives_examples(tmp_path, fake_openai, monkeypatch):
    fake_openai.default = EMPTY
    _extract(tmp_path, fake_openai, monkeypatch, tmp_path / "s.db", "--examples", str(SEEDS / "gold.json"))
    system = _system(fake_openai)
    assert "Examples of records reviewers approved" in system
    with Store(tmp_path / "s.db", readonly=True) as store:
        ids = store.example_ids(document_from_text(ARTICLE, "new.txt").id)
    assert ids and all(i.startswith("gold:gold.json#") for i in ids)


def test_a_bad_examples_file_exits_2_and_changes_nothing(tmp_path, fake_openai, monkeypatch):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    article = tmp_path / "new.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    monkeypatch.setenv("OPENAI_BASE_URL", fake_openai.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-examples")
    result = CliRunner().invoke(main, ["extract", str(article), "--store", str(tmp_path / "s.db"), "--examples", str(bad)])
    assert result.exit_code == 2 and "cannot read examples" in result.stderr
    assert fake_openai.requests == []


def _example(i: int, words: str, tokens: int = 10) -> Example:
    record = {"quotes": [{"quote": "x" * (tokens * 4), "fields": ["parties"]}], "parties": []}
    return Example(f"e{i}", f"doc{i}", record, frozenset(words.split()))


def test_most_similar_first_never_the_article_itself_within_budget():
    doc = document_from_text("offshore wind memorandum socar equinor", "a.txt")
    pool = ExamplePool([
        _example(1, "railway contract"),
        _example(2, "offshore wind memorandum socar"),
        _example(3, "offshore wind"),
        Example("self", doc.id, _example(0, "offshore wind memorandum socar equinor").record, frozenset(doc.text.split())),
    ])
    assert pool.choose(doc, 10_000, 2).ids == ["e2", "e3"]
    one = ExamplePool(pool.examples[1:2]).choose(doc, 10_000, 5).tokens
    assert pool.choose(doc, one + 1, 5).ids == ["e2"]  # room for the header and one example only
    assert pool.choose(doc, 0, 5).ids == []
