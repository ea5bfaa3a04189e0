"""Schema migrations: an older store opens in this version with its data; a newer one is refused."""

from __future__ import annotations

import sqlite3

import pytest

from summariser.store.db import StoreError, _statements, connect
from summariser.store.migrations import MIGRATIONS, latest_version


def _store_at_version_1(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    version, name, sql = MIGRATIONS[0]
    for statement in _statements(sql):
        conn.execute(statement)
    conn.execute("INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01T00:00:00+00:00')", (version, name))
    conn.execute("INSERT INTO documents VALUES ('d1', 'a.txt', NULL, 'Alpha and Beta signed.', '2026-01-01')")
    conn.commit()
    conn.close()


def test_an_older_store_is_migrated_on_open_and_keeps_its_data(tmp_path):
    path = tmp_path / "old.db"
    _store_at_version_1(path)
    conn = connect(path)
    versions = [r[0] for r in conn.execute("SELECT version FROM schema_migrations ORDER BY version")]
    assert versions == [v for v, _, _ in MIGRATIONS] and versions[-1] == latest_version()
    assert conn.execute("SELECT text FROM documents WHERE id = 'd1'").fetchone()[0] == "Alpha and Beta signed."
    indexes = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"records_queue", "documents_by_path", "records_by_extraction"} <= indexes
    conn.close()
    # Opening again applies nothing twice.
    again = connect(path)
    assert again.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == len(MIGRATIONS)
    again.close()


def test_a_store_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "new.db"
    connect(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_migrations VALUES (999, 'from the future', '2030-01-01')")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer summariser"):
        connect(path)
    assert path.read_bytes() == before


def test_a_store_with_decisions_gains_the_flags_of_the_reviewers_version(tmp_path):
    """Migration 6 on a store of the schema before it, with an edited decision: the decision is kept, its
    flags are unknown (NULL), and the review service works them out from the edited version."""
    from summariser.review.service import ReviewService
    from summariser.store.repo import Store
    from tests.review_data import build_store

    path = tmp_path / "v4.db"
    ids = build_store(path)
    conn = sqlite3.connect(path)
    record_json = conn.execute("SELECT record_json FROM records WHERE id = ?", (ids[0],)).fetchone()[0]
    edited = record_json.replace('"date_signed":null', '"date_signed":"2026-01-28"')
    # Back to the schema before migration 6 (SQLite >= 3.35 drops a column), with a decision made then.
    conn.execute("ALTER TABLE decisions DROP COLUMN flags")
    conn.execute("DELETE FROM schema_migrations WHERE version = 6")
    conn.execute(
        "INSERT INTO decisions VALUES (?, 'edited', 'ann', ?, NULL, '2026-01-01T00:00:00+00:00', 1)", (ids[0], edited)
    )
    conn.commit()
    conn.close()
    with Store(path) as store:
        assert [tuple(r) for r in store.conn.execute("SELECT state, flags FROM decisions")] == [("edited", None)]
        ann = ReviewService(store, "ann")
        ann.goto(0)
        item = ann.current()
        assert item.decision.record_json == edited and "no_date" not in item.flags
        assert "no_date" in item.queue_item.base_flags  # the suggestion's own flags stay as they were


def _store_at_version_4(path) -> None:
    """A store as the previous release left it: documents, an extraction, records and a decision."""
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for version, name, sql in MIGRATIONS:
        if version > 4:
            break
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01T00:00:00+00:00')", (version, name))
    conn.execute("INSERT INTO documents VALUES ('d1', 'a.txt', NULL, 'Alpha and Beta signed a deal.', '2026-01-01')")
    conn.execute("INSERT INTO documents VALUES ('d2', 'b.txt', NULL, 'Nothing agreed here.', '2026-01-01')")
    for doc in ("d1", "d2"):
        conn.execute(
            "INSERT INTO extractions(document_id, state, model, prompt_version, schema_version, extracted_at)"
            " VALUES (?, 'done', 'm', 'p', 's', '2026-01-01')",
            (doc,),
        )
    record = (
        '{"parties": [{"name": "Alpha", "canonical": "Alpha"}, {"name": "Beta", "canonical": "Beta"}],'
        ' "agreement_type": "other", "status": "signed"}'
    )
    conn.execute(
        "INSERT INTO records VALUES ('r1', 1, 'd1', 0, ?, 'other', 'signed', ''), ('r2', 1, 'd1', 1, ?, 'other', 'signed', '')",
        (record, record),
    )
    conn.execute("INSERT INTO decisions VALUES ('r1', 'accepted', 'ann', NULL, NULL, '2026-01-02', 1)")
    conn.execute("INSERT INTO review_events(record_id, reviewer, at, action) VALUES ('r1', 'ann', '2026-01-02', 'accept')")
    conn.commit()
    conn.close()


def test_todays_store_gains_article_review_and_keeps_its_records_and_decisions(tmp_path):
    from summariser.review.articles import ArticleReview
    from summariser.review.service import ReviewService
    from summariser.store.repo import Store

    path = tmp_path / "v4.db"
    _store_at_version_4(path)
    with Store(path) as store:
        assert [r.id for r in store.current_records()] == ["r1", "r2"]
        assert store.conn.execute("SELECT state FROM decisions WHERE record_id = 'r1'").fetchone()[0] == "accepted"
        assert store.conn.execute("SELECT COUNT(*) FROM records WHERE added_by IS NULL").fetchone()[0] == 2
        review = ArticleReview(ReviewService(store, "ann"))
        assert [(a.path, a.records, a.state) for a in review.articles] == [
            ("a.txt", 2, "in_progress"), ("b.txt", 0, "unreviewed")
        ]
        review.complete("d2")  # an article with no records: "no agreement here"
        assert store.status_counts()["articles"]["complete"] == 1
    indexes = {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {"records_queue", "article_events_by_reviewer"} <= indexes
