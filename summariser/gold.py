"""The gold file (see `seeds/gold.json`, its `_about`): hand-checked records per article file name.

Also the reverse: a store's reviewed records written as a gold file, so every reviewed batch becomes
an evaluation set.
"""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from collections import defaultdict
from pathlib import Path
from typing import Any

import orjson
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from summariser.orgnames import OrgAliases, same_organisation
from summariser.schema import AgreementType, Status

_FULL_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

GOLD_ABOUT = (
    "Reference records per article file, made from the reviewed records of a summariser store "
    "(the accepted, edited and added records of the articles reviewers marked complete; other articles "
    "are left out, and a complete article with no records states no agreement). "
    "Same format as seeds/gold.json: 'optional' records may be found or missed; 'same_as' links records "
    "describing one agreement in two articles."
)


class GoldError(Exception):
    """The gold file cannot be used; the message says where and why."""


class GoldRecord(BaseModel):
    # Extra keys (people_present, evidence_contains, notes...) are documentation for people: kept, not scored.
    model_config = ConfigDict(extra="allow")

    id: str = Field(min_length=1)
    parties: list[str] = Field(min_length=1)
    agreement_type: AgreementType
    status: Status
    date_signed: dt.date | None = None
    signatories: list[str] = Field(default_factory=list)
    scope: list[str] = Field(default_factory=list)
    location: str | None = None
    optional: bool = False
    same_as: str | None = None


class GoldDocument(BaseModel):
    model_config = ConfigDict(extra="allow")

    reported: dt.date | None = None
    records: list[GoldRecord] = Field(default_factory=list)
    notes: str | None = None


class Gold(BaseModel):
    about: str = ""
    documents: dict[str, GoldDocument]

    def records(self) -> dict[str, GoldRecord]:
        return {r.id: r for doc in self.documents.values() for r in doc.records}

    def aliases(self) -> OrgAliases:
        """Spelling variants: the parties of records linked by `same_as` name the same organisations."""
        aliases = OrgAliases()
        by_id = self.records()
        for rec in by_id.values():
            if rec.same_as:
                aliases.link_parallel(rec.parties, by_id[rec.same_as].parties)
        return aliases


def from_manifest(data: dict[str, Any], *, split: str | None = None, language: str | None = None) -> dict[str, Any]:
    """A gold mapping from a real-news manifest (`tests/realnews/manifest.json`: facts per article under
    `docs`, the publication date as `date`), optionally only one split or one language."""
    out: dict[str, Any] = {"_about": data.get("_about", "")}
    for name, entry in data["docs"].items():
        if split not in (None, entry.get("split")) or language not in (None, entry.get("language")):
            continue
        date = str(entry.get("date") or "")
        # "unknown" or a month alone ("2023-08") gives no publication day to resolve "on Monday" against.
        out[name] = {**entry, "reported": date if _FULL_DATE.fullmatch(date) else None}
    return out


def is_manifest(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("docs"), dict)


def parse_gold(data: dict[str, Any], source: str = "gold") -> Gold:
    """Validate a gold mapping: keys starting with '_' are metadata, every other key is a file name.

    A real-news manifest (articles under `docs`) is read as the gold mapping of all its articles."""
    if is_manifest(data):
        data = from_manifest(data)
    if not isinstance(data, dict):
        raise GoldError(f"{source}: expected a JSON object mapping article file names to entries")
    docs: dict[str, GoldDocument] = {}
    for key, entry in data.items():
        if key.startswith("_"):
            continue
        try:
            docs[key] = GoldDocument.model_validate(entry)
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise GoldError(f"{source}: entry {key!r} at {where or 'top'}: {first['msg']}") from exc
    gold = Gold(about=str(data.get("_about", "")), documents=docs)
    seen: set[str] = set()
    for rec in (r for d in docs.values() for r in d.records):
        if rec.id in seen:
            raise GoldError(f"{source}: record id {rec.id!r} appears twice")
        seen.add(rec.id)
    for rec in gold.records().values():
        if rec.same_as and rec.same_as not in seen:
            raise GoldError(f"{source}: record {rec.id!r} says same_as {rec.same_as!r}, which is not in the file")
    return gold


