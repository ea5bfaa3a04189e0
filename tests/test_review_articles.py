"""Articles as the unit of review, without a screen: add, complete, reopen, undo of each, conflicts."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from summariser.review.articles import ArticleConflictError, ArticleReview
from summariser.review.cues import agreement_cue_spans
from summariser.review.model import EditError, ReviewError, State
from summariser.review.prefill import draft_record
from summariser.review.service import ReviewService
from summariser.schema import SCHEMA_VERSION, ExtractionResult
from summariser.store.repo import Store
from tests.review_data import seed_document


def open_review(path: Path, reviewer: str = "ann") -> tuple[Store, ArticleReview]:
    store = Store(path)
    return store, ArticleReview(ReviewService(store, reviewer))


@pytest.fixture
def ann(store_path: Path) -> Iterator[ArticleReview]:
    store, review = open_review(store_path)
    with store:
        yield review


def on_disk(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)  # a separate connection sees only what was committed
    try:
        return list(conn.execute(sql))
    finally:
        conn.close()


def first_sentence_record(review: ArticleReview, doc_id: str) -> dict:
    text = review.service._document(doc_id).text
    start, end = agreement_cue_spans(text)[0]
    draft = draft_record(text, start, end)
    data = draft.model_dump()
    if len(data["parties"]) < 2:
        data["parties"] = [{"name": "Alpha", "canonical": "Alpha"}, {"name": "Beta", "canonical": "Beta"}]
    return data


def doc_of(review: ArticleReview, prefix: str) -> str:
    return next(a.document_id for a in review.articles if a.path.startswith(f"seeds/{prefix}"))


def decide_all(review: ArticleReview, doc_id: str) -> None:
    for i, item in enumerate(review.service.queue):
        if item.document_id == doc_id:
            review.service.goto(i)
            review.service.current()
            review.service.accept()


def test_every_article_is_listed_with_its_counts_and_state(ann: ArticleReview) -> None:
    assert [a.path.rsplit("/", 1)[-1][:3] for a in ann.articles] == ["000", "001", "002", "003", "004"]
    assert all(a.state == "unreviewed" for a in ann.articles)
    assert sum(a.records for a in ann.articles) == len(ann.service.queue)


def test_an_article_without_records_is_listed(store_path: Path) -> None:
    doc = seed_document("000_8c901ae40a9b689e.txt")
    other = doc.model_copy(update={"id": "f" * 64, "path": "seeds/zz_empty.txt", "text": doc.text + "\nEnd."})
    with Store(store_path) as store:
        store.add_document(other)
        store.save_extraction(None, ExtractionResult(document_id=other.id, records=[], model="hand",
                                                     prompt_version="t", schema_version=SCHEMA_VERSION))
        review = ArticleReview(ReviewService(store, "ann"))
        empty = [a for a in review.articles if a.document_id == other.id]
        assert empty and empty[0].records == 0
        review.set_filter("no_records")
        assert [a.path for a in review.articles] == ["seeds/000_8c901ae40a9b689e.txt", "seeds/zz_empty.txt"]


def test_complete_is_refused_while_a_record_is_undecided_then_allowed(ann: ArticleReview, store_path: Path) -> None:
    doc = doc_of(ann, "002")
    ann.article(doc)
    with pytest.raises(ReviewError, match="still need"):
        ann.complete(doc)
    assert on_disk(store_path, "SELECT * FROM article_reviews") == []
    decide_all(ann, doc)
    decision = ann.complete(doc)
    assert decision.state == "complete"
    assert on_disk(store_path, "SELECT state, reviewer FROM article_reviews") == [("complete", "ann")]
    assert on_disk(store_path, "SELECT action FROM article_events") == [("complete",)]
    assert ann.article(doc).state == "complete"


def test_a_skipped_record_still_blocks_completion(ann: ArticleReview) -> None:
    doc = ann.service.queue[0].document_id
    ann.service.goto(0)
    ann.service.skip()
    with pytest.raises(ReviewError, match="still need"):
        ann.complete(doc)


def test_reopen_and_undo_of_complete_and_reopen(ann: ArticleReview, store_path: Path) -> None:
    doc = doc_of(ann, "002")
    decide_all(ann, doc)
    ann.article(doc)
    ann.complete(doc)
    ann.reopen(doc)
    assert ann.article(doc).state == "in_progress"
    with pytest.raises(ReviewError, match="only a complete"):
        ann.reopen(doc)
    ann.undo()  # the reopen
    assert ann.article(doc).state == "complete"
    ann.undo()  # the completion
    assert ann.article(doc).state == "in_progress"  # its records are decided
    ann.undo()  # then the record decisions, newest first
    assert on_disk(store_path, "SELECT action FROM article_events ORDER BY id") == [
        ("complete",), ("reopen",), ("undo",), ("undo",)
    ]
    assert on_disk(store_path, "SELECT state, version FROM article_reviews") == [("open", 4)]


def test_add_a_record_is_durable_with_provenance_and_audit(ann: ArticleReview, store_path: Path) -> None:
    doc = doc_of(ann, "002")
    before = len(ann.service.queue)
    ann.article(doc)
    rid = ann.add_record(doc, first_sentence_record(ann, doc))
    assert on_disk(store_path, f"SELECT added_by FROM records WHERE id = '{rid}'") == [("ann",)]
    assert on_disk(store_path, f"SELECT state, reviewer FROM decisions WHERE record_id = '{rid}'") == [("added", "ann")]
    assert on_disk(store_path, f"SELECT action FROM review_events WHERE record_id = '{rid}'") == [("add",)]
    assert len(ann.service.queue) == before + 1
    assert ann.service.current_item is not None and ann.service.current_item.record_id == rid
    assert ann.service.current_item.state is State.added
    assert ann.service.progress().added == 1


def test_an_added_record_must_ground_its_quotes_and_have_one(ann: ArticleReview, store_path: Path) -> None:
    doc = doc_of(ann, "002")
    data = first_sentence_record(ann, doc)
    bad = {**data, "evidence": [{"quote": "words that are not in the article at all", "fields": ["summary"]}]}
    with pytest.raises(EditError) as err:
        ann.add_record(doc, bad)
    assert "evidence.0.quote" in err.value.errors
    with pytest.raises(EditError, match="at least one quote"):
        ann.add_record(doc, {**data, "evidence": []})
    assert on_disk(store_path, "SELECT COUNT(*) FROM records WHERE added_by IS NOT NULL") == [(0,)]


def test_undo_of_an_add_withdraws_the_record(ann: ArticleReview, store_path: Path) -> None:
    doc = doc_of(ann, "002")
    before = len(ann.service.queue)
    rid = ann.add_record(doc, first_sentence_record(ann, doc))
    ann.undo()
    assert len(ann.service.queue) == before
    assert rid not in {q.record_id for q in ann.service.queue}
    assert on_disk(store_path, f"SELECT COUNT(*) FROM decisions WHERE record_id = '{rid}'") == [(0,)]
    assert on_disk(store_path, f"SELECT action FROM review_events WHERE record_id = '{rid}' ORDER BY id") == [
        ("add",), ("undo",)
    ]


def test_adding_to_a_complete_article_is_refused(ann: ArticleReview) -> None:
    doc = doc_of(ann, "002")
    decide_all(ann, doc)
    ann.complete(doc)
    with pytest.raises(ReviewError, match="reopen"):
        ann.add_record(doc, first_sentence_record(ann, doc))


def test_complete_or_add_from_a_stale_view_is_a_conflict(store_path: Path) -> None:
    store_a, ann = open_review(store_path, "ann")
    store_b, bob = open_review(store_path, "bob")
    with store_a, store_b:
        doc = doc_of(ann, "002")
        decide_all(ann, doc)
        ann.article(doc)
        bob.article(doc)
        ann.complete(doc)  # bob still sees it open
        with pytest.raises(ArticleConflictError, match="ann marked it complete"):
            bob.complete(doc)
        bob.article(doc)  # looked again
        bob.reopen(doc)
        with pytest.raises(ArticleConflictError):
            ann.add_record(doc, first_sentence_record(ann, doc))
        actions = on_disk(store_path, "SELECT reviewer, action FROM article_events ORDER BY id")
        assert actions == [("ann", "complete"), ("bob", "conflict"), ("bob", "reopen"), ("ann", "conflict")]
        assert on_disk(store_path, "SELECT COUNT(*) FROM records WHERE added_by IS NOT NULL") == [(0,)]


def test_cue_sentences_not_covered_by_a_record(ann: ArticleReview) -> None:
    doc = doc_of(ann, "002")
    view = ann.view(doc)
    assert view.cues, "the seed article reports agreements"
    covered = [c for c in view.cues if c not in view.uncovered]
    assert covered, "the hand-made records quote some of the cue sentences"
    rid_start, rid_end = view.uncovered[0] if view.uncovered else (None, None)
    if rid_start is not None:
        text = ann.service._document(doc).text
        data = draft_record(text, rid_start, rid_end).model_dump()
        data["parties"] = data["parties"][:2] or []
        if len(data["parties"]) < 2:
            data["parties"] = [{"name": "Alpha", "canonical": "Alpha"}, {"name": "Beta", "canonical": "Beta"}]
        ann.add_record(doc, data)
        assert (rid_start, rid_end) not in ann.view(doc).uncovered


def test_review_document_that_names_no_article_is_a_clear_error(store_path: Path) -> None:
    from click.testing import CliRunner

    from summariser.cli import main

    result = CliRunner().invoke(main, ["review", "--store", str(store_path), "--document", "nope.txt", "--reviewer", "ann"])
    assert result.exit_code == 1 and "no document in the store matches 'nope.txt'" in result.output
