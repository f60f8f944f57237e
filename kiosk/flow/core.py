"""The core of the flow engine: one visit's state over the steps of one service, and the moves
every part makes with it (enter a step, go on, end, record an event, offer a person).

No Qt and no I/O. The clock is injected and every delay comes from ``Timings``; each transition
is recorded as an event through the sink.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from typing import Any

from kiosk.backends.base import Answer
from kiosk.catalog.schema import Service, Step, StepKind
from kiosk.flow.calls import FlowError
from kiosk.flow.events import EventKind, EventSink, NullSink
from kiosk.flow.progress import Progress, progress
from kiosk.flow.state import Outcome, Phase, VisitState
from kiosk.flow.timing import Timings
from kiosk.text import Lang, text_language

Clock = Callable[[], float]


class EngineCore:
    def __init__(
        self,
        service: Service,
        *,
        timings: Timings | None = None,
        clock: Clock = time.monotonic,
        sink: EventSink | None = None,
        context: Mapping[str, str] | None = None,
        state: VisitState | None = None,
    ) -> None:
        self.service = service
        self.clock = clock
        self.sink: EventSink = sink or NullSink()
        self.context = dict(context or {})
        self._base_timings = timings or Timings()
        self.state = state or VisitState(
            service_id=service.id, language="zh", service_version=service.version
        )
        self.timings = self._base_timings.for_visit(self.state.elder)
        # The kiosk is saying something (a prompt, a long reading): the time limit waits. The
        # front end says when speech starts and ends (``Timers.speech_started``).
        self.speaking = False
        self.warning_shown: float | None = None  # when the warning appeared, for its cap

    def start(self, language: Lang = "zh", *, elder: bool = False, audio: bool = False) -> None:
        s = self.state
        s.language, s.elder, s.audio = language, elder, audio
        self.timings = self._base_timings.for_visit(elder)
        now = self.clock()
        s.started_at = s.last_activity = now
        self._record(
            EventKind.VISIT_STARTED,
            language=language,
            elder=elder,
            audio=audio,
            version=s.service_version,
        )
        self._enter_due(0)

    @property
    def step(self) -> Step:
        return self.service.steps[self.state.step_index]

    @property
    def ended(self) -> bool:
        return self.state.phase is Phase.ENDED

    @property
    def progress(self) -> Progress:
        """Where the visit stands among the steps it goes through (kiosk.flow.progress): a
        step a condition passes over is not counted; what is not decided yet, a range."""
        return progress(self.service, self.state, self.values(self.state.language))

    @property
    def step_number(self) -> int:
        """1-based position for "step 2 of 4" among the steps gone through; done is not one."""
        return self.progress.number

    @property
    def step_count(self) -> int:
        """The most steps the visit can have, given what is known so far."""
        return self.progress.most

    def _record(self, event: EventKind, **detail: Any) -> None:
        self.sink.record(self.state, event, detail)

    def _enter(self, index: int) -> None:
        s = self.state
        s.step_index = index
        s.step_entered_at = s.last_activity = self.clock()
        s.rejects = 0
        s.first_entry = ""
        s.help_offer = ""  # an offer is about the step that made it: a new step starts without
        s.help_offered = False
        s.phase = Phase.ACTIVE
        step = self.step
        self._record(EventKind.STEP_ENTERED, step=step.id, kind=step.kind.value, index=index)
        if step.kind in (StepKind.LOOKUP, StepKind.TICKET):
            s.results.pop(step.id, None)
            s.phase = Phase.WAITING
        elif step.kind is StepKind.PRINT:
            s.printed, s.print_error = False, ""
        elif step.kind is StepKind.DONE:
            helped = s.assisted_by or s.helped or s.help_requested
            self._end(Outcome.COMPLETED_WITH_HELP if helped else Outcome.COMPLETED)

    def _next(self) -> None:
        self.state.history.append(self.state.step_index)
        self._enter_due(self.state.step_index + 1)

    def _enter_due(self, index: int) -> None:
        """Going forward: the step at ``index``, or past each step whose condition does not
        hold (a card already reported lost is not offered the report) to where it says."""
        values = self.values(self.state.language)
        step = self.service.steps[index]
        while not step.due(values) and index < len(self.service.steps) - 1:
            index = self.service.step_index(step.otherwise) if step.otherwise else index + 1
            step = self.service.steps[index]
        self._enter(index)

    def _end(self, outcome: Outcome) -> None:
        s = self.state
        if s.phase is Phase.ENDED:
            return
        s.phase, s.outcome = Phase.ENDED, outcome
        s.ended_at = self.clock()
        self._record(
            EventKind.VISIT_ENDED,
            outcome=outcome.value,
            step=self.step.id,
            seconds=round(s.ended_at - s.started_at, 3),
        )
        s.clear_personal()

    def _expect(self, *kinds: StepKind) -> None:
        if self.ended:
            raise FlowError("the visit has ended")
        if self.step.kind not in kinds:
            raise FlowError(
                f"step '{self.step.id}' is a {self.step.kind.value} step, "
                f"not {'/'.join(k.value for k in kinds)}"
            )

    def _activity(self) -> None:
        self.state.last_activity = self.clock()

    def answer(self, step_id: str | None = None) -> Answer | None:
        data = self.state.results.get(step_id or self.step.id)
        return Answer.from_dict(data) if data else None

    def _answer_ok(self) -> bool:
        answer = self.answer()
        return answer is not None and answer.ok

    def offer_help(self, reason: str) -> None:
        """The kiosk offers a person, without forcing it: once, on the step that went wrong,
        until it is answered or the step is done (``settle_help_offer``) or left. Once on a
        step: an offer declined, or passed by trying again, is not made again there."""
        s = self.state
        if s.help_offer or s.help_offered or s.help_requested or s.assisted_by or self.ended:
            return
        s.help_offer, s.help_offered = reason, True
        self._record(EventKind.HELP_OFFERED, step=self.step.id, reason=reason)

    def settle_help_offer(self) -> None:
        """What went wrong on this step has now gone right (the backend answered, the paper
        printed): the offer it made goes."""
        self.state.help_offer = ""

    def values(self, lang: Lang) -> dict[str, str]:
        """What ``{placeholders}`` in this service's text may name."""
        s = self.state
        out = {f"kiosk.{k}": v for k, v in self.context.items()}
        out["visit.id"] = s.visit_id
        out["visit.reference"] = s.reference
        out["today"] = dt.date.today().isoformat()
        out.update(s.values)
        screen = text_language(lang)  # Cantonese fills in the Chinese wording
        for name, labels in s.labels.items():
            out[f"{name}.label"] = labels.get(screen, "")
            out[f"{name}.url"] = labels.get("url", "")
        if s.resident is not None:
            out["resident.masked"] = s.resident.masked
            out["resident.name"] = s.resident.name
        for step_id, data in s.results.items():
            for key, value in data.get("values", {}).items():
                name, _, only_in = key.partition("@")  # "status@en": the English wording
                if not only_in or only_in in (lang, screen):
                    out[f"{step_id}.{name}"] = str(value)
        return out
