"""The extraction strategies by name: a small explicit registry (no import by string).

Each entry is a loader, so a strategy's heavy data (the choice strategy's gazetteers and word lists) is
read only when that strategy is chosen.
"""

from __future__ import annotations

from collections.abc import Callable

from summariser.extract.base import ExtractionError, Strategy


def _choice() -> Strategy:
    from summariser.extract.strategies import choice

    return choice.STRATEGY


def _whole() -> Strategy:
    from summariser.extract.strategies import whole

    return whole.STRATEGY


STRATEGIES: dict[str, Callable[[], Strategy]] = {"choice": _choice, "whole": _whole}


def get_strategy(name: str) -> Strategy:
    try:
        loader = STRATEGIES[name]
    except KeyError:
        known = ", ".join(sorted(STRATEGIES))
        raise ExtractionError(f"unknown strategy {name!r}: expected one of {known}") from None
    return loader()
