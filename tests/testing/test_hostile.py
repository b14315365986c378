"""The emulator left running, against malformed, huge and hostile requests: one table per concern, so the next
case found is one line to add. Everything stays on this machine: the ASGI app in-process, or a loopback port."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from tavus_sdk.testing import TavusEmulator
from tavus_sdk.testing._server import exposure_warning

from .served import serve

KEY = "admin-test-key"
REPLICA, PERSONA = "r79e1c033f", "p9a95912"


def _http(emulator: TavusEmulator) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=emulator.app), base_url="http://127.0.0.1")


# -- admin routes: keyed when the emulator is, and closed to web pages -------------------------------------------

BROWSER = {"origin": "http://evil.test", "content-type": "text/plain"}
# (api_keys of the emulator, method, path, headers, expected status)
ADMIN: list[tuple[list[str] | None, str, str, dict[str, str], int]] = [
    ([KEY], "POST", "/_emulator/reset", {}, 401),
    ([KEY], "POST", "/_emulator/reset", {"x-api-key": "wrong"}, 401),
    ([KEY], "POST", "/_emulator/reset", {"x-api-key": KEY}, 200),
    ([KEY], "POST", "/_emulator/reset", {"x-api-key": KEY, **BROWSER}, 403),
    ([KEY], "DELETE", "/_emulator/faults", {}, 401),
    ([KEY], "GET", "/_emulator/webhooks", {}, 401),
    ([KEY], "POST", "/_emulator/advance", {}, 401),
    ([KEY], "GET", "/_emulator/health", {}, 200),
    ([KEY], "GET", "/_emulator/health", {"origin": "http://evil.test"}, 403),
    (None, "POST", "/_emulator/reset", {}, 200),  # no keys configured: a local test double, open locally
    (None, "POST", "/_emulator/reset", BROWSER, 403),
    (None, "POST", "/_emulator/faults", {**BROWSER, "sec-fetch-site": "cross-site"}, 403),
    (None, "POST", "/_emulator/reset", {"sec-fetch-site": "cross-site"}, 403),
]


@pytest.mark.parametrize(("keys", "method", "path", "headers", "status"), ADMIN)
async def test_admin_routes(
    keys: list[str] | None, method: str, path: str, headers: dict[str, str], status: int
) -> None:
    emulator = TavusEmulator(api_keys=keys)
    emulator.faults.add("personas_list", status=503, times=None)
    async with _http(emulator) as http:
        response = await http.request(method, path, headers=headers, content=b"")
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/json"
    if status != 200:
        assert len(emulator.faults) == 1  # a refused reset or clear changed nothing


# -- bodies: capped, and every error a JSON body ------------------------------------------------------------------

# (path, body, expected status, words in the message)
BODIES: list[tuple[str, bytes, int, str]] = [
    ("/v2/personas", b'{"persona_name": "' + b"x" * (2 * 1024 * 1024) + b'"}', 413, "larger than 1024 KiB"),
    ("/v2/personas", b"[" * 100_000 + b"]" * 100_000, 400, "nested too deeply"),
    ("/v2/personas", b'{"persona_name": ' + b"9" * 5000 + b"}", 400, "not usable JSON"),
    ("/v2/personas", b'{"persona_name": "\xff\xfe"}', 400, "not valid JSON"),
    ("/v2/personas", b'{"persona_name": ' + b"[" * 500 + b"]" * 500 + b"}", 422, "persona_name"),
    ("/_emulator/faults", b"[" * 100_000 + b"]" * 100_000, 422, "The fault must be a JSON object"),
    ("/_emulator/advance", b'{"seconds": ' + b"9" * 5000 + b"}", 422, "seconds"),
    ("/_emulator/faults", b"x" * (2 * 1024 * 1024), 422, "The fault must be a JSON object"),
]


@pytest.mark.parametrize(("path", "body", "status", "words"), BODIES, ids=[f"{r[0]}-{r[2]}" for r in BODIES])
async def test_bad_bodies_get_a_json_error(path: str, body: bytes, status: int, words: str) -> None:
    emulator = TavusEmulator()
    async with _http(emulator) as http:
        response = await http.post(path, content=body, headers={"x-api-key": "k", "content-type": "application/json"})
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"] == "application/json"
    assert words in json.dumps(response.json())
    assert len(emulator.records("personas")) == len(TavusEmulator().records("personas"))  # nothing was created


# -- webhooks: only to loopback unless allowed --------------------------------------------------------------------

# (callback URL, hosts allowed besides loopback, whether a POST is attempted)
CALLBACKS: list[tuple[str, list[str], bool]] = [
    ("http://169.254.169.254/latest/meta-data/", [], False),
    ("http://metadata.google.internal/computeMetadata/v1/", [], False),
    ("http://10.0.0.5:8080/hook", [], False),
    ("https://hooks.example.test/tavus", [], False),
    ("http://[fe80::1]/hook", [], False),
    ("https://hooks.example.test/tavus", ["hooks.example.test"], True),
    ("http://127.0.0.1:9/hook", [], True),
    ("http://localhost:9/hook", [], True),
    ("http://[::1]:9/hook", [], True),
]


@pytest.mark.parametrize(("url", "allowed", "attempted"), CALLBACKS)
async def test_webhooks_go_only_to_loopback_unless_allowed(
    monkeypatch: pytest.MonkeyPatch, url: str, allowed: list[str], attempted: bool
) -> None:
    posted: list[str] = []

    async def fake_post(client: httpx.AsyncClient, record: dict[str, Any]) -> tuple[int | None, str | None]:
        posted.append(record["url"])  # stands in for the network: nothing is sent anywhere
        return 204, None

    monkeypatch.setattr("tavus_sdk.testing._emulator.post_async", fake_post)
    emulator = TavusEmulator(allow_webhook_hosts=allowed)
    async with emulator.async_client() as tavus:
        await tavus.conversations.create(replica_id=REPLICA, persona_id=PERSONA, callback_url=url)
    emulator.advance(emulator.timings.replica_join)
    assert await emulator.deliver_webhooks() == 1
    (delivery,) = emulator.deliveries
    if attempted:
        assert posted == [url]
        assert delivery.state == "delivered"
    else:
        assert posted == []
        assert delivery.state == "failed"  # refused, and never retried
        assert delivery.attempts[0].error is not None
        assert "is not a loopback address (allow it with --allow-webhook-host" in delivery.attempts[0].error


# -- the state file: one emulator at a time, and refused when it makes no sense ----------------------------------

# (file content, words in the error)
BAD_STATE: list[tuple[str, str]] = [
    ('{"format": 1, "tables": {"personas": []}}', "tables.personas must be an object of records by id"),
    ('{"format": 1, "tables": {"personas": {"p1": "x"}}}', "tables.personas.p1 must be an object, got str"),
    ('{"format": 1, "tables": []}', "tables must be an object"),
    ('{"format": 1, "webhooks": [{"id": 1}]}', "webhooks.0.id is missing or not str"),
    ('{"format": 1, "tables": {"conversations": {"c1": {}}}}', "makes no sense (KeyError: 'status')"),
    ('{"format": 1, "tables": {"replicas": {"r1": {"status": "training"}}}}', "makes no sense"),
    ("[" * 100_000 + "]" * 100_000, "is not emulator state"),
    ('{"format": 1, "n": ' + "9" * 5000 + "}", "is not emulator state"),
]


@pytest.mark.parametrize(("content", "words"), BAD_STATE, ids=range(len(BAD_STATE)))
def test_a_state_file_that_makes_no_sense_is_refused(tmp_path: Path, content: str, words: str) -> None:
    state = tmp_path / "state.json"
    state.write_text(content)
    with pytest.raises(ValueError, match="state") as caught:
        TavusEmulator(state_file=state)
    assert words in str(caught.value)


@pytest.mark.slow
def test_a_second_emulator_on_the_same_state_file_is_refused(tmp_path: Path) -> None:
    state = tmp_path / "state.json"
    with serve(state=state) as first:
        second = subprocess.run(
            [sys.executable, "-m", "tavus_sdk.testing", "--port", "0", "--state", str(state)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert second.returncode == 2
        assert f"in use by pid {first.process.pid}" in second.stderr
        assert second.stderr.count("\n") == 1


# -- binding: a warning when other machines can reach it ---------------------------------------------------------

EXPOSURE: list[tuple[str, bool, str | None]] = [
    ("127.0.0.1", False, None),
    ("::1", False, None),
    ("localhost", False, None),
    ("0.0.0.0", False, "other machines can reach this emulator; it accepts any API key"),
    ("", True, "serving on every interface: other machines can reach this emulator"),
    ("192.168.1.20", True, "other machines can reach this emulator"),
]


@pytest.mark.parametrize(("host", "keyed", "words"), EXPOSURE)
def test_binding_beyond_loopback_is_announced(host: str, keyed: bool, words: str | None) -> None:
    warning = exposure_warning(host, keyed)
    if words is None:
        assert warning is None
    else:
        assert warning is not None
        assert warning.startswith("warning: ")
        assert words in warning
        assert ("--api-key" in warning) is not keyed


# -- ids with characters that mean something in a URL ----------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "body"),
    [
        ("/v2/documents/%C3%8D%23/recrawl", {}),  # "#": request.url ended the path there before starlette 1.9
        ("/v2/pals/q%2CM%3F%7F%C2%AB/tools", {"tool_ids": ["t0"]}),  # "?" and a control character
    ],
)
async def test_an_encoded_id_reaches_the_same_route_served_as_in_process(path: str, body: dict[str, Any]) -> None:
    emulator = TavusEmulator()
    headers = {"x-api-key": KEY}
    async with httpx.AsyncClient(transport=emulator.transport(), base_url="http://127.0.0.1") as in_process:
        expected = await in_process.post(path, json=body, headers=headers)
    async with _http(emulator) as served:
        answer = await served.post(path, json=body, headers=headers)
    assert expected.status_code in (400, 404)
    assert (answer.status_code, answer.json()) == (expected.status_code, expected.json())
