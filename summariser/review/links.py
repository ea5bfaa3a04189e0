"""Reviewers' decisions on which agreement a record belongs to: confirm a proposed link, split a record
off into its own agreement, or relink it to another agreement found by search; undo; conflicts.

Like record decisions: each is one transaction (decision row + audit event) committed before the method
returns; `link_decisions.version` only grows, and a decision based on a version older than the one last
shown to this reviewer is refused with `LinkConflict` (and a `conflict` event). Undo takes this reviewer's
last link decision not yet undone and restores what was there before, unless someone changed it since.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from summariser.register.identity import LinkInput
from summariser.register.view import agreement_ids
from summariser.review.model import ReviewError
from summariser.store.db import utcnow
from summariser.store.links import LinkEvent, LinkRow, LinkStore


class LinkConflict(ReviewError):
    """Another reviewer changed this record's link since this one saw it."""

    def __init__(self, record_id: str, theirs: LinkRow | None) -> None:
        self.record_id = record_id
        self.theirs = theirs
        who = f"{theirs.reviewer} chose '{theirs.action}' for" if theirs else "someone undid the link decision on"
        super().__init__(f"conflict: {who} this record meanwhile; nothing was overwritten")


@dataclass(frozen=True)
class Report:
    """One record of an agreement as the review app lists it."""

    record_id: str
    path: str
    reported: str | None
    agreement_type: str
    status: str
    date_signed: str | None
    parties: tuple[str, ...]
    summary: str
    quotes: tuple[str, ...]
    decided: str | None  # the link decision on it, if any


