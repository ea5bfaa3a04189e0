"""Evaluation sets: the invented development fixtures and the real-news manifest with its text cache.

Real articles are other people's words: the repository holds facts only (tests/realnews/manifest.json)
and the texts live in a cache folder outside it (`~/.cache/summariser/realnews/`, or $SUMMARISER_REALNEWS).
This module finds both, scores a strategy on a set, and says which cached texts are missing.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from summariser.documents import read_document
from summariser.evaluate import Report, evaluate
from summariser.gold import from_manifest
from summariser.schema import AgreementRecord, Document

Predict = Callable[[Document], list[AgreementRecord]]


def realnews_cache() -> Path:
    return Path(os.environ.get("SUMMARISER_REALNEWS") or Path.home() / ".cache" / "summariser" / "realnews")


@dataclass(frozen=True)
class EvalSet:
    name: str
    gold: dict[str, Any]  # a gold mapping (file name -> entry)
    folder: Path  # where the article files are

    def names(self) -> list[str]:
        return [k for k in self.gold if not k.startswith("_")]

    def missing(self) -> list[str]:
        return [n for n in self.names() if not (self.folder / n).is_file()]

    def score(self, predict: Predict) -> Report:
        """Score only the articles present (a partly rebuilt cache still gives figures, for what is there)."""
        present = [n for n in self.names() if (self.folder / n).is_file()]
        gold = {k: v for k, v in self.gold.items() if k.startswith("_") or k in present}
        return evaluate(gold, {n: predict(read_document(self.folder / n)) for n in present})


def invented_sets(root: Path) -> list[EvalSet]:
    """seeds/ and tests/invented/*: articles written for the project, used as development fixtures."""
    folders = [root / "seeds", *sorted((root / "tests" / "invented").glob("dev*"))]
    return [EvalSet(f.name, orjson.loads((f / "gold.json").read_bytes()), f) for f in folders if (f / "gold.json").is_file()]


def realnews_sets(root: Path, *, by_language: bool = True) -> list[EvalSet]:
    """The real-news manifest as sets: each split, then each split per language."""
    manifest_path = root / "tests" / "realnews" / "manifest.json"
    if not manifest_path.is_file():
        return []
    manifest = orjson.loads(manifest_path.read_bytes())
    cache = realnews_cache()
    docs = manifest["docs"].values()
    splits = sorted({d["split"] for d in docs}, reverse=True)  # untouched first
    out = [EvalSet(f"realnews_{s}", from_manifest(manifest, split=s), cache) for s in splits]
    if by_language:
        for s in splits:
            for lang in sorted({d["language"] for d in docs if d["split"] == s}):
                out.append(EvalSet(f"realnews_{s}_{lang}", from_manifest(manifest, split=s, language=lang), cache))
    return out
