"""``patch`` and ``edit``: change a persona, objective set or guardrail set with RFC 6902 JSON Patch.

Both build the operations locally, check every path against the resource's schema (a typo is refused with a
"did you mean"), preview the result on the current object, and only then send. ``--dry-run`` stops after the
preview. Secrets stay masked in previews and in the editor unless ``--show-secrets``; an unchanged mask is no
change, so a key is never overwritten by its mask.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import typer

from tavus_cli._confirm import confirm
from tavus_cli._errors import USAGE, CliError
from tavus_cli._input import load_document, parse_value
from tavus_cli._verbs import Kind, note, output, session

if TYPE_CHECKING:
    from tavus_sdk import Tavus

__all__ = ["Patchable", "edit_verb", "patch_verb"]


@dataclass(frozen=True)
class Patchable:
    kind: Kind
    get: Callable[[Tavus, str], Any]
    patch: Callable[[Tavus, str, list[dict[str, Any]]], Any]
    check_paths: Callable[[object], None]


def build_operations(sets: Sequence[str], removes: Sequence[str], ops_file: str | None) -> list[dict[str, Any]]:
    """Operations from --ops-file, then every --remove, then every --set (so a removed path can be set anew).
    ``--set`` is marked here; ``resolve_sets`` makes it ``replace`` or, where the member is missing, ``add``."""
    operations: list[dict[str, Any]] = []
    if ops_file is not None:
        data = load_document(ops_file, what="--ops-file")
        if not isinstance(data, list):
            raise CliError(f"--ops-file {ops_file}: expected a JSON Patch array of operations")
        operations.extend(data)
    for path in removes:
        operations.append({"op": "remove", "path": path})
    for item in sets:
        path, sep, value = item.partition("=")
        if not sep or not path.startswith("/"):
            raise CliError(f"--set {item!r}: expected /json/pointer=value, e.g. --set /layers/llm/model=tavus-gpt-4o")
        operations.append({"op": "replace", "path": path, "value": parse_value(value), "_set": True})
    if not operations:
        raise CliError("nothing to change: give --set, --remove or --ops-file")
    return operations


def resolve_sets(operations: list[dict[str, Any]], current: Any) -> list[dict[str, Any]]:
    """Each ``--set`` as ``replace`` where the member exists at that point of the patch, else ``add``."""
    from tavus_sdk.patch import apply, split_pointer

    resolved = []
    document = current
    for op in operations:
        if op.pop("_set", False):
            exists = _exists(document, split_pointer(op["path"]))
            op = {"op": "replace" if exists else "add", "path": op["path"], "value": op["value"]}
        document = apply([op], document)
        resolved.append(op)
    return resolved


def _exists(document: Any, parts: list[str]) -> bool:
    node = document
    for part in parts:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return True


def _check(operations: list[dict[str, Any]], target: Patchable) -> None:
    from tavus_sdk.patch import parse_operations

    # A --set is checked as an add: that is what it becomes where the member is missing (e.g. /data/-).
    clean = [{"op": "add", "path": op["path"], "value": op["value"]} if op.get("_set") else op for op in operations]
    parse_operations(clean)  # a malformed operation is a PatchError: exit 2, nothing sent
    target.check_paths(clean)  # a bad path: PatchPathError with a suggestion


def patch_verb(
    ctx: typer.Context,
    target: Patchable,
    resource_id: str,
    *,
    sets: Sequence[str],
    removes: Sequence[str],
    ops_file: str | None,
    dry_run: bool,
    json_output: bool,
    quiet: bool,
) -> None:
    from tavus_sdk.patch import apply

    out = output(ctx, json_output, quiet)
    operations = build_operations(sets, removes, ops_file)
    _check(operations, target)
    with session(ctx).client() as tavus:
        current = out.to_data(target.get(tavus, resource_id))
        operations = resolve_sets(operations, current)
        preview = apply(operations, current)
        if dry_run:
            _show_change(out, operations, current, preview)
            note(f"dry run: {len(operations)} operation(s) not sent")
            return
        updated = target.patch(tavus, resource_id, operations)
    note(f"patched {target.kind.noun} {resource_id} ({len(operations)} operation(s))")
    out.item(updated, id_field=target.kind.id_field)


def edit_verb(ctx: typer.Context, target: Patchable, resource_id: str, *, yes: bool, dry_run: bool) -> None:
    """Open the object as YAML in $EDITOR, then send the minimal patch between before and after."""
    from tavus_sdk.patch import diff

    out = output(ctx)
    with session(ctx).client() as tavus:
        current = out.to_data(target.get(tavus, resource_id))
        edited = _edit_yaml(current, f"{target.kind.noun}-{resource_id}")
        if not isinstance(edited, dict):
            raise CliError("the edited document is not a mapping; nothing was changed")
        operations = [op.to_dict() for op in diff(current, edited)]
        if not operations:
            note("no changes; nothing sent")
            return
        target.check_paths(operations)
        _show_change(out, operations, current, edited)
        if dry_run:
            note(f"dry run: {len(operations)} operation(s) not sent")
            return
        confirm(f"Send {len(operations)} operation(s) to {target.kind.noun} {resource_id}?", yes=yes)
        updated = target.patch(tavus, resource_id, operations)
    note(f"patched {target.kind.noun} {resource_id} ({len(operations)} operation(s))")
    out.item(updated, id_field=target.kind.id_field)


def _edit_yaml(document: dict[str, Any], stem: str) -> Any:
    import yaml

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise CliError("no editor: set $EDITOR (e.g. EDITOR=nano)", code=USAGE)
    text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
    fd, path = tempfile.mkstemp(prefix=f"tavus-{stem}-", suffix=".yaml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        try:
            result = subprocess.run([*shlex.split(editor), path], check=False)
        except (OSError, ValueError) as exc:  # not found, not executable, unbalanced quotes
            raise CliError(f"cannot run the editor {editor!r}: {exc}", code=USAGE) from None
        if result.returncode != 0:
            raise CliError(f"the editor exited with {result.returncode}; nothing was changed")
        edited = load_document(path, what="the edited file")
    finally:
        os.unlink(path)
    return edited


def _show_change(out: Any, operations: list[dict[str, Any]], before: Any, after: Any) -> None:
    """The operations and what they change, field by field; JSON with --json."""
    changes = _changes(before, after, hide=not out.show_secrets)
    if not out.show_secrets:
        # The values typed for secret paths (--set /layers/llm/api_key=...) are masked like stored secrets.
        from tavus_sdk._logging import redact

        operations, after = redact(operations), redact(after)
    if out.mode == "json":
        out.json({"operations": operations, "result": after})
        return
    if out.mode == "quiet":
        return
    lines = ["operations:", *(f"  {op['op']} {op['path']}" for op in operations), "change:"]
    lines += [f"{sign} {key}: {value}" for sign, key, value in changes]
    from tavus_cli._output import printable

    sys.stdout.write("\n".join(printable(line) for line in lines) + "\n")


def _changes(before: Any, after: Any, *, hide: bool) -> list[tuple[str, str, str]]:
    from tavus_cli._output import cell, flatten
    from tavus_sdk._logging import REDACTED, is_secret_path, redact

    def shown(key: str, value: Any) -> str:
        if hide and is_secret_path(key) and value:
            return REDACTED
        return cell(redact(value) if hide else value)

    old = dict(flatten(before)) if isinstance(before, dict) else {}
    new = dict(flatten(after)) if isinstance(after, dict) else {}
    found: list[tuple[str, str, str]] = []
    for key in sorted(set(old) | set(new)):
        if old.get(key) == new.get(key):
            continue
        if key in old:
            found.append(("-", key, shown(key, old[key])))
        if key in new:
            found.append(("+", key, shown(key, new[key])))
    return found
