"""The review service without a screen, on real SQLite stores."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from summariser.review.model import (
    ConflictError,
    EditError,
    OverrideNeeded,
    QueueFilter,
    ReviewError,
    State,
    changed_fields,
)
from summariser.review.service import ReviewService
from summariser.store.repo import Store


@pytest.fixture
def ann(store_path: Path):
    with Store(store_path) as store:
        yield ReviewService(store, "ann")


def decisions_on_disk(path: Path) -> dict[str, tuple[str, str, int]]:
    # A separate connection sees only what was committed.
    conn = sqlite3.connect(path)
    try:
        return {r[0]: (r[1], r[2], r[3]) for r in conn.execute("SELECT record_id, state, reviewer, version FROM decisions")}
    finally:
        conn.close()


def events_on_disk(path: Path) -> list[tuple[str, str, str]]:
    conn = sqlite3.connect(path)
    try:
        return list(conn.execute("SELECT record_id, reviewer, action FROM review_events ORDER BY id"))
    finally:
        conn.close()


def test_queue_lists_every_current_record_and_starts_at_the_first(ann: ReviewService) -> None:
    assert len(ann.queue) == 7
    assert ann.position == 0
    item = ann.current()
    assert item is not None and item.decision is None
    assert item.document.text[item.shown.evidence[0].start : item.shown.evidence[0].end] == item.shown.evidence[0].quote


def test_accept_is_committed_with_its_audit_event_before_returning(ann: ReviewService, store_path: Path) -> None:
    first = ann.current_item.record_id
    ann.current()
    decision = ann.accept()
    assert decision.state is State.accepted and decision.version == 1
    assert decisions_on_disk(store_path) == {first: ("accepted", "ann", 1)}
    assert events_on_disk(store_path) == [(first, "ann", "accept")]
    assert ann.position == 1


def test_reject_keeps_the_reason_and_a_blank_reason_is_none(ann: ReviewService) -> None:
    ann.current()
    assert ann.reject("  not an agreement ").reason == "not an agreement"
    ann.current()
    assert ann.reject("   ").reason is None


def test_edit_keeps_suggestion_and_version_side_by_side(ann: ReviewService, store_path: Path) -> None:
    item = ann.current()
    edited = item.suggested.model_copy(update={"date_signed": dt.date(2026, 1, 27), "location": "Baku"})
    decision = ann.edit(edited.model_dump())
    assert decision.state is State.edited
    assert changed_fields(item.suggested, decision.edited_record) == ["date_signed", "location"]
    with Store(store_path) as store:
        assert store.get_record(item.record_id).record == item.suggested  # the suggestion is never updated


def test_edit_regrounds_typed_quotes(ann: ReviewService) -> None:
    item = ann.current()
    data = item.suggested.model_dump()
    data["evidence"].append({"fields": ["parties"], "quote": "SOCAR President Rovshan Najaf"})
    decision = ann.edit(data)
    new = decision.edited_record.evidence[-1]
    assert new.grounded and item.document.text[new.start : new.end] == "SOCAR President Rovshan Najaf"
    assert changed_fields(item.suggested, decision.edited_record) == ["evidence"]


def test_edit_with_a_quote_not_in_the_article_is_refused_at_the_field(ann: ReviewService, store_path: Path) -> None:
    item = ann.current()
    data = item.suggested.model_dump()
    data["evidence"].append({"fields": ["summary"], "quote": "The parties agreed to build a bridge to the moon"})
    with pytest.raises(EditError) as err:
        ann.edit(data)
    assert list(err.value.errors) == ["evidence.1.quote"]
    assert decisions_on_disk(store_path) == {}
    assert ann.position == 0


def test_invalid_edit_names_the_field(ann: ReviewService, store_path: Path) -> None:
    data = ann.current().suggested.model_dump()
    data["parties"] = data["parties"][:1]
    data["date_signed"] = "2026-02-30"
    with pytest.raises(EditError) as err:
        ann.edit(data)
    assert set(err.value.errors) == {"parties", "date_signed"}
    assert decisions_on_disk(store_path) == {}


def test_edit_that_changes_nothing_is_an_accept(ann: ReviewService) -> None:
    item = ann.current()
    assert ann.edit(item.suggested).state is State.accepted


def test_skip_marks_undecided_records_and_resume_passes_them(ann: ReviewService, store_path: Path) -> None:
    ann.current()
    ann.skip()
    ann.current()
    ann.accept()
    with Store(store_path) as store:
        again = ReviewService(store, "ann")
        assert again.position == 2
        assert again.progress().skipped == 1 and again.progress().done == 1


def test_skip_does_not_overwrite_a_decision(ann: ReviewService, store_path: Path) -> None:
    ann.current()
    ann.accept()
    ann.prev()
    ann.current()
    assert ann.skip() is None
    assert list(decisions_on_disk(store_path).values()) == [("accepted", "ann", 1)]


def test_resume_after_reopening_goes_to_the_first_undecided(store_path: Path) -> None:
    with Store(store_path) as store:
        s = ReviewService(store, "ann")
        for _ in range(3):
            s.current()
            s.accept()
    with Store(store_path) as store:
        s = ReviewService(store, "ann")
        assert s.position == 3 and s.current().decision is None


def test_undo_restores_the_previous_decision_row_in_stack_order(ann: ReviewService, store_path: Path) -> None:
    rid = ann.current_item.record_id
    ann.current()
    ann.accept()
    ann.prev()
    ann.current()
    ann.reject("wrong")
    assert decisions_on_disk(store_path)[rid][:2] == ("rejected", "ann")
    ann.undo()
    assert decisions_on_disk(store_path)[rid] == ("accepted", "ann", 3)
    assert ann.current_item.record_id == rid
    ann.undo()
    assert rid not in decisions_on_disk(store_path)
    assert ann.undo() is None
    assert [e.action for e in ann.history(rid)] == ["accept", "reject", "undo", "undo"]
    # a new decision continues the version sequence instead of reusing version 1
    ann.current()
    assert ann.accept().version == 5


def test_undo_only_undoes_this_reviewers_decisions(store_path: Path) -> None:
    with Store(store_path) as s1, Store(store_path) as s2:
        ann, bob = ReviewService(s1, "ann"), ReviewService(s2, "bob")
        ann.current()
        ann.accept()
        assert bob.undo() is None


def test_second_reviewer_with_a_stale_view_gets_a_conflict_not_an_overwrite(store_path: Path) -> None:
    with Store(store_path) as s1, Store(store_path) as s2:
        ann, bob = ReviewService(s1, "ann"), ReviewService(s2, "bob")
        rid = ann.current().record_id
        assert bob.current().record_id == rid  # both have the record on screen
        ann.accept()
        with pytest.raises(ConflictError) as err:
            bob.reject("dup")
        assert err.value.theirs.reviewer == "ann" and err.value.theirs.state is State.accepted
        assert decisions_on_disk(store_path)[rid] == ("accepted", "ann", 1)
        assert events_on_disk(store_path)[-1] == (rid, "bob", "conflict")
        assert bob.current_item.state is State.accepted  # bob's queue now shows ann's decision
        # having seen it, bob may decide deliberately, once he says he means to replace ann's decision
        with pytest.raises(OverrideNeeded):
            bob.reject("dup")
        bob.reject("dup", confirm=True)
        assert decisions_on_disk(store_path)[rid] == ("rejected", "bob", 2)


def test_undo_after_another_reviewer_changed_the_record_conflicts(store_path: Path) -> None:
    with Store(store_path) as s1, Store(store_path) as s2:
        ann, bob = ReviewService(s1, "ann"), ReviewService(s2, "bob")
        rid = ann.current().record_id
        ann.accept()
        bob.current()
        bob.reject(confirm=True)
        with pytest.raises(ConflictError):
            ann.undo()
        assert decisions_on_disk(store_path)[rid][:2] == ("rejected", "bob")


def test_filters(ann: ReviewService) -> None:
    ann.current()
    ann.accept()
    ann.reload(QueueFilter(state="undecided"))
    assert len(ann.queue) == 6
    ann.reload(QueueFilter(state="accepted"))
    assert len(ann.queue) == 1
    ann.reload(QueueFilter(agreement_type="memorandum_of_understanding"))
    assert {q.agreement_type for q in ann.queue} == {"memorandum_of_understanding"} and len(ann.queue) == 3
    ann.reload(QueueFilter(flags=frozenset({"ungrounded", "fuzzy"})))
    assert [q.first_parties for q in ann.queue] == [("SOCAR", "Acme Widgets Ltd")]
    ann.reload(QueueFilter(text="QazaqGaz"))
    assert len(ann.queue) == 1
    doc = ann.queue[0].document_id
    ann.reload(QueueFilter(document_id=doc))
    assert {q.document_id for q in ann.queue} == {doc} and len(ann.queue) == 3
    ann.reload(QueueFilter(text="100%_"))
    assert ann.queue == [] and ann.current() is None
    with pytest.raises(ReviewError):
        ann.reload(QueueFilter(state="maybe"))


def test_progress_counts(ann: ReviewService) -> None:
    for action in ("accept", "reject", "skip"):
        ann.current()
        getattr(ann, action)()
    ann.next()  # the fourth record has an ungrounded quote, which an edit would have to fix
    ann.current()
    ann.edit(ann.current().suggested.model_copy(update={"location": "Baku"}))
    p = ann.progress()
    assert (p.total, p.done, p.remaining, p.accepted, p.edited, p.rejected, p.skipped) == (7, 3, 4, 1, 1, 1, 1)


def test_a_reviewer_name_is_required(store_path: Path) -> None:
    with Store(store_path) as store, pytest.raises(ReviewError):
        ReviewService(store, "  ")


def test_progress_follows_own_decisions_and_rereads_others(store_path: Path) -> None:
    with Store(store_path) as s1, Store(store_path) as s2:
        ann, bob = ReviewService(s1, "ann"), ReviewService(s2, "bob")
        ann.current()
        ann.accept()
        ann.undo()
        ann.current()
        ann.reject()
        assert (ann.progress().rejected, ann.progress().accepted) == (1, 0)
        bob.goto(3)
        bob.current()
        bob.accept()
        assert ann.progress().accepted == 0
        assert ann.refresh_progress().accepted == 1 and ann.progress().done == 2
