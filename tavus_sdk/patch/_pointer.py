"""JSON Pointers (RFC 6901) and JSON equality."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from tavus_sdk._json import json_type
from tavus_sdk.patch._errors import PatchError, _q

_BAD_TILDE = re.compile(r"~(?![01])")
_ARRAY_INDEX = re.compile(r"0|[1-9][0-9]*")


def check_pointer(pointer: object, *, name: str = "path") -> str:
    """Return ``pointer`` if it is a valid JSON Pointer, else raise :class:`PatchError`.

    A pointer is ``""`` (the whole document) or starts with ``"/"``; ``~`` only appears as
    ``~0`` (a literal ``~``) or ``~1`` (a literal ``/``). ``name`` is used in the message.
    """
    if not isinstance(pointer, str):
        raise PatchError(f"{name} must be a string (a JSON Pointer), got {json_type(pointer)}")
    if pointer and not pointer.startswith("/"):
        raise PatchError(f'{name} must be a JSON Pointer starting with "/", got {_q(pointer)}')
    if _BAD_TILDE.search(pointer):
        raise PatchError(
            f'{name} {_q(pointer)} has a "~" that is not "~0" or "~1" '
            '(write "~0" for a literal "~" and "~1" for a literal "/")'
        )
    return pointer


def escape_key(key: str) -> str:
    """Escape an object key for use as one segment of a JSON Pointer (``~`` -> ``~0``, ``/`` -> ``~1``)."""
    return key.replace("~", "~0").replace("/", "~1")


def _unescape(segment: str) -> str:
    return segment.replace("~1", "/").replace("~0", "~")


def split_pointer(pointer: str) -> list[str]:
    """The unescaped segments of a JSON Pointer: ``"/a~1b/0"`` -> ``["a/b", "0"]``, ``""`` -> ``[]``."""
    check_pointer(pointer)
    if not pointer:
        return []
    return [_unescape(segment) for segment in pointer[1:].split("/")]


def join_pointer(segments: Iterable[str | int]) -> str:
    """The JSON Pointer of a list of keys and indices: ``["a/b", 0]`` -> ``"/a~1b/0"``."""
    return "".join("/" + escape_key(str(segment)) for segment in segments)


def json_equal(a: object, b: object) -> bool:
    """Compare two JSON values the way JSON (and RFC 6902 ``test``) does.

    Unlike Python's ``==``, ``true`` is not ``1`` and ``false`` is not ``0``; numbers compare by
    value (``1`` equals ``1.0``); objects ignore member order; arrays compare item by item.
    """
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, Mapping):
        if not isinstance(b, Mapping) or len(a) != len(b):
            return False
        return all(key in b and json_equal(value, b[key]) for key, value in a.items())
    if isinstance(a, list | tuple):
        if not isinstance(b, list | tuple) or len(a) != len(b):
            return False
        return all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(b, Mapping | list | tuple):
        return False
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    return type(a) is type(b) and a == b
