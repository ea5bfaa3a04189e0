"""Check tests/final/gold.json against its articles.

Run: python3 tests/final/check_gold.py
Checks that the JSON parses, that there is one entry per z*.txt article and
vice versa, that the fields have the expected values, and that every party
name and every evidence_contains is a verbatim substring of its article.
"""
import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TYPES = {"memorandum_of_understanding", "joint_venture", "framework_agreement",
         "cooperation_agreement", "contract", "other"}
STATUSES = {"signed", "planned", "under_discussion", "terminated"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def main() -> int:
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    errors = []
    files = sorted(p.name for p in HERE.glob("z*.txt"))
    entries = sorted(k for k in gold if k != "_about")
    if "_about" not in gold:
        errors.append("missing _about")
    if files != entries:
        errors.append(f"files/entries differ: {set(files) ^ set(entries)}")
    ids = set()
    n_req = n_opt = 0
    for name in entries:
        entry = gold[name]
        path = HERE / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        m = re.match(r"^ date (\d{4}-\d{2}-\d{2}) ", text)
        if entry["reported"] != (m.group(1) if m else None):
            errors.append(f"{name}: reported {entry['reported']} vs date line {m and m.group(1)}")
        for rec in entry["records"]:
            rid = rec["id"]
            if rid in ids:
                errors.append(f"{name}: duplicate id {rid}")
            ids.add(rid)
            if rec.get("optional"):
                n_opt += 1
            else:
                n_req += 1
            if len(rec["parties"]) < 2:
                errors.append(f"{rid}: fewer than two parties")
            for party in rec["parties"]:
                if party not in text:
                    errors.append(f"{rid}: party not in article: {party!r}")
            for person in rec.get("signatories", []):
                if person not in text:
                    errors.append(f"{rid}: signatory not in article: {person!r}")
            if rec["agreement_type"] not in TYPES:
                errors.append(f"{rid}: bad agreement_type {rec['agreement_type']}")
            if rec["status"] not in STATUSES:
                errors.append(f"{rid}: bad status {rec['status']}")
            ds = rec["date_signed"]
            if ds is not None and not ISO.match(ds):
                errors.append(f"{rid}: bad date_signed {ds}")
            if rec["status"] == "planned" and ds is not None:
                errors.append(f"{rid}: planned record with a signing date")
            if rec["evidence_contains"] not in text:
                errors.append(f"{rid}: evidence not in article: {rec['evidence_contains']!r}")
    for e in errors:
        print("ERROR", e)
    print(f"{len(entries)} articles, {n_req + n_opt} records ({n_req} required, {n_opt} optional)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
