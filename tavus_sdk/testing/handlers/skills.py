"""The skills registry (``/skills``) and the skills attached to a PAL (``/pals/{pal_id}/skills``), keyed by
``skill_id``.

The stock skills are the three docs.tavus.io/sections/conversational-video-interface/skills/overview names. Their
configuration rules are the documented ones (api-reference/pal-skills/attach-skill-to-pal): ``presentation`` needs
``document_ids`` and takes ``slides_trigger`` (``on_demand`` or ``walk_the_deck``) and ``prompt``; ``internet_search``
has no configuration; ``magic_canvas`` takes a sparse ``components`` overlay, not modelled further here.
"""

from __future__ import annotations

from typing import Any

from tavus_sdk.testing._context import ApiRequest, Context, Handler, iso
from tavus_sdk.testing._errors import ApiError, FieldError, not_found, unprocessable
from tavus_sdk.testing._paging import paged
from tavus_sdk.testing._store import Record
from tavus_sdk.testing.handlers import tools

__all__ = ["ROUTES", "STOCK_SKILLS"]

STOCK_SKILLS: dict[str, dict[str, Any]] = {
    skill_id: {"skill_id": skill_id} for skill_id in ("internet_search", "presentation", "magic_canvas")
}
_SLIDES_TRIGGERS = ("on_demand", "walk_the_deck")


def list_(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    return paged(req, (dict(skill) for skill in STOCK_SKILLS.values()), first_page=1)


def get(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    return dict(_skill(req.path["skill_id"]))


def _skill(skill_id: str) -> dict[str, Any]:
    skill = STOCK_SKILLS.get(skill_id)
    if skill is None:
        raise not_found("Skill", skill_id)
    return skill


def _check_config(skill_id: str, config: Any, where: str) -> None:
    errors: list[FieldError] = []
    if not isinstance(config, dict):
        errors.append((where, "config must be an object"))
    elif skill_id == "presentation":
        ids = config.get("document_ids")
        if not isinstance(ids, list) or not ids or not all(isinstance(i, str) and i for i in ids):
            errors.append((f"{where}.document_ids", "presentation needs document_ids: a list of document ids"))
        trigger = config.get("slides_trigger")
        if trigger is not None and trigger not in _SLIDES_TRIGGERS:
            errors.append((f"{where}.slides_trigger", f"slides_trigger is one of {', '.join(_SLIDES_TRIGGERS)}"))
    if errors:
        raise unprocessable(errors, errors[0][1])


def _attachments(pal: Record) -> dict[str, Any]:
    skills: dict[str, Any] = pal.setdefault("_skills", {})
    return skills


def pal_list(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    pal = tools.pal_record(ctx, req, writable=False)
    return {"data": dict(_attachments(pal))}


def pal_get(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    pal = tools.pal_record(ctx, req, writable=False)
    skill_id = req.path["skill_id"]
    attachment = pal.get("_skills", {}).get(skill_id)
    if attachment is None:
        raise not_found("Skill attached to this PAL", skill_id)
    return dict(attachment)


def _put(ctx: Context, pal: Record, skill_id: str, config: dict[str, Any]) -> dict[str, Any]:
    now = iso(ctx.now())
    skills = _attachments(pal)
    previous = skills.get(skill_id)
    attached_at = previous["attached_at"] if previous else now
    skills[skill_id] = {"skill_id": skill_id, "config": config, "attached_at": attached_at, "updated_at": now}
    return dict(skills[skill_id])


def pal_attach(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    pal = tools.pal_record(ctx, req, writable=True)
    skill_id = _skill(req.path["skill_id"])["skill_id"]
    config = (req.body or {}).get("config") or {}
    _check_config(skill_id, config, "config")
    return _put(ctx, pal, skill_id, config)


def pal_update(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    """A merge: given fields replace, omitted ones stay, ``null`` removes; the result is validated."""
    pal = tools.pal_record(ctx, req, writable=True)
    skill_id = req.path["skill_id"]
    current = pal.get("_skills", {}).get(skill_id)
    if current is None:
        raise not_found("Skill attached to this PAL", skill_id)
    changes = req.body.get("config") or {}
    merged = {**current["config"], **changes}
    merged = {key: value for key, value in merged.items() if value is not None}
    _check_config(skill_id, merged, "config")
    return _put(ctx, pal, skill_id, merged)


def pal_detach(ctx: Context, req: ApiRequest) -> None:
    pal = tools.pal_record(ctx, req, writable=True)
    skill_id = req.path["skill_id"]
    if skill_id not in pal.get("_skills", {}):
        raise not_found("Skill attached to this PAL", skill_id)
    del pal["_skills"][skill_id]


def pal_replace(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    pal = tools.pal_record(ctx, req, writable=True)
    wanted: dict[str, Any] = req.body["skills"]
    for skill_id, entry in wanted.items():
        try:
            _skill(skill_id)
        except ApiError:
            raise unprocessable([(f"skills.{skill_id}", f"no skill {skill_id!r} in the registry")]) from None
        _check_config(skill_id, (entry or {}).get("config") or {}, f"skills.{skill_id}.config")
    kept = {k: v for k, v in _attachments(pal).items() if k in wanted}
    pal["_skills"] = kept
    for skill_id, entry in wanted.items():
        _put(ctx, pal, skill_id, (entry or {}).get("config") or {})
    return {"data": dict(pal["_skills"])}


ROUTES: dict[str, Handler] = {
    "skills_list": list_,
    "skills_get": get,
    "pals_skills_list": pal_list,
    "pals_skills_get": pal_get,
    "pals_skills_attach": pal_attach,
    "pals_skills_update": pal_update,
    "pals_skills_detach": pal_detach,
    "pals_skills_replace": pal_replace,
}
