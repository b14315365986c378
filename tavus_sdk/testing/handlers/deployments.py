"""Deployments: a PAL shipped as a widget, an embed or a landing page (docs.tavus.io/api-reference/deployments/*).

Create, list, get, JSON Patch and delete need the API key and see the key's own deployments. ``init``, ``start``
and ``end`` are the calls a visitor's browser makes, with no key: ``start`` creates a conversation with the PAL
through the conversation handler (so every conversation rule applies) and enforces ``limits``
(``daily_call_limit``, ``concurrent_call_limit``, ``max_call_duration``); ``end`` ends only that deployment's
conversations. A password, a Turnstile challenge and per-visitor limits need a visitor identity the pages do not
describe, so they are not checked here.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from tavus_sdk.testing._context import ApiRequest, Context, Handler, iso, public
from tavus_sdk.testing._errors import ApiError, bad_request, conflict, not_found
from tavus_sdk.testing._paging import paged
from tavus_sdk.testing._patching import apply_patch
from tavus_sdk.testing._store import Record
from tavus_sdk.testing.handlers import conversations

__all__ = ["ROUTES"]

_TABLE = "deployments"
_DAY = 86400.0
_READ_ONLY = ("deployment_id", "created_at", "updated_at", "usage_total", "usage_today", "has_password")


def _view(ctx: Context, record: Record) -> dict[str, Any]:
    body = public(record)
    body["usage_today"] = len(_today(ctx, record))
    return body


def _today(ctx: Context, record: Record) -> list[float]:
    day_start = ctx.now() - ctx.now() % _DAY
    return [at for at in record.get("_starts", []) if at >= day_start]


def _check_pal(ctx: Context, pal_id: Any) -> None:
    persona = ctx.store.table("personas").get(pal_id) if isinstance(pal_id, str) else None
    if persona is None or not ctx.visible(persona):
        raise bad_request(f"PAL not found: {pal_id}", field="pal_id")


def create(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    body: dict[str, Any] = dict(req.body)
    _check_pal(ctx, body.get("pal_id"))
    password = body.pop("password", None)
    now = iso(ctx.now())
    deployment_id = ctx.store.new_id(_TABLE, "d", 16)
    record: Record = {
        "deployment_id": deployment_id,
        "status": "active",
        "name": None,
        "customization": {},
        "limits": {},
        "allowed_origins": [],
        **{key: value for key, value in body.items() if key not in _READ_ONLY},
        "has_password": bool(password),
        "thumbnail_video_url": None,
        "thumbnail_image_url": None,
        "usage_total": 0,
        "created_at": now,
        "updated_at": now,
        "_owner_key": ctx.api_key,
        "_password": password,
        "_starts": [],
    }
    ctx.store.table(_TABLE)[deployment_id] = record
    return _view(ctx, record)


def list_(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    rows = (_view(ctx, r) for r in ctx.store.table(_TABLE).values() if ctx.visible(r))
    return paged(req, rows, first_page=1)


def get(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    return _view(ctx, ctx.get(_TABLE, req.path["deployment_id"], "Deployment"))


def _check_paths(operations: object) -> None:
    from tavus_sdk.resources.deployments import check_deployment_paths

    check_deployment_paths(operations)


def patch(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    record = ctx.get(_TABLE, req.path["deployment_id"], "Deployment")
    patched = apply_patch(_view(ctx, record), req.body, check_paths=_check_paths, schema="Deployment")
    if patched.get("pal_id") != record.get("pal_id"):
        _check_pal(ctx, patched.get("pal_id"))
    patched["updated_at"] = iso(ctx.now())
    private = {key: value for key, value in record.items() if key.startswith("_")}
    record.clear()
    record.update(patched, **private)
    return _view(ctx, record)


def delete(ctx: Context, req: ApiRequest) -> None:
    record = ctx.get(_TABLE, req.path["deployment_id"], "Deployment")
    del ctx.store.table(_TABLE)[record["deployment_id"]]


def _public_deployment(ctx: Context, deployment_id: str) -> Record:
    """The key-less calls find a deployment by id alone, whoever owns it."""
    record = ctx.store.table(_TABLE).get(deployment_id)
    if record is None:
        raise not_found("Deployment", deployment_id)
    return record


def _unavailable(ctx: Context, record: Record) -> str | None:
    """Why a conversation cannot start now (the init page's ``unavailable_reason``), or None."""
    limits = record.get("limits") or {}
    if record.get("status") != "active":
        return "inactive"
    daily = limits.get("daily_call_limit")
    if isinstance(daily, int) and len(_today(ctx, record)) >= daily:
        return "daily_limit"
    concurrent = limits.get("concurrent_call_limit")
    running = [
        c
        for c in ctx.store.table("conversations").values()
        if c.get("_deployment_id") == record["deployment_id"] and c.get("status") == "active"
    ]
    if isinstance(concurrent, int) and len(running) >= concurrent:
        return "concurrent_limit"
    return None


def init(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    record = _public_deployment(ctx, req.path["deployment_id"])
    limits = record.get("limits") or {}
    reason = _unavailable(ctx, record)
    body: dict[str, Any] = {
        "deployment_id": record["deployment_id"],
        "channel": record.get("channel"),
        "customization": record.get("customization") or {},
        "has_password": record.get("has_password", False),
        "thumbnail_video_url": record.get("thumbnail_video_url"),
        "thumbnail_image_url": record.get("thumbnail_image_url"),
        "limits": {k: limits[k] for k in ("max_call_duration", "daily_call_limit_per_user") if k in limits},
        "is_available": reason is None,
    }
    if reason is not None:
        body["unavailable_reason"] = reason
    return body


def start(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    record = _public_deployment(ctx, req.path["deployment_id"])
    reason = _unavailable(ctx, record)
    if reason == "inactive":
        raise conflict(f"Deployment {record['deployment_id']} is {record.get('status')}, not active")
    if reason is not None:
        raise ApiError(429, f"Deployment {record['deployment_id']} cannot start a conversation now: {reason}")
    body: dict[str, Any] = {"persona_id": record.get("pal_id")}
    duration = (record.get("limits") or {}).get("max_call_duration")
    if isinstance(duration, int):
        body["properties"] = {"max_call_duration": min(duration, ctx.limits.max_call_duration)}
    context = ((record.get("customization") or {}).get("conversation") or {}).get("context")
    if isinstance(context, str) and context:
        body["conversational_context"] = context
    created = conversations.create(ctx, replace(req, path={}, body=body))
    ctx.store.table("conversations")[created["conversation_id"]]["_deployment_id"] = record["deployment_id"]
    record.setdefault("_starts", []).append(ctx.now())
    record["usage_total"] = int(record.get("usage_total") or 0) + 1
    return created


def end(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    record = _public_deployment(ctx, req.path["deployment_id"])
    conversation_id = req.path["conversation_id"]
    conversation = ctx.store.table("conversations").get(conversation_id)
    if conversation is None or conversation.get("_deployment_id") != record["deployment_id"]:
        raise not_found("Conversation of this deployment", conversation_id)
    conversations.end(ctx, replace(req, path={"conversation_id": conversation_id}, body=None))
    return {"conversation_id": conversation_id, "status": "ended"}


ROUTES: dict[str, Handler] = {
    "deployments_create": create,
    "deployments_list": list_,
    "deployments_get": get,
    "deployments_patch": patch,
    "deployments_delete": delete,
    "deployments_init": init,
    "deployments_start": start,
    "deployments_end": end,
}
