"""Check tests/unseen/gold.json against its articles.

Verifies that the JSON parses, that every article file has exactly one entry
(and vice versa), and that every evidence_contains, party and signatory is a
verbatim substring of its article. Run: python tests/unseen/check_gold.py
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
    files = sorted(p.name for p in HERE.glob("u*.txt"))
    entries = sorted(k for k in gold if not k.startswith("_"))
    if "_about" not in gold:
        errors.append("missing _about")
    if files != entries:
        errors.append(f"files {files} != entries {entries}")
    ids = set()
    for name in entries:
        path = HERE / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        entry = gold[name]
        rep = entry.get("reported")
        m = re.match(r"^ date (\d{4}-\d{2}-\d{2}) ", text)
        if (m.group(1) if m else None) != rep:
            errors.append(f"{name}: reported {rep!r} vs date line {m.group(1) if m else None!r}")
        words = len(text.split())
        if not 150 <= words <= 400:
            errors.append(f"{name}: {words} words")
        for rec in entry["records"]:
            rid = rec["id"]
            if rid in ids:
                errors.append(f"{rid}: duplicate id")
            ids.add(rid)
            if rec["agreement_type"] not in TYPES:
                errors.append(f"{rid}: bad type {rec['agreement_type']}")
            if rec["status"] not in STATUSES:
                errors.append(f"{rid}: bad status {rec['status']}")
            ds = rec["date_signed"]
            if ds is not None and not ISO.match(ds):
                errors.append(f"{rid}: bad date_signed {ds}")
            if len(rec["parties"]) < 2:
                errors.append(f"{rid}: fewer than two parties")
            for field in ("parties", "signatories"):
                for s in rec[field]:
                    if s not in text:
                        errors.append(f"{rid}: {field} {s!r} not in article")
            if rec["evidence_contains"] not in text:
                errors.append(f"{rid}: evidence not in article")
    for e in errors:
        print("ERROR", e)
    req = sum(1 for k in entries for r in gold[k]["records"] if not r.get("optional"))
    opt = sum(1 for k in entries for r in gold[k]["records"] if r.get("optional"))
    print(f"{len(entries)} articles, {req} required + {opt} optional records, {len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