class LinkService:
    def __init__(self, store: Any, reviewer: str) -> None:
        if not reviewer or not reviewer.strip():
            raise ReviewError("a reviewer name is needed (use --reviewer NAME)")
        self.conn = store.conn
        self.reviewer = reviewer.strip()
        self.links = LinkStore(self.conn)
        self._seen: dict[str, int] = {}
        self.refresh()

    # ------------------------------------------------------------------ reading
    def refresh(self) -> None:
        """Re-read the records and decisions and regroup them (after a decision, or to take in others')."""
        inputs, ids = agreement_ids(self.conn)
        self.inputs: dict[str, LinkInput] = {r.record_id: r for r in inputs}
        self.agreement_of = ids
        self.members: dict[str, list[str]] = {}
        for rid in self.inputs:
            self.members.setdefault(ids[rid], []).append(rid)

    def reports(self, record_id: str) -> list[Report]:
        """Every report of the record's agreement, the record first, the others by date; remembers the
        link versions shown so that a decision taken on this view can be conflict-checked."""
        agreement = self.agreement_of.get(record_id)
        if agreement is None:
            raise ReviewError(f"record {record_id} is not a current record")
        others = sorted((r for r in self.members[agreement] if r != record_id), key=lambda r: (self._date(r), r))
        out = [self._report(r) for r in [record_id, *others]]
        for rid in (record_id, *others):
            self._seen[rid] = self.links.version(rid)
        return out

    def search(self, text: str, *, exclude: str | None = None, limit: int = 20) -> list[tuple[str, list[Report]]]:
        """Agreements whose reports mention `text` (party, type, summary or file name), with their reports."""
        needle = text.casefold().strip()
        if not needle:
            return []
        skip = self.agreement_of.get(exclude) if exclude else None
        hits = []
        for agreement, rids in self.members.items():
            if agreement == skip:
                continue
            reports = [self._report(r) for r in rids]
            if any(needle in " ".join((*r.parties, r.summary, r.path, r.agreement_type.replace("_", " "))).casefold() for r in reports):
                hits.append((agreement, reports))
            if len(hits) >= limit:
                break
        return hits

    def history(self, record_id: str) -> list[LinkEvent]:
        return self.links.events(record_id=record_id)

    # ------------------------------------------------------------------ decisions
    def confirm(self, record_id: str) -> LinkRow:
        """The record belongs where it is: pinned to another report of its agreement (alone: kept alone)."""
        others = [r for r in self.members.get(self.agreement_of.get(record_id, ""), []) if r != record_id]
        if not others:
            return self._decide(record_id, "split", None)
        return self._decide(record_id, "confirm", min(others))

    def split(self, record_id: str) -> LinkRow:
        """The record is an agreement of its own."""
        return self._decide(record_id, "split", None)

    def relink(self, record_id: str, agreement: str) -> LinkRow:
        """The record belongs to `agreement` (an id from `search`)."""
        members = [r for r in self.members.get(agreement, []) if r != record_id]
        if not members:
            raise ReviewError(f"no agreement {agreement} to link to")
        return self._decide(record_id, "relink", min(members))

    def _decide(self, record_id: str, action: str, anchor: str | None) -> LinkRow:
        if record_id not in self.inputs:
            raise ReviewError(f"record {record_id} is not a current record")
        with self.links.transaction():
            before = self.links.get(record_id)
            current = self.links.version(record_id)
            seen = self._seen.get(record_id, current)
            if seen != current:
                attempted = LinkRow(record_id, action, anchor, self.reviewer, utcnow(), current + 1)
                self.links.event(record_id, self.reviewer, utcnow(), "conflict", before, attempted)
                after = None
            else:
                after = LinkRow(record_id, action, anchor, self.reviewer, utcnow(), current + 1)
                self.links.write(after)
                self.links.event(record_id, self.reviewer, after.decided_at, action, before, after)
        if after is None:
            self._seen[record_id] = current
            raise LinkConflict(record_id, before)
        self._seen[record_id] = after.version
        self.refresh()
        return after

    def undo(self) -> LinkEvent | None:
        """Undo this reviewer's last link decision not yet undone; None when there is none."""
        with self.links.transaction():
            target = self._undo_target()
            if target is None:
                return None
            current = self.links.get(target.record_id)
            version = self.links.version(target.record_id)
            if target.after is None or not target.after.same_as(current):
                self.links.event(target.record_id, self.reviewer, utcnow(), "conflict", current, target.before)
                conflict = True
            else:
                conflict = False
                restored = None
                if target.before is not None:
                    b = target.before
                    restored = LinkRow(b.record_id, b.action, b.anchor_id, b.reviewer, b.decided_at, version + 1)
                    self.links.write(restored)
                else:
                    self.links.delete(target.record_id)
                self.links.event(target.record_id, self.reviewer, utcnow(), "undo", current, restored)
        if conflict:
            raise LinkConflict(target.record_id, current)
        self._seen[target.record_id] = version + 1
        self.refresh()
        return self.links.events(record_id=target.record_id)[-1]

    def _undo_target(self) -> LinkEvent | None:
        pending = 0
        for event in self.links.events(reviewer=self.reviewer):  # newest first
            if event.action == "undo":
                pending += 1
            elif event.action == "conflict":
                continue
            elif pending:
                pending -= 1
            else:
                return event
        return None

    # ------------------------------------------------------------------ helpers
    def _date(self, record_id: str) -> str:
        r = self.inputs[record_id]
        d = r.date_signed or r.reported
        return d.isoformat() if d else "9999"

    def _report(self, record_id: str) -> Report:
        import orjson

        row = self.links.shown_record(record_id)
        rec = orjson.loads(row[0])
        decided = self.links.get(record_id)
        return Report(
            record_id=record_id,
            path=row[1],
            reported=row[2],
            agreement_type=rec["agreement_type"],
            status=rec["status"],
            date_signed=rec.get("date_signed"),
            parties=tuple(p["name"] for p in rec["parties"]),
            summary=rec.get("summary") or "",
            quotes=tuple(dict.fromkeys(e["quote"] for e in rec.get("evidence") or ())),
            decided=decided.action if decided else None,
        )
