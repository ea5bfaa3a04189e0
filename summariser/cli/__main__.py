"""`python -m summariser.cli` runs the `summarise` command (for when the script is not on PATH)."""

from summariser.cli import main

main(prog_name="summarise")
