"""``tavus personas``: what a replica says and how (LLM, voice, speech recognition, perception, turn-taking)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import typer

from tavus_cli._bulk import DEFAULT_CONCURRENCY, ConcurrencyOpt
from tavus_cli._group import new_group
from tavus_cli._options import DryRunOpt, FileOpt, JsonOpt, MaxItemsOpt, OpsFileOpt, QuietOpt, RemoveOpt, SetOpt, YesOpt
from tavus_cli._output import Column
from tavus_cli._patching import Patchable, edit_verb, patch_verb
from tavus_cli._verbs import Kind, as_kwargs, body_from, delete_each, note, output, session, walk

if TYPE_CHECKING:
    from tavus_sdk import AsyncTavus

app = new_group("Create, inspect, change (JSON Patch) and delete personas.")

KIND = Kind(
    noun="persona",
    plural="personas",
    id_field="persona_id",
    columns=(
        Column("id", "persona_id"),
        Column("name", "persona_name"),
        Column("mode", "pipeline_mode"),
        Column("default replica", "default_replica_id", is_id=True),
        Column("llm", "layers.llm.model"),
        Column("created", "created_at", in_table=False),
    ),
)

PersonaId = Annotated[str, typer.Argument(metavar="PERSONA_ID", help="The persona's id, e.g. p9a95912.")]


def _check_paths(operations: object) -> None:
    from tavus_sdk.patch import check_persona_paths

    check_persona_paths(operations)


PATCHABLE = Patchable(
    kind=KIND,
    get=lambda tavus, pid: tavus.personas.get(pid),
    patch=lambda tavus, pid, ops: tavus.personas.patch(pid, ops, check_paths=False),
    check_paths=_check_paths,
)


@app.command("create")
def create(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help="persona_name.")] = None,
    system_prompt: Annotated[str | None, typer.Option("--system-prompt", help="Instructions for the LLM.")] = None,
    context: Annotated[str | None, typer.Option("--context", help="Background knowledge for the LLM.")] = None,
    replica: Annotated[str | None, typer.Option("--replica", help="default_replica_id.")] = None,
    pipeline_mode: Annotated[str | None, typer.Option("--pipeline-mode", help="full (default) or echo.")] = None,
    objectives: Annotated[str | None, typer.Option("--objectives", help="objectives_id to attach.")] = None,
    guardrails: Annotated[str | None, typer.Option("--guardrails", help="guardrails_id to attach.")] = None,
    document: Annotated[list[str] | None, typer.Option("--document", help="A document id to attach; repeat.")] = None,
    pipecat_stream: Annotated[
        bool,
        typer.Option(
            "--pipecat-stream", help="Create, or reuse, the echo-mode persona whose voice comes from Pipecat."
        ),
    ] = False,
    file: FileOpt = None,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Create a persona from flags and/or a JSON or YAML body.

    \b
    Examples:
      tavus personas create --name "Front desk" --system-prompt "You greet visitors." --replica r79e1c033f
      tavus personas create --file persona.yaml
      tavus personas create --pipecat-stream --replica r79e1c033f -q
    """
    out = output(ctx, json_output, quiet)
    if pipecat_stream:
        _pipecat_stream(ctx, out, name=name, replica=replica, conflicting=[system_prompt, context, file, pipeline_mode])
        return
    flags: dict[str, Any] = {
        "persona_name": name,
        "system_prompt": system_prompt,
        "context": context,
        "default_replica_id": replica,
        "pipeline_mode": pipeline_mode,
        "objectives_id": objectives,
        "guardrails_id": guardrails,
        "document_ids": document or None,
    }
    body = body_from(file, flags, "personas_create")
    from tavus_sdk.types.persona import PersonaCreateParams

    with session(ctx).client() as tavus:
        persona = tavus.personas.create(**as_kwargs(body, PersonaCreateParams))
    out.item(persona, id_field=KIND.id_field)


