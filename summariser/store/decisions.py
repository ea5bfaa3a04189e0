"""Reviewers' decisions on records and their audit trail: every statement the review service runs.

Rows go out as `sqlite3.Row` and come in as plain values, so the review layer above keeps its own types.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager

# Tables whose rows carry optimistic-concurrency versions, with the audit table that remembers them.
_EVENT_TABLES = frozenset({"review_events", "link_events"})


@contextmanager
def immediate(conn: sqlite3.Connection) -> Iterator[None]:
    """A write transaction that takes the lock before reading, so two reviewers cannot both pass a version check."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def next_version(conn: sqlite3.Connection, events_table: str, record_id: str) -> int:
    """The version a record with no decision row stands at: 0 if never decided, else one more than any version
    its audit trail ever wrote (undone to nothing still counts as a change, so a stale view still conflicts)."""
    if events_table not in _EVENT_TABLES:
        raise ValueError(f"not an audit table: {events_table}")
    row = conn.execute(
        "SELECT MAX(MAX(COALESCE(json_extract(after_json, '$.version'), 0)),"
        " MAX(COALESCE(json_extract(before_json, '$.version'), 0))), COUNT(*)"
        f" FROM {events_table} WHERE record_id = ? AND action != 'conflict'",
        (record_id,),
    ).fetchone()
    return int(row[0]) + 1 if row[1] else 0


def suggested_json(conn: sqlite3.Connection, record_id: str) -> str | None:
    row = conn.execute("SELECT record_json FROM records WHERE id = ?", (record_id,)).fetchone()
    return row[0] if row else None


def decision_row(conn: sqlite3.Connection, record_id: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute("SELECT * FROM decisions WHERE record_id = ?", (record_id,)).fetchone()
    return row


def write_decision(
    conn: sqlite3.Connection,
    record_id: str,
    state: str,
    reviewer: str,
    record_json: str | None,
    reason: str | None,
    decided_at: str,
    version: int,
    flags: str | None,
) -> None:
    conn.execute(
        "INSERT INTO decisions(record_id, state, reviewer, record_json, reason, decided_at, version, flags)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(record_id) DO UPDATE SET state=excluded.state,"
        " reviewer=excluded.reviewer, record_json=excluded.record_json, reason=excluded.reason,"
        " decided_at=excluded.decided_at, version=excluded.version, flags=excluded.flags",
        (record_id, state, reviewer, record_json, reason, decided_at, version, flags),
    )


def delete_decision(conn: sqlite3.Connection, record_id: str) -> None:
    conn.execute("DELETE FROM decisions WHERE record_id = ?", (record_id,))


def insert_event(
    conn: sqlite3.Connection, record_id: str, reviewer: str, at: str, action: str, before: str | None, after: str | None
) -> int:
    cur = conn.execute(
        "INSERT INTO review_events(record_id, reviewer, at, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)",
        (record_id, reviewer, at, action, before, after),
    )
    return int(cur.lastrowid or 0)


def event_row(conn: sqlite3.Connection, event_id: int) -> sqlite3.Row:
    row: sqlite3.Row = conn.execute("SELECT * FROM review_events WHERE id = ?", (event_id,)).fetchone()
    return row


def undoable_event_rows(conn: sqlite3.Connection, reviewer: str) -> Iterator[sqlite3.Row]:
    """This reviewer's decisions and undos, newest first."""
    yield from conn.execute(
        "SELECT * FROM review_events WHERE reviewer = ? AND action IN ('undo', 'accept', 'reject', 'edit', 'skip', 'add')"
        " ORDER BY id DESC",
        (reviewer,),
    )


def record_event_rows(conn: sqlite3.Connection, record_id: str) -> list[sqlite3.Row]:
    return list(conn.execute("SELECT * FROM review_events WHERE record_id = ? ORDER BY id", (record_id,)))


def last_event_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM review_events").fetchone()[0])


def records_changed_by_others(conn: sqlite3.Connection, since_event: int, reviewer: str) -> set[str]:
    rows = conn.execute(
        "SELECT DISTINCT record_id FROM review_events WHERE id > ? AND reviewer != ? AND action != 'conflict'",
        (since_event, reviewer),
    )
    return {r[0] for r in rows}


def record_versions(conn: sqlite3.Connection, document_id: str) -> list[tuple[str, str | None]]:
    """(suggested JSON, reviewer's JSON or None) of every current record of a document."""
    rows = conn.execute(
        "SELECT r.record_json, dec.record_json FROM current_records r"
        " LEFT JOIN decisions dec ON dec.record_id = r.id WHERE r.document_id = ?",
        (document_id,),
    )
    return [(r[0], r[1]) for r in rows]


def document_row(conn: sqlite3.Connection, document_id: str) -> sqlite3.Row | None:
    row: sqlite3.Row | None = conn.execute("SELECT * FROM documents WHERE id = ?", (document_id,)).fetchone()
    return row
