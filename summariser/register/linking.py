"""Records grouped into agreements: proposals at scale, then the reviewers' decisions on top.

Proposals never compare every record with every other: records are indexed by pairs of party block keys
(`identity.pair_keys`) and only records sharing a key are compared; a record naming a party by a one-word
name (an acronym) also looks itself up among the records whose party has those initials. A block larger than `MAX_BLOCK` (a
pair of organisations in thousands of records) is compared along its date order, each record with the
next `NEIGHBOURS` only. Pairs that pass `identity.may_be_same` are merged strongest first (two stated,
equal signing dates; then one; then none), and two groups merge only if every article appears once, the
types still agree and the signing windows of all their reports still overlap: a chain of "maybe" links
never joins two reports that contradict each other.

Reviewers' decisions (`LinkDecision`) win over proposals: a record split off or relinked takes part in
no proposal; a relink or a confirmed link joins the record to its anchor record's agreement, whatever the
proposals say. An agreement's id is derived from the smallest record id in it, so it is stable as long
as that record stays in the agreement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from summariser.register.identity import (
    UNSPECIFIC_TYPES,
    LinkInput,
    may_be_same,
    overlap,
    pair_keys,
)

MAX_BLOCK = 1000
NEIGHBOURS = 50
ACTIONS = ("confirm", "split", "relink")


@dataclass(frozen=True)
class LinkDecision:
    record_id: str
    action: str  # confirm | split | relink
    anchor_id: str | None  # the record whose agreement this one joins (confirm, relink); None for split


def agreement_id(record_ids: Iterable[str]) -> str:
    return f"agr-{min(record_ids)}"


def candidate_pairs(records: Sequence[LinkInput]) -> Iterator[tuple[int, int]]:
    """Index pairs sharing a blocking key (or an acronym look-up), each once, never two records of one article."""
    blocks: dict[tuple[str, str], list[int]] = defaultdict(list)
    by_initials: dict[tuple[str, str], list[int]] = defaultdict(list)
    lookups: list[tuple[int, set[tuple[str, str]]]] = []
    for i, rec in enumerate(records):
        if rec.linkable:
            words, initials, wanted = pair_keys(rec)
            for key in words:
                blocks[key].append(i)
            for key in initials:
                by_initials[key].append(i)
            lookups.append((i, wanted))
    seen: set[tuple[int, int]] = set()
    for i, j in _within_blocks(records, blocks.values()):
        pair = (i, j) if i < j else (j, i)
        if pair not in seen and records[i].document_id != records[j].document_id:
            seen.add(pair)
            yield pair
    for i, wanted in lookups:
        for key in wanted:
            found = by_initials.get(key, ())
            if len(found) > MAX_BLOCK:
                continue  # initials shared by that many records say nothing about which one is meant
            for j in found:
                pair = (i, j) if i < j else (j, i)
                if i != j and pair not in seen and records[i].document_id != records[j].document_id:
                    seen.add(pair)
                    yield pair


def _within_blocks(records: Sequence[LinkInput], blocks: Iterable[list[int]]) -> Iterator[tuple[int, int]]:
    for members in blocks:
        if len(members) > MAX_BLOCK:
            members = sorted(members, key=lambda i: records[i].window[0] // 2 + records[i].window[1] // 2)
            for a in range(len(members)):
                for b in range(a + 1, min(a + 1 + NEIGHBOURS, len(members))):
                    yield members[a], members[b]
        else:
            for a in range(len(members)):
                for b in range(a + 1, len(members)):
                    yield members[a], members[b]


def _strength(a: LinkInput, b: LinkInput) -> int:
    return 2 - (a.date_signed is not None) - (b.date_signed is not None)  # 0 is strongest


def proposed_pairs(records: Sequence[LinkInput]) -> list[tuple[int, int]]:
    """Pairs that may be one agreement, strongest first."""
    pairs = [(i, j) for i, j in candidate_pairs(records) if may_be_same(records[i], records[j])]
    pairs.sort(key=lambda p: (_strength(records[p[0]], records[p[1]]), p))
    return pairs


class _Groups:
    """Union-find whose groups remember what a merge must keep consistent."""

    def __init__(self, records: Sequence[LinkInput]) -> None:
        self.parent = list(range(len(records)))
        self.window = [r.window for r in records]
        self.docs = [{r.document_id} for r in records]
        self.types = [{r.agreement_type} - UNSPECIFIC_TYPES for r in records]

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def merge(self, i: int, j: int, *, check: bool = True) -> bool:
        a, b = self.find(i), self.find(j)
        if a == b:
            return True
        window = overlap(self.window[a], self.window[b])
        if check and (window is None or self.docs[a] & self.docs[b] or len(self.types[a] | self.types[b]) > 1):
            return False
        if len(self.docs[a]) < len(self.docs[b]):
            a, b = b, a
        self.parent[b] = a
        self.window[a] = window or self.window[a]
        self.docs[a] |= self.docs[b]
        self.types[a] |= self.types[b]
        return True


def link(records: Sequence[LinkInput], decisions: Iterable[LinkDecision] = ()) -> dict[str, str]:
    """Record id -> agreement id, for every record given."""
    index = {r.record_id: i for i, r in enumerate(records)}
    decided = {d.record_id: d for d in decisions if d.record_id in index}
    held = {rid for rid, d in decided.items() if d.action in ("split", "relink")}
    proposable = [r if r.record_id not in held else _alone(r) for r in records]
    groups = _Groups(records)
    for i, j in proposed_pairs(proposable):
        groups.merge(i, j)
    for d in decided.values():
        if d.action in ("confirm", "relink") and d.anchor_id in index:
            groups.merge(index[d.record_id], index[d.anchor_id], check=False)
    members: dict[int, list[str]] = defaultdict(list)
    for r in records:
        members[groups.find(index[r.record_id])].append(r.record_id)
    return {rid: agreement_id(ids) for ids in members.values() for rid in ids}


def _alone(rec: LinkInput) -> LinkInput:
    return LinkInput(rec.record_id, rec.document_id, rec.parties, rec.agreement_type, rec.status,
                     rec.date_signed, rec.reported, linkable=False)  # fmt: skip
