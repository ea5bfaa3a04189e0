"""The review logic, headless: a queue over the store, decisions, undo, audit and two-reviewer safety.

Durability: every decision is one SQLite transaction (decision row + audit event) committed before the
method returns, so whatever the app shows as decided is on disk.

Two reviewers: `decisions.version` only ever grows. The service remembers the version it last showed
for each record; a write based on an older version is refused with `ConflictError` (and a `conflict`
event), so nobody's decision is overwritten without having been seen first.
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from collections import Counter
from contextlib import AbstractContextManager
from typing import Any

from summariser.review.model import (
    DONE_STATES,
    ConflictError,
    Decision,
    EditError,
    Event,
    OverrideNeeded,
    Progress,
    QueueFilter,
    QueueItem,
    ReviewError,
    ReviewItem,
    State,
    changed_fields,
)
from summariser.review.queue import load_progress, load_queue, load_queue_item
from summariser.schema import AgreementRecord, Document
from summariser.store import decisions as store_decisions
from summariser.store.db import utcnow

DECISION_ACTIONS = ("accept", "reject", "edit", "skip")
_ACTION_OF = {
    State.accepted: "accept", State.rejected: "reject", State.edited: "edit", State.skipped: "skip", State.added: "add"
}


class ReviewService:
    def __init__(self, store: Any, reviewer: str, *, queue_filter: QueueFilter | None = None) -> None:
        if not reviewer or not reviewer.strip():
            raise ReviewError("a reviewer name is needed (use --reviewer NAME)")
        self.store = store
        self.conn: sqlite3.Connection = store.conn
        self.reviewer = reviewer.strip()
        self.filter = queue_filter or QueueFilter()
        self.queue: list[QueueItem] = []
        self.position = 0
        self._seen: dict[str, int] = {}  # record id -> decision version last shown to this reviewer
        self._doc_cache: tuple[str, Document] | None = None
        self._counts: Counter[State | None] = Counter()
        self._events_seen = self._last_event_id()
        self.reload()
        self.position = self.resume_position()

    # ------------------------------------------------------------------ queue and position
    def reload(self, queue_filter: QueueFilter | None = None) -> None:
        """Re-read the queue (optionally with a new filter), keeping the current record if it is still listed."""
        keep = self.queue[self.position].record_id if self.queue else None
        if queue_filter is not None:
            self.filter = queue_filter
        self.queue = load_queue(self.conn, self.filter)
        self.refresh_progress()
        ids = [q.record_id for q in self.queue]
        self.position = ids.index(keep) if keep in ids else 0

    def resume_position(self) -> int:
        """The first record nobody has decided; else the first skipped one; else the start."""
        for i, item in enumerate(self.queue):
            if item.state is None:
                return i
        for i, item in enumerate(self.queue):
            if item.state is State.skipped:
                return i
        return 0

    def goto(self, index: int) -> None:
        if self.queue:
            self.position = max(0, min(index, len(self.queue) - 1))

    def next(self) -> None:
        self.goto(self.position + 1)

    def prev(self) -> None:
        self.goto(self.position - 1)

    def goto_record(self, record_id: str) -> bool:
        for i, item in enumerate(self.queue):
            if item.record_id == record_id:
                self.position = i
                return True
        return False

    @property
    def current_item(self) -> QueueItem | None:
        return self.queue[self.position] if self.queue else None

    def current(self) -> ReviewItem | None:
        """The record at the current position, read fresh (its decision version is remembered for writes)."""
        item = self.current_item
        return self.load_item(item) if item else None

    def load_item(self, item: QueueItem) -> ReviewItem:
        suggested = self._suggested(item.record_id)
        decision = self._decision(item.record_id)
        self._seen[item.record_id] = self._version(item.record_id, decision)
        self._sync_item(item, decision)
        document = self._document(item.document_id)
        review = ReviewItem(item, suggested, decision, document, item.flags)
        if decision and decision.record_json:
            flags = decision.flags.split() if decision.flags is not None else None
            if flags is None:  # decided before flags were kept with the reviewer's version
                from summariser.flags import record_flags

                flags = record_flags(review.shown, document.text)
            item.flags = tuple(flags)
            review = ReviewItem(item, suggested, decision, document, item.flags)
        return review

    def progress(self) -> Progress:
        """Counts over every current record; kept up to date by this service's own changes (cheap per key),
        re-read from the store by `refresh_progress` to take in other reviewers' work."""
        c = self._counts
        return Progress(
            total=sum(c.values()),
            accepted=c[State.accepted],
            edited=c[State.edited],
            rejected=c[State.rejected],
            skipped=c[State.skipped],
            added=c[State.added],
        )

    def refresh_progress(self) -> Progress:
        p = load_progress(self.conn)
        self._counts = Counter(
            {
                None: p.total - p.done - p.skipped,
                State.accepted: p.accepted,
                State.edited: p.edited,
                State.rejected: p.rejected,
                State.skipped: p.skipped,
                State.added: p.added,
            }
        )
        return p

    def refresh_from_others(self) -> list[int]:
        """Take in the decisions other reviewers made since the last call: their records' queue entries and
        the counts follow. Returns the queue positions that changed."""
        last = self._last_event_id()
        if last == self._events_seen:
            return []
        ids = store_decisions.records_changed_by_others(self.conn, self._events_seen, self.reviewer)
        self._events_seen = last
        changed = [i for i, q in enumerate(self.queue) if q.record_id in ids] if ids else []
        for i in changed:
            item = self.queue[i]
            decision = self._decision(item.record_id)
            item.state, item.reviewer = (decision.state, decision.reviewer) if decision else (None, None)
            self._describe(item)
        self.refresh_progress()
        return changed

    def _last_event_id(self) -> int:
        return store_decisions.last_event_id(self.conn)

    # ------------------------------------------------------------------ decisions
    def accept(self, *, confirm: bool = False) -> Decision:
        """Accept the version on screen: a reviewer's edited version stays the one kept (state `edited`)."""
        return self._decide(State.accepted, confirm=confirm)

    def reject(self, reason: str | None = None, *, confirm: bool = False) -> Decision:
        """Reject the version on screen (an edited version stays with the rejection, so it is not lost)."""
        return self._decide(State.rejected, reason=(reason or "").strip() or None, confirm=confirm)

    def skip(self) -> Decision | None:
        """Move on without deciding; an undecided record is marked skipped so resume goes past it."""
        item = self.current_item
        if item is None:
            return None
        decision = None
        if item.state is None:
            decision = self._decide(State.skipped, advance=False)
        self.next()
        return decision

    def validate_edit(self, data: dict[str, Any] | AgreementRecord) -> AgreementRecord:
        """The reviewer's version, validated and with every quote grounded in the article; else EditError."""
        item = self.current_item
        if item is None:
            raise ReviewError("the queue is empty")
        decision = self._decision(item.record_id)
        previous = decision.edited_record if decision else None
        return self.validate_for(item.document_id, data, previous or self._suggested(item.record_id))

    def validate_for(
        self, document_id: str, data: dict[str, Any] | AgreementRecord, previous: AgreementRecord | None = None
    ) -> AgreementRecord:
        """`validate_edit` against the article `document_id`; a record being added has no `previous` version."""
        from summariser.review.checks import checked_edit  # rapidfuzz and the splitter: only editing needs them

        return checked_edit(data, self._document(document_id), previous)

    def article_names(self, document_id: str) -> tuple[dict[str, str], list[str]]:
        """The names found in an article: its records' parties (name -> canonical name) and signatories, as
        the model suggested them and as reviewers wrote them; the edit form offers them as one types."""
        orgs: dict[str, str] = {}
        people: list[str] = []
        for versions in store_decisions.record_versions(self.conn, document_id):
            for text in filter(None, versions):
                record = json.loads(text)
                for party in record.get("parties") or ():
                    orgs.setdefault(party["name"], party["canonical"])
                people.extend(s["name"] for s in record.get("signatories") or () if s["name"] not in people)
        return orgs, people

    def edit(self, new_record: dict[str, Any] | AgreementRecord, *, confirm: bool = False) -> Decision:
        """Save the reviewer's version next to the suggestion; an edit that changes nothing is an accept."""
        record = self.validate_edit(new_record)
        item = self.current_item
        assert item is not None
        if not changed_fields(self._suggested(item.record_id), record):
            return self._decide(State.accepted, confirm=confirm, keep_version=False)
        from summariser.flags import record_flags

        flags = " ".join(record_flags(record, self._document(item.document_id).text))
        return self._decide(State.edited, record_json=record.model_dump_json(), flags=flags, confirm=confirm)

    def _decide(
        self,
        state: State,
        *,
        reason: str | None = None,
        record_json: str | None = None,
        flags: str | None = None,
        advance: bool = True,
        confirm: bool = False,
        keep_version: bool = True,
    ) -> Decision:
        """Write `state` over the current decision. Accept and reject apply to the version on screen, so a
        reviewer's version carried by the decision they replace is carried on (`keep_version`)."""
        item = self.current_item
        if item is None:
            raise ReviewError("the queue is empty")
        action = _ACTION_OF[state]
        override = None
        with self._transaction():
            before = self._decision(item.record_id)
            current_version = self._version(item.record_id, before)
            seen = self._seen.get(item.record_id, current_version)
            if seen != current_version:
                self._conflict(item.record_id, before, state, reason, record_json, current_version + 1)
            elif before is not None and not confirm and self._is_others(before):
                override = before
            else:
                if keep_version and record_json is None and before is not None and before.record_json:
                    record_json, flags = before.record_json, before.flags
                    state = State.edited if state is State.accepted else state
                after = Decision(
                    item.record_id, state, self.reviewer, record_json, reason, utcnow(), current_version + 1, flags
                )
                self._write(after)
                self._event(item.record_id, action, before, after)
        if override is not None:
            raise OverrideNeeded(item.record_id, override, action)
        if seen != current_version:
            self._seen[item.record_id] = current_version
            self._sync_item(item, before)
            raise ConflictError(item.record_id, before)
        self._seen[item.record_id] = after.version
        self._sync_item(item, after)
        self._describe(item)
        if advance:
            self.next()
        return after

    def _is_others(self, decision: Decision) -> bool:
        return decision.reviewer != self.reviewer and decision.state in DONE_STATES

    def _conflict(
        self, record_id: str, theirs: Decision | None, state: State, reason: str | None, record_json: str | None, v: int
    ) -> None:
        attempted = Decision(record_id, state, self.reviewer, record_json, reason, utcnow(), v)
        self._event(record_id, "conflict", theirs, attempted)

    # ------------------------------------------------------------------ undo and history
    def undo(self) -> Event | None:
        """Undo this reviewer's last decision not yet undone (stack order); returns the undo event.

        The previous decision row is restored (or removed if there was none) with a new, higher version,
        and the queue moves to that record. If another reviewer has changed the record since, nothing
        changes and ConflictError says who.
        """
        with self._transaction():
            target = self._undo_target()
            if target is None:
                return None
            current = self._decision(target.record_id)
            current_version = self._version(target.record_id, current)
            if target.after is None or current is None or not _same_decision(current, target.after):
                self._event(target.record_id, "conflict", current, target.before)
                conflict = True
            else:
                conflict = False
                restored = None
                if target.before is not None:
                    b = target.before
                    restored = dataclasses.replace(b, version=current_version + 1)
                    self._write(restored)
                else:
                    store_decisions.delete_decision(self.conn, target.record_id)
                event_id = self._event(target.record_id, "undo", current, restored)
        if conflict:
            raise ConflictError(target.record_id, current)
        self._seen[target.record_id] = current_version + 1
        if self.goto_record(target.record_id):
            self._sync_item(self.queue[self.position], restored)
            self._describe(self.queue[self.position])
        elif current is not None:  # undone on a record the filter hides: the counts still change
            self._counts[current.state] -= 1
            self._counts[restored.state if restored else None] += 1
        return _event(store_decisions.event_row(self.conn, event_id))

    def _undo_target(self) -> Event | None:
        pending_undos = 0
        for row in store_decisions.undoable_event_rows(self.conn, self.reviewer):
            if row["action"] == "undo":
                pending_undos += 1
            elif pending_undos:
                pending_undos -= 1
            else:
                return _event(row)
        return None

    def history(self, record_id: str | None = None) -> list[Event]:
        record_id = record_id or (self.current_item.record_id if self.current_item else None)
        if record_id is None:
            return []
        return [_event(r) for r in store_decisions.record_event_rows(self.conn, record_id)]

    # ------------------------------------------------------------------ store access
    def _transaction(self) -> AbstractContextManager[None]:
        # IMMEDIATE takes the write lock before reading the version, so two reviewers cannot both pass the check.
        return store_decisions.immediate(self.conn)

    def _suggested(self, record_id: str) -> AgreementRecord:
        text = store_decisions.suggested_json(self.conn, record_id)
        if text is None:
            raise ReviewError(f"record {record_id} is no longer in the store")
        return AgreementRecord.model_validate_json(text)

    def _decision(self, record_id: str) -> Decision | None:
        row = store_decisions.decision_row(self.conn, record_id)
        return Decision.from_mapping(row) if row else None

    def _version(self, record_id: str, decision: Decision | None) -> int:
        if decision is not None:
            return decision.version
        # No row: never decided (0), or undone to nothing, which counts as one more change than the
        # highest version ever written, so versions never repeat and a stale view still conflicts.
        return store_decisions.next_version(self.conn, "review_events", record_id)

    def _write(self, d: Decision) -> None:
        store_decisions.write_decision(
            self.conn, d.record_id, str(d.state), d.reviewer, d.record_json, d.reason, d.decided_at, d.version, d.flags
        )

    def _event(self, record_id: str, action: str, before: Decision | None, after: Decision | None) -> int:
        return store_decisions.insert_event(
            self.conn,
            record_id,
            self.reviewer,
            utcnow(),
            action,
            json.dumps(before.to_dict()) if before else None,
            json.dumps(after.to_dict()) if after else None,
        )

    def _document(self, document_id: str) -> Document:
        if self._doc_cache and self._doc_cache[0] == document_id:
            return self._doc_cache[1]
        row = store_decisions.document_row(self.conn, document_id)
        if row is None:
            raise ReviewError(f"document {document_id} is missing from the store")
        doc = Document(id=row["id"], path=row["path"], reported=row["reported"], text=row["text"])
        self._doc_cache = (document_id, doc)
        return doc

    def _sync_item(self, item: QueueItem, decision: Decision | None) -> None:
        new = decision.state if decision else None
        self._counts[item.state] -= 1
        self._counts[new] += 1
        item.state = new
        item.reviewer = decision.reviewer if decision else None

    def _describe(self, item: QueueItem) -> None:
        """Re-read what the queue shows for `item` after its decision changed (the version kept may differ)."""
        fresh = load_queue_item(self.conn, item.record_id)
        if fresh is not None:
            item.agreement_type, item.status, item.flags = fresh.agreement_type, fresh.status, fresh.flags
            item.parties = None


def _same_decision(a: Decision, b: Decision) -> bool:
    # Versions differ after an undo restores a row; who decided what, and when, identifies a decision.
    return (a.state, a.reviewer, a.record_json, a.reason, a.decided_at) == (
        b.state, b.reviewer, b.record_json, b.reason, b.decided_at
    )


def _event(row: sqlite3.Row) -> Event:
    return Event(
        id=row["id"],
        record_id=row["record_id"],
        reviewer=row["reviewer"],
        at=row["at"],
        action=row["action"],
        before=Decision.from_json(row["before_json"]),
        after=Decision.from_json(row["after_json"]),
    )


__all__ = [
    "DONE_STATES",
    "ConflictError",
    "Decision",
    "EditError",
    "Event",
    "OverrideNeeded",
    "Progress",
    "QueueFilter",
    "QueueItem",
    "ReviewError",
    "ReviewItem",
    "ReviewService",
    "State",
    "changed_fields",
]