def load_gold(path: str | Path) -> Gold:
    path = Path(path)
    try:
        data = orjson.loads(path.read_bytes())
    except FileNotFoundError as exc:
        raise GoldError(f"no gold file at {path}") from exc
    except OSError as exc:
        raise GoldError(f"cannot read the gold file {path}: {exc.strerror or exc}") from exc
    except orjson.JSONDecodeError as exc:
        raise GoldError(f"{path} is not valid JSON: {exc}") from exc
    return parse_gold(data, str(path))


def gold_from_exported(records: list[dict[str, Any]]) -> dict[str, Any]:
    """A gold mapping from exported-record dicts (`--all` export of a store).

    A document enters only when every one of its current records was decided (accepted, edited or
    rejected): a half-reviewed article would make the unreviewed agreements look like false positives.
    Documents whose records were all rejected enter with no records (the article states none).
    """
    by_doc: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rec in records:
        by_doc[rec["document"]["id"]].append(rec)
    out: dict[str, Any] = {"_about": GOLD_ABOUT}
    skipped: list[str] = []
    prefixes: set[str] = set()
    for recs in by_doc.values():
        name = Path(recs[0]["document"]["path"]).name
        if any(r["review"]["state"] == "pending" for r in recs):
            skipped.append(name)
            continue
        if name in out:
            raise GoldError(f"two documents are both named {name!r}; gold files key articles by file name")
        kept = [r for r in recs if r["review"]["state"] in ("accepted", "edited", "added")]
        prefix = name.split("_", 1)[0] if "_" in name else Path(name).stem
        if prefix in prefixes:  # ids must be unique across the file
            prefix = Path(name).stem
        prefixes.add(prefix)
        out[name] = {
            "reported": recs[0]["document"]["reported"],
            "records": [_gold_record(r, f"{prefix}-{_letters(i)}") for i, r in enumerate(kept)],
        }
    _link_same_agreements(out)
    out["_skipped_incomplete"] = sorted(skipped)
    return out


def _gold_record(rec: dict[str, Any], rid: str) -> dict[str, Any]:
    quotes = [e["quote"] for e in rec["evidence"] if e["match"] != "ungrounded"]
    entry: dict[str, Any] = {
        "id": rid,
        "parties": [p["name"] for p in rec["parties"]],
        "agreement_type": rec["agreement_type"],
        "status": rec["status"],
        "date_signed": rec["date_signed"],
        "signatories": [s["name"] for s in rec["signatories"]],
        "scope": rec["scope"],
    }
    if rec["location"]:
        entry["location"] = rec["location"]
    if quotes:
        entry["evidence_contains"] = quotes[0]
    entry["source_record"] = rec["id"]
    return entry


def _letters(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(97 + r) + s
    return s


def _link_same_agreements(out: dict[str, Any]) -> None:
    """Records in different articles with the same type, the same signing date and the same parties
    (by canonical name) describe one agreement: link the later ones to the first with `same_as`."""
    first: list[tuple[str, dict[str, Any]]] = []
    for name, entry in out.items():
        if name.startswith("_"):
            continue
        for rec in entry["records"]:
            if rec["date_signed"] is None:
                continue
            for other_name, other in first:
                if (
                    other_name != name
                    and other["agreement_type"] == rec["agreement_type"]
                    and other["date_signed"] == rec["date_signed"]
                    and len(other["parties"]) == len(rec["parties"])
                    and all(any(same_organisation(a, b) for b in other["parties"]) for a in rec["parties"])
                ):
                    rec["same_as"] = other["id"]
                    break
            else:
                first.append((name, rec))


def gold_from_store(conn: sqlite3.Connection) -> dict[str, Any]:
    """A gold mapping from the articles reviewers marked complete: their accepted, edited and added records;
    a complete article with no such record is gold for "no agreement here"."""
    from summariser.export import iter_export_documents, iter_export_records

    articles = list(iter_export_documents(conn, with_text=False))
    complete = {a["id"] for a in articles if a["review"]["state"] == "complete"}
    records = [r for r in iter_export_records(conn, include_all=True) if r["document"]["id"] in complete]
    out = gold_from_exported(records)
    with_records = {r["document"]["id"] for r in records}
    skipped = set(out["_skipped_incomplete"])  # complete, but a decision was undone since
    for a in articles:
        name = Path(a["path"]).name
        if a["id"] not in complete:
            skipped.add(name)
        elif a["id"] not in with_records:
            out[name] = {"reported": a["reported"], "records": []}
    out["_skipped_incomplete"] = sorted(skipped)
    return out
