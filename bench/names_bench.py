"""Organisation-name matching: the shared matcher (`summariser/orgnames.py`) against the one it replaced.

Two figures per matcher: accuracy on hand-labelled pairs (`bench/names_pairs.json`), and on the gold files'
`same_as` links (seeds, real news, invented sets) the share of linked record pairs whose parties all pair
up by name (what linking needs). The replaced matcher is read from git (commit b30bb68), not kept in the code.

    python bench/names_bench.py
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BEFORE = "b30bb68"


def _previous_matcher() -> ModuleType | None:
    try:
        src = subprocess.run(["git", "-C", str(ROOT), "show", f"{BEFORE}:summariser/orgnames.py"],
                             capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    path = Path(tempfile.mkdtemp()) / "orgnames_before.py"
    path.write_text(src)
    spec = importlib.util.spec_from_file_location("orgnames_before", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _linked_pairs() -> list[tuple[list[str], list[str]]]:
    from summariser.gold import load_gold

    files = [ROOT / "seeds/gold.json", ROOT / "tests/realnews/manifest.json", *sorted((ROOT / "tests/invented").glob("*/gold.json"))]
    pairs = []
    for path in files:
        records = load_gold(path).records()
        pairs += [(r.parties, records[r.same_as].parties) for r in records.values() if r.same_as]
    return pairs


def _parties_pair(same, a: list[str], b: list[str]) -> bool:
    short, long_ = sorted((a, b), key=len)
    free = list(long_)
    for name in short:
        hit = next((o for o in free if same(name, o)), None)
        if hit is None:
            return False
        free.remove(hit)
    return True


def figures(quick: bool = True) -> list[tuple[str, float, str]]:
    from summariser import orgnames

    labelled = json.loads((ROOT / "bench/names_pairs.json").read_text())["pairs"]
    linked = _linked_pairs()
    out = []
    for label, module in (("shared", orgnames), ("before", _previous_matcher())):
        if module is None:
            continue
        right = sum(module.same_organisation(a, b) is same and module.same_organisation(b, a) is same for a, b, same in labelled)
        found = sum(_parties_pair(module.same_organisation, a, b) for a, b in linked)
        out.append((f"names.{label}.labelled_accuracy", round(right / len(labelled), 3), f"of {len(labelled)} pairs"))
        out.append((f"names.{label}.same_as_parties_paired", round(found / len(linked), 3), f"of {len(linked)} links"))
    return out


if __name__ == "__main__":
    for name, value, unit in figures():
        print(f"{name}: {value} {unit}")
    if "-v" in sys.argv:
        from summariser.orgnames import same_organisation

        for a, b, same in json.loads((ROOT / "bench/names_pairs.json").read_text())["pairs"]:
            if same_organisation(a, b) is not same:
                print(f"wrong: {a!r} / {b!r} (same={same})")
