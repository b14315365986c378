"""``python -m agent``: options, the dry-run plan, refusals before anything is created, and swappable flows."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from agent.cli import main
from agent.config import AgentConfig, ConfigError, SafetyNets, load_secrets
from agent.flows import load_flow
from tests.agent.scripted import Step, run_flow

SECRET_TAVUS = "tk-live-0123456789abcdef"
SECRET_OPENAI = "sk-proj-fedcba9876543210"


def run_main(argv: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(argv, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_dry_run_prints_the_plan_and_never_a_key(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TAVUS_API_KEY", SECRET_TAVUS)
    monkeypatch.setenv("OPENAI_API_KEY", SECRET_OPENAI)
    code, out, err = run_main(["--replica", "r123", "--dry-run", "--llm-model", "gpt-4.1", "--meeting-token", "tok-9"])
    assert code == 0, err
    assert "nothing was created on Tavus" in out
    assert "name: pipecat-stream" in out
    assert "replica_id: r123" in out
    assert "max_participants=3" in out
    assert "max_call_duration=1800, participant_left_timeout=15, participant_absent_timeout=180" in out
    assert (
        "pipeline: DailyInputTransport -> HumanAudioOnly -> OpenAISTTService -> LLMUserAggregator -> "
        "OpenAILLMService -> OpenAITTSService -> TavusEchoSender -> DailyOutputTransport -> LLMAssistantAggregator"
    ) in out
    assert "nodes: greeting, appointment, confirm_appointment, question, message, confirm_message, goodbye" in out
    assert "llm: gpt-4.1" in out
    assert "TAVUS_API_KEY: set" in out
    assert "OPENAI_API_KEY: set" in out
    for secret in (SECRET_TAVUS, SECRET_OPENAI, "tok-9"):
        assert secret not in out + err


def test_dry_run_reports_missing_keys_without_failing() -> None:
    code, out, _ = run_main(["--replica", "r123", "--dry-run"])
    assert code == 0
    assert "TAVUS_API_KEY: MISSING" in out
    assert "OPENAI_API_KEY: MISSING" in out


def test_dry_run_of_a_join_plans_no_persona_and_no_create() -> None:
    code, out, _ = run_main(["--conversation-url", "https://tavus.daily.co/c42", "--dry-run"])
    assert code == 0
    assert "join: c42" in out
    assert "persona:" not in out
    assert "create:" not in out


@pytest.mark.parametrize(
    ("env", "missing"),
    [
        ({}, ["TAVUS_API_KEY", "OPENAI_API_KEY"]),
        ({"TAVUS_API_KEY": SECRET_TAVUS}, ["OPENAI_API_KEY"]),
        ({"OPENAI_API_KEY": SECRET_OPENAI, "TAVUS_API_KEY": "  "}, ["TAVUS_API_KEY"]),
    ],
)
def test_missing_keys_are_refused_before_anything_is_created(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], missing: list[str]
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)

    def no_launch(*args: object, **kwargs: object) -> None:
        raise AssertionError("launch must not start without keys")

    monkeypatch.setattr("agent.lifecycle.launch", no_launch)
    code, out, err = run_main(["--replica", "r123"])
    assert code == 2
    assert out == ""
    for name in missing:
        assert name in err
    assert SECRET_TAVUS not in err
    assert SECRET_OPENAI not in err


def test_secrets_stay_out_of_reprs() -> None:
    secrets = load_secrets({"TAVUS_API_KEY": SECRET_TAVUS, "OPENAI_API_KEY": SECRET_OPENAI})
    assert SECRET_TAVUS not in repr(secrets)
    assert SECRET_OPENAI not in repr(secrets)
    config = AgentConfig(conversation_url="https://tavus.daily.co/c1", meeting_token="tok-9")
    assert "tok-9" not in repr(config)


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([], "a replica is needed to create a conversation"),
        (["--replica", "r1", "--max-participants", "2"], "max_participants must be at least 3"),
        (["--replica", "r1", "--max-call-duration", "7200"], "max_call_duration must be between 1 and 3600"),
        (["--replica", "r1", "--flow", "nonsense"], "expected package.module:create_initial_node"),
        (["--replica", "r1", "--flow", "no_such_module_x:f", "--dry-run"], "cannot import no_such_module_x"),
        (["--replica", "r1", "--flow", "missing.yaml", "--dry-run"], "no such file"),
    ],
)
def test_wrong_options_are_explained(argv: list[str], message: str) -> None:
    code, _out, err = run_main([*argv, "--dry-run"] if "--dry-run" not in argv else argv)
    assert code == 2
    assert message in err


def test_joining_by_url_takes_the_conversation_id_from_it() -> None:
    config = AgentConfig(conversation_url="https://tavus.daily.co/ca1b2c3/")
    assert config.conversation_id == "ca1b2c3"
    assert config.joins_existing


def test_safety_nets_become_conversation_properties() -> None:
    nets = SafetyNets(max_call_duration=900, participant_left_timeout=5, participant_absent_timeout=60)
    assert nets.properties() == {
        "max_call_duration": 900,
        "participant_left_timeout": 5,
        "participant_absent_timeout": 60,
    }
    with pytest.raises(ConfigError):
        SafetyNets(participant_left_timeout=-1)


def test_a_python_flow_can_replace_the_front_desk() -> None:
    flow = load_flow("tests.agent.flows_for_tests:goodbye_node")
    assert flow.initial_node["name"] == "goodbye"
    assert flow.node_names == ["goodbye"]


FLOW_YAML = textwrap.dedent(
    """
    initial_node: welcome
    nodes:
      welcome:
        role_message: You greet visitors.
        task_messages:
          - role: developer
            content: Greet the visitor.
        functions:
          - name: visitor_is_done
            transition_only: true
            description: The visitor has nothing more to ask.
            transition_to: farewell
      farewell:
        task_messages:
          - role: developer
            content: Say goodbye.
        post_actions:
          - type: end_conversation
    """
)


async def test_a_flow_config_file_can_replace_the_front_desk(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text(FLOW_YAML)
    flow = load_flow(str(path))
    assert flow.node_names == ["welcome", "farewell"]
    run = await run_flow(
        flow.initial_node,
        [Step(say="Hello!", user="That's all, thanks"), Step(call=("visitor_is_done", {})), Step(say="Bye!")],
    )
    assert run.nodes == ["welcome", "farewell"]
    assert run.ended


def test_a_broken_flow_config_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "flow.yaml"
    path.write_text("initial_node: nowhere\nnodes: {}\n")
    with pytest.raises(ConfigError, match=r"flow\.yaml"):
        load_flow(str(path))


@pytest.mark.slow
def test_python_dash_m_agent_is_the_entry_point() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "agent", "--conversation-id", "c1", "--dry-run"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    assert "join: c1" in result.stdout


@pytest.mark.slow
def test_the_command_line_loads_without_pipecat() -> None:
    # `tavus --help` and `tavus agent launch --help` must stay instant: pipecat is imported only to run.
    code = "import sys, agent.cli, agent.config; sys.exit('pipecat' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("outcome", "code", "message"),
    [
        ({}, 0, ""),
        ({"interrupted": True}, 130, ""),
        ({"failed": True, "transport_failed": True}, 1, "error: transport error: Error joining the room"),
        ({"failed": True}, 1, "error: idle timeout: nobody spoke for 300s"),
    ],
)
def test_exit_codes_follow_how_the_conversation_ended(
    monkeypatch: pytest.MonkeyPatch, outcome: dict[str, bool], code: int, message: str
) -> None:
    from agent.lifecycle import LaunchResult

    monkeypatch.setenv("TAVUS_API_KEY", SECRET_TAVUS)
    monkeypatch.setenv("OPENAI_API_KEY", SECRET_OPENAI)

    async def launched(*args: object, **kwargs: object) -> LaunchResult:
        reason = "the flow ended"
        if outcome.get("failed"):
            reason = (
                "transport error: Error joining the room"
                if outcome.get("transport_failed")
                else "idle timeout: nobody spoke for 300s"
            )
        return LaunchResult("c1", "https://tavus.daily.co/c1", reason, True, **outcome)

    monkeypatch.setattr("agent.lifecycle.launch", launched)
    got, _out, err = run_main(["--replica", "r123"])
    assert got == code
    assert err.strip() == message
