"""`summarise config`: the effective settings, where each came from, and the strategy that will run."""

from __future__ import annotations

import json

import click

from summariser.cli import main
from summariser.cli.options import fail, model_options, setting_overrides, store_option


@main.command(short_help="Show the effective settings and where each came from.")
@store_option
@model_options
@click.option("--json", "as_json", is_flag=True, help="Print as JSON.")
def config(as_json: bool, **options: object) -> None:
    """Print every setting with its value and source (default, config file, environment, option), and
    the resolved strategy and model. The API key is never printed: only whether one is set."""
    from pydantic import ValidationError

    from summariser.settings import describe_settings

    try:
        described = describe_settings(**setting_overrides(**options))  # type: ignore[arg-type]
    except (ValidationError, ValueError, OSError) as exc:
        fail(f"invalid settings (options, SUMMARISER_* environment or config file): {exc}")
    if as_json:
        click.echo(json.dumps(described, indent=2, default=str))
        return
    resolved = described["resolved"]
    click.echo(f"config file: {described['config_file']}")
    click.echo(f"strategy: {resolved['strategy']}   model: {resolved['model']}   endpoint: {resolved['endpoint'] or '-'}")
    width = max(len(name) for name in described["settings"])
    for name, item in described["settings"].items():
        click.echo(f"{name:<{width}}  {json.dumps(item['value'], default=str):<40}  ({item['source']})")
