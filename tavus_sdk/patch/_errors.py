"""The exceptions of the JSON Patch helpers, and how their messages show values."""

from __future__ import annotations

import json
from typing import Literal

from tavus_sdk._exceptions import TavusError


class PatchError(TavusError, ValueError):
    """A patch that is malformed, or that cannot be applied to a document.

    ``index`` is the position of the offending operation (``None`` when the patch as a whole is
    wrong) and ``path`` its ``path`` (or ``from``) pointer, when known.
    """

    def __init__(self, message: str, *, index: int | None = None, path: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.index = index
        self.path = path


class PatchPathError(PatchError):
    """A pointer that does not fit the resource's schema, or that targets a read-only field.

    ``field`` tells which member of the operation is wrong (``"path"`` or ``"from"``) and
    ``suggestion`` is a close valid pointer, when one was found.
    """

    def __init__(
        self,
        message: str,
        *,
        index: int,
        path: str,
        suggestion: str | None = None,
        field: Literal["path", "from"] = "path",
    ) -> None:
        super().__init__(message, index=index, path=path)
        self.suggestion = suggestion
        self.field = field


def _q(value: object) -> str:
    """A value as JSON, for messages (strings in double quotes, ``true`` rather than ``True``)."""
    try:
        text = json.dumps(value, ensure_ascii=False, default=repr)
    except (TypeError, ValueError):
        text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."
