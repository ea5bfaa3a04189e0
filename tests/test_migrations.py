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
