"""Entry point of the ``tavus`` command.

The admin commands are not part of this release yet; until they are, ``tavus`` only reports its version and
says so, rather than pretending to run a command.
"""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    from tavus_sdk._version import __version__

    args = sys.argv[1:] if argv is None else argv
    if args in ([], ["--version"], ["-V"]):
        print(f"tavus {__version__}")
        return 0
    print(
        f"tavus {__version__}: the admin commands are not available in this release yet; "
        "use the Python SDK (import tavus_sdk).",
        file=sys.stderr,
    )
    return 2


def run() -> None:
    raise SystemExit(main())


if __name__ == "__main__":
    run()
