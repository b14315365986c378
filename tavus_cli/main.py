"""Entry point of the ``tavus`` command."""

from __future__ import annotations


def main() -> None:
    from tavus_sdk._version import __version__

    print(f"tavus {__version__}")
