"""What every command shares: the global options, the API key and the client built from them.

The key comes from, in order: ``--api-key-stdin``, ``TAVUS_API_KEY``, a ``.env`` file in the working directory,
and, at a terminal, a hidden prompt. It is never taken as a flag value, so it never lands in shell history or
``ps`` output.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tavus_cli._errors import AUTH, KEY_HINT, USAGE, CliError

if TYPE_CHECKING:
    import httpx

    from tavus_cli._throttle import Throttle
    from tavus_sdk import AsyncTavus, Tavus
    from tavus_sdk.testing import TavusEmulator

__all__ = ["Session", "start_request_log", "stop_request_log"]

_EMULATOR_KEY = "emulator-key"
_DOTENV = "./.env"


@dataclass
class Session:
    """The global options of one ``tavus`` run, and the clients and emulator they lead to (made lazily)."""

    base_url: str | None = None
    timeout: float | None = None
    max_retries: int | None = None
    api_key_stdin: bool = False
    use_emulator: bool = False
    emulator_state: Path | None = None
    show_secrets: bool = False
    allow_unknown_fields: bool = False
    """Send body fields the API description does not name (e.g. newer than this release) instead of refusing."""
    debug: bool = False
    emulator: TavusEmulator | None = None
    """An emulator to run against (tests pass their own); made on first use when ``--emulator`` is given."""
    _api_key: tuple[str, str] | None = field(default=None, repr=False)
    _dotenv: dict[str, str] | None = field(default=None, repr=False)
    _announced: set[str] = field(default_factory=set, repr=False)

    # -- configuration -------------------------------------------------------------------------------------

    def setting(self, name: str) -> str | None:
        """An environment variable, else its value in ./.env (the environment wins, as with dotenv)."""
        value = os.environ.get(name)
        if value:
            return value
        return self.dotenv().get(name) or None

    def dotenv(self) -> dict[str, str]:
        if self._dotenv is None:
            path = Path.cwd() / ".env"
            self._dotenv = {}
            if path.is_file():
                from dotenv import dotenv_values

                self._dotenv = {k: v for k, v in dotenv_values(path).items() if v is not None}
        return self._dotenv

    @property
    def emulated(self) -> bool:
        return self.use_emulator or self.emulator_state is not None or self.emulator is not None

    def api_key(self) -> str:
        found = self.find_api_key(prompt=True)
        if found is not None:
            return found[0]
        raise CliError(
            "no Tavus API key",
            code=AUTH,
            hint=f"{KEY_HINT}; or try everything offline with --emulator",
        )

    def find_api_key(self, *, prompt: bool) -> tuple[str, str] | None:
        """The key and where it came from, in the one order every command uses; ``None`` when there is none.
        ``prompt`` allows the hidden prompt at a terminal (``tavus doctor`` never waits for input)."""
        if self._api_key is None:
            self._api_key = self._look_up_api_key(prompt=prompt)
        return self._api_key

    def _look_up_api_key(self, *, prompt: bool) -> tuple[str, str] | None:
        found = self._raw_api_key(prompt=prompt)
        if found is None:
            return None
        from tavus_sdk import MalformedAPIKeyError
        from tavus_sdk._base_client import check_api_key

        key, source = found
        try:
            return check_api_key(key), source
        except MalformedAPIKeyError as exc:  # the message never holds the key itself
            raise CliError(f"{exc} (from {source})", code=AUTH) from None

    def _raw_api_key(self, *, prompt: bool) -> tuple[str, str] | None:
        if self.api_key_stdin:
            key = sys.stdin.readline().strip()
            if not key:
                raise CliError("--api-key-stdin was given but standard input was empty", code=AUTH)
            return key, "--api-key-stdin"
        env = os.environ.get("TAVUS_API_KEY", "").strip()
        if env:
            return env, "env TAVUS_API_KEY"
        dotenv = (self.dotenv().get("TAVUS_API_KEY") or "").strip()
        if dotenv:
            return dotenv, _DOTENV
        if self.emulated:
            return _EMULATOR_KEY, "the emulator's built-in key"
        if prompt and sys.stdin.isatty() and sys.stderr.isatty():
            import getpass

            typed = getpass.getpass("Tavus API key (input hidden): ").strip()
            if typed:
                return typed, "the prompt"
        return None

    def configured_base_url(self) -> str | None:
        """``--base-url``, else ``TAVUS_BASE_URL`` from the environment, else from ./.env, but only when the key
        comes from that same ./.env (announced on stderr). A .env someone else wrote (a cloned repository) must
        not send the key from your environment to a host it chose; see "Threat model" in the README."""
        if self.base_url:
            return self.base_url
        env = os.environ.get("TAVUS_BASE_URL", "").strip()
        if env:
            return env
        dotenv = (self.dotenv().get("TAVUS_BASE_URL") or "").strip()
        if not dotenv:
            return None
        from tavus_sdk._logging import redact_url

        shown = redact_url(dotenv)
        found = self.find_api_key(prompt=False)
        if found is not None and found[1] == _DOTENV:
            self._announce(f"note: using TAVUS_BASE_URL={shown} from ./.env")
            return dotenv
        source = found[1] if found is not None else "elsewhere"
        self._announce(
            f"warning: ignoring TAVUS_BASE_URL={shown} in ./.env: the API key comes from {source}, not that file "
            "(export TAVUS_BASE_URL or pass --base-url to use it)"
        )
        return None

    def _announce(self, line: str) -> None:
        if line not in self._announced:
            self._announced.add(line)
            from tavus_cli._output import printable

            sys.stderr.write(printable(line) + "\n")

    # -- clients -------------------------------------------------------------------------------------------

    def client(self) -> Tavus:
        from tavus_sdk import Tavus

        return Tavus(**self._client_options())

    def async_client(self, throttle: Throttle | None = None) -> AsyncTavus:
        """The async client of a command, made here only. With ``throttle`` (bulk verbs), every request it sends,
        retries included, takes a turn from the throttle first."""
        from tavus_sdk import AsyncTavus

        options = self._client_options()
        if throttle is not None:
            from tavus_cli._throttle import ThrottledTransport

            inner = options.pop("transport", None) or self._async_transport(throttle.ceiling)
            options["transport"] = ThrottledTransport(inner, throttle)
            options["max_in_flight"] = throttle.ceiling
        return AsyncTavus(**options)

    @staticmethod
    def _async_transport(connections: int) -> httpx.AsyncBaseTransport:
        """The HTTP stack under the async client of bulk work: aiohttp when ``tavus-kit[aiohttp]`` is installed
        (several times the requests per second of httpx's own at the same concurrency), else httpx's. The
        throttle wraps whatever this returns, so 429s slow the whole batch either way."""
        import httpx

        from tavus_sdk import aiohttp_available

        if aiohttp_available():
            from tavus_sdk import AioHttpTransport

            return AioHttpTransport(max_connections=connections)
        return httpx.AsyncHTTPTransport(
            limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
        )

    def _client_options(self) -> dict[str, Any]:
        options: dict[str, Any] = {"api_key": self.api_key()}
        if self.timeout is not None:
            options["timeout"] = self.timeout
        if self.max_retries is not None:
            options["max_retries"] = self.max_retries
        if self.emulated:
            emulator = self.get_emulator()
            options["base_url"] = emulator.base_url
            options["transport"] = emulator.transport()
        else:
            base_url = self.configured_base_url()
            if base_url:
                options["base_url"] = base_url
        return options

    def now(self) -> datetime:
        """The time as the API sees it: the emulator's clock when emulated, else this machine's."""
        if self.emulated:
            return self.get_emulator().clock.datetime()
        return datetime.now(UTC)

    def get_emulator(self) -> TavusEmulator:
        if self.emulator is None:
            from tavus_sdk.testing import Clock, TavusEmulator

            try:
                # A running clock: replicas train and calls time out as they would on Tavus, in real time.
                self.emulator = TavusEmulator(clock=Clock(frozen=False), state_file=self.emulator_state)
            except (OSError, ValueError) as exc:
                raise CliError(f"cannot load emulator state {self.emulator_state}: {exc}", code=USAGE) from exc
        return self.emulator


class _StderrHandler(logging.StreamHandler):  # type: ignore[type-arg]
    """Writes to whatever ``sys.stderr`` is at the time of each record (it may be replaced after set-up)."""

    def emit(self, record: logging.LogRecord) -> None:
        self.stream = sys.stderr
        super().emit(record)


def start_request_log() -> None:
    """--debug: the SDK's own request log on stderr, which redacts the key and persona secrets."""
    logger = logging.getLogger("tavus_sdk")
    if not any(isinstance(h, _StderrHandler) for h in logger.handlers):
        handler = _StderrHandler()
        handler.setFormatter(logging.Formatter("debug: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)


def stop_request_log() -> None:
    logger = logging.getLogger("tavus_sdk")
    for handler in [h for h in logger.handlers if isinstance(h, _StderrHandler)]:
        logger.removeHandler(handler)
    logger.setLevel(logging.NOTSET)
