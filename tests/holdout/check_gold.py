"""Sanity check for the blind holdout gold file.

Verifies that gold.json parses, has one entry per article file (and no
entry without a file), and that every evidence_contains, party, signatory
and person named in people_present is a verbatim substring of its article.
Run: python3 tests/holdout/check_gold.py
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
    assert isinstance(gold.get("_about"), str) and gold["_about"]
    files = {p.name for p in HERE.glob("h_*.txt")}
    entries = {k for k in gold if k != "_about"}
    for missing in sorted(files - entries):
        errors.append(f"{missing}: no gold entry")
    for extra in sorted(entries - files):
        errors.append(f"{extra}: gold entry without article")
    counts = {"required": 0, "optional": 0}
    for name in sorted(entries & files):
        text = (HERE / name).read_text(encoding="utf-8")
        entry = gold[name]
        rep = entry.get("reported")
        if rep is not None and not ISO.match(rep):
            errors.append(f"{name}: bad reported {rep!r}")
        if rep is not None and not text.startswith(f" date {rep} "):
            errors.append(f"{name}: reported {rep} does not match the date line")
        if rep is None and text.startswith(" date "):
            errors.append(f"{name}: reported is null but the article has a date line")
        ids = set()
        for rec in entry["records"]:
            rid = rec["id"]
            if rid in ids:
                errors.append(f"{name}: duplicate id {rid}")
            ids.add(rid)
            counts["optional" if rec.get("optional") else "required"] += 1
            if len(rec["parties"]) < 2:
                errors.append(f"{rid}: fewer than two parties")
            if rec["agreement_type"] not in TYPES:
                errors.append(f"{rid}: bad agreement_type {rec['agreement_type']}")
            if rec["status"] not in STATUSES:
                errors.append(f"{rid}: bad status {rec['status']}")
            ds = rec.get("date_signed")
            if ds is not None and not ISO.match(ds):
                errors.append(f"{rid}: bad date_signed {ds!r}")
            if not isinstance(rec.get("scope"), list):
                errors.append(f"{rid}: scope is not a list")
            checks = [("evidence_contains", rec["evidence_contains"])]
            checks += [("party", p) for p in rec["parties"]]
            checks += [("signatory", s) for s in rec.get("signatories", [])]
            checks += [("people_present", s) for s in rec.get("people_present", [])]
            if rec.get("location"):
                checks.append(("location", rec["location"]))
            for kind, s in checks:
                if s not in text:
                    errors.append(f"{rid}: {kind} not in article: {s!r}")
        words = len(text.split())
        if not 120 <= words <= 380:
            errors.append(f"{name}: {words} words, outside 120-380")
    for e in errors:
        print("ERROR", e)
    print(f"{len(files)} articles, {counts['required']} required + "
          f"{counts['optional']} optional records; {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
