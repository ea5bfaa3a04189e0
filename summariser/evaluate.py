"""Scoring predicted records against a gold file.

Matching, within each article: a predicted record may pair with a gold record when they share enough
organisations (at least two, or all of the shorter list when one lists fewer); among candidates the
pair with the same agreement type wins, then the one sharing more parties, then same status and date.
Pairs are taken greedily in that order, first with required gold records, then with optional ones.

Scores: a pair is a true positive; a prediction left unpaired is a false positive; a required gold
record left unpaired is a miss. Predictions paired with *optional* gold records, and optional records
nobody found, count neither way. The headline repeats all this with only `signed` records on both
sides (a prediction that calls a planned agreement signed is a false positive there). Per field,
a pair whose field agrees is a true positive and every other prediction / gold record is an error,
so field precision and recall are never higher than the record-level ones.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import orjson

from summariser.gold import Gold, GoldRecord, parse_gold
from summariser.orgnames import OrgAliases, shared_count
from summariser.schema import AgreementRecord, MatchKind, Status

FIELDS = ("parties", "agreement_type", "status", "date_signed", "signatories")
_TITLES = frozenset("mr mrs ms dr prof sir".split())


class EvalError(Exception):
    """Predictions or gold cannot be evaluated; the message says why."""


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class DocumentResult:
    document: str
    matched: list[tuple[int, str]] = field(default_factory=list)  # (prediction index, gold id)
    missed: list[str] = field(default_factory=list)
    extra: list[int] = field(default_factory=list)  # prediction indexes
    optional_found: list[str] = field(default_factory=list)


@dataclass
class Report:
    documents: int
    documents_missing: list[str]
    documents_not_in_gold: int
    signed: Score
    all: Score
    fields: dict[str, Score]
    evidence: dict[str, float | int]
    details: list[DocumentResult]

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "documents_missing": self.documents_missing,
            "documents_not_in_gold": self.documents_not_in_gold,
            "signed": self.signed.to_dict(),
            "all": self.all.to_dict(),
            "fields": {k: v.to_dict() for k, v in self.fields.items()},
            "evidence": self.evidence,
            "details": [asdict(d) for d in self.details],
        }


def _person(name: str) -> str:
    folded = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    tokens = [t for t in re.sub(r"[^\w]+", " ", folded).split() if t not in _TITLES]
    return " ".join(tokens)


def field_agrees(name: str, pred: AgreementRecord, gold: GoldRecord, aliases: OrgAliases) -> bool:
    if name == "parties":
        # Strict names, where pairing records was lenient: every party named as gold names it, none extra.
        names = [(p.name, p.canonical) for p in pred.parties]
        return len(names) == len(gold.parties) == shared_count(names, gold.parties, aliases)
    if name == "agreement_type":
        return pred.agreement_type == gold.agreement_type
    if name == "status":
        return pred.status == gold.status
    if name == "date_signed":
        return pred.date_signed == gold.date_signed
    if name == "signatories":
        return {_person(s.name) for s in pred.signatories} == {_person(s) for s in gold.signatories}
    raise ValueError(f"unknown field {name}")


def _pair_key(pred: AgreementRecord, gold: GoldRecord, aliases: OrgAliases) -> tuple | None:
    names = [(p.name, p.canonical) for p in pred.parties]
    shared = shared_count(names, gold.parties, aliases, lenient=True)
    if shared < min(2, len(names), len(gold.parties)) or shared == 0:
        return None
    return (
        pred.agreement_type == gold.agreement_type,
        shared,
        pred.status == gold.status,
        pred.date_signed == gold.date_signed,
    )


def match_document(
    preds: list[AgreementRecord], gold: list[GoldRecord], aliases: OrgAliases
) -> tuple[list[tuple[int, GoldRecord]], list[int], list[GoldRecord], list[str]]:
    """Pairs (prediction index, gold record), unpaired predictions, missed required gold, optional found."""
    free = set(range(len(preds)))
    pairs: list[tuple[int, GoldRecord]] = []
    optional_found: list[str] = []
    for optional in (False, True):
        pool = [g for g in gold if g.optional == optional]
        candidates = []
        for i in sorted(free):
            for j, g in enumerate(pool):
                key = _pair_key(preds[i], g, aliases)
                if key is not None:
                    candidates.append((key, -i, -j, i, g))
        candidates.sort(key=lambda c: c[:3], reverse=True)
        taken: set[str] = set()
        for _key, _, _, i, g in candidates:
            if i in free and g.id not in taken:
                free.discard(i)
                taken.add(g.id)
                if optional:
                    optional_found.append(g.id)
                else:
                    pairs.append((i, g))
    paired = {g.id for _, g in pairs}
    missed = [g for g in gold if not g.optional and g.id not in paired]
    return pairs, sorted(free), missed, optional_found


def evaluate(gold: dict[str, Any] | Gold, predictions: dict[str, list[AgreementRecord]]) -> Report:
    """Score `predictions` (article file name -> records) against `gold` (a gold mapping or `Gold`).

    Every gold article is evaluated; one with no predictions at all counts every required record as
    missed and is listed in `documents_missing`. Predictions for articles not in gold are ignored.
    """
    gold = gold if isinstance(gold, Gold) else parse_gold(gold)
    by_name: dict[str, list[AgreementRecord]] = {}
    for key, recs in predictions.items():
        name = Path(key).name
        if name in by_name:
            raise EvalError(f"two predicted documents share the file name {name!r}; gold keys articles by file name")
        by_name[name] = list(recs)
    aliases = gold.aliases()
    signed, total = Score(), Score()
    fields = {f: Score() for f in FIELDS}
    evidence: Counter[str] = Counter()
    details: list[DocumentResult] = []
    missing: list[str] = []
    for name, gdoc in gold.documents.items():
        if name not in by_name:
            missing.append(name)
        preds = by_name.get(name, [])
        for rec in preds:
            evidence.update(e.match.value for e in rec.evidence)

        pairs, extra, missed, optional_found = match_document(preds, gdoc.records, aliases)
        total.tp += len(pairs)
        total.fp += len(extra)
        total.fn += len(missed)
        scored_preds = len(pairs) + len(extra)
        scored_gold = len(pairs) + len(missed)
        for f in FIELDS:
            good = sum(field_agrees(f, preds[i], g, aliases) for i, g in pairs)
            fields[f].tp += good
            fields[f].fp += scored_preds - good
            fields[f].fn += scored_gold - good
        details.append(
            DocumentResult(
                document=name,
                matched=[(i, g.id) for i, g in pairs],
                missed=[g.id for g in missed],
                extra=extra,
                optional_found=optional_found,
            )
        )

        signed_idx = [i for i, r in enumerate(preds) if r.status is Status.signed]
        s_pairs, s_extra, s_missed, _ = match_document(
            [preds[i] for i in signed_idx], [g for g in gdoc.records if g.status is Status.signed], aliases
        )
        signed.tp += len(s_pairs)
        signed.fp += len(s_extra)
        signed.fn += len(s_missed)

    n_evidence = sum(evidence.values())
    shares: dict[str, float | int] = {"total": n_evidence}
    for kind in MatchKind:
        shares[kind.value] = evidence[kind.value] / n_evidence if n_evidence else 0.0
    return Report(
        documents=len(gold.documents),
        documents_missing=missing,
        documents_not_in_gold=len(set(by_name) - set(gold.documents)),
        signed=signed,
        all=total,
        fields=fields,
        evidence=shares,
        details=details,
    )


# ---------------------------------------------------------------- where predictions come from


def predictions_from_store(conn: sqlite3.Connection, *, reviewed: bool = False) -> dict[str, list[AgreementRecord]]:
    """Article file name -> records. Default: every current suggestion, as the model made it (this
    measures the extractor). `reviewed`: only the articles reviewers marked complete, with their accepted,
    edited (the reviewer's version) and added records.
    Documents whose latest extraction succeeded with no records map to an empty list."""
    out: dict[str, list[AgreementRecord]] = {}
    ids: dict[str, str] = {}
    from summariser.store.predictions import complete_documents, extracted_documents, suggested_records

    for doc_id, path in extracted_documents(conn):
        name = Path(path).name
        if name in out and ids[name] != doc_id:
            raise EvalError(f"two documents in the store are named {name!r}; gold keys articles by file name")
        out[name], ids[name] = [], doc_id
    names = {doc_id: name for name, doc_id in ids.items()}
    if reviewed:
        from summariser.export import ExportFilters, iter_export_records

        for doc_id in set(names) - complete_documents(conn):
            del out[names[doc_id]]
        for rec in iter_export_records(conn, filters=ExportFilters(complete_only=True)):
            out[names[rec["document"]["id"]]].append(record_from_exported(rec))
        return out
    for doc_id, record_json in suggested_records(conn):
        out[names[doc_id]].append(AgreementRecord.model_validate_json(record_json))
    return out


def record_from_exported(rec: dict[str, Any]) -> AgreementRecord:
    """Back from the export shape: evidence entries that share a quote and offsets become one Evidence."""
    grouped: dict[tuple, dict[str, Any]] = {}
    for e in rec.get("evidence", []):
        key = (e["quote"], e.get("start"), e.get("end"), e.get("match"))
        entry = grouped.setdefault(
            key, {"fields": [], "quote": e["quote"], "start": e.get("start"), "end": e.get("end"),
                  "match": e.get("match", "ungrounded"), "score": e.get("score")},
        )  # fmt: skip
        entry["fields"].append(e["field"])
    data = {k: rec.get(k) for k in ("agreement_type", "status", "date_signed", "date_text", "location")}
    data.update(
        parties=rec["parties"],
        signatories=rec.get("signatories") or [],
        scope=rec.get("scope") or [],
        summary=rec.get("summary") or "",
        evidence=list(grouped.values()),
    )
    return AgreementRecord.model_validate(data)


def predictions_from_export(path: str | Path) -> dict[str, list[AgreementRecord]]:
    """Article file name -> records, from a JSON or JSONL export file."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise EvalError(f"cannot read the export {path}: {exc.strerror or exc}") from exc
    try:
        try:
            whole = orjson.loads(raw)
        except orjson.JSONDecodeError:
            whole = None  # not one JSON document: JSONL
        if isinstance(whole, dict) and "records" in whole:
            records = whole["records"]
        elif isinstance(whole, dict):
            records = [whole]  # JSONL of one line
        else:
            records = [orjson.loads(line) for line in raw.splitlines() if line.strip()]
        out: dict[str, list[AgreementRecord]] = {}
        for rec in records:
            out.setdefault(Path(rec["document"]["path"]).name, []).append(record_from_exported(rec))
    except (orjson.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
        raise EvalError(f"{path} is not a summariser export (JSON or JSONL): {exc}") from exc
    return out
