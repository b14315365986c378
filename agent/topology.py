"""Where the human meets the replica: in the Tavus room itself (same-room), or in the agent's own Daily room with the
replica relayed into it (video-layer). Options and their checks only; nothing here imports pipecat.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import urlparse

from agent.config import ConfigError

__all__ = [
    "DAILY_API_URL",
    "MODES",
    "VideoLayer",
    "add_topology_options",
    "daily_api_url",
    "topology_from_args",
]

MODES = ("same-room", "video-layer")
DAILY_API_URL = "https://api.daily.co/v1"
"""Daily's REST API (docs.daily.co/reference/rest-api); ``DAILY_API_URL`` overrides it, as in pipecat's runner."""


@dataclass(frozen=True)
class VideoLayer:
    """The agent's own room: given (``room_url``), or created through Daily's REST API with ``daily_api_key``."""

    room_url: str | None = None
    room_token: str | None = field(default=None, repr=False)
    daily_api_key: str | None = field(default=None, repr=False)
    daily_api_url: str = DAILY_API_URL

    @property
    def creates_room(self) -> bool:
        return self.room_url is None


def daily_api_url(environ: Mapping[str, str]) -> str:
    return (environ.get("DAILY_API_URL") or DAILY_API_URL).strip().rstrip("/")


def add_topology_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("topology")
    group.add_argument(
        "--mode",
        choices=MODES,
        default="same-room",
        help="same-room: the human joins the Tavus room (default); video-layer: the human joins the agent's own "
        "Daily room and the replica's video and audio are relayed into it",
    )
    group.add_argument(
        "--room-url", help="video-layer: the agent's own Daily room (else one is created with DAILY_API_KEY)"
    )
    group.add_argument("--room-token", help="video-layer: the agent's meeting token for a private --room-url")


def topology_from_args(
    args: argparse.Namespace, environ: Mapping[str, str], *, dry_run: bool = False
) -> VideoLayer | None:
    """``None`` for the same-room mode; the video-layer settings otherwise. Wrong combinations raise ``ConfigError``.

    A dry run only reports a missing ``DAILY_API_KEY``, as it does the other keys.
    """
    if args.mode != "video-layer":
        given = [name for name, value in (("--room-url", args.room_url), ("--room-token", args.room_token)) if value]
        if given:
            verb = "apply" if len(given) > 1 else "applies"
            raise ConfigError(
                f"{' and '.join(given)} only {verb} to --mode video-layer (the agent's own room); the same-room "
                "mode joins the Tavus room. Add --mode video-layer, or drop them"
            )
        return None
    if args.conversation_id or args.conversation_url:
        raise ConfigError(
            "--mode video-layer creates its own conversation; --conversation-id and --conversation-url only apply "
            "to the same-room mode"
        )
    if args.room_token and not args.room_url:
        raise ConfigError("--room-token is the agent's token for --room-url; pass the room URL too")
    if args.room_url:
        parsed = urlparse(args.room_url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc or parsed.path.strip("/") == "":
            raise ConfigError(
                f"--room-url must be a Daily room URL such as https://your-domain.daily.co/room-name, "
                f"not {args.room_url!r}"
            )
        return VideoLayer(room_url=args.room_url, room_token=args.room_token, daily_api_url=daily_api_url(environ))
    key = environ.get("DAILY_API_KEY", "").strip()
    if not key and not dry_run:
        raise ConfigError(
            "--mode video-layer needs a room for the human and the agent: pass --room-url URL, or set "
            "DAILY_API_KEY to have one created"
        )
    return VideoLayer(daily_api_key=key or None, daily_api_url=daily_api_url(environ))
