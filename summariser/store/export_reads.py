"""Reads for the export: the records stream in document path order, the articles, and one read snapshot.

The records query walks documents by path and each document's latest extraction by index (migration 4's
indexes), returning plain tuples: on 100,000 records sqlite3.Row and sorting full rows cost more than the query.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from typing import Any

from summariser.store.db import StoreError

# The `current_records` view, computed once per document rather than once per record. Documents are
# sorted (small rows), then their records fetched a chunk of documents at a time through the
# records_by_document index: sorting 100k full record rows in SQLite cost more than the whole query.
# One streaming query in document path order (migration 4's indexes make this an index walk, not a sort).
RECORDS_SQL = """
SELECT r.document_id, r.idx, r.id, CAST(r.record_json AS BLOB), e.model, e.prompt_version, e.extracted_at,
       dc.state, dc.reviewer, CAST(dc.record_json AS BLOB), dc.decided_at, d.path, d.reported, dc.reason, r.added_at,
       e.example_ids_json
FROM documents d
JOIN extractions e ON e.id = (
    SELECT MAX(x.id) FROM extractions x WHERE x.document_id = d.id AND x.state = 'done'
)
JOIN records r ON r.extraction_id = e.id
LEFT JOIN decisions dc ON dc.record_id = r.id
WHERE (r.added_by IS NULL OR dc.state IS NOT NULL) {where}
ORDER BY d.path, d.id, r.idx
"""



def document_paths(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in conn.execute("SELECT id, path FROM documents")]


@contextlib.contextmanager
def read_snapshot(conn: sqlite3.Connection) -> Iterator[None]:
    """One read transaction around what is inside (unless the caller already holds one)."""
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        yield
    finally:
        # A connection closed meanwhile took its snapshot with it.
        with contextlib.suppress(sqlite3.ProgrammingError):
            if own and conn.in_transaction:
                conn.execute("COMMIT")


def record_rows(
    conn: sqlite3.Connection,
    *,
    decided_only: bool,
    complete_only: bool,
    reviewers: tuple[str, ...] = (),
    wanted: set[str] | None = None,
    history: dict[str, list[tuple]] | None = None,
) -> Iterator[tuple]:
    """(document id, idx, record id, record JSON, model, prompt version, extracted at, decision state,
    reviewer, edited JSON, decided at, path, reported, reason, added at, example ids) in path order, all from one
    read snapshot; `history`, when given, is filled first with every record's review events from the same snapshot."""
    where: list[str] = []
    params: list[Any] = []
    if decided_only:
        where.append("dc.state IN ('accepted', 'edited', 'added')")
    if complete_only:
        where.append("EXISTS (SELECT 1 FROM article_reviews ar WHERE ar.document_id = d.id AND ar.state = 'complete')")
    if reviewers:
        where.append(f"dc.reviewer IN ({','.join('?' * len(reviewers))})")
        params.extend(reviewers)
    try:
        with read_snapshot(conn):  # one snapshot for the whole stream (WAL readers never block writers)
            if history is not None:
                for event in conn.execute(
                    "SELECT record_id, at, reviewer, action, before_json, after_json FROM review_events ORDER BY id"
                ):
                    history.setdefault(event[0], []).append(tuple(event[1:]))
            cur = conn.cursor()
            cur.row_factory = None  # plain tuples: much cheaper than sqlite3.Row on 100k rows
            for row in cur.execute(RECORDS_SQL.format(where="".join(f" AND {w}" for w in where)), params):
                if wanted is None or row[0] in wanted:
                    yield row
    except sqlite3.DatabaseError as exc:
        raise StoreError(f"cannot read the store: {exc}") from exc


def document_rows(conn: sqlite3.Connection, ids: set[str], with_text: bool) -> Iterator[tuple[str, str | None, str | None]]:
    # (id, reported, text) of the chosen articles in the order `load_articles` lists them (path, id), streamed.
    cur = conn.cursor()
    cur.row_factory = None
    text = "text" if with_text else "NULL"
    for row in cur.execute(f"SELECT id, reported, {text} FROM documents ORDER BY path, id"):
        if row[0] in ids:
            yield row


def has_decision(conn: sqlite3.Connection, document_id: str) -> bool:
    row = conn.execute(
        "SELECT 1 FROM current_records r JOIN decisions dc ON dc.record_id = r.id WHERE r.document_id = ? LIMIT 1",
        (document_id,),
    ).fetchone()
    return row is not None
