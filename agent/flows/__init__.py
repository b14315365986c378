"""Flows the agent can run: the bundled front desk, a Python function, or a declarative FlowConfig file."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from pipecat.flows import Flow, FlowConfig, FlowsDirectFunction, FlowsFunctionSchema, NodeConfig

from agent.config import ConfigError

__all__ = ["FLOW_FILE_SUFFIXES", "LoadedFlow", "load_flow"]

FLOW_FILE_SUFFIXES = (".yaml", ".yml", ".json")


@dataclass(frozen=True)
class LoadedFlow:
    source: str
    initial_node: NodeConfig
    node_names: list[str]
    """Every node when known (bundled flow, FlowConfig files); the initial node alone for Python functions."""
    global_functions: list[FlowsFunctionSchema | FlowsDirectFunction] = field(default_factory=list)


def load_flow(
    spec: str | None, *, handlers: Sequence[str] = (), outcomes: str = "front_desk_outcomes.jsonl"
) -> LoadedFlow:
    if spec is None:
        return _front_desk(outcomes)
    if spec.endswith(FLOW_FILE_SUFFIXES):
        return _flow_file(Path(spec), handlers)
    if ":" in spec:
        return _python_flow(spec)
    raise ConfigError(
        f"--flow {spec!r}: expected package.module:create_initial_node or a FlowConfig file ending in "
        + ", ".join(FLOW_FILE_SUFFIXES)
    )


def _front_desk(outcomes: str) -> LoadedFlow:
    from agent.flows.front_desk import FrontDesk, FrontDeskSettings
    from agent.outcomes import outcome_sink

    sink = outcome_sink(outcomes)
    desk = FrontDesk(FrontDeskSettings(outcomes=sink))
    return LoadedFlow(
        source=f"bundled front desk (outcomes: {sink.describe()})",
        initial_node=desk.initial_node(),
        node_names=desk.node_names(),
    )


def _python_flow(spec: str) -> LoadedFlow:
    module_name, _, attribute = spec.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ImportError as exc:
        raise ConfigError(f"--flow {spec!r}: cannot import {module_name}: {exc}") from exc
    factory: Callable[[], Any] | None = getattr(module, attribute, None)
    if not callable(factory):
        raise ConfigError(f"--flow {spec!r}: {module_name} has no function {attribute}")
    node = factory()
    if not isinstance(node, dict) or "task_messages" not in node:
        raise ConfigError(f"--flow {spec!r}: {attribute}() must return a NodeConfig (a dict with task_messages)")
    return LoadedFlow(source=spec, initial_node=cast(NodeConfig, node), node_names=[str(node.get("name", "(unnamed)"))])


def _flow_file(path: Path, handlers: Sequence[str]) -> LoadedFlow:
    if not path.is_file():
        raise ConfigError(f"--flow {path}: no such file")
    try:
        config = FlowConfig.from_file(path)
        modules = [importlib.import_module(name) for name in handlers]
        flow = Flow(config, handlers=modules or {})
    except ConfigError:
        raise
    except Exception as exc:  # pydantic, YAML and reference errors all explain themselves
        raise ConfigError(f"--flow {path}: {exc}") from exc
    return LoadedFlow(
        source=str(path),
        initial_node=flow.initial_node,
        node_names=list(config.nodes),
        global_functions=flow.global_functions,
    )
