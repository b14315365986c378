"""The ``wait`` verb of replicas, videos and documents: poll until ready, show progress, print the result.

Each resource hands in its SDK waiter (``tavus.replicas.wait_ready`` and the like); the polling, the backoff and
the reading of statuses stay in the SDK, so the CLI and a script using the SDK agree on what "ready" means.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Annotated, Any, Protocol

import typer

from tavus_cli._errors import API_ERROR, CliError
from tavus_cli._input import parse_duration
from tavus_cli._progress import waiting
from tavus_cli._verbs import Kind, output, session

if TYPE_CHECKING:
    from tavus_sdk import Tavus
    from tavus_sdk._exceptions import ResourceFailedError, WaitTimeoutError

__all__ = ["PollIntervalOpt", "TimeoutOpt", "WaitReady", "format_duration", "wait_verb"]

TimeoutOpt = Annotated[
    str, typer.Option("--timeout", metavar="DURATION", help="Give up after this long, e.g. 90s, 30m or 8h.")
]
PollIntervalOpt = Annotated[
    str,
    typer.Option(
        "--poll-interval", metavar="DURATION", help="Pause before the second poll, e.g. 5s; later pauses grow."
    ),
]


class WaitReady(Protocol):
    """The shape of the SDK's ``wait_ready`` methods."""

    def __call__(
        self,
        resource_id: str,
        /,
        *,
        timeout: float | None = ...,
        poll_interval: float = ...,
        on_progress: Callable[[Any], object] | None = ...,
    ) -> Any: ...


def wait_verb(
    ctx: typer.Context,
    kind: Kind,
    resource_id: str,
    waiter: Callable[[Tavus], WaitReady],
    *,
    timeout: str,
    poll_interval: str,
    json_output: bool,
    quiet: bool,
) -> None:
    """Poll ``resource_id`` until it is ready and print it like ``get``; exit 1 if it fails or time runs out."""
    out = output(ctx, json_output, quiet)
    limit = parse_duration(timeout, option="--timeout")
    interval = parse_duration(poll_interval, option="--poll-interval")
    if interval <= 0:
        raise CliError(f"--poll-interval {poll_interval!r} must be more than zero")
    from tavus_sdk._exceptions import ResourceFailedError, WaitTimeoutError

    elapsed = [0.0]  # the SDK's timeout error does not say how long it waited; the last progress report does
    with session(ctx).client() as tavus:
        try:
            with waiting(f"{kind.noun} {resource_id}") as show:

                def on_progress(progress: Any) -> None:
                    elapsed[0] = progress.elapsed
                    show(progress)

                final = waiter(tavus)(resource_id, timeout=limit, poll_interval=interval, on_progress=on_progress)
        except ResourceFailedError as exc:
            raise _failed(exc) from None
        except WaitTimeoutError as exc:
            raise _timed_out(kind, exc, elapsed=elapsed[0], limit=limit) from None
    out.item(final, id_field=kind.id_field)


def _failed(exc: ResourceFailedError) -> CliError:
    # The SDK's message already names the resource, the status and the API's own reason.
    return CliError(str(exc), code=API_ERROR)


def _timed_out(kind: Kind, exc: WaitTimeoutError, *, elapsed: float, limit: float) -> CliError:
    longer = format_duration(max(2 * limit, 60.0))
    return CliError(
        f"{kind.noun} {exc.resource_id} is still {exc.last_status!r} after {format_duration(elapsed)} "
        f"(--timeout {format_duration(limit)}); it is still going: wait longer with "
        f"`tavus {kind.plural} wait {exc.resource_id} --timeout {longer}`",
        code=API_ERROR,
    )


def format_duration(seconds: float) -> str:
    """``90`` -> ``1m30s``, ``28800`` -> ``8h``: the form ``--timeout`` takes back."""
    total = round(seconds)
    if total < 60:
        return f"{total}s"
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return "".join(f"{value}{unit}" for value, unit in ((hours, "h"), (minutes, "m"), (secs, "s")) if value)
