"""JSON Patch (RFC 6902) for personas, objectives, guardrails and pronunciation dictionaries.

Tavus updates personas (``PATCH /v2/personas/{persona_id}``), objective sets, guardrail sets and
pronunciation dictionaries with a JSON Patch: a list of ``add``, ``remove``, ``replace``, ``move``,
``copy`` and ``test`` operations whose ``path`` is a JSON Pointer (RFC 6901) into the resource. This module makes,
checks and previews such patches:

* :class:`Patch` builds one fluently; :func:`parse_operations` validates one read from a file;
* :func:`diff` computes the operations that turn one version of a document into another;
* :func:`apply` previews the result locally (atomically, without touching the input);
* :func:`check_paths` and the ``check_*_paths`` helpers catch typos in paths before Tavus sees
  them, with a "did you mean" suggestion.

Example::

    from tavus_sdk.patch import Patch, apply, check_persona_paths, diff

    patch = (
        Patch()
        .replace("/persona_name", "Wellness Advisor")
        .replace("/layers/llm/model", "tavus-gpt-4o")
        .remove("/layers/stt/hotwords")
    )
    check_persona_paths(patch)  # a typo raises PatchPathError, with a suggestion
    body = patch.to_list()  # the request body
    preview = apply(patch, current)  # the persona as the patch would leave it

    ops = diff(current, edited)  # or let the patch be computed from two versions
"""

from __future__ import annotations

from tavus_sdk.patch._apply import apply
from tavus_sdk.patch._diff import diff
from tavus_sdk.patch._errors import PatchError, PatchPathError
from tavus_sdk.patch._operations import (
    OP_NAMES,
    AddOp,
    CopyOp,
    MoveOp,
    Operation,
    Patch,
    RemoveOp,
    ReplaceOp,
    TestOp,
    parse_operations,
)
from tavus_sdk.patch._paths import (
    check_guardrails_paths,
    check_individual_guardrail_paths,
    check_objectives_paths,
    check_pal_paths,
    check_paths,
    check_persona_paths,
    check_pronunciation_dictionary_paths,
)
from tavus_sdk.patch._pointer import check_pointer, escape_key, join_pointer, json_equal, split_pointer

__all__ = [
    "OP_NAMES",
    "AddOp",
    "CopyOp",
    "MoveOp",
    "Operation",
    "Patch",
    "PatchError",
    "PatchPathError",
    "RemoveOp",
    "ReplaceOp",
    "TestOp",
    "apply",
    "check_guardrails_paths",
    "check_individual_guardrail_paths",
    "check_objectives_paths",
    "check_pal_paths",
    "check_paths",
    "check_persona_paths",
    "check_pointer",
    "check_pronunciation_dictionary_paths",
    "diff",
    "escape_key",
    "join_pointer",
    "json_equal",
    "parse_operations",
    "split_pointer",
]
