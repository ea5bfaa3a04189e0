"""Check that gold.json parses and every evidence_contains is verbatim in its article."""
import json, pathlib, re, sys

HERE = pathlib.Path(__file__).parent
VALID_TYPES = {"memorandum_of_understanding", "joint_venture", "framework_agreement",
               "cooperation_agreement", "contract", "other"}
VALID_STATUS = {"signed", "planned", "under_discussion", "terminated"}
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")

gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
errors = []
files = sorted(p.name for p in HERE.glob("b*.txt"))
entries = sorted(k for k in gold if k != "_about")
if files != entries:
    errors.append(f"files {files} != entries {entries}")
for name in entries:
    entry = gold[name]
    text = (HERE / name).read_text(encoding="utf-8")
    words = len(text.split())
    if not 150 <= words <= 400:
        errors.append(f"{name}: {words} words")
    rep = entry["reported"]
    if rep is not None:
        if not ISO.match(rep) or not text.startswith(f" date {rep} "):
            errors.append(f"{name}: reported {rep} does not match date line")
    elif text.startswith(" date "):
        errors.append(f"{name}: has date line but reported is null")
    for r in entry["records"]:
        rid = r["id"]
        if len(r["parties"]) < 2:
            errors.append(f"{rid}: fewer than 2 parties")
        if r["agreement_type"] not in VALID_TYPES:
            errors.append(f"{rid}: bad type")
        if r["status"] not in VALID_STATUS:
            errors.append(f"{rid}: bad status")
        if r["date_signed"] is not None and not ISO.match(r["date_signed"]):
            errors.append(f"{rid}: bad date")
        if r["evidence_contains"] not in text:
            errors.append(f"{rid}: evidence not verbatim")
        for p in r["parties"] + r["signatories"]:
            if p not in text:
                errors.append(f"{rid}: name not in text: {p}")
print("\n".join(errors) or "OK")
sys.exit(1 if errors else 0)
