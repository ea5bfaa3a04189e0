"""Merge records that describe the same agreement (found in overlapping chunks, or twice in one answer).

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
