"""A wrong OpenAI key is refused before anything is created on Tavus (a silent, billed call otherwise)."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

from agent.cli import main
from agent.config import AgentConfig, ConfigError, Secrets
from agent.lifecycle import launch
from tavus_sdk.testing import TavusEmulator
from tests.agent.fake_openai import GOOD_KEY, FakeOpenAI, serve_openai
from tests.agent.fakes import counted_client
from tests.slow_guard import slow_fixture

REPLICA = "rfe12d8b9597"
REVOKED = "sk-revoked-0123456789"


@pytest.fixture
@slow_fixture
def openai(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeOpenAI]:
    with serve_openai(FakeOpenAI()) as fake:
        monkeypatch.setenv("OPENAI_BASE_URL", fake.base_url)
        yield fake


async def test_a_refused_key_creates_nothing(openai: FakeOpenAI) -> None:
    emulator = TavusEmulator()
    tavus, http = counted_client(emulator)
    config = AgentConfig(replica_id=REPLICA, flow="tests.agent.flows_for_tests:chat_node")
    with pytest.raises(ConfigError, match=r"OpenAI refused OPENAI_API_KEY \(HTTP 401, invalid_api_key\)"):
        await launch(config, Secrets("emulator-key", REVOKED, openai.base_url), tavus=tavus, handle_signals=False)
    assert http.calls == []  # not even the persona was looked up
    assert openai.model_checks == [f"Bearer {REVOKED}"]
    await tavus.close()


async def test_a_working_key_passes_the_check(openai: FakeOpenAI) -> None:
    from agent.openai_key import check_openai_key

    await check_openai_key(Secrets("emulator-key", GOOD_KEY, openai.base_url))
    assert openai.model_checks == [f"Bearer {GOOD_KEY}"]


def test_the_command_exits_2_with_a_clear_message_and_never_the_key(
    openai: FakeOpenAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TAVUS_API_KEY", "emulator-key")
    monkeypatch.setenv("TAVUS_BASE_URL", "http://127.0.0.1:9/v2")  # would fail loudly if anything were created
    monkeypatch.setenv("OPENAI_API_KEY", REVOKED)
    out, err = io.StringIO(), io.StringIO()
    code = main(["--replica", REPLICA, "--flow", "tests.agent.flows_for_tests:chat_node"], out=out, err=err)
    assert code == 2
    assert err.getvalue().strip().splitlines()[-1] == (
        "error: OpenAI refused OPENAI_API_KEY (HTTP 401, invalid_api_key): set a valid key and try again; "
        "nothing was created"
    )
    assert "sk-revoked" not in out.getvalue() + err.getvalue()
    assert out.getvalue() == ""


def test_an_unreachable_openai_is_refused_too(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAVUS_API_KEY", "emulator-key")
    monkeypatch.setenv("TAVUS_BASE_URL", "http://127.0.0.1:9/v2")
    monkeypatch.setenv("OPENAI_API_KEY", GOOD_KEY)  # OPENAI_BASE_URL: a closed port (conftest)
    err = io.StringIO()
    assert main(["--replica", REPLICA], out=io.StringIO(), err=err) == 2
    assert "could not reach OpenAI at http://127.0.0.1:9/v1" in err.getvalue()
