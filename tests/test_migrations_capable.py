"""Migrations 8+ (few-shot provenance, batch jobs) upgrade a store of the earlier schema with its data."""

from __future__ import annotations

import sqlite3

from summariser.store.db import _statements
from summariser.store.migrations import MIGRATIONS
from summariser.store.repo import Store


def _store_before_8(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for version, name, sql in MIGRATIONS:
        if version >= 8:
            break
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01T00:00:00+00:00')", (version, name))
    conn.execute("INSERT INTO documents VALUES ('d1', 'a.txt', NULL, 'Alpha and Beta signed.', '2026-01-01')")
    conn.execute("INSERT INTO runs(started_at, model, prompt_version, schema_version) VALUES ('2026-01-01', 'm', 'p', '1')")
    conn.execute(
        "INSERT INTO extractions(document_id, run_id, state, model, prompt_version, schema_version, prompt_tokens,"
        " completion_tokens, extracted_at) VALUES ('d1', 1, 'done', 'm', 'p', '1', 1200, 300, '2026-01-01')"
    )
    conn.commit()
    conn.close()


def test_a_store_before_8_keeps_its_extractions_and_tokens(tmp_path):
    path = tmp_path / "old.db"
    _store_before_8(path)
    with Store(path) as store:
        assert store.example_ids("d1") == []
        assert store.is_extracted("d1", "m", "p", "1")
        assert store.token_totals()["prompt_tokens"] == 1200
        versions = {r[0] for r in store.conn.execute("SELECT version FROM schema_migrations")}
        assert {8, 9} <= versions
        assert store.batch_jobs() == []
