"""Exit codes, and how every failure becomes one line on stderr.

0 success, 1 the API said no (or could not be reached), 2 bad input or usage, 4 authentication,
130 interrupted. Scripts branch on these, so they never change meaning.
"""

from __future__ import annotations

from typing import Final

__all__ = ["API_ERROR", "AUTH", "INTERRUPTED", "KEY_HINT", "OK", "USAGE", "CliError", "describe"]

OK: Final = 0
API_ERROR: Final = 1
USAGE: Final = 2
AUTH: Final = 4
INTERRUPTED: Final = 130


KEY_HINT: Final = "set TAVUS_API_KEY, put it in ./.env, or pipe it in with --api-key-stdin"
"""Every way to give the API key, for each message about a missing or unusable one."""


class CliError(Exception):
    """A failure the user can act on: one line of what went wrong, optionally one of what to do."""

    def __init__(self, message: str, *, code: int = USAGE, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.hint = hint

    def line(self) -> str:
        """One line, so logs and scripts that keep the last line of stderr keep all of it: a line break or a
        terminal escape in an id or a server message is shown in caret notation, never acted on."""
        from tavus_cli._output import printable

        return printable(f"error: {self.message}" + (f" (hint: {self.hint})" if self.hint else ""))


def describe(exc: BaseException) -> CliError | None:
    """The CLI's reading of an SDK error, or None when the error is not one the CLI knows how to explain."""
    # Imported here: the SDK's exception module imports httpx, which `tavus --help` must not pay for.
    from tavus_sdk import _exceptions as e
    from tavus_sdk.patch import PatchError

    if isinstance(exc, PatchError):
        return CliError(str(exc), code=USAGE)
    if isinstance(exc, e.InvalidRequestError):
        return CliError(str(exc), code=USAGE)  # raised by the SDK before anything is sent
    if isinstance(exc, e.AuthenticationError):
        return CliError(
            f"the API key was refused ({exc.status_code})",
            code=AUTH,
            hint="check TAVUS_API_KEY (or .env); `tavus doctor` tests it",
        )
    if isinstance(exc, e.APIKeyError):
        return CliError(str(exc), code=AUTH, hint=KEY_HINT)
    if isinstance(exc, e.ConfigurationError):
        return CliError(str(exc), code=USAGE)
    if isinstance(exc, e.ConcurrencyLimitError):
        return CliError(
            exc.message,
            code=API_ERROR,
            hint="end conversations you no longer need: `tavus conversations end --all-active --older-than 10m`",
        )
    if isinstance(exc, e.APIStatusError):
        return CliError(exc.message, code=API_ERROR, hint=_status_hint(exc))
    if isinstance(exc, e.APITimeoutError):
        return CliError(f"{exc.message}", code=API_ERROR, hint="raise --timeout, or check the network")
    if isinstance(exc, e.APIConnectionError):
        return CliError(exc.message, code=API_ERROR, hint="check --base-url / TAVUS_BASE_URL and the network")
    if isinstance(exc, e.APIError):
        return CliError(exc.message, code=API_ERROR)
    if isinstance(exc, e.WaitError):
        return CliError(str(exc), code=API_ERROR)
    return None


def _status_hint(exc: object) -> str | None:
    from tavus_sdk._exceptions import NotFoundError, PermissionDeniedError, RateLimitError

    if isinstance(exc, NotFoundError):
        return "check the id; the list verb shows what exists"
    if isinstance(exc, PermissionDeniedError):
        return "stock resources are read-only; copy it into one of your own"
    if isinstance(exc, RateLimitError):
        return "wait and try again" + (f" in {exc.retry_after:g} s" if getattr(exc, "retry_after", None) else "")
    return None
