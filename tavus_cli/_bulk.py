"""Verbs that act on many ids (end, delete, detach), run concurrently on one async client and written once.

Items go to a pool of workers as soon as they are known, so a listing can feed it page by page. At most
``--concurrency`` requests are in flight, and a 429 slows the whole batch down (see ``_throttle``). Whatever
happens, the report lists every id in the order it was given or found: done, failed (with the reason) and, after
Ctrl-C, not done.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from typing import TYPE_CHECKING, Annotated, Final

import typer

from tavus_cli._errors import API_ERROR, INTERRUPTED, CliError, describe
from tavus_cli._progress import Tally, counting
from tavus_cli._verbs import note, session

if TYPE_CHECKING:
    from tavus_sdk import AsyncTavus

__all__ = [
    "DEFAULT_CONCURRENCY",
    "MAX_CONCURRENCY",
    "Batch",
    "ConcurrencyOpt",
    "Feed",
    "Pool",
    "check_concurrency",
    "run_batch",
]

DEFAULT_CONCURRENCY: Final = 32
MAX_CONCURRENCY: Final = 64
"""The SDK's own ``max_in_flight``: one client never has more requests open than this."""
REQUEUES: Final = 3
"""Times an id refused with 429 (after the SDK's retries) goes back in the queue before it counts as failed."""

ConcurrencyOpt = Annotated[
    int,
    typer.Option(
        "--concurrency",
        metavar="N",
        help=(
            f"Requests in flight at once, 1-{MAX_CONCURRENCY} (default {DEFAULT_CONCURRENCY}). Tavus documents no "
            "request rate limit (only 5 concurrent document crawls, and 429 for what it refuses); "
            f"{DEFAULT_CONCURRENCY} ends 100 calls in 4 round trips. On a 429 the whole batch waits "
            "Retry-After and halves this, then climbs back."
        ),
    ),
]

Act = Callable[["AsyncTavus", str], Awaitable[object]]
"""What to do to one id (end it, delete it ...)."""


def check_concurrency(value: int) -> int:
    if not 1 <= value <= MAX_CONCURRENCY:
        raise CliError(f"--concurrency {value} is out of range; give 1 to {MAX_CONCURRENCY}")
    return value


class Batch:
    """What a bulk run has done so far, in the order the ids were given or found."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        self.ids: list[str] = list(ids)
        self.done: list[str] = []
        self.failed: list[tuple[str, str]] = []

    def unsettled(self) -> list[str]:
        settled = set(self.done) | {i for i, _ in self.failed}
        return [i for i in self.ids if i not in settled]

    def in_order(self) -> tuple[list[str], list[tuple[str, str]]]:
        order = {i: n for n, i in enumerate(self.ids)}
        return sorted(self.done, key=order.__getitem__), sorted(self.failed, key=lambda f: order[f[0]])


class Pool:
    """Workers that apply ``act`` to every id submitted, each id once; failures the CLI can explain are recorded
    per id, anything else stops the batch."""

    def __init__(self, tavus: AsyncTavus, act: Act, batch: Batch, workers: int, tally: Tally) -> None:
        self.tavus = tavus
        self._act = act
        self.batch = batch
        self._tally = tally
        self._seen: set[str] = set()
        self._requeued: dict[str, int] = {}
        self._queue: asyncio.Queue[str] = asyncio.Queue()
        self._workers = [asyncio.create_task(self._work()) for _ in range(workers)]
        self.submit(batch.ids, known=True)

    def submit(self, ids: Iterable[str], *, known: bool = False) -> int:
        """Queue the ids not seen before; returns how many were new."""
        new = [i for i in dict.fromkeys(ids) if i not in self._seen]
        self._seen.update(new)
        if not known:
            self.batch.ids.extend(new)
        self._tally.found(len(new))
        for item in new:
            self._queue.put_nowait(item)
        return len(new)

    async def drain(self) -> None:
        """Return once every id submitted so far is settled (re-raises what stopped a worker)."""
        joined = asyncio.ensure_future(self._queue.join())
        try:
            await asyncio.wait([joined, *self._workers], return_when=asyncio.FIRST_COMPLETED)
        finally:
            joined.cancel()
        for worker in self._workers:
            if worker.done():
                worker.result()

    async def close(self) -> None:
        for worker in self._workers:
            worker.cancel()
        await asyncio.gather(*self._workers, return_exceptions=True)

    async def _work(self) -> None:
        while True:
            item = await self._queue.get()
            try:
                await self._act(self.tavus, item)
                self.batch.done.append(item)
            except Exception as exc:
                if self._again(item, exc):
                    continue
                known = describe(exc)
                if known is None:
                    raise
                self.batch.failed.append((item, known.message))
            finally:
                self._queue.task_done()
            self._tally.advance()

    def _again(self, item: str, exc: Exception) -> bool:
        """Queue an id again when Tavus still refused it for the rate after the SDK's own retries: the batch
        has slowed down since, so it is not the id's fault (up to ``REQUEUES`` times)."""
        from tavus_sdk import RateLimitError

        if not isinstance(exc, RateLimitError) or self._requeued.get(item, 0) >= REQUEUES:
            return False
        self._requeued[item] = self._requeued.get(item, 0) + 1
        self._queue.put_nowait(item)
        return True


Feed = Callable[[Pool], Awaitable[None]]
"""Finds more ids and submits them to the pool while it works (e.g. walking a listing page by page)."""


def run_batch(
    ctx: typer.Context,
    batch: Batch,
    act: Act,
    *,
    concurrency: int,
    label: str,
    past: str,
    report: Callable[[Batch], None],
    feed: Feed | None = None,
) -> None:
    """Act on ``batch.ids`` (and whatever ``feed`` finds), then ``report``. Exit 1 if any id failed; on Ctrl-C
    report what was done and exit 130."""
    from tavus_cli._throttle import Throttle  # imports httpx, which `tavus --help` must not pay for

    throttle = Throttle(check_concurrency(concurrency))

    async def main() -> None:
        async with session(ctx).async_client(throttle) as tavus:
            with counting(label) as tally:
                pool = Pool(tavus, act, batch, concurrency, tally)
                try:
                    if feed is not None:
                        try:
                            await feed(pool)
                        except Exception:
                            await pool.drain()  # finish what was found before the listing failed, then say why
                            raise
                    await pool.drain()
                finally:
                    await pool.close()

    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        # At 2 a.m. the operator needs to know what was done before the Ctrl-C, not just that it stopped.
        report(batch)
        note(f"interrupted: {len(batch.unsettled())} not confirmed {past}; run the command again to finish")
        raise typer.Exit(INTERRUPTED) from None
    except Exception:
        # The listing failed part way (or something unexpected did): what did end must still be said.
        if batch.done or batch.failed:
            report(batch)
        raise
    report(batch)
    if batch.failed:
        raise typer.Exit(API_ERROR)
