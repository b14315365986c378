"""One cheap request that proves the OpenAI key works, before anything is created (and billed) on Tavus.

Without it, a wrong or revoked key gives a call in which the replica never speaks: every speech-to-text, LLM and
text-to-speech request fails, and the human waits in a silent room.
"""

from __future__ import annotations

import httpx

from agent.config import ConfigError, Secrets

__all__ = ["OPENAI_BASE_URL", "check_openai_key"]

OPENAI_BASE_URL = "https://api.openai.com/v1"
"""What the OpenAI client uses when ``OPENAI_BASE_URL`` is unset."""


async def check_openai_key(secrets: Secrets, *, timeout: float = 10.0) -> None:
    """``GET /models`` with the key: raises ``ConfigError`` if OpenAI refuses it or cannot be reached.

    The error names the status and OpenAI's error code, never the response text: OpenAI quotes part of a wrong
    key back in it.
    """
    base_url = (secrets.openai_base_url or OPENAI_BASE_URL).rstrip("/")
    headers = {"Authorization": f"Bearer {secrets.openai_api_key}"}
    try:
        async with httpx.AsyncClient(timeout=timeout) as client:
            response = await client.get(f"{base_url}/models", headers=headers)
    except httpx.HTTPError as exc:
        raise ConfigError(
            f"could not reach OpenAI at {base_url} to check OPENAI_API_KEY ({type(exc).__name__}); nothing was created"
        ) from None
    if response.is_success:
        return
    code = _error_code(response)
    if response.status_code in (401, 403):
        raise ConfigError(
            f"OpenAI refused OPENAI_API_KEY (HTTP {response.status_code}{code}): set a valid key and try again; "
            "nothing was created"
        )
    raise ConfigError(
        f"OpenAI answered HTTP {response.status_code}{code} to a check of OPENAI_API_KEY at {base_url}; "
        "nothing was created"
    )


def _error_code(response: httpx.Response) -> str:
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        return ""
    code = error.get("code") if isinstance(error, dict) else None
    return f", {code}" if isinstance(code, str) and code.isidentifier() else ""
