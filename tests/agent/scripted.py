"""Offline stand-ins for the LLM and TTS services, and a harness that drives a flow turn by turn."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pipecat.flows import FlowManager, NodeConfig
from pipecat.frames.frames import (
    EndFrame,
    Frame,
    FunctionCallFromLLM,
    LLMContextFrame,
    LLMFullResponseEndFrame,
    LLMFullResponseStartFrame,
    LLMMessagesAppendFrame,
    LLMTextFrame,
    TTSAudioRawFrame,
    TTSSpeakFrame,
    TTSStartedFrame,
    TTSStoppedFrame,
)
from pipecat.pipeline.pipeline import Pipeline
from pipecat.pipeline.worker import PipelineParams, PipelineWorker
from pipecat.processors.aggregators.llm_context import LLMContext
from pipecat.processors.aggregators.llm_response_universal import LLMContextAggregatorPair
from pipecat.processors.frame_processor import FrameDirection, FrameProcessor
from pipecat.services.llm_service import LLMService
from pipecat.services.settings import LLMSettings
from pipecat.workers.runner import WorkerRunner


@dataclass
class Step:
    """One LLM inference: what it says, which function it calls, what the user answers afterwards."""

    say: str | None = None
    call: tuple[str, dict[str, Any]] | None = None
    user: str | None = None


@dataclass
class Inference:
    node: str | None
    tools: list[str]
    system_instruction: str | None
    last_message: dict[str, Any] | None


@dataclass
class FlowRun:
    inferences: list[Inference] = field(default_factory=list)
    spoken: list[str] = field(default_factory=list)
    results: list[Any] = field(default_factory=list)
    ended: bool = False
    overrun_in: str | None = None
    """The node in which the LLM was asked for more inferences than scripted."""
    state: dict[str, Any] = field(default_factory=dict)
    messages: list[Any] = field(default_factory=list)

    @property
    def nodes(self) -> list[str | None]:
        """The node of each inference, repeats collapsed: the path the conversation took."""
        path: list[str | None] = []
        for inference in self.inferences:
            if not path or path[-1] != inference.node:
                path.append(inference.node)
        return path


def _llm_settings() -> LLMSettings:
    return LLMSettings(
        model="scripted",
        system_instruction=None,
        temperature=None,
        max_tokens=None,
        top_p=None,
        top_k=None,
        frequency_penalty=None,
        presence_penalty=None,
        seed=None,
        filter_incomplete_user_turns=None,
        user_turn_completion_config=None,
    )


class ScriptedLLM(LLMService):  # type: ignore[misc]
    """Answers each context with the next step of the script, calling functions through pipecat's own machinery."""

    def __init__(self, script: Sequence[Step], run: FlowRun, **kwargs: Any) -> None:
        super().__init__(settings=_llm_settings(), **kwargs)
        self._script = list(script)
        self._run = run
        self.flow_manager: FlowManager | None = None
        self._calls = 0
        self.script_done = asyncio.Event()

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if not isinstance(frame, LLMContextFrame):
            await self.push_frame(frame, direction)
            return
        if not self._script:
            self._run.overrun_in = self._node()
            return
        step = self._script.pop(0)
        tools = frame.context.tools
        names = [t.name for t in tools.standard_tools] if hasattr(tools, "standard_tools") else []
        messages = frame.context.get_messages()
        self._run.inferences.append(
            Inference(self._node(), names, self._settings.system_instruction, messages[-1] if messages else None)
        )
        await self.push_frame(LLMFullResponseStartFrame())
        if step.say:
            await self.push_frame(LLMTextFrame(step.say))
        if step.call:
            name, args = step.call
            self._calls += 1
            call = FunctionCallFromLLM(
                function_name=name, tool_call_id=f"call-{self._calls}", arguments=args, context=frame.context
            )
            await self.run_function_calls([call])
        await self.push_frame(LLMFullResponseEndFrame())
        if step.user is not None:
            user_turn = LLMMessagesAppendFrame([{"role": "user", "content": step.user}], run_llm=True)
            await self.pipeline_worker.queue_frame(user_turn)
        elif not self._script:
            self.script_done.set()

    def _node(self) -> str | None:
        return self.flow_manager.current_node if self.flow_manager else None


