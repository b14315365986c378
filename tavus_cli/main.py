"""Entry point of the ``tavus`` command."""

from __future__ import annotations

import sys

__all__ = ["main", "run"]


def main(argv: list[str] | None = None) -> int:
    """Run ``tavus`` with ``argv`` (default: the process arguments) and return its exit code."""
    # httpx imports its own command line tool (click, rich) when they are installed; nothing here uses it,
    # and keeping it out saves ~35 ms on every run.
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]
    from typer.main import get_command

    from tavus_cli._app import app

    command = get_command(app)
    try:
        command.main(args=sys.argv[1:] if argv is None else argv, prog_name="tavus", standalone_mode=True)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return 0


def run() -> None:
    raise SystemExit(main())


if __name__ == "__main__":
    run()
