"""Voices: the stock ``voice_name`` values, read-only and the same for every API key (openapi.yaml getVoices).

The list pages from 1, searches ``voice_name`` case-insensitively, sorts by ``voice_name`` (``asc``/``desc``) and
filters by a replica tag. openapi.yaml's example is ``anna`` on replica ``r90bbd427f71``; the other voices are named
after the stock replicas the docs list (docs.tavus.io/sections/replica/stock-replicas), one voice per name. The
docs show no preview clips or tags for them, so ``audio_url`` is null and ``tags`` is empty.
"""

from __future__ import annotations

from typing import Any

from tavus_sdk.testing._context import ApiRequest, Context, Handler
from tavus_sdk.testing._paging import paged

__all__ = ["ROUTES", "STOCK_VOICES"]

STOCK_VOICES: tuple[tuple[str, str], ...] = (
    ("anna", "r90bbd427f71"),
    ("benjamin", "r1a4e22fa0d9"),
    ("gloria", "rb67667672ad"),
    ("helen", "r95fd27b5a37"),
    ("isabella", "r90105daccb4"),
    ("lucy", "re0eae1fbe11"),
    ("nathan", "re2185788693"),
    ("patrick", "rf25acd9e3f5"),
    ("rose", "r1af76e94d00"),
    ("sabrina", "r7bc3db0d581"),
    ("sandra", "rb11617de314"),
)
"""``(voice_name, replica_id)``."""


def voice_names() -> frozenset[str]:
    return frozenset(name for name, _ in STOCK_VOICES)


def list_(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    search = (req.query.get("search") or "").lower()
    tag = (req.query.get("tag") or "").lower()
    voices: list[dict[str, Any]] = [
        {"voice_name": name, "replica_id": replica_id, "audio_url": None, "tags": []}
        for name, replica_id in STOCK_VOICES
        if search in name and not tag  # no stock voice carries a tag, so any tag filter matches none
    ]
    descending = req.query.get("sort") == "desc"
    voices.sort(key=lambda voice: str(voice["voice_name"]), reverse=descending)
    return paged(req, voices, first_page=1, echo=True)


ROUTES: dict[str, Handler] = {"voices_list": list_}
