"""The store's side of the register: what linking reads (current records, shown version) and the
reviewers' link decisions with their audit trail (migration 7). Every SQL statement about links is here."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass

import orjson

from summariser.register.identity import LinkInput
from summariser.register.linking import LinkDecision
from summariser.store.decisions import next_version

# Current records (each document's latest successful extraction) in the version a reader sees: the
# reviewer's when edited. Rejected records are read too (every record has an agreement) but never linked.
_CURRENT = """
SELECT r.id, r.document_id, CAST(COALESCE(CASE WHEN dc.state = 'edited' THEN dc.record_json END, r.record_json) AS BLOB),
       dc.state, d.reported
FROM documents d
JOIN extractions e ON e.id = (SELECT MAX(x.id) FROM extractions x WHERE x.document_id = d.id AND x.state = 'done')
JOIN records r ON r.extraction_id = e.id
LEFT JOIN decisions dc ON dc.record_id = r.id
ORDER BY d.path, d.id, r.idx
"""


def link_inputs(conn: sqlite3.Connection) -> list[LinkInput]:
    cur = conn.cursor()
    cur.row_factory = None
    out = []
    for rid, doc_id, record_json, state, reported in cur.execute(_CURRENT):
        rec = orjson.loads(record_json)
        signed = rec.get("date_signed")
        out.append(
            LinkInput(
                record_id=rid,
                document_id=doc_id,
                parties=tuple((p["name"], p["canonical"]) for p in rec["parties"]),
                agreement_type=rec["agreement_type"],
                status=rec["status"],
                date_signed=dt.date.fromisoformat(signed) if signed else None,
                reported=dt.date.fromisoformat(reported) if reported else None,
                linkable=state != "rejected",
            )
        )
    return out


@dataclass(frozen=True)
class LinkRow:
    """A stored link decision (see migration 7)."""

    record_id: str
    action: str
    anchor_id: str | None
    reviewer: str
    decided_at: str
    version: int

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str | None) -> LinkRow | None:
        return cls(**json.loads(text)) if text else None

    def decision(self) -> LinkDecision:
        return LinkDecision(self.record_id, self.action, self.anchor_id)

    def same_as(self, other: LinkRow | None) -> bool:
        """The same decision, whatever its version (an undo restores a row with a new version)."""
        return other is not None and (self.action, self.anchor_id, self.reviewer, self.decided_at) == (
            other.action, other.anchor_id, other.reviewer, other.decided_at
        )  # fmt: skip


@dataclass(frozen=True)
class LinkEvent:
    id: int
    record_id: str
    reviewer: str
    at: str
    action: str
    before: LinkRow | None
    after: LinkRow | None


class LinkStore:
    """Link decisions and events on one connection (the review service's or a Store's)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn

    @contextmanager
    def transaction(self) -> Iterator[None]:
        # IMMEDIATE takes the write lock before reading a version, so two reviewers cannot both pass the check.
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        self.conn.execute("COMMIT")

    def shown_record(self, record_id: str) -> tuple[bytes, str, str | None]:
        """(record JSON in the version a reader sees, document path, document date) of one record."""
        row = self.conn.execute(
            "SELECT CAST(COALESCE(CASE WHEN dc.state = 'edited' THEN dc.record_json END, r.record_json) AS BLOB),"
            " d.path, d.reported FROM records r JOIN documents d ON d.id = r.document_id"
            " LEFT JOIN decisions dc ON dc.record_id = r.id WHERE r.id = ?",
            (record_id,),
        ).fetchone()
        return row[0], row[1], row[2]

    def decisions(self) -> list[LinkDecision]:
        rows = self.conn.execute("SELECT record_id, action, anchor_id FROM link_decisions")
        return [LinkDecision(r[0], r[1], r[2]) for r in rows]

    def get(self, record_id: str) -> LinkRow | None:
        row = self.conn.execute(
            "SELECT record_id, action, anchor_id, reviewer, decided_at, version FROM link_decisions WHERE record_id = ?",
            (record_id,),
        ).fetchone()
        return LinkRow(*row) if row else None

    def version(self, record_id: str) -> int:
        """The current version; with no row, one more than any version ever written (0 if never decided)."""
        row = self.get(record_id)
        if row is not None:
            return row.version
        return next_version(self.conn, "link_events", record_id)

    def write(self, row: LinkRow) -> None:
        self.conn.execute(
            "INSERT INTO link_decisions(record_id, action, anchor_id, reviewer, decided_at, version)"
            " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(record_id) DO UPDATE SET action=excluded.action,"
            " anchor_id=excluded.anchor_id, reviewer=excluded.reviewer, decided_at=excluded.decided_at,"
            " version=excluded.version",
            (row.record_id, row.action, row.anchor_id, row.reviewer, row.decided_at, row.version),
        )

    def delete(self, record_id: str) -> None:
        self.conn.execute("DELETE FROM link_decisions WHERE record_id = ?", (record_id,))

    def event(self, record_id: str, reviewer: str, at: str, action: str, before: LinkRow | None, after: LinkRow | None) -> int:
        cur = self.conn.execute(
            "INSERT INTO link_events(record_id, reviewer, at, action, before_json, after_json) VALUES (?, ?, ?, ?, ?, ?)",
            (record_id, reviewer, at, action, before.to_json() if before else None, after.to_json() if after else None),
        )
        return int(cur.lastrowid or 0)

    def events(self, *, record_id: str | None = None, reviewer: str | None = None) -> list[LinkEvent]:
        """Oldest first; of one record, or of one reviewer (newest first)."""
        if record_id is not None:
            rows = self.conn.execute("SELECT * FROM link_events WHERE record_id = ? ORDER BY id", (record_id,))
        else:
            rows = self.conn.execute("SELECT * FROM link_events WHERE reviewer = ? ORDER BY id DESC", (reviewer,))
        return [_event(r) for r in rows]


def _event(row: sqlite3.Row | tuple) -> LinkEvent:
    rid, record_id, reviewer, at, action, before, after = tuple(row)
    return LinkEvent(rid, record_id, reviewer, at, action, LinkRow.from_json(before), LinkRow.from_json(after))
