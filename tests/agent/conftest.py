from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _no_real_keys(monkeypatch: pytest.MonkeyPatch) -> None:
    """A developer's own OpenAI key (or outcome target) must never reach these tests."""
    for name in ("OPENAI_API_KEY", "TAVUS_API_KEY", "FRONT_DESK_OUTCOMES"):
        monkeypatch.delenv(name, raising=False)
    # Nothing a test runs may reach OpenAI: a closed loopback port unless a test serves its own fake.
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
