"""Migration 7 (link decisions): a store of the schema before it, with records and review decisions,
opens with its data and can take link decisions at once."""

from __future__ import annotations

import sqlite3

from summariser.store.db import _statements, connect
from summariser.store.links import LinkRow, LinkStore
from summariser.store.migrations import MIGRATIONS


def _store_before_links(path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)")
    for version, name, sql in MIGRATIONS:
        if version >= 7:
            break
        for statement in _statements(sql):
            conn.execute(statement)
        conn.execute("INSERT INTO schema_migrations VALUES (?, ?, '2026-01-01T00:00:00+00:00')", (version, name))
    conn.execute("INSERT INTO documents VALUES ('d1', 'a.txt', '2024-01-02', 'Alpha and Beta signed.', '2026-01-01')")
    conn.execute(
        "INSERT INTO extractions(id, document_id, state, model, prompt_version, schema_version, extracted_at)"
        " VALUES (1, 'd1', 'done', 'm', 'p', '1', '2026-01-01')"
    )
    conn.execute(
        "INSERT INTO records(id, extraction_id, document_id, idx, record_json, agreement_type, status, flags)"
        " VALUES ('r1', 1, 'd1', 0, '{}', 'contract', 'signed', '')"
    )
    conn.execute(
        "INSERT INTO decisions(record_id, state, reviewer, record_json, reason, decided_at, version)"
        " VALUES ('r1', 'accepted', 'ann', NULL, NULL, '2026-01-01', 1)"
    )
    conn.commit()
    conn.close()


def test_a_store_from_before_link_decisions_upgrades_with_its_data(tmp_path):
    path = tmp_path / "old.db"
    _store_before_links(path)
    conn = connect(path)
    assert 7 in {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
    assert tuple(conn.execute("SELECT state, reviewer FROM decisions WHERE record_id = 'r1'").fetchone()) == ("accepted", "ann")
    assert conn.execute("SELECT COUNT(*) FROM records").fetchone()[0] == 1
    links = LinkStore(conn)
    assert links.decisions() == [] and links.version("r1") == 0
    with links.transaction():
        row = LinkRow("r1", "split", None, "ann", "2026-01-02", 1)
        links.write(row)
        links.event("r1", "ann", "2026-01-02", "split", None, row)
    assert links.get("r1") == row
    assert [e.action for e in links.events(record_id="r1")] == ["split"]
    conn.close()
