"""Queue and progress queries: one SQL statement each, no record JSON parsed, so 10,000 records load fast."""

from __future__ import annotations

import sqlite3
from typing import Any

from summariser.review.model import STATE_FILTERS, Progress, QueueFilter, QueueItem, ReviewError, State

_QUEUE_SQL = """
SELECT r.id, r.document_id, r.idx, r.agreement_type, r.status, r.flags, d.path,
       json_extract(r.record_json, '$.parties[0].name') AS p0,
       json_extract(r.record_json, '$.parties[1].name') AS p1,
       dec.state, dec.reviewer
FROM current_records r
JOIN documents d ON d.id = r.document_id
LEFT JOIN decisions dec ON dec.record_id = r.id
"""

_STATE_WHERE = {
    "undecided": "(dec.state IS NULL OR dec.state = 'skipped')",
    "decided": "dec.state IN ('accepted', 'edited', 'rejected')",
    "accepted": "dec.state = 'accepted'",
    "edited": "dec.state = 'edited'",
    "rejected": "dec.state = 'rejected'",
    "skipped": "dec.state = 'skipped'",
}


def load_queue(conn: sqlite3.Connection, f: QueueFilter) -> list[QueueItem]:
    where: list[str] = []
    params: list[Any] = []
    if f.state:
        if f.state not in STATE_FILTERS:
            raise ReviewError(f"unknown review state {f.state!r}; expected one of {', '.join(STATE_FILTERS)}")
        where.append(_STATE_WHERE[f.state])
    if f.document_id:
        where.append("(r.document_id = ? OR d.path = ?)")
        params += [f.document_id, f.document_id]
    if f.agreement_type:
        where.append("r.agreement_type = ?")
        params.append(f.agreement_type)
    if f.flags:
        # flags are space-separated words; pad with spaces so 'fuzzy' never matches inside another word
        where.append("(" + " OR ".join("(' ' || r.flags || ' ') LIKE ?" for _ in f.flags) + ")")
        params += [f"% {flag} %" for flag in sorted(f.flags)]
    if f.text:
        where.append("(r.record_json LIKE ? ESCAPE '\\' OR d.path LIKE ? ESCAPE '\\')")
        pattern = "%" + f.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params += [pattern, pattern]
    sql = _QUEUE_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.path, r.document_id, r.idx"
    return [
        QueueItem(
            record_id=row[0],
            document_id=row[1],
            idx=row[2],
            agreement_type=row[3],
            status=row[4],
            flags=tuple(row[5].split()) if row[5] else (),
            document_path=row[6],
            first_parties=tuple(p for p in (row[7], row[8]) if p),
            state=State(row[9]) if row[9] else None,
            reviewer=row[10],
        )
        for row in conn.execute(sql, params)
    ]


def load_progress(conn: sqlite3.Connection) -> Progress:
    counts = dict(
        conn.execute(
            "SELECT COALESCE(dec.state, 'undecided'), COUNT(*) FROM current_records r"
            " LEFT JOIN decisions dec ON dec.record_id = r.id GROUP BY 1"
        ).fetchall()
    )
    return Progress(
        total=sum(counts.values()),
        accepted=counts.get("accepted", 0),
        edited=counts.get("edited", 0),
        rejected=counts.get("rejected", 0),
        skipped=counts.get("skipped", 0),
    )


def documents(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(id, path) of documents that have reviewable records, for the document filter."""
    return [
        (r[0], r[1])
        for r in conn.execute(
            "SELECT DISTINCT d.id, d.path FROM current_records r JOIN documents d ON d.id = r.document_id ORDER BY d.path"
        )
    ]
