"""Faces: the replica records seen through the current vocabulary (``face_id``, ``face_name``).

A thin translation over the replica handlers and their table, so ``/faces`` and ``/replicas`` can never disagree.
Image-to-face training (``train_image_url`` with a stock ``voice_name``, docs.tavus.io/api-reference/faces/create-face)
trains like a video does; ``phoenix-4`` is the default model on ``/faces``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from tavus_sdk.testing._context import ApiRequest, Context, Handler
from tavus_sdk.testing._errors import ApiError, unprocessable
from tavus_sdk.testing._urls import check_urls
from tavus_sdk.testing.handlers import replicas
from tavus_sdk.testing.handlers.pals import rename_keys, rename_query, translate_error

__all__ = ["ROUTES", "TO_FACE"]

TO_REPLICA = {"face_id": "replica_id", "face_name": "replica_name"}
# `replica_type` (verbose answers) is `face_type` on /faces (docs.tavus.io/api-reference/faces/get-face).
TO_FACE = {**{replica: face for face, replica in TO_REPLICA.items()}, "replica_type": "face_type"}
DEFAULT_MODEL = "phoenix-4"  # docs.tavus.io/api-reference/faces/create-face: "Defaults to phoenix-4"


def face_view(body: Any) -> Any:
    if isinstance(body, dict) and "replica_id" not in body and isinstance(body.get("data"), list):
        return {**body, "data": [rename_keys(item, TO_FACE) for item in body["data"]]}
    return rename_keys(body, TO_FACE)


def _replica_request(req: ApiRequest, body: Any = None) -> ApiRequest:
    path = {("replica_id" if key == "face_id" else key): value for key, value in req.path.items()}
    return replace(req, path=path, body=body, query=rename_query(req.query, _QUERY_TO_REPLICA))


# The list's type filter under its face name; paging and the other filters pass unchanged.
_QUERY_TO_REPLICA = {"face_type": "replica_type"}


def _through(handler: Callable[[Context, ApiRequest], Any], body: Callable[[Any], Any]) -> Handler:
    def run(ctx: Context, req: ApiRequest) -> Any:
        try:
            return face_view(handler(ctx, _replica_request(req, body(req.body))))
        except ApiError as error:
            raise translate_error(error) from None

    return run


def create(ctx: Context, req: ApiRequest) -> Any:
    body = rename_keys(dict(req.body), TO_REPLICA)
    video, image = body.get("train_video_url"), body.pop("train_image_url", None)
    if bool(video) == bool(image):
        message = "give exactly one of train_video_url and train_image_url"
        raise unprocessable([("train_video_url", message), ("train_image_url", message)], message)
    voice = body.pop("voice_name", None)
    if image:
        if not voice:
            raise unprocessable([("voice_name", "voice_name is required with train_image_url")])
        check_urls({"train_image_url": image}, ("train_image_url",))
        body["train_video_url"] = image
    body.setdefault("model_name", DEFAULT_MODEL)
    try:
        created = replicas.create(ctx, _replica_request(req, body))
    except ApiError as error:
        raise translate_error(error) from None
    if image:
        record = ctx.store.table("replicas")[created["replica_id"]]
        # An image is not a video: the video-format rule does not apply to it.
        record.update(_outcome="completed", _error_message=None, _train_image_url=image, _voice_name=voice)
        record.pop("_train_video_url", None)
        if record["status"] == "error":  # a zero training time has already finished it, by the video rule
            _undo_finish(ctx, record)
            replicas.tick(ctx)
            created = ctx.store.table("replicas")[created["replica_id"]]
            created = {key: value for key, value in created.items() if not key.startswith("_")}
    return face_view(created)


def _undo_finish(ctx: Context, record: dict[str, Any]) -> None:
    record.update(status="started", training_progress=replicas.progress(0))
    record.pop("error_message", None)
    ctx.store.webhooks[:] = [
        hook for hook in ctx.store.webhooks if hook["payload"].get("replica_id") != record["replica_id"]
    ]


def _rename_body(body: Any) -> Any:
    return rename_keys(body, TO_REPLICA)


def _same(body: Any) -> Any:
    return body


ROUTES: dict[str, Handler] = {
    "faces_create": create,
    "faces_list": _through(replicas.list_, _same),
    "faces_get": _through(replicas.get, _same),
    "faces_delete": _through(replicas.delete, _same),
    "faces_rename": _through(replicas.rename, _rename_body),
}
