"""Queue and progress queries: one SQL statement each, no record JSON parsed, so 10,000 records load fast."""

from __future__ import annotations

import sqlite3
from typing import Any

from summariser.review.model import STATE_FILTERS, Progress, QueueFilter, QueueItem, ReviewError, State

# A decision that carries the reviewer's version (record_json) describes the record: its type, status and
# flags are what the queue shows and filters on.
_TYPE = "COALESCE(json_extract(dec.record_json, '$.agreement_type'), r.agreement_type)"
_STATUS = "COALESCE(json_extract(dec.record_json, '$.status'), r.status)"
_FLAGS = "COALESCE(dec.flags, r.flags)"

_QUEUE_SQL = f"""
SELECT r.id, r.document_id, r.idx, {_TYPE}, {_STATUS}, {_FLAGS}, d.path, dec.state, dec.reviewer, r.flags
FROM current_records r
JOIN documents d ON d.id = r.document_id
LEFT JOIN decisions dec ON dec.record_id = r.id
"""

_STATE_WHERE = {
    "undecided": "(dec.state IS NULL OR dec.state = 'skipped')",
    "decided": "dec.state IN ('accepted', 'edited', 'rejected', 'added')",
    "accepted": "dec.state = 'accepted'",
    "edited": "dec.state = 'edited'",
    "rejected": "dec.state = 'rejected'",
    "skipped": "dec.state = 'skipped'",
    "added": "dec.state = 'added'",
}


def load_queue_item(conn: sqlite3.Connection, record_id: str) -> QueueItem | None:
    """One record's queue entry, as `load_queue` would list it."""
    row = conn.execute(_QUEUE_SQL + " WHERE r.id = ?", (record_id,)).fetchone()
    return _item(row, None) if row else None


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
        where.append(f"{_TYPE} = ?")
        params.append(f.agreement_type)
    if f.flags:
        # flags are space-separated words; pad with spaces so 'fuzzy' never matches inside another word
        where.append("(" + " OR ".join(f"(' ' || {_FLAGS} || ' ') LIKE ?" for _ in f.flags) + ")")
        params += [f"% {flag} %" for flag in sorted(f.flags)]
    if f.text:
        where.append(
            "(COALESCE(dec.record_json, r.record_json) LIKE ? ESCAPE '\\' OR d.path LIKE ? ESCAPE '\\')"
        )
        pattern = "%" + f.text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        params += [pattern, pattern]
    sql = _QUEUE_SQL + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.path, r.document_id, r.idx"
    items: list[QueueItem] = []
    loader = _PartiesLoader(conn, items)
    items.extend(
        _item(row, loader) for row in conn.execute(sql, params) if f.documents is None or row[1] in f.documents
    )
    return items


def _item(row: Any, loader: _PartiesLoader | None) -> QueueItem:
    return QueueItem(
        record_id=row[0],
        document_id=row[1],
        idx=row[2],
        agreement_type=row[3],
        status=row[4],
        flags=tuple(row[5].split()) if row[5] else (),
        document_path=row[6],
        state=State(row[7]) if row[7] else None,
        reviewer=row[8],
        base_flags=tuple(row[9].split()) if row[9] else (),
        parties_loader=loader,
    )


class _PartiesLoader:
    """Reads the first two party names for a window of the queue at once: a screenful costs one query."""

    WINDOW = 64

    def __init__(self, conn: sqlite3.Connection, items: list[QueueItem]) -> None:
        self.conn = conn
        self.items = items
        self.positions: dict[str, int] | None = None

    def __call__(self, item: QueueItem) -> None:
        if self.positions is None:
            self.positions = {q.record_id: i for i, q in enumerate(self.items)}
        at = self.positions.get(item.record_id, 0)
        window = [q for q in self.items[max(0, at - self.WINDOW // 2) : at + self.WINDOW] if q.parties is None]
        if item not in window:
            window.append(item)
        version = "COALESCE(dec.record_json, r.record_json)"
        names = {
            row[0]: row[1:]
            for row in self.conn.execute(
                f"SELECT r.id, json_extract({version}, '$.parties[0].name'), json_extract({version}, '$.parties[1].name'),"
                f" json_extract({version}, '$.parties[0].canonical'), json_extract({version}, '$.parties[1].canonical')"
                " FROM records r LEFT JOIN decisions dec ON dec.record_id = r.id"
                f" WHERE r.id IN ({','.join('?' * len(window))})",
                [q.record_id for q in window],
            )
        }
        for q in window:
            found = names.get(q.record_id, (None,) * 4)
            q.parties = tuple(p for p in found[:2] if p)
            # The shorter of name and canonical name: a queue row has room for little.
            q.short_parties = tuple(min((n, c or n), key=len) for n, c in zip(found[:2], found[2:], strict=False) if n)


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
        added=counts.get("added", 0),
    )


def documents(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    """(id, path) of documents that have reviewable records, for the document filter."""
    return [
        (r[0], r[1])
        for r in conn.execute(
            "SELECT DISTINCT d.id, d.path FROM current_records r JOIN documents d ON d.id = r.document_id ORDER BY d.path"
        )
    ]
