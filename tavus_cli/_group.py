"""The command-group class every ``tavus`` group uses: it turns any failure into one line and an exit code."""

from __future__ import annotations

import sys
from typing import Any

import typer
from typer.core import TyperGroup

from tavus_cli._errors import API_ERROR, INTERRUPTED, USAGE, CliError, describe

__all__ = ["TavusGroup", "new_group", "report"]


def report(error: CliError) -> None:
    sys.stderr.write(error.line() + "\n")


def _debugging(ctx: Any) -> bool:
    obj = ctx.find_root().obj
    return bool(getattr(obj, "debug", False))


class TavusGroup(TyperGroup):
    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except CliError as exc:
            report(exc)
            raise typer.Exit(exc.code) from None
        except (KeyboardInterrupt, typer.Abort):
            sys.stderr.write("\ninterrupted\n")
            raise typer.Exit(INTERRUPTED) from None
        except BrokenPipeError:
            # `tavus ... | head`: the reader left; that is not an error worth a word.
            _silence_stdout()
            raise typer.Exit(0) from None
        except (typer.Exit, SystemExit):
            raise
        except Exception as exc:
            if _debugging(ctx) or _is_click_control_flow(exc):
                raise
            known = describe(exc)
            if known is None and isinstance(exc, UnicodeError):
                # Arguments and environment values that are not UTF-8 reach Python as lone surrogates.
                known = CliError("an argument or setting is not valid UTF-8 text", code=USAGE)
            if known is None:
                known = CliError(
                    f"unexpected {type(exc).__name__}: {exc}",
                    code=API_ERROR,
                    hint="rerun with --debug for the full traceback",
                )
            report(known)
            raise typer.Exit(known.code) from None


def _is_click_control_flow(exc: Exception) -> bool:
    # Usage errors and the like are raised through invoke and shown by the framework itself (exit 2).
    return type(exc).__module__.startswith("typer._click")


def _silence_stdout() -> None:
    import os

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def new_group(help: str) -> typer.Typer:
    """A resource's command group, configured like every other."""
    return typer.Typer(
        cls=TavusGroup,
        help=help,
        no_args_is_help=True,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
        add_completion=False,
    )
