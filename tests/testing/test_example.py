"""The README's first command works offline and shows the whole job."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # every test here runs real processes

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "emulator_quickstart.py"


def test_emulator_quickstart_runs_the_whole_job_offline() -> None:
    out = subprocess.run([sys.executable, str(EXAMPLE)], capture_output=True, text=True, timeout=60, check=False)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("persona       pipecat-stream")
    assert "pipeline_mode=echo" in lines[0]
    assert lines[1].endswith(" active")
    assert lines[2].startswith("room          https://tavus.daily.co/c")
    assert "ended         status=ended shutdown_reason=end_conversation_endpoint_hit" in lines
    assert "still active  0 conversation(s)" in lines
    webhooks = [line.split()[-1] for line in lines if line.startswith("webhook")]
    assert webhooks == ["system.replica_joined", "system.shutdown", "application.transcription_ready"]
    assert out.stderr == ""
