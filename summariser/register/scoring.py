"""Linking scored against a gold file's `same_as`: pairwise precision and recall of "same agreement".

Gold pairs: every two gold records (in different articles) joined by `same_as`, directly or through others.
Two figures:
- `on_gold`: the linker run on the gold records themselves, as if extraction were perfect. This measures
  linking alone, and is the figure that can be compared across extractors.
- `on_predictions`: the predicted records' agreement ids. A predicted pair (two predictions in different
  articles sharing an agreement) is right when both were paired with gold records that gold links; a pair
  involving a prediction that matched no gold record is wrong. Recall: gold pairs whose two records were
  both found and given one agreement.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations
from typing import Any

from summariser.evaluate import Report, Score
from summariser.gold import Gold
from summariser.register.identity import LinkInput
from summariser.register.linking import link
from summariser.store.export_reads import document_paths


@dataclass
class LinkScores:
    gold_pairs: int
    on_gold: Score
    on_predictions: Score | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold_pairs": self.gold_pairs,
            "on_gold": self.on_gold.to_dict(),
            "on_predictions": self.on_predictions.to_dict() if self.on_predictions else None,
        }


def _pairs(groups: Iterable[Iterable[str]]) -> set[frozenset[str]]:
    return {frozenset(p) for g in groups for p in combinations(sorted(set(g)), 2)}


def gold_pairs(gold: Gold) -> set[frozenset[str]]:
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for rec in gold.records().values():
        if rec.same_as:
            parent[find(rec.id)] = find(rec.same_as)
    groups: dict[str, list[str]] = defaultdict(list)
    for rid in parent:
        groups[find(rid)].append(rid)
    return _pairs(groups.values())


def _score(predicted: set[frozenset[str]], truth: set[frozenset[str]]) -> Score:
    tp = len(predicted & truth)
    return Score(tp=tp, fp=len(predicted) - tp, fn=len(truth - predicted))


def link_gold(gold: Gold) -> set[frozenset[str]]:
    """Pairs the linker makes among the gold records themselves."""
    inputs = [
        LinkInput(
            record_id=rec.id, document_id=name, parties=tuple((p,) for p in rec.parties),
            agreement_type=rec.agreement_type.value, status=rec.status.value,
            date_signed=rec.date_signed, reported=doc.reported,
        )
        for name, doc in gold.documents.items()
        for rec in doc.records
    ]
    ids = link(inputs)
    groups: dict[str, list[str]] = defaultdict(list)
    for rid, agreement in ids.items():
        groups[agreement].append(rid)
    return _pairs(groups.values())


def score_linking(gold: Gold, report: Report | None = None, agreements: dict[str, list[str]] | None = None) -> LinkScores:
    """`agreements`: article file name -> the agreement id of each predicted record, in prediction order
    (the order `report` indexes predictions by)."""
    truth = gold_pairs(gold)
    on_predictions = None
    if report is not None and agreements is not None:
        members: dict[str, list[tuple[str, str | None]]] = defaultdict(list)  # agreement -> (article, gold id)
        for detail in report.details:
            matched = dict(detail.matched)
            for i, agreement in enumerate(agreements.get(detail.document, [])):
                members[agreement].append((detail.document, matched.get(i)))
        right = wrong = 0
        found: set[frozenset[str]] = set()
        for reports in members.values():
            for (doc_a, g_a), (doc_b, g_b) in combinations(reports, 2):
                if doc_a == doc_b:
                    continue
                pair = frozenset((g_a, g_b)) if g_a and g_b else None
                if pair in truth:
                    right += 1
                    found.add(pair)
                else:
                    wrong += 1
        on_predictions = Score(tp=right, fp=wrong, fn=len(truth - found))
    return LinkScores(gold_pairs=len(truth), on_gold=_score(link_gold(gold), truth), on_predictions=on_predictions)


def agreements_from_store(conn: Any, *, reviewed: bool = False) -> dict[str, list[str]]:
    """Article file name -> agreement id of each record, in the order `evaluate.predictions_from_store`
    lists that article's records (all current suggestions; or the accepted / edited ones)."""
    from pathlib import Path

    from summariser.export import iter_export_records
    from summariser.register.view import agreement_ids

    out: dict[str, list[str]] = defaultdict(list)
    if reviewed:
        for rec in iter_export_records(conn):
            out[Path(rec["document"]["path"]).name].append(rec["agreement_id"])
        return dict(out)
    inputs, ids = agreement_ids(conn)
    names = {doc_id: Path(path).name for doc_id, path in document_paths(conn)}
    for linked in inputs:  # in document path, then record order
        out[names[linked.document_id]].append(ids[linked.record_id])
    return dict(out)


def agreements_from_export(path: Any) -> dict[str, list[str]] | None:
    """The same, from an export file whose records carry `agreement_id` (None for older exports)."""
    from pathlib import Path

    import orjson

    raw = Path(path).read_bytes()
    try:
        whole = orjson.loads(raw)
        records = whole["records"] if isinstance(whole, dict) and "records" in whole else [whole]
    except orjson.JSONDecodeError:
        records = [orjson.loads(line) for line in raw.splitlines() if line.strip()]
    out: dict[str, list[str]] = defaultdict(list)
    for rec in records:
        if "agreement_id" not in rec:
            return None
        out[Path(rec["document"]["path"]).name].append(rec["agreement_id"])
    return dict(out)


def print_link_scores(scores: LinkScores, echo: Any) -> None:
    def pct(v: float | None) -> str:
        return "—" if v is None else f"{v:.1%}"

    def line(label: str, s: Score) -> str:
        return f"  {label}: precision {pct(s.precision)}, recall {pct(s.recall)} ({s.tp} right, {s.fp} wrong, {s.fn} missed)"

    echo(f"Linking (same agreement across articles, pairwise; {scores.gold_pairs} gold pairs from same_as):")
    echo(line("linker on the gold records", scores.on_gold))
    if scores.on_predictions is not None:
        echo(line("on the predicted records", scores.on_predictions))
