"""``tavus doctor``: is this machine ready to use Tavus? One line per check, each saying what to fix."""

from __future__ import annotations

import os
import sys
import time
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from tavus_cli._errors import API_ERROR, AUTH, KEY_HINT, OK, CliError
from tavus_cli._verbs import note, session

if TYPE_CHECKING:
    from tavus_cli._session import Session

Status = Literal["ok", "warn", "fail"]

_PACKAGES = ("tavus-kit", "httpx", "pydantic", "typer")
_KEY_FIX = KEY_HINT
_CHECK_TIMEOUT = 10.0
_MIN_PYTHON = (3, 11)


@dataclass(frozen=True)
class Check:
    status: Status
    check: str
    detail: str
    fix: str | None = None
    auth: bool = False
    """A missing or refused API key: the run exits 4, as every other command would."""

    def line(self) -> str:
        return f"{self.status:<5} {self.check:<15} {self.detail}" + (f"; fix: {self.fix}" if self.fix else "")


def command(
    ctx: typer.Context,
    json_output: Annotated[bool, typer.Option("--json", help="Print the checks as a JSON array.")] = False,
) -> None:
    """Check what tavus needs: Python and package versions, the API key, the API itself, the extras.

    Exits 0 when nothing failed (warnings allowed), 4 when the key is missing or refused, 1 on any other failure.

    \b
    Examples:
      tavus doctor
      tavus --base-url http://127.0.0.1:8787/v2 doctor --json
      tavus --emulator doctor
    """
    checks = _checks(session(ctx))
    if json_output:
        import json

        rows = [{k: v for k, v in asdict(c).items() if k != "auth"} for c in checks]
        sys.stdout.write(json.dumps(rows, indent=2) + "\n")
    else:
        from tavus_cli._output import printable

        for check in checks:
            sys.stdout.write(printable(check.line()) + "\n")
    note(_summary(checks))
    raise typer.Exit(_exit_code(checks))


def _checks(s: Session) -> list[Check]:
    key_check, key = _api_key(s)
    return [
        _python(),
        *_packages(),
        key_check,
        _api(s, key),
        _extra("emulator", "`tavus emulator` and `tavus webhooks listen`"),
        _extra("agent", "`tavus agent`"),
        _openai_key(s),
    ]


def _exit_code(checks: list[Check]) -> int:
    failed = [c for c in checks if c.status == "fail"]
    if any(c.auth for c in failed):
        return AUTH
    return API_ERROR if failed else OK


def _summary(checks: list[Check]) -> str:
    fails = sum(c.status == "fail" for c in checks)
    warns = sum(c.status == "warn" for c in checks)
    if not fails and not warns:
        return "all checks passed"
    warned = f"{warns} warning{'s' if warns != 1 else ''}"
    return f"{fails} failed, {warned}" if fails else f"no failures, {warned}"


# -- versions -------------------------------------------------------------------------------------------------


def _python() -> Check:
    version = ".".join(str(part) for part in sys.version_info[:3])
    if sys.version_info[:2] < _MIN_PYTHON:
        return Check("fail", "python", f"{version} is too old", fix="use Python 3.11 or newer")
    return Check("ok", "python", f"{version} ({sys.executable})")


def _packages() -> list[Check]:
    checks = []
    for name in _PACKAGES:
        found = _version(name)
        if found is None:
            checks.append(
                Check("fail", name, "not installed", fix="reinstall: pip install --force-reinstall tavus-kit")
            )
        else:
            checks.append(Check("ok", name, found))
    pipecat = _version("pipecat-ai")  # optional: the agent check says what it is for
    if pipecat is not None:
        checks.append(Check("ok", "pipecat-ai", pipecat))
    return checks


def _version(distribution: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(distribution)
    except PackageNotFoundError:
        return None


# -- the key and the API --------------------------------------------------------------------------------------


def mask(secret: str) -> str:
    """The last four characters, and only when the secret is long enough that they give nothing away."""
    return f"…{secret[-4:]}" if len(secret) >= 12 else "… (too short to show any of it)"


def _api_key(s: Session) -> tuple[Check, str | None]:
    """The key's check, and the key itself (``None`` when there is none)."""
    try:
        found = s.find_api_key(prompt=False)  # doctor never waits for input
    except CliError as exc:  # --api-key-stdin with nothing on stdin
        return Check("fail", "api key", exc.message, fix=_KEY_FIX, auth=True), None
    if found is None:
        return Check("fail", "api key", "not found", fix=_KEY_FIX, auth=True), None
    key, source = found
    return Check("ok", "api key", f"{mask(key)} from {source}"), key


def _api(s: Session, key: str | None) -> Check:
    if key is None:
        return Check("warn", "api", "not checked without an API key")
    from tavus_sdk import _exceptions as e
    from tavus_sdk._logging import redact_url

    where = "the in-process emulator" if s.emulated else None
    try:
        with s.client() as tavus:
            where = where or redact_url(tavus.base_url)
            started = time.perf_counter()
            page = tavus.personas.list(max_retries=0, timeout=s.timeout or _CHECK_TIMEOUT)
            elapsed = (time.perf_counter() - started) * 1000
    except e.AuthenticationError as exc:
        return Check("fail", "api", f"{where} refused the key ({exc.message})", fix=_KEY_FIX, auth=True)
    except e.APIStatusError as exc:
        return Check(
            "fail",
            "api",
            f"{where} answered {exc.message}",
            fix="try again later; if it persists, check the Tavus status page",
        )
    except e.APIConnectionError as exc:
        return Check(
            "fail",
            "api",
            f"cannot reach {where or _base_url(s)}: {exc.message}",
            fix="check --base-url / TAVUS_BASE_URL and the network",
        )
    except e.ConfigurationError as exc:
        return Check("fail", "api", str(exc), fix="give --base-url an absolute URL such as https://tavusapi.com/v2")
    except CliError as exc:  # e.g. a key with a control character
        return Check("fail", "api", exc.message, fix=_KEY_FIX, auth=exc.code == AUTH)
    count = page.total_count if page.total_count is not None else len(page.data)
    return Check("ok", "api", f"{where} accepted the key ({count} personas listed in {elapsed:.0f} ms)")


def _base_url(s: Session) -> str:
    from tavus_sdk import DEFAULT_BASE_URL
    from tavus_sdk._logging import redact_url

    return redact_url(s.configured_base_url() or DEFAULT_BASE_URL)


# -- the extras -----------------------------------------------------------------------------------------------


def _extra(name: str, commands: str) -> Check:
    """Whether an extra is installed; only ``commands`` need it, so a missing one is a warning."""
    from tavus_cli._extras import missing_modules

    label = f"{name} extra"
    missing = missing_modules(name)
    if missing:
        verb = "need" if " and " in commands else "needs"
        fix = f"pip install 'tavus-kit[{name}]' (or `uv sync --extra {name}`); only {commands} {verb} it"
        return Check("warn", label, f"not installed (missing {', '.join(missing)})", fix=fix)
    return Check("ok", label, f"installed: {commands} can run")


def _openai_key(s: Session) -> Check:
    key = s.setting("OPENAI_API_KEY")
    if not key:
        return Check(
            "warn",
            "openai key",
            "OPENAI_API_KEY is not set (only `tavus agent` needs it)",
            fix="export OPENAI_API_KEY=... or add it to ./.env",
        )
    source = "env OPENAI_API_KEY" if os.environ.get("OPENAI_API_KEY") else "./.env"
    return Check("ok", "openai key", f"{mask(key.strip())} from {source}")
