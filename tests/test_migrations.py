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
    conn.execute("DELETE FROM schema_migrations WHERE version >= 6")
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