class FakeTTS(FrameProcessor):
    """Speaks each LLM response (and each TTSSpeakFrame) as ``seconds`` of silence, and records the text."""

    def __init__(self, run: FlowRun, *, seconds: float = 0.1) -> None:
        super().__init__()
        self._run = run
        self._text: list[str] = []
        self._audio = bytes(int(24000 * seconds) * 2)

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, LLMTextFrame):
            self._text.append(frame.text)
        if isinstance(frame, TTSSpeakFrame):
            await self._speak(frame.text)
            return
        await self.push_frame(frame, direction)
        if isinstance(frame, LLMFullResponseEndFrame) and self._text:
            await self._speak("".join(self._text))
            self._text.clear()

    async def _speak(self, text: str) -> None:
        self._run.spoken.append(text)
        await self.push_frame(TTSStartedFrame())
        await self.push_frame(TTSAudioRawFrame(self._audio, 24000, 1))
        await self.push_frame(TTSStoppedFrame())


class _EndWatcher(FrameProcessor):
    def __init__(self, run: FlowRun) -> None:
        super().__init__()
        self._run = run

    async def process_frame(self, frame: Frame, direction: FrameDirection) -> None:
        await super().process_frame(frame, direction)
        if isinstance(frame, EndFrame):
            self._run.ended = True
        await self.push_frame(frame, direction)


async def run_flow(
    initial_node: NodeConfig,
    script: Sequence[Step],
    *,
    state: dict[str, Any] | None = None,
    extra: Callable[[FlowRun], Sequence[FrameProcessor]] | None = None,
    timeout: float = 5.0,
    settle: float = 0.2,
) -> FlowRun:
    """Run the flow, the LLM following ``script`` one inference at a time.

    The run stops when the flow ends, or ``settle`` seconds after the script ran out (time for a transition or an
    unscripted inference to show), or after ``timeout``.
    """
    run = FlowRun()
    context = LLMContext()
    aggregators = LLMContextAggregatorPair(context)
    llm = ScriptedLLM(script, run)
    processors: list[FrameProcessor] = [aggregators.user(), llm, FakeTTS(run)]
    processors += list(extra(run)) if extra else []
    processors += [_EndWatcher(run), aggregators.assistant()]
    worker = PipelineWorker(Pipeline(processors), params=PipelineParams(), cancel_on_idle_timeout=False)
    flow_manager = FlowManager(worker=worker, llm=llm, context_aggregator=aggregators)
    flow_manager.state.update(state or {})
    llm.flow_manager = flow_manager

    @worker.event_handler("on_pipeline_started")  # type: ignore[untyped-decorator]
    async def on_started(_worker: PipelineWorker, _frame: Frame) -> None:
        await flow_manager.initialize(initial_node)

    runner = WorkerRunner(handle_sigint=False)
    await runner.add_workers(worker)
    running = asyncio.create_task(runner.run())

    async def stop_when_script_done() -> None:
        await llm.script_done.wait()
        await asyncio.sleep(settle)

    stopper = asyncio.create_task(stop_when_script_done())
    await asyncio.wait([running, stopper], timeout=timeout, return_when=asyncio.FIRST_COMPLETED)
    stopper.cancel()
    if not running.done():
        await runner.cancel()
        await running
    run.state = dict(flow_manager.state)
    run.messages = list(context.get_messages())
    assert not llm._script, f"{len(llm._script)} scripted steps unused; the flow stopped in {run.nodes[-1:]}"
    assert run.overrun_in is None, f"the LLM was asked once more than scripted, in node {run.overrun_in}"
    return run
