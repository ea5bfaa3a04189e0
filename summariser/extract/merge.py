"""Merge records that describe the same agreement (found in overlapping chunks, or twice in one answer).

`merge_chunk_duplicates` is the whole strategy's: distinct agreements in one answer are never folded.

Two records are the same agreement when they have the same type and share at least two parties by
canonical name (compared case- and punctuation-insensitively): every record has two or more parties, so
this means "the same pair of organisations, the same kind of agreement". One shared party is not
enough: SOCAR signs several memoranda with different partners in one article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from summariser.schema import AgreementRecord, Evidence, Party

_NON_ALNUM = re.compile(r"[\W_]+")


def party_key(party: Party | Any) -> str:
    """Any object with `name` and `canonical` (a Party or a model's draft of one)."""
    return _NON_ALNUM.sub("", (party.canonical or party.name).casefold())


def _keys(record: AgreementRecord) -> set[str]:
    return {party_key(p) for p in record.parties}


def same_agreement(a: AgreementRecord, b: AgreementRecord) -> bool:
    return a.agreement_type == b.agreement_type and len(_keys(a) & _keys(b)) >= 2


def _union(items: list, key) -> list:
    seen: set = set()
    out = []
    for item in items:
        k = key(item)
        if k not in seen:
            seen.add(k)
            out.append(item)
    return out


def _evidence_key(e: Evidence) -> tuple:
    return (e.start, e.end, tuple(sorted(e.fields))) if e.grounded else (e.quote, tuple(sorted(e.fields)))


def merge_pair(a: AgreementRecord, b: AgreementRecord) -> AgreementRecord:
    """`a` wins where both have a value (it came from the earlier chunk); lists are unions."""
    return AgreementRecord(
        parties=_union([*a.parties, *b.parties], party_key),
        agreement_type=a.agreement_type,
        status=a.status,
        date_signed=a.date_signed or b.date_signed,
        date_text=a.date_text if a.date_signed or not b.date_signed else b.date_text,
        location=a.location or b.location,
        signatories=_union([*a.signatories, *b.signatories], lambda s: _NON_ALNUM.sub("", s.name.casefold())),
        scope=_union([*a.scope, *b.scope], lambda s: " ".join(s.casefold().split())),
        summary=a.summary or b.summary,
        evidence=_union([*a.evidence, *b.evidence], _evidence_key),
    )


def fold_same(
    records: list[AgreementRecord],
    same: Callable[[AgreementRecord, AgreementRecord], bool],
    combine: Callable[[AgreementRecord, AgreementRecord], AgreementRecord],
) -> list[AgreementRecord]:
    """Fold each record into the first earlier one that `same` says is the same agreement; order is kept."""
    merged: list[AgreementRecord] = []
    for record in records:
        for i, kept in enumerate(merged):
            if same(kept, record):
                merged[i] = combine(kept, record)
                break
        else:
            merged.append(record)
    return merged


def merge_records(records: list[AgreementRecord]) -> list[AgreementRecord]:
    """Records found in overlapping chunks, or twice in one answer, become one."""
    return fold_same(records, same_agreement, merge_pair)


def _spans(record: AgreementRecord) -> set[tuple[int, int]]:
    return {(e.start, e.end) for e in record.evidence if e.start is not None and e.end is not None}


def _overlap(a: AgreementRecord, b: AgreementRecord) -> bool:
    return any(s < e2 and s2 < e for s, e in _spans(a) for s2, e2 in _spans(b))


def _scope_keys(record: AgreementRecord) -> set[str]:
    return {" ".join(s.casefold().split()) for s in record.scope}


def chunk_duplicate(a: AgreementRecord, b: AgreementRecord) -> bool:
    """`b`, from another chunk, is the agreement `a` seen again: same type and parties, no different
    signing date, and the same passage quoted (the chunks overlap there), or scopes that do not tell them
    apart (one names none, or they share a phrase). When unsure they stay two: a reviewer can merge them."""
    if not same_agreement(a, b):
        return False
    if a.date_signed and b.date_signed and a.date_signed != b.date_signed:
        return False
    scopes_a, scopes_b = _scope_keys(a), _scope_keys(b)
    return _overlap(a, b) or not (scopes_a and scopes_b) or bool(scopes_a & scopes_b)


def repeated(a: AgreementRecord, b: AgreementRecord) -> bool:
    """Within one answer only a record written twice is one: same type, parties, quoted passages, scope,
    date and place (four memoranda quoted from one sentence differ by scope)."""
    def shape(r: AgreementRecord) -> tuple:
        return (r.agreement_type, _keys(r), _spans(r), _scope_keys(r), r.date_signed, (r.location or "").casefold())

    return bool(_spans(a)) and shape(a) == shape(b)


def merge_chunk_duplicates(answers: list[list[AgreementRecord]]) -> list[AgreementRecord]:
    """One list of records per chunk, in order. Distinct agreements that share parties and type (four
    memoranda signed at one visit) stay distinct: only a repeat inside one answer, or the same agreement
    seen again in another chunk, is folded."""
    merged: list[tuple[AgreementRecord, set[int]]] = []
    for n, records in enumerate(answers):
        for record in records:
            for i, (kept, chunks) in enumerate(merged):
                if repeated(kept, record) or (n not in chunks and chunk_duplicate(kept, record)):
                    merged[i] = (merge_pair(kept, record), chunks | {n})
                    break
            else:
                merged.append((record, {n}))
    return [record for record, _ in merged]
