"""``tavus tools``: standalone tools that PALs call, attached with ``tavus pals tools attach``."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tavus_cli._bulk import DEFAULT_CONCURRENCY, ConcurrencyOpt
from tavus_cli._group import new_group
from tavus_cli._options import FileOpt, JsonOpt, MaxItemsOpt, QuietOpt, YesOpt
from tavus_cli._output import Column
from tavus_cli._verbs import Kind, as_kwargs, body_from, delete_each, output, session, walk

if TYPE_CHECKING:
    from tavus_sdk import AsyncTavus

app = new_group("Create, list, inspect, update and delete standalone tools (attach them with tavus pals tools).")

KIND = Kind(
    noun="tool",
    plural="tools",
    id_field="tool_id",
    columns=(
        Column("id", "tool_id"),
        Column("name", "name"),
        Column("origin", "origin"),
        Column("trigger", "trigger_type"),
        Column("system", "is_system_tool"),
        Column("created", "created_at"),
    ),
)

ToolId = Annotated[str, typer.Argument(metavar="TOOL_ID", help="The tool's id, e.g. tabc123def456 or end_call.")]
NameOpt = Annotated[str | None, typer.Option("--name", help="Function name (letters, digits, underscores).")]
DescriptionOpt = Annotated[str | None, typer.Option("--description", help="When the LLM should call it.")]
OriginOpt = Annotated[str | None, typer.Option("--origin", help="llm (default), vision or audio.")]
TagOpt = Annotated[list[str] | None, typer.Option("--tag", help="A tag; repeat.")]


def _flags(name: str | None, description: str | None, origin: str | None, tag: list[str] | None) -> dict[str, Any]:
    return {"name": name, "description": description, "origin": origin, "tags": tag or None}


@app.command("create")
def create(
    ctx: typer.Context,
    name: NameOpt = None,
    description: DescriptionOpt = None,
    origin: OriginOpt = None,
    tag: TagOpt = None,
    file: FileOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Create a tool from flags and/or a JSON or YAML body (parameters and delivery go in the file).

    \b
    Examples:
      tavus tools create --name get_weather --description "Get the current weather for a city" -q
      tavus tools create --file weather-tool.yaml
    """
    out = output(ctx, json_output, quiet)
    body = body_from(file, _flags(name, description, origin, tag), "tools_create")
    from tavus_sdk.types.tool import ToolCreateParams

    with session(ctx).client() as tavus:
        tool = tavus.tools.create(**as_kwargs(body, ToolCreateParams))
    out.item(tool, id_field=KIND.id_field)


@app.command("list")
def list_(
    ctx: typer.Context,
    type_: Annotated[str | None, typer.Option("--type", help="user (default), system or all.")] = None,
    search: Annotated[str | None, typer.Option("--search", help="Part of a name, or a tool id.")] = None,
    max_items: MaxItemsOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """List your tools, Tavus's system tools (--type system), or both (--type all).

    \b
    Examples:
      tavus tools list
      tavus tools list --type all --search weather -q
    """
    out = output(ctx, json_output, quiet)
    params: dict[str, Any] = {}
    if type_ is not None:
        params["type"] = _tool_type(type_)
    if search is not None:
        params["name_or_uuid"] = search
    with session(ctx).client() as tavus:
        tools = walk(tavus.tools.list(**params, max_items=max_items), max_items)
    out.items(tools, id_field=KIND.id_field, columns=KIND.columns)


def _tool_type(value: str) -> str:
    import difflib

    from tavus_cli._errors import CliError

    if value in _TYPES:
        return value
    close = difflib.get_close_matches(value, _TYPES, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise CliError(f"--type {value!r} is not a tool type; {hint}use one of {', '.join(_TYPES)}")


_TYPES = ("user", "system", "all")


@app.command("get")
def get(ctx: typer.Context, tool_id: ToolId, json_output: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """Show one tool, yours or a system one (secrets come back masked).

    \b
    Example:
      tavus tools get end_call --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        tool = tavus.tools.get(tool_id)
    out.item(tool, id_field=KIND.id_field)


@app.command("update")
def update(
    ctx: typer.Context,
    tool_id: ToolId,
    name: NameOpt = None,
    description: DescriptionOpt = None,
    origin: OriginOpt = None,
    tag: TagOpt = None,
    file: FileOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Change the given fields of a tool; the others keep their value. System tools cannot be changed.

    \b
    Examples:
      tavus tools update tabc123def456 --description "Weather and forecast for a city"
      tavus tools update tabc123def456 --file delivery.yaml
    """
    from tavus_cli._errors import CliError

    out = output(ctx, json_output, quiet)
    body = body_from(file, _flags(name, description, origin, tag), "tools_update")
    if not body:
        raise CliError("nothing to change: give a flag such as --description, or --file")
    from tavus_sdk.types.tool import ToolUpdateParams

    with session(ctx).client() as tavus:
        tool = tavus.tools.update(tool_id, **as_kwargs(body, ToolUpdateParams))
    out.item(tool, id_field=KIND.id_field)


@app.command("delete")
def delete(
    ctx: typer.Context,
    tool_ids: Annotated[list[str], typer.Argument(metavar="TOOL_ID...", help="One or more tool ids.")],
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete tools (asks first; --yes in scripts); each is detached from every PAL.

    \b
    Example:
      tavus tools delete tabc123def456 --yes
    """
    delete_each(
        ctx, KIND, tool_ids, _delete_one, yes=yes, json_output=json_output, quiet=quiet, concurrency=concurrency
    )


async def _delete_one(tavus: AsyncTavus, tool_id: str) -> None:
    await tavus.tools.delete(tool_id)
