"""Sanity check for the blind evaluation set in this folder.

Run: python tests/last/check_gold.py
Checks that gold.json parses, that it covers exactly the article files here,
and that every evidence_contains, party, signatory, person present and
location is a verbatim substring of its article.
"""
import datetime
import json
import pathlib
import re
import sys

HERE = pathlib.Path(__file__).resolve().parent
TYPES = {"memorandum_of_understanding", "joint_venture", "framework_agreement",
         "cooperation_agreement", "contract", "other"}
STATUSES = {"signed", "planned", "under_discussion", "terminated"}


def iso_or_none(value):
    if value is None:
        return True
    try:
        datetime.date.fromisoformat(value)
        return len(value) == 10
    except (TypeError, ValueError):
        return False


def main():
    errors = []
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    if not isinstance(gold.get("_about"), str):
        errors.append("_about missing")
    files = {p.name for p in HERE.glob("l*.txt")}
    entries = {k for k in gold if not k.startswith("_")}
    for missing in sorted(files - entries):
        errors.append(f"{missing}: no gold entry")
    for extra in sorted(entries - files):
        errors.append(f"{extra}: gold entry without article")
    ids = set()
    for name in sorted(entries & files):
        text = (HERE / name).read_text(encoding="utf-8")
        entry = gold[name]
        words = len(text.split())
        if not 120 <= words <= 380:
            errors.append(f"{name}: {words} words")
        m = re.match(r" date (\d{4}-\d{2}-\d{2}) ", text)
        if m and entry["reported"] != m.group(1):
            errors.append(f"{name}: reported {entry['reported']} != {m.group(1)}")
        if not iso_or_none(entry["reported"]):
            errors.append(f"{name}: bad reported")
        for rec in entry["records"]:
            rid = rec["id"]
            if rid in ids:
                errors.append(f"{rid}: duplicate id")
            ids.add(rid)
            if rec["agreement_type"] not in TYPES:
                errors.append(f"{rid}: bad type")
            if rec["status"] not in STATUSES:
                errors.append(f"{rid}: bad status")
            if not iso_or_none(rec["date_signed"]):
                errors.append(f"{rid}: bad date_signed")
            if len(rec["parties"]) < 2:
                errors.append(f"{rid}: fewer than 2 parties")
            if not isinstance(rec["scope"], list):
                errors.append(f"{rid}: scope not a list")
            checks = [("evidence", rec["evidence_contains"])]
            checks += [("party", p) for p in rec["parties"]]
            checks += [("signatory", s) for s in rec["signatories"]]
            checks += [("person", s) for s in rec.get("people_present", [])]
            if rec.get("location"):
                checks.append(("location", rec["location"]))
            for kind, s in checks:
                if not s or s not in text:
                    errors.append(f"{rid}: {kind} not in article: {s!r}")
    for e in errors:
        print("ERROR", e)
    n = sum(len(gold[k]["records"]) for k in entries)
    print(f"{len(entries)} entries, {n} records, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
