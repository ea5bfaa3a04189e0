"""Regression gate: each invented set's figures must equal the checked-in baseline.

The invented sets (seeds/, tests/invented/) are development fixtures, not evidence of quality (that comes
from real published articles: bench/quality_bench.py). But they pin behaviour: a one-character rule change
once dropped a set's F1 by 0.04 with every test green. A drop fails here; so does a rise, until it is
recorded (`python bench/quality_bench.py --write-baseline`), so the baseline never hides a later fall.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summariser.evalsets import invented_sets
from summariser.extract.strategies.choice import extract_records

ROOT = Path(__file__).resolve().parent.parent
BASELINE = json.loads((ROOT / "tests" / "invented" / "baseline.json").read_text(encoding="utf-8"))
SETS = {s.name: s for s in invented_sets(ROOT)}


def test_every_invented_set_has_a_baseline():
    assert set(SETS) == set(BASELINE)


@pytest.mark.parametrize("name", sorted(SETS))
def test_invented_set_matches_its_baseline(name: str):
    report = SETS[name].score(lambda doc: extract_records(doc, None, None)[0])
    now = {"signed": report.signed.f1 or 0.0, "all": report.all.f1 or 0.0}
    now |= {f: score.f1 or 0.0 for f, score in report.fields.items()}
    changed = {k: (BASELINE[name][k], round(v, 4)) for k, v in now.items() if abs(round(v, 4) - BASELINE[name][k]) > 1e-4}
    worse = {k: pair for k, pair in changed.items() if pair[1] < pair[0]}
    assert not worse, f"{name}: figures fell (baseline, now): {worse}"
    assert not changed, (
        f"{name}: figures rose (baseline, now): {changed}; record them with "
        "`python bench/quality_bench.py --write-baseline`"
    )
