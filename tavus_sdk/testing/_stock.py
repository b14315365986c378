"""The stock personas and replicas the Tavus docs list
(docs.tavus.io/sections/conversational-video-interface/persona/stock-personas,
docs.tavus.io/sections/replica/stock-replicas), and Pipecat's personas.

Stock records are visible to every API key and read-only: patching, renaming or deleting one answers 403.
"""

from __future__ import annotations

from typing import Any

from tavus_sdk.testing._context import iso
from tavus_sdk.testing._store import Store

__all__ = ["PIPECAT_PERSONA_IDS", "seed"]

# (persona_id, persona_name, default_replica_id) as the docs' stock persona pages show them.
_PERSONAS: tuple[tuple[str, str, str], ...] = (
    ("pdced222244b", "Sales Coach", "rfe12d8b9597"),
    ("p7fb0be3", "Corporate Trainer", "ra54d1d861"),
    ("pc55154f229a", "History Teacher", "r6ae5b6efc9d"),
    ("p88964a7", "College Tutor", "rfb51183fe"),
    ("pb8bb46b", "Sales Agent at Tavus", "ref226fe7e"),
    ("p5d11710002a", "Healthcare Intake Assistant", "r4317e64d25a"),
    ("pe13ed370726", "AI Interviewer", "r9d30b0e55ac"),
    ("pd43ffef", "Technical Co Pilot", "rbb0f535dd"),
    ("p2fbd605", "Tavus' Personal AI", "r4c41453d2"),
    ("p48fdf065d6b", "Tavus Researcher", "rf4703150052"),
    ("p9a95912", "Demo Persona", "r79e1c033f"),
    ("p3bb4745d4f9", "Santa", "r3fbe3834a3e"),
)

# Pipecat's TavusTransport defaults to "pipecat0" (pipecat >= 1.5) or "pipecat-stream" (older releases and the
# docs); both are echo-mode personas whose voice comes from the Pipecat pipeline.
PIPECAT_PERSONA_IDS = ("pipecat-stream", "pipecat0")

_REPLICAS: tuple[tuple[str, str], ...] = (
    ("r7bc3db0d581", "Sabrina"),
    ("rf25acd9e3f5", "Patrick"),
    ("re0eae1fbe11", "Lucy"),
    ("r1af76e94d00", "Rose"),
    ("r95fd27b5a37", "Helen"),
    ("r1a4e22fa0d9", "Benjamin"),
    ("r90105daccb4", "Isabella"),
    ("r6ae5b6efc9d", "Anna"),
    ("rb11617de314", "Sandra"),
    ("rb67667672ad", "Gloria"),
    ("re2185788693", "Nathan"),
    ("rfcfe46c1da8", "Lucy (green screen)"),
    ("rfe12d8b9597", "Nathan"),
    ("r79e1c033f", "Demo Replica"),
    ("r665388ec672", "Stock Replica r665388ec672"),
    ("r18e9aebdc33", "Stock Replica r18e9aebdc33"),
    ("ra066ab28864", "Stock Replica ra066ab28864"),
    ("rb17cf590e15", "Stock Replica rb17cf590e15"),
    ("rf4703150052", "Tavus Researcher"),
    ("r9d30b0e55ac", "AI Interviewer"),
    ("rc2146c13e81", "Sales Coach"),
    ("ra54d1d861", "Corporate Trainer"),
    ("rfb51183fe", "College Tutor"),
    ("ref226fe7e", "Sales Agent"),
    ("r4317e64d25a", "Healthcare Intake"),
    ("rbb0f535dd", "Technical Co Pilot"),
    ("r4c41453d2", "Personal AI"),
    ("r3fbe3834a3e", "Santa"),
)


def seed(store: Store, now: float) -> None:
    stamp = iso(now)
    replicas = store.table("replicas")
    for replica_id, name in _REPLICAS:
        replicas[replica_id] = {
            "replica_id": replica_id,
            "replica_name": name,
            "status": "completed",
            "training_progress": "100/100",
            "replica_type": "system",
            "model_name": "phoenix-3",
            "thumbnail_video_url": f"https://cdn.replica.tavus.io/stock/{replica_id}/thumbnail.mp4",
            "created_at": stamp,
            "updated_at": stamp,
            "_stock": True,
        }
    personas = store.table("personas")
    for persona_id, name, replica_id in _PERSONAS:
        personas[persona_id] = _persona(persona_id, name, replica_id, stamp)
    for persona_id in PIPECAT_PERSONA_IDS:
        personas[persona_id] = {
            "persona_id": persona_id,
            "persona_name": persona_id,
            "pipeline_mode": "echo",
            "system_prompt": None,
            "context": None,
            "default_replica_id": None,
            "layers": {},
            "created_at": stamp,
            "updated_at": stamp,
            "_stock": True,
        }


def _persona(persona_id: str, name: str, replica_id: str, stamp: str) -> dict[str, Any]:
    return {
        "persona_id": persona_id,
        "persona_name": name,
        "pipeline_mode": "full",
        "system_prompt": f"You are {name}, a stock Tavus persona.",
        "context": "",
        "default_replica_id": replica_id,
        "layers": {
            "llm": {"model": "tavus-gpt-4o"},
            "tts": {"tts_engine": "cartesia"},
            "perception": {"perception_model": "raven-0"},
            "stt": {"stt_engine": "tavus-advanced"},
        },
        "created_at": stamp,
        "updated_at": stamp,
        "_stock": True,
    }
