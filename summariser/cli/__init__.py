"""The `summarise` command: a thin layer over the library. Data goes to stdout, diagnostics to stderr.

Each group of commands lives in its own module and registers itself on `main`; modules import heavy
libraries (openai, instructor, llama_cpp, textual) inside the command functions so `--help` stays fast.
"""

from __future__ import annotations

import click

from summariser import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="summarise")
def main() -> None:
    """Build a register of agreements from news articles: extract, review, export."""


def _register() -> None:
    # Imported for their side effect of adding commands to `main`.
    from summariser.cli import batch, config, explain, export, extract_one, report, review  # noqa: F401


_register()
