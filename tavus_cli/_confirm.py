"""Destructive verbs ask first at a terminal and refuse to guess anywhere else."""

from __future__ import annotations

import sys

from tavus_cli._errors import API_ERROR, USAGE, CliError

__all__ = ["confirm", "interactive"]


def interactive() -> bool:
    """A person is there to answer: both stdin and stderr (where the question goes) are terminals."""
    return sys.stdin.isatty() and sys.stderr.isatty()


def confirm(question: str, *, yes: bool) -> None:
    """Return when the user agreed (or passed --yes); raise otherwise, before anything has changed."""
    if yes:
        return
    if not interactive():
        raise CliError(
            f"{question.rstrip('?')}: not confirmed, and there is no terminal to ask",
            code=USAGE,
            hint="pass --yes to confirm in scripts",
        )
    import typer

    if not typer.confirm(question, default=False, err=True):
        raise CliError("not confirmed; nothing was changed", code=API_ERROR)
