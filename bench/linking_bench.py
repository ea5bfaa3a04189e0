"""Linking at scale: time and memory to group 100,000 records into agreements (goal: under 10 s).

The records are generated: organisations with invented names, agreements between pairs of them over
ten years, each agreement reported by one to five articles that spell the parties differently (case,
legal form, acronym, transliterated accents), some with the signing date, some only with a publication
date, some planned before they were signed. Same pairs of organisations sign several agreements on
different dates. Since the truth is known, pairwise precision and recall are printed too.

    python bench/linking_bench.py [--records N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import random
import resource
import sys
import time
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SYLLABLES = ["ka", "ro", "ne", "tal", "vin", "sor", "mek", "lan", "di", "qua", "zer", "bo", "ga", "tri", "pol", "sen", "mar", "ul", "fen", "dor"]
HEADS = ("Energy", "Holding", "Group", "Industries", "Technologies", "Logistics", "Bank", "Mining")
FORMS = ("", " Ltd", " LLC", " S.A.", " GmbH", " JSC", " Co., Ltd.", " PLC")
TYPES = ("memorandum_of_understanding", "joint_venture", "framework_agreement", "cooperation_agreement", "contract")


def _organisations(n: int, rng: random.Random) -> list[str]:
    names: set[str] = set()
    while len(names) < n:
        word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        names.add(f"{word} {rng.choice(HEADS)}" if rng.random() < 0.7 else word)
    return sorted(names)


def _spelling(name: str, rng: random.Random) -> str:
    r = rng.random()
    if r < 0.15 and " " in name:
        return "".join(w[0] for w in name.split()).upper() if len(name.split()) > 1 else name
    if r < 0.3:
        return name.upper()
    return name + rng.choice(FORMS)


def generate(n_records: int, seed: int = 7):
    from summariser.register.identity import LinkInput

    rng = random.Random(seed)
    orgs = _organisations(max(50, n_records // 5), rng)
    start = dt.date(2015, 1, 1).toordinal()
    records, truth, doc = [], [], 0
    agreement = 0
    while len(records) < n_records:
        a, b = rng.sample(orgs, 2)
        kind = rng.choice(TYPES)
        signed = dt.date.fromordinal(start + rng.randint(0, 3650))
        for _ in range(rng.randint(1, 5)):
            doc += 1
            planned = rng.random() < 0.1
            reported = signed - dt.timedelta(days=rng.randint(10, 60)) if planned else signed + dt.timedelta(days=rng.randint(0, 30))
            dated = not planned and rng.random() < 0.5
            records.append(LinkInput(
                record_id=f"{doc:08d}-0", document_id=f"d{doc}",
                parties=((_spelling(a, rng), a.split()[0]), (_spelling(b, rng), b.split()[0])),
                agreement_type=kind, status="planned" if planned else "signed",
                date_signed=signed if dated else None, reported=reported,
            ))  # fmt: skip
            truth.append(agreement)
        agreement += 1
    return records[:n_records], truth[:n_records]


def pairwise(truth: list[int], predicted: list[str]) -> tuple[float, float]:
    def pairs(labels):
        groups: dict = {}
        for i, label in enumerate(labels):
            groups.setdefault(label, []).append(i)
        return {p for members in groups.values() for p in combinations(members, 2)}

    gold, got = pairs(truth), pairs(predicted)
    tp = len(gold & got)
    return tp / len(got) if got else 1.0, tp / len(gold) if gold else 1.0


def figures(quick: bool = True, n_records: int = 100_000) -> list[tuple[str, float, str]]:
    from summariser.register.linking import link

    records, truth = generate(n_records)
    gc.collect()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    ids = link(records)
    seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    precision, recall = pairwise(truth, [ids[r.record_id] for r in records])
    k = n_records // 1000
    return [
        (f"link.{k}k_seconds", round(seconds, 2), "s"),
        (f"link.{k}k_peak_rss_growth_mb", round((peak - before) / 1024, 1), "MB"),
        (f"link.{k}k_agreements", len(set(ids.values())), "agreements"),
        (f"link.{k}k_pairwise_precision", round(precision, 3), ""),
        (f"link.{k}k_pairwise_recall", round(recall, 3), ""),
    ]


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--records", type=int, default=100_000)
    args = parser.parse_args()
    for name, value, unit in figures(n_records=args.records):
        print(f"{name}: {value} {unit}")
