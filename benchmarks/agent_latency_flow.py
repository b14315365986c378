"""The two-node flow ``agent_latency.py`` runs: ``advance`` moves to the other node, ``stay`` does not."""

from __future__ import annotations

from pipecat.flows import FlowArgs, FlowManager, FlowsFunctionSchema, NodeConfig


async def _advance(args: FlowArgs, flow_manager: FlowManager) -> tuple[str, NodeConfig]:
    other = "tell" if flow_manager.current_node == "ask" else "ask"
    return "moved", _node(other)


async def _stay(args: FlowArgs, flow_manager: FlowManager) -> tuple[str, None]:
    return "stayed", None


def _node(name: str) -> NodeConfig:
    functions = [
        FlowsFunctionSchema(name="advance", description="Move on.", properties={}, required=[], handler=_advance),
        FlowsFunctionSchema(name="stay", description="Stay here.", properties={}, required=[], handler=_stay),
    ]
    return NodeConfig(
        name=name,
        task_messages=[{"role": "developer", "content": f"Node {name}: answer briefly."}],
        functions=functions,
    )


def ask_node() -> NodeConfig:
    return _node("ask")
