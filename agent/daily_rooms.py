"""The few Daily REST calls the video-layer agent makes: create its own room, and delete it afterwards.

docs.daily.co/reference/rest-api/rooms/create-room and .../rooms/delete-room. The base URL is configurable
(``DAILY_API_URL``) so tests can point it at a local server; the key never appears in errors or logs.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import httpx

from agent.config import ConfigError

__all__ = ["DailyRoom", "DailyRoomError", "DailyRooms"]


class DailyRoomError(RuntimeError):
    """Daily's REST API answered with an error, or could not be reached."""


@dataclass(frozen=True)
class DailyRoom:
    name: str
    url: str


class DailyRooms:
    def __init__(
        self,
        api_key: str,
        base_url: str,
        *,
        timeout: float = 15.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._base_url = base_url.rstrip("/")
        self._client = httpx.AsyncClient(
            base_url=self._base_url,
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=timeout,
            transport=transport,
        )

    async def __aenter__(self) -> DailyRooms:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def close(self) -> None:
        await self._client.aclose()

    async def create(self, *, expires_in: int) -> DailyRoom:
        """A room with a random name that Daily closes (ejecting everyone) ``expires_in`` seconds from now."""
        properties = {"exp": int(time.time()) + expires_in, "eject_at_room_exp": True}
        body = await self._request("POST", "/rooms", "create a room", json={"properties": properties})
        name, url = body.get("name"), body.get("url")
        if not isinstance(name, str) or not isinstance(url, str) or not url:
            raise DailyRoomError(f"Daily's POST {self._base_url}/rooms answered without a room name and url")
        return DailyRoom(name=name, url=url)

    async def delete(self, name: str) -> None:
        await self._request("DELETE", f"/rooms/{name}", f"delete room {name}")

    async def _request(self, method: str, path: str, action: str, **kwargs: Any) -> dict[str, Any]:
        where = f"{method} {self._base_url}{path}"
        try:
            response = await self._client.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise DailyRoomError(f"could not {action}: {where} failed ({type(exc).__name__}: {exc})") from None
        if response.status_code in (401, 403):
            # Nothing has been created on Tavus yet: this is a setting to fix, like a missing key (exit 2).
            raise ConfigError(f"DAILY_API_KEY was refused by Daily ({where} answered {response.status_code})")
        if response.status_code >= 400:
            raise DailyRoomError(f"could not {action}: {where} answered {response.status_code}: {_error(response)}")
        try:
            body = response.json()
        except ValueError:
            body = {}
        return body if isinstance(body, dict) else {}


def _error(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return response.text[:200] or "(no body)"
    if isinstance(body, dict):
        return str(body.get("info") or body.get("error") or body)[:200]
    return str(body)[:200]
