"""Small flows the lifecycle tests load by name, as a user's ``--flow package.module:function`` would be."""

from __future__ import annotations

from pipecat.flows import NodeConfig


def goodbye_node() -> NodeConfig:
    return NodeConfig(
        name="goodbye",
        task_messages=[{"role": "developer", "content": "Say goodbye."}],
        post_actions=[{"type": "end_conversation"}],
    )


def chat_node() -> NodeConfig:
    return NodeConfig(name="chat", task_messages=[{"role": "developer", "content": "Greet the visitor and chat."}])