def _pipecat_stream(
    ctx: typer.Context, out: Any, *, name: str | None, replica: str | None, conflicting: list[Any]
) -> None:
    from tavus_cli._errors import CliError

    if any(v is not None for v in conflicting):
        raise CliError(
            "--pipecat-stream takes only --name and --replica: its voice and LLM come from your Pipecat pipeline"
        )
    from tavus_sdk.resources.personas import PIPECAT_STREAM_PERSONA_NAME

    with session(ctx).client() as tavus:
        persona = tavus.personas.ensure_pipecat_stream(name=name or PIPECAT_STREAM_PERSONA_NAME, replica_id=replica)
    if replica and persona.default_replica_id != replica:
        note(
            f"reusing persona {persona.persona_id} ({persona.persona_name}), whose default replica is "
            f"{persona.default_replica_id or 'unset'}; give --replica {replica} when you create the conversation"
        )
    out.item(persona, id_field=KIND.id_field)


@app.command("list")
def list_(
    ctx: typer.Context, max_items: MaxItemsOpt = None, json_output: JsonOpt = False, quiet: QuietOpt = False
) -> None:
    """List your personas and the stock ones.

    \b
    Examples:
      tavus personas list
      tavus personas list --json | jq -r '.[] | select(.pipeline_mode == "echo") | .persona_id'
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        personas = walk(tavus.personas.list(max_items=max_items), max_items)
    out.items(personas, id_field=KIND.id_field, columns=KIND.columns)


@app.command("get")
def get(ctx: typer.Context, persona_id: PersonaId, json_output: JsonOpt = False, quiet: QuietOpt = False) -> None:
    """Show one persona, every layer included (secrets masked unless --show-secrets).

    \b
    Example:
      tavus personas get p9a95912 --json
    """
    out = output(ctx, json_output, quiet)
    with session(ctx).client() as tavus:
        persona = tavus.personas.get(persona_id)
    out.item(persona, id_field=KIND.id_field)


@app.command("patch")
def patch(
    ctx: typer.Context,
    persona_id: PersonaId,
    set_: SetOpt = None,
    remove: RemoveOpt = None,
    ops_file: OpsFileOpt = None,
    dry_run: DryRunOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Change a persona with JSON Patch (RFC 6902); paths are checked before anything is sent.

    \b
    Examples:
      tavus personas patch p9a95912 --set /layers/llm/model=tavus-gpt-4o --remove /layers/stt/hotwords
      tavus personas patch p9a95912 --ops-file ops.json --dry-run
    """
    patch_verb(
        ctx,
        PATCHABLE,
        persona_id,
        sets=set_ or [],
        removes=remove or [],
        ops_file=ops_file,
        dry_run=dry_run,
        json_output=json_output,
        quiet=quiet,
    )


@app.command("edit")
def edit(
    ctx: typer.Context,
    persona_id: PersonaId,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the patch; send nothing.")] = False,
    yes: YesOpt = False,
) -> None:
    """Edit a persona as YAML in $EDITOR; the minimal JSON Patch is shown, then sent once you confirm.

    \b
    Example:
      EDITOR=nano tavus personas edit p9a95912
    """
    edit_verb(ctx, PATCHABLE, persona_id, yes=yes, dry_run=dry_run)


@app.command("delete")
def delete(
    ctx: typer.Context,
    persona_ids: Annotated[list[str], typer.Argument(metavar="PERSONA_ID...", help="One or more persona ids.")],
    concurrency: ConcurrencyOpt = DEFAULT_CONCURRENCY,
    yes: YesOpt = False,
    json_output: JsonOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Delete personas (asks first; --yes in scripts).

    \b
    Example:
      tavus personas delete p9a95912 --yes
    """
    delete_each(
        ctx, KIND, persona_ids, _delete_one, yes=yes, json_output=json_output, quiet=quiet, concurrency=concurrency
    )


async def _delete_one(tavus: AsyncTavus, persona_id: str) -> None:
    await tavus.personas.delete(persona_id)
