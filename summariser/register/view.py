"""The agreement view: reports of one agreement side by side, fields merged by explicit rules, and every
disagreement between reports shown rather than resolved silently.

Merge rules (`MERGE_RULES`, also written into each exported agreement):
- status: the latest report's, by its date (signing date, else publication date); the earlier statuses
  are the agreement's history (`history`);
- date_signed: from the reports that state one; reports stating different dates are a conflict (the
  earliest stated date is kept, every stated date is listed in the conflict);
- agreement_type: the most specific one (`other` only when every report says `other`); two specific
  types that differ are a conflict (only a reviewer's link can join them);
- parties: the union of the reports' organisations (one entry per organisation, the longest name);
- location, signatories, scope: union of what the reports state; two different locations are a conflict.
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from summariser.orgnames import same_organisation
from summariser.register.identity import LinkInput
from summariser.register.linking import link
from summariser.store.links import LinkStore, cached_agreement_ids, link_inputs, linking_token, save_agreement_ids

MERGE_RULES = {
    "status": "the latest report's status, by the report's date (its signing date, else its publication date)",
    "date_signed": "the signing date the reports state; several different stated dates are a conflict (the earliest is kept)",
    "agreement_type": "the most specific type reported; 'other' only when no report is more specific",
    "parties": "every organisation any report names, once (the longest spelling)",
    "location": "the location the reports state; different locations are a conflict (the first stated is kept)",
    "signatories": "everyone any report names as signing, once",
    "scope": "every scope phrase any report gives, once",
}


def agreement_ids(conn: sqlite3.Connection) -> tuple[list[LinkInput], dict[str, str]]:
    """Every current record's agreement id (proposals plus the reviewers' link decisions)."""
    inputs = link_inputs(conn)
    return inputs, link(inputs, LinkStore(conn).decisions())


def current_agreement_ids(conn: sqlite3.Connection) -> dict[str, str]:
    """`agreement_ids`, from the cache while the store is as it was when they were computed; else computed
    (and cached, when the connection may write and holds no transaction)."""
    token = linking_token(conn)
    cached = cached_agreement_ids(conn, token)
    if cached is not None:
        return cached
    ids = agreement_ids(conn)[1]
    if not conn.in_transaction:
        with contextlib.suppress(sqlite3.OperationalError):  # a read-only store computes, and keeps nothing
            save_agreement_ids(conn, token, ids)
    return ids


def _report_date(rec: dict[str, Any]) -> str:
    return rec.get("date_signed") or rec["document"].get("reported") or ""


def _unique(values: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for v in values:
        seen.setdefault(" ".join(v.casefold().split()), v)
    return list(seen.values())


def _merged_parties(records: list[dict[str, Any]]) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    for rec in records:
        for p in rec["parties"]:
            hit = next((o for o in out if any(same_organisation(a, b, lenient=True) for a in (p["name"], p["canonical"])
                                                 for b in (o["name"], o["canonical"]))), None)
            if hit is None:
                out.append({"name": p["name"], "canonical": p["canonical"]})
            elif len(p["name"]) > len(hit["name"]):
                hit["name"] = p["name"]
    return out


def _conflict(field: str, records: list[dict[str, Any]], value_of: Any) -> dict[str, Any] | None:
    values: dict[str, list[str]] = defaultdict(list)
    for rec in records:
        value = value_of(rec)
        if value not in (None, ""):
            values[str(value)].append(rec["id"])
    if len(values) < 2:
        return None
    return {"field": field, "values": [{"value": v, "records": ids} for v, ids in values.items()]}


def merge_agreement(agreement: str, records: list[dict[str, Any]]) -> dict[str, Any]:
    """One agreement from its exported records (the `ExportedRecord` shape), reports ordered by date."""
    records = sorted(records, key=lambda r: (_report_date(r), r["id"]))
    dates = sorted({r["date_signed"] for r in records if r["date_signed"]})
    types = Counter(r["agreement_type"] for r in records)
    specific = [t for t, _ in types.most_common() if t != "other"]
    locations = [r["location"] for r in records if r["location"]]
    conflicts = [
        c
        for c in (
            _conflict("date_signed", records, lambda r: r["date_signed"]),
            _conflict("agreement_type", records, lambda r: r["agreement_type"] if r["agreement_type"] != "other" else None),
            _conflict("location", records, lambda r: " ".join(r["location"].split()) if r["location"] else None),
        )
        if c
    ]
    return {
        "id": agreement,
        "agreement_type": specific[0] if specific else "other",
        "status": records[-1]["status"],
        "date_signed": dates[0] if dates else None,
        "parties": _merged_parties(records),
        "location": locations[0] if locations else None,
        "signatories": list({s["name"]: s for r in records for s in r["signatories"]}.values()),
        "scope": _unique(s for r in records for s in r["scope"]),
        "history": [{"date": _report_date(r) or None, "status": r["status"], "record": r["id"]} for r in records],
        "reports": [
            {
                "record": r["id"],
                "document": r["document"],
                "date": _report_date(r) or None,
                "status": r["status"],
                "agreement_type": r["agreement_type"],
                "date_signed": r["date_signed"],
                "summary": r["summary"],
                "quotes": _unique(e["quote"] for e in r["evidence"]),
                "review_state": r["review"]["state"],
            }
            for r in records
        ],
        "conflicts": conflicts,
    }


def group_agreements(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Exported records (each with `agreement_id`) -> merged agreements, earliest first."""
    by_agreement: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in records:
        by_agreement[rec["agreement_id"]].append(rec)
    merged = [merge_agreement(a, recs) for a, recs in by_agreement.items()]
    merged.sort(key=lambda a: (a["history"][0]["date"] or "9999", a["id"]))
    return merged
