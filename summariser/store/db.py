"""Opening a store: one SQLite file in WAL mode, migrated to the current schema.

Every failure to open becomes a `StoreError` with a message a person can act on; nothing here
writes to a file that is not already a store of ours (or empty / new).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

from .migrations import MIGRATIONS


class StoreError(Exception):
    """The store cannot be opened or written; the message says why and what to do."""


def utcnow() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def connect(path: str | Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the store at `path`."""
    path = Path(path).expanduser()
    if readonly:
        if not path.exists():
            raise StoreError(f"no store at {path}: run `summarise extract` first")
        uri = f"file:{path}?mode=ro"
        conn = _open(uri, path, uri=True)
        _check_is_ours(conn, path)
        return conn
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create the folder for the store {path}: {exc.strerror or exc}") from exc
    conn = _open(str(path), path)
    _check_is_ours(conn, path)
    try:
        conn.execute("PRAGMA journal_mode=WAL")
        apply_migrations(conn)
    except sqlite3.OperationalError as exc:
        conn.close()
        msg = str(exc)
        if "readonly" in msg or "read-only" in msg or "unable to open" in msg:
            raise StoreError(f"the store {path} is not writable ({msg}); choose another with --store") from exc
        raise StoreError(f"cannot use the store {path}: {msg}") from exc
    return conn


def _open(target: str, path: Path, *, uri: bool = False) -> sqlite3.Connection:
    try:
        # isolation_level=None: we manage transactions explicitly (BEGIN IMMEDIATE ... COMMIT).
        conn = sqlite3.connect(target, uri=uri, timeout=30.0, isolation_level=None, check_same_thread=False)
    except sqlite3.OperationalError as exc:
        raise StoreError(f"cannot open the store {path}: {exc}") from exc
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    return conn


def _check_is_ours(conn: sqlite3.Connection, path: Path) -> None:
    try:
        names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise StoreError(f"{path} is not a summariser store (not an SQLite database: {exc}); nothing was changed") from exc
    if names and "schema_migrations" not in names:
        conn.close()
        raise StoreError(f"{path} is an SQLite database but not a summariser store; nothing was changed")


def apply_migrations(conn: sqlite3.Connection) -> int:
    """Run the migrations this store has not recorded; returns the schema version now in force."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations ("
        " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
    )
    done = {r[0] for r in conn.execute("SELECT version FROM schema_migrations")}
    newest_known = MIGRATIONS[-1][0]
    if done and max(done) > newest_known:
        raise StoreError(
            f"this store was written by a newer summariser (schema {max(done)} > {newest_known}); upgrade to open it"
        )
    for version, name, sql in MIGRATIONS:
        if version in done:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(sql):
                conn.execute(statement)
            conn.execute(
                "INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                (version, name, utcnow()),
            )
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return newest_known


def _statements(sql: str) -> list[str]:
    # executescript() would commit our open transaction; split on complete statements instead.
    out, buf = [], ""
    for line in sql.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
