"""The review vocabulary: queue entries, decisions, audit events, filters and the errors a reviewer sees.

Plain data, no I/O: the service fills these from the store and the TUI only displays them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from summariser.schema import AgreementRecord, Document


class State(StrEnum):
    accepted = "accepted"
    edited = "edited"
    rejected = "rejected"
    skipped = "skipped"
    added = "added"  # a record the reviewer added (the extractor missed it)


# A record counts as done once one of these is its decision; skipped records still need one.
DONE_STATES = frozenset({State.accepted, State.edited, State.rejected, State.added})

# Filter values for the review state; "undecided" means no decision yet, or skipped.
STATE_FILTERS = ("undecided", "decided", "accepted", "edited", "rejected", "skipped", "added")


@dataclass(frozen=True)
class Decision:
    """A row of `decisions`: the reviewer's current verdict on one record."""

    record_id: str
    state: State
    reviewer: str
    record_json: str | None
    reason: str | None
    decided_at: str
    version: int
    flags: str | None = None  # of the version in record_json (space-separated); None: the suggestion's apply

    @property
    def edited_record(self) -> AgreementRecord | None:
        return AgreementRecord.model_validate_json(self.record_json) if self.record_json else None

    def to_dict(self) -> dict[str, Any]:
        return {
            "record_id": self.record_id,
            "state": str(self.state),
            "reviewer": self.reviewer,
            "record_json": self.record_json,
            "reason": self.reason,
            "decided_at": self.decided_at,
            "version": self.version,
            "flags": self.flags,
        }

    @classmethod
    def from_mapping(cls, row: Any) -> Decision:
        return cls(
            record_id=row["record_id"],
            state=State(row["state"]),
            reviewer=row["reviewer"],
            record_json=row["record_json"],
            reason=row["reason"],
            decided_at=row["decided_at"],
            version=int(row["version"]),
            flags=row["flags"] if "flags" in row.keys() else None,  # noqa: SIM118 (sqlite3.Row: `in` looks at values)
        )

    @classmethod
    def from_json(cls, text: str | None) -> Decision | None:
        return cls.from_mapping(json.loads(text)) if text else None


@dataclass(frozen=True)
class Event:
    """One appended row of `review_events`."""

    id: int
    record_id: str
    reviewer: str
    at: str
    action: str
    before: Decision | None
    after: Decision | None


@dataclass
class QueueItem:
    """What the queue shows for a record without parsing the record itself (fast for 10,000 rows)."""

    record_id: str
    document_id: str
    document_path: str
    idx: int
    agreement_type: str
    status: str
    flags: tuple[str, ...]
    state: State | None = None
    reviewer: str | None = None
    base_flags: tuple[str, ...] = ()  # the suggestion's flags; `flags` are those of the version the decision keeps
    # The first two parties' names come from the record JSON; reading them for 10,000 rows would double the
    # queue's load time, so whoever builds the queue may leave them to `parties_loader`, asked on first use.
    parties: tuple[str, ...] | None = None
    short_parties: tuple[str, ...] = ()  # the same parties, each by the shorter of its name and canonical name
    parties_loader: Callable[[QueueItem], None] | None = field(default=None, repr=False, compare=False)

    @property
    def first_parties(self) -> tuple[str, ...]:
        if self.parties is None and self.parties_loader is not None:
            self.parties_loader(self)
        return self.parties or ()

    @property
    def done(self) -> bool:
        return self.state in DONE_STATES


@dataclass(frozen=True)
class ReviewItem:
    """The record on screen: the suggestion, the reviewer's decision and the article it came from."""

    queue_item: QueueItem
    suggested: AgreementRecord
    decision: Decision | None
    document: Document
    flags: tuple[str, ...]

    @property
    def record_id(self) -> str:
        return self.queue_item.record_id

    @property
    def shown(self) -> AgreementRecord:
        """The version the reviewer works from: a reviewer's version if the decision carries one (an edit, or
        the edited version someone accepted or rejected), else the model's suggestion."""
        edited = self.decision.edited_record if self.decision else None
        return edited or self.suggested


@dataclass(frozen=True)
class QueueFilter:
    state: str | None = None  # one of STATE_FILTERS, None for all
    document_id: str | None = None
    agreement_type: str | None = None
    flags: frozenset[str] = field(default_factory=frozenset)  # records having any of these
    text: str | None = None  # substring of the record JSON or the document path
    documents: frozenset[str] | None = None  # only these articles' records (the article filter), None for all

    def describe(self) -> str:
        parts = []
        if self.state:
            parts.append(self.state)
        if self.agreement_type:
            parts.append(self.agreement_type)
        if self.flags:
            parts.append("flags:" + ",".join(sorted(self.flags)))
        if self.document_id:
            parts.append("doc:" + self.document_id[:8])
        if self.text:
            parts.append(f"/{self.text}")
        return " ".join(parts) or "all"


@dataclass(frozen=True)
class Progress:
    total: int
    accepted: int
    edited: int
    rejected: int
    skipped: int
    added: int = 0

    @property
    def done(self) -> int:
        return self.accepted + self.edited + self.rejected + self.added

    @property
    def remaining(self) -> int:
        return self.total - self.done


class ReviewError(Exception):
    """A review action cannot be done; the message says why."""


class ConflictError(ReviewError):
    """Another reviewer changed the record since this one saw it; `theirs` is their decision (None if undone)."""

    def __init__(self, record_id: str, theirs: Decision | None) -> None:
        self.record_id = record_id
        self.theirs = theirs
        who = f"{theirs.reviewer} {theirs.state}" if theirs else "someone undid the decision on"
        super().__init__(f"conflict: {who} this record meanwhile; nothing was overwritten")


class OverrideNeeded(ReviewError):
    """The record carries another reviewer's decision: deciding over it needs the reviewer's say-so
    (`confirm=True`). `theirs` is the decision that would be replaced."""

    def __init__(self, record_id: str, theirs: Decision, attempted: str) -> None:
        self.record_id = record_id
        self.theirs = theirs
        self.attempted = attempted
        why = f" ({theirs.reason})" if theirs.reason else ""
        super().__init__(
            f"{theirs.reviewer} {theirs.state} this record{why} at {theirs.decided_at[:16].replace('T', ' ')}; "
            f"your {attempted} would replace that decision"
        )


class EditError(ReviewError):
    """An edit was refused; `errors` maps a field path (e.g. 'evidence.0.quote') to what is wrong."""

    def __init__(self, errors: dict[str, str]) -> None:
        self.errors = errors
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))


def changed_fields(suggested: AgreementRecord, edited: AgreementRecord) -> list[str]:
    """Top-level fields the reviewer changed, in schema order.

    Evidence counts as changed when the quotes or the fields they support differ; offsets are
    recomputed by grounding, so they are not a change the reviewer made.
    """
    out = []
    for name in AgreementRecord.model_fields:
        if name == "evidence":
            if _evidence_key(suggested) != _evidence_key(edited):
                out.append(name)
        elif getattr(suggested, name) != getattr(edited, name):
            out.append(name)
    return out


def _evidence_key(record: AgreementRecord) -> list[tuple[str, tuple[str, ...]]]:
    return [(e.quote, tuple(e.fields)) for e in record.evidence]
