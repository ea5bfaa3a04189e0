"""Check tests/fresh/gold.json against the article files in this folder.

Run:  python3 tests/fresh/check_gold.py
Checks that gold.json parses, that every article has exactly one entry, and
that every evidence_contains, party, signatory, person present and location
is a verbatim substring of its article. Exits non-zero on any problem.
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
PREFIX = re.compile(r"^ date (\d{4}-\d{2}-\d{2}) ")


def main() -> int:
    gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
    problems = []
    if not isinstance(gold.get("_about"), str):
        problems.append("_about missing")
    files = sorted(p.name for p in HERE.glob("n[0-9][0-9]_*.txt"))
    entries = sorted(k for k in gold if k != "_about")
    if files != entries:
        problems.append(f"files and entries differ: {set(files) ^ set(entries)}")
    ids = set()
    counts = {"required": 0, "optional": 0}
    for name in entries:
        path = HERE / name
        if not path.exists():
            continue
        text = path.read_text(encoding="utf-8")
        entry = gold[name]
        words = len(text.split())
        if not 120 <= words <= 380:
            problems.append(f"{name}: {words} words")
        m = PREFIX.match(text)
        reported = entry.get("reported")
        if m and m.group(1) != reported:
            problems.append(f"{name}: reported {reported} != prefix {m.group(1)}")
        if not m and reported is not None:
            problems.append(f"{name}: no date prefix but reported={reported}")
        for rec in entry.get("records", []):
            rid = rec.get("id")
            where = f"{name} {rid}"
            if rid in ids:
                problems.append(f"{where}: duplicate id")
            ids.add(rid)
            counts["optional" if rec.get("optional") else "required"] += 1
            if rec.get("agreement_type") not in TYPES:
                problems.append(f"{where}: bad agreement_type")
            if rec.get("status") not in STATUSES:
                problems.append(f"{where}: bad status")
            ds = rec.get("date_signed")
            if ds is not None and not ISO.match(ds):
                problems.append(f"{where}: bad date_signed {ds}")
            if len(rec.get("parties", [])) < 2:
                problems.append(f"{where}: fewer than two parties")
            if not isinstance(rec.get("scope"), list) or not isinstance(rec.get("signatories"), list):
                problems.append(f"{where}: scope/signatories must be lists")
            strings = [("evidence_contains", rec.get("evidence_contains") or "")]
            strings += [("party", p) for p in rec.get("parties", [])]
            strings += [("signatory", s) for s in rec.get("signatories", [])]
            strings += [("people_present", s) for s in rec.get("people_present", [])]
            if rec.get("location"):
                strings.append(("location", rec["location"]))
            for kind, s in strings:
                if not s or s not in text:
                    problems.append(f"{where}: {kind} not in article: {s!r}")
    for p in problems:
        print("PROBLEM:", p)
    print(f"{len(entries)} articles, {counts['required']} required + "
          f"{counts['optional']} optional records, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
