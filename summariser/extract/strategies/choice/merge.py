"""Mentions of one agreement within an article become one record with all their evidence.

Two mentions are one agreement when type and status agree, their parties overlap and their dates do
not contradict: 004 says "the memorandum signed between SOCAR and STP" three times, while 003's
joint venture and the 2019 memorandum it follows stay apart (different types).
"""

from __future__ import annotations

from rapidfuzz import fuzz

from summariser.extract.merge import fold_same
from summariser.schema import AgreementRecord, Evidence, Party, Status


def _key(name: str) -> str:
    return " ".join(name.casefold().replace("’", "'").split())


def same_party(a: Party, b: Party) -> bool:
    keys_a = {_key(a.name), _key(a.canonical)}
    keys_b = {_key(b.name), _key(b.canonical)}
    if keys_a & keys_b:
        return True
    # An article shortens a name it has given in full to its first words ("Daesan" for "Daesan Energy Corp.").
    short, long_ = sorted((_key(a.name).split(), _key(b.name).split()), key=len)
    if short and len(short) < len(long_) and long_[: len(short)] == short and len(" ".join(short)) >= 4:
        return True
    return min(len(_key(a.name)), len(_key(b.name))) >= 8 and fuzz.token_sort_ratio(_key(a.name), _key(b.name)) >= 86


def _overlap(a: AgreementRecord, b: AgreementRecord) -> int:
    return sum(1 for p in a.parties if any(same_party(p, q) for q in b.parties))


# A terminated agreement was signed once: the article's account of that signing is the same agreement.
_HISTORY = frozenset({Status.signed, Status.terminated})


def same_agreement(a: AgreementRecord, b: AgreementRecord) -> bool:
    if "mention.list-item" in a.rules and "mention.list-item" in b.rules:
        return False  # two items of one list of agreements are two agreements, however alike
    if a.agreement_type != b.agreement_type:
        return False
    if a.status != b.status and {a.status, b.status} != _HISTORY:
        return False
    if a.date_signed and b.date_signed and a.date_signed != b.date_signed:
        return False
    return _overlap(a, b) >= min(2, len(a.parties), len(b.parties))


def _union_evidence(a: list[Evidence], b: list[Evidence]) -> list[Evidence]:
    by_span = {(e.start, e.end): e for e in a}  # one pass: a long article's many mentions stay linear to merge
    for ev in b:
        twin = by_span.get((ev.start, ev.end))
        if twin is None:
            by_span[(ev.start, ev.end)] = ev
        else:
            twin.fields = list(dict.fromkeys(twin.fields + ev.fields))
    return sorted(by_span.values(), key=lambda e: (e.start or 0))


def combine(a: AgreementRecord, b: AgreementRecord) -> AgreementRecord:
    """`a` completed with what `b` adds (first mention wins where both say something)."""
    out = _combined(a, b)
    out._rules = list(dict.fromkeys([*a.rules, *b.rules, "merge.same-agreement"]))  # a fresh list: copies share
    return out


def _combined(a: AgreementRecord, b: AgreementRecord) -> AgreementRecord:
    return a.model_copy(
        update={
            "status": Status.terminated if Status.terminated in (a.status, b.status) else a.status,
            "date_signed": a.date_signed or b.date_signed,
            "date_text": a.date_text or b.date_text,
            "location": a.location or b.location,
            "signatories": a.signatories or b.signatories,
            "scope": list(dict.fromkeys(a.scope + b.scope)),
            "evidence": _union_evidence(a.evidence, b.evidence),
        }
    )


def merge_records(records: list[AgreementRecord]) -> list[AgreementRecord]:
    return fold_same(records, same_agreement, combine)
