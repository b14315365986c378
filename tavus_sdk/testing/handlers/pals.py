"""PALs: the persona records seen through the current vocabulary, plus the username check.

A thin translation over the persona handlers and their table, so ``/pals`` and ``/personas`` can never disagree:
``pal_id``/``pal_name``/``default_face_id`` in, ``persona_id``/``persona_name``/``default_replica_id`` to the
persona handler, and back on the way out (errors included). docs.tavus.io/api-reference/pals/create-pal: the legacy
names "remain supported as aliases". Attached tools and skills live on the same record, under private keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from tavus_sdk.testing._context import ApiRequest, Context, Handler
from tavus_sdk.testing._errors import ApiError, bad_request
from tavus_sdk.testing.handlers import personas, tools

__all__ = ["ROUTES", "TO_PAL", "pal_view", "persona_request", "rename_query", "translate_error"]

TO_PERSONA = {"pal_id": "persona_id", "pal_name": "persona_name", "default_face_id": "default_replica_id"}
TO_PAL = {persona: pal for pal, persona in TO_PERSONA.items()}
# Words of the persona handlers' error messages, in the order they must be replaced.
_ERROR_WORDS = (
    ("default_replica_id", "default_face_id"),
    ("persona_id", "pal_id"),
    ("persona_name", "pal_name"),
    ("Persona", "PAL"),
    ("persona", "PAL"),
    ("Replica", "Face"),
    ("replica", "face"),
)


def rename_keys(body: Any, names: dict[str, str]) -> Any:
    if not isinstance(body, dict):
        return body
    return {names.get(key, key): value for key, value in body.items()}


def pal_view(body: Any) -> Any:
    """A persona answer in PAL names; a ``{"data": [...]}`` list answer item by item."""
    if isinstance(body, dict) and "persona_id" not in body and isinstance(body.get("data"), list):
        return {**body, "data": [rename_keys(item, TO_PAL) for item in body["data"]]}
    return rename_keys(body, TO_PAL)


def _pointer(pointer: Any) -> Any:
    if not isinstance(pointer, str) or not pointer.startswith("/"):
        return pointer
    head, sep, rest = pointer[1:].partition("/")
    return "/" + TO_PERSONA.get(head, head) + sep + rest


def _patch_to_persona(body: Any) -> Any:
    if not isinstance(body, list):
        return body
    ops = []
    for op in body:
        if isinstance(op, dict):
            op = {**op, **{key: _pointer(op[key]) for key in ("path", "from") if key in op}}
            if op.get("path") == "" and "value" in op:
                op["value"] = rename_keys(op["value"], TO_PERSONA)
        ops.append(op)
    return ops


def translate_error(error: ApiError) -> ApiError:
    def words(text: str) -> str:
        for old, new in _ERROR_WORDS:
            text = text.replace(old, new)
        return text

    errors = [(words(field), words(message)) for field, message in error.errors]
    official = None  # an official body ({"error": "Invalid persona_id"}) keeps its shape, in PAL words
    if error.official is not None:
        official = {key: words(value) if isinstance(value, str) else value for key, value in error.official.items()}
    return ApiError(error.status, words(error.message), errors=errors, headers=error.headers, official=official)


def persona_request(req: ApiRequest, body: Any = None) -> ApiRequest:
    """The same request as the persona handlers expect it: ``persona_id`` in the path, persona names in the body
    and the query (``pal_type`` is the list's ``persona_type``; paging parameters pass unchanged)."""
    path = {("persona_id" if key == "pal_id" else key): value for key, value in req.path.items()}
    return replace(req, path=path, body=body, query=rename_query(req.query, _QUERY_TO_PERSONA))


_QUERY_TO_PERSONA = {"pal_type": "persona_type"}


def rename_query(query: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    """``query`` under the legacy names; a legacy name given beside the new one loses to it."""
    renamed = {key: value for key, value in query.items() if key not in names}
    for new, old in names.items():
        if new in query:
            renamed[old] = query[new]
    return renamed


def _through(handler: Callable[[Context, ApiRequest], Any], body: Callable[[Any], Any]) -> Handler:
    def run(ctx: Context, req: ApiRequest) -> Any:
        try:
            return pal_view(handler(ctx, persona_request(req, body(req.body))))
        except ApiError as error:
            raise translate_error(error) from None

    return run


def create(ctx: Context, req: ApiRequest) -> Any:
    body = dict(req.body)
    tool_ids = body.pop("tool_ids", None)
    if tool_ids is not None:
        tools.check_attachable(ctx, [], tool_ids, field="tool_ids")  # before anything is stored
    try:
        created = personas.create(ctx, persona_request(req, rename_keys(body, TO_PERSONA)))
    except ApiError as error:
        raise translate_error(error) from None
    if tool_ids:
        ctx.store.table("personas")[created["persona_id"]]["_tool_ids"] = list(dict.fromkeys(tool_ids))
    return pal_view(created)


def check_username(ctx: Context, req: ApiRequest) -> dict[str, Any]:
    """Taken when a PAL of any account already has it as ``layers.conferencing.username`` (case-insensitive)."""
    username = req.query.get("username")
    if not isinstance(username, str) or not username.strip():
        raise bad_request("the username query parameter is required, e.g. ?username=acme-support", field="username")
    wanted = username.strip().lower()
    for record in ctx.store.table("personas").values():
        layers = record.get("layers")
        conferencing = layers.get("conferencing") if isinstance(layers, dict) else None
        taken = conferencing.get("username") if isinstance(conferencing, dict) else None
        if isinstance(taken, str) and taken.strip().lower() == wanted:
            return {"available": False, "reason": f"the username {username!r} is already taken"}
    return {"available": True, "reason": None}


def _same(body: Any) -> Any:
    return body


ROUTES: dict[str, Handler] = {
    "pals_create": create,
    "pals_list": _through(personas.list_, _same),
    "pals_get": _through(personas.get, _same),
    "pals_patch": _through(personas.patch, _patch_to_persona),
    "pals_delete": _through(personas.delete, _same),
    "pals_check-username": check_username,
}
