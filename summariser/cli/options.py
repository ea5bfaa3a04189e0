"""Options shared by several commands, declared once (click decorators) and turned into settings once."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])

EXIT_USAGE = 2
STORE_HELP = "SQLite store file [default: $SUMMARISER_STORE, the config file, or the user data folder]."
STRATEGIES = ("auto", "choice", "whole")


def store_option(func: F) -> F:
    return click.option("--store", type=click.Path(dir_okay=False, path_type=Path), help=STORE_HELP)(func)


def model_options(func: F) -> F:
    """--model, --base-url, --embedded and --strategy: which model runs, and how it is asked."""
    for option in reversed(
        [
            click.option("--model", help="Model name on the OpenAI-compatible endpoint."),
            click.option("--base-url", help="OpenAI-compatible endpoint URL (the key comes from OPENAI_API_KEY)."),
            click.option(
                "--embedded",
                is_flag=True,
                default=None,
                help="Use the embedded model (SmolLM2-135M, on this machine) even if a key is set.",
            ),
            click.option(
                "--strategy",
                type=click.Choice(STRATEGIES),
                help="auto (default): whole on an endpoint model, choice on the embedded one; choice: the model "
                "chooses among options the program offers; whole: the model writes whole records.",
            ),
        ]
    ):
        func = option(func)
    return func


def setting_overrides(embedded: bool | None = None, **options: Any) -> dict[str, Any]:
    """Command-line values as settings overrides (None = not given, so it does not override)."""
    return {**options, "provider": "embedded" if embedded else None}


def fail(message: str, code: int = EXIT_USAGE) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def load(**options: Any):
    """Settings from defaults < config file < environment < these options; a clear message when invalid."""
    from pydantic import ValidationError

    from summariser.settings import load_settings

    try:
        return load_settings(**setting_overrides(**options))
    except (ValidationError, ValueError, OSError) as exc:
        fail(f"invalid settings (options, SUMMARISER_* environment or config file): {exc}")
