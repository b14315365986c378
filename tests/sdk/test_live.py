"""Read-only calls against the real Tavus API. Opt in with TAVUS_LIVE=1 and TAVUS_API_KEY; skipped otherwise."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tavus_sdk import NotFoundError, Tavus

from ..conftest import LIVE_API_KEY, LIVE_BASE_URL

pytestmark = [
    pytest.mark.live,
    pytest.mark.skipif(LIVE_API_KEY is None, reason="set TAVUS_LIVE=1 and TAVUS_API_KEY to call the real API"),
]


@pytest.fixture(scope="module")
def live() -> Iterator[Tavus]:
    with Tavus(api_key=LIVE_API_KEY, base_url=LIVE_BASE_URL) as client:
        yield client


def test_lists_parse(live: Tavus) -> None:
    for listing in (live.personas.list(), live.replicas.list(), live.conversations.list(), live.videos.list()):
        for item in listing.data:
            assert item.model_dump()


def test_stock_persona_reads(live: Tavus) -> None:
    personas = live.personas.list().data
    if not personas:
        pytest.skip("the account lists no personas")
    persona = live.personas.get(personas[0].persona_id)
    assert persona.persona_id == personas[0].persona_id


def test_unknown_id_is_not_found(live: Tavus) -> None:
    with pytest.raises(NotFoundError):
        live.personas.get("p0000000000-does-not-exist")
