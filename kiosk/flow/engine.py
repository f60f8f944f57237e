"""The flow engine: a plain state machine over the steps of one service.

No Qt and no I/O. The clock is injected and every delay comes from ``Timings``. Work that needs
the outside world (a backend call, a print) is announced by the engine as a pending task; the
caller runs it on a worker and reports back, so the engine never blocks and tests drive it
directly. Each transition is recorded as an event through the sink.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from kiosk.backends.base import Answer, AnswerError
from kiosk.backends.operations import WRITE_OPERATIONS
from kiosk.catalog.schema import (
    ChooseStep,
    IdentifyStep,
    InputStep,
    LookupStep,
    Service,
    Step,
    StepKind,
    TicketStep,
)
from kiosk.flow import validators
from kiosk.flow.calls import FlowError, InputResult, Task, Tick
from kiosk.flow.events import EventKind, EventSink, NullSink
from kiosk.flow.state import Outcome, Phase, VisitState
from kiosk.flow.timing import Timings
from kiosk.identity import Resident
from kiosk.text import Lang, fill, text_language

Clock = Callable[[], float]

# The national five levels, best first; stored by code.
__all__ = ["NOT_RATED", "RATINGS", "FlowEngine", "FlowError", "InputResult", "Task", "Tick"]

RATINGS = (
    "very_satisfied",
    "satisfied",
    "basically_satisfied",
    "dissatisfied",
    "very_dissatisfied",
)
# A rating skipped: recorded as a RATED event (one Rating row per visit, same shape) whose level
# says no rating was given, so reports can count the skips apart from the five levels.
NOT_RATED = "not_rated"


class FlowEngine:
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

    # -- life of a visit -------------------------------------------------------------------

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
        self._enter(0)

    @property
    def step(self) -> Step:
        return self.service.steps[self.state.step_index]

    @property
    def ended(self) -> bool:
        return self.state.phase is Phase.ENDED

    @property
    def step_number(self) -> int:
        """1-based position for "step 2 of 4"; done is not counted as a step."""
        return min(self.state.step_index + 1, self.step_count)

    @property
    def step_count(self) -> int:
        return sum(1 for s in self.service.steps if s.kind is not StepKind.DONE)

    def _record(self, event: EventKind, **detail: Any) -> None:
        self.sink.record(self.state, event, detail)

    def _enter(self, index: int) -> None:
        s = self.state
        s.step_index = index
        s.step_entered_at = s.last_activity = self.clock()
        s.rejects = 0
        s.first_entry = ""
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
        self._enter(self.state.step_index + 1)

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

    # -- what the resident does --------------------------------------------------------------

    def advance(self) -> None:
        """Go on from a step that only shows something (info, results, a ticket, a QR code)."""
        self._expect(
            StepKind.INFO, StepKind.LOOKUP, StepKind.HANDOFF, StepKind.TICKET, StepKind.PRINT
        )
        if self.state.phase is Phase.WAITING:
            raise FlowError("the step is still waiting for the backend")
        if self.step.kind is StepKind.LOOKUP and not self._answer_ok():
            raise FlowError("the backend did not answer; retry, get help or go home")
        if self.step.kind is StepKind.PRINT and not self.state.printed:
            self._record(EventKind.PRINT_SKIPPED, step=self.step.id)
        self._activity()
        self._next()

    def choose(self, value: str) -> None:
        self._expect(StepKind.CHOOSE)
        step = self.step
        assert isinstance(step, ChooseStep)
        option = next((o for o in step.options if o.value == value), None)
        if option is None:
            raise FlowError(f"'{value}' is not an option of step '{step.id}'")
        self.state.values[step.field] = value
        self.state.labels[step.field] = {
            "zh": option.label.zh,
            "en": option.label.en,
            # An option's address may name the hall server ({kiosk.server}).
            "url": fill(option.url, self.values(self.state.language)),
        }
        self._record(EventKind.CHOSEN, step=step.id, value=value)
        self._activity()
        if option.goto:
            self.state.history.append(self.state.step_index)
            self._enter(self.service.step_index(option.goto))
        else:
            self._next()

    def identify(self, resident: Resident) -> None:
        self._expect(StepKind.IDENTIFY)
        step = self.step
        assert isinstance(step, IdentifyStep)
        self.state.resident = resident
        self._record(
            EventKind.IDENTIFIED, step=step.id, method=resident.method, masked=resident.masked
        )
        self._activity()
        self._next()

    def reject_identity(self, problem: str) -> None:
        """A card, QR or typed number that could not be used: counted like a rejected input."""
        self._expect(StepKind.IDENTIFY)
        self._rejected(problem)

    def submit(self, raw: str) -> InputResult:
        self._expect(StepKind.INPUT)
        step = self.step
        assert isinstance(step, InputStep)
        self._activity()
        value, problem = validators.check(step, raw)
        if problem:
            self._rejected(problem)
            return InputResult(False, problem)
        if step.repeat and not self.state.first_entry:
            self.state.first_entry = value
            self._record(EventKind.INPUT_ACCEPTED, step=step.id, first_of_two=True)
            return InputResult(False, again=True)
        if step.repeat and value != self.state.first_entry:
            self.state.first_entry = ""
            self._rejected("mismatch")
            return InputResult(False, "mismatch")
        self.state.values[step.field] = value
        self._record(EventKind.INPUT_ACCEPTED, step=step.id)
        self._next()
        return InputResult(True)

    def _rejected(self, problem: str) -> None:
        s = self.state
        s.rejects += 1
        self._record(EventKind.INPUT_REJECTED, step=self.step.id, problem=problem, count=s.rejects)
        if s.rejects >= self.timings.help_after_rejects:
            self.offer_help("rejected_inputs")

    def confirm(self, yes: bool) -> None:
        self._expect(StepKind.CONFIRM)
        self._activity()
        if yes:
            self._record(EventKind.CONFIRMED, step=self.step.id)
            self._next()
        else:
            self._record(EventKind.DECLINED, step=self.step.id)
            self.back()

    def rate(self, level: str, reason: str = "") -> None:
        """One of the five levels, or NOT_RATED when the resident skips (no reason then)."""
        self._expect(StepKind.RATE)
        if level not in RATINGS and level != NOT_RATED:
            raise FlowError(f"'{level}' is not a rating level")
        if level == NOT_RATED:
            reason = ""
        self._record(
            EventKind.RATED, step=self.step.id, level=level, reason=reason, service=self.service.id
        )
        self._activity()
        self._next()

    def skip_rating(self) -> None:
        """The rating is never forced: skipping it is recorded as not rated."""
        self.rate(NOT_RATED)

    def back(self) -> bool:
        """One step back; from the first step, home. False where going back is not allowed."""
        if not self.can_go_back:
            return False
        s = self.state
        s.backs += 1
        self._record(EventKind.BACK, step=self.step.id)
        if s.backs >= self.timings.help_after_backs:
            self.offer_help("back_and_forth")
        if not s.history:
            self.home()
            return True
        self._enter(s.history.pop())
        return True

    @property
    def can_go_back(self) -> bool:
        """Not past something done in the resident's name (a loss reported, a phone changed)."""
        if self.ended:
            return False
        s = self.state
        if s.history:
            previous = self.service.steps[s.history[-1]]
            if isinstance(previous, LookupStep) and previous.operation in WRITE_OPERATIONS:
                return False
        current = self.step
        return not (
            isinstance(current, LookupStep)
            and current.operation in WRITE_OPERATIONS
            and self._answer_ok()
        )

    def home(self) -> None:
        """The resident leaves the service; everything personal is forgotten."""
        if self.ended:
            return
        if self.step.kind is StepKind.RATE:
            # The business is done: leaving the rating is skipping it, not giving up.
            self.skip_rating()
            return
        self._record(EventKind.HOME, step=self.step.id)
        self._end(Outcome.CANCELLED)

    def set_language(self, language: Lang) -> None:
        if language != self.state.language:
            self.state.language = language
            self._record(EventKind.LANGUAGE, step=self.step.id, language=language)

    # -- backend work --------------------------------------------------------------------------

    def pending_task(self) -> Task | None:
        if self.ended or self.state.phase is not Phase.WAITING:
            return None
        step = self.step
        values = self.values(self.state.language)
        resident = replace(self.state.resident) if self.state.resident else None
        if isinstance(step, LookupStep):
            params = {k: fill(v, values) for k, v in step.params.items()}
            return Task("lookup", step.operation, params, resident, self.summary())
        if isinstance(step, TicketStep):
            business = {"business": fill(step.business, values)}
            return Task("ticket", "counter_ticket", business, resident, self.summary())
        return None

    def summary(self) -> str:
        """What a counter needs to carry on without asking again (no full ID number)."""
        s = self.state
        parts = [f"visit {s.reference}", f"service {s.service_id}", f"step {self.step.id}"]
        if s.resident is not None:
            parts.append(f"resident {s.resident.masked}")
        return "; ".join(parts)

    def task_done(self, answer: Answer) -> None:
        self._expect(StepKind.LOOKUP, StepKind.TICKET)
        s = self.state
        s.results[self.step.id] = answer.to_dict()
        s.phase = Phase.ACTIVE
        self._activity()
        if answer.ok:
            self._record(EventKind.BACKEND_ANSWERED, step=self.step.id)
        else:
            self._record(
                EventKind.BACKEND_FAILED,
                step=self.step.id,
                error=answer.error.value if answer.error else "",
            )
            self.offer_help(f"backend_{answer.error.value if answer.error else 'failed'}")

    def retry(self) -> None:
        """Ask the backend again after a failure."""
        self._expect(StepKind.LOOKUP, StepKind.TICKET)
        self.state.results.pop(self.step.id, None)
        self.state.phase = Phase.WAITING
        self._activity()

    def answer(self, step_id: str | None = None) -> Answer | None:
        data = self.state.results.get(step_id or self.step.id)
        return Answer.from_dict(data) if data else None

    def _answer_ok(self) -> bool:
        answer = self.answer()
        return answer is not None and answer.ok

    # -- printing ------------------------------------------------------------------------------

    def print_started(self) -> None:
        self._expect(StepKind.PRINT)
        self.state.phase = Phase.WAITING
        self.state.print_error = ""

    def print_done(self, ok: bool, reason: str = "", warning: str = "") -> None:
        self._expect(StepKind.PRINT)
        s = self.state
        s.phase = Phase.ACTIVE
        self._activity()
        if ok:
            s.printed = True
            self._record(EventKind.PRINTED, step=self.step.id, warning=warning)
        else:
            s.print_error = reason or "unknown"
            self._record(EventKind.PRINT_FAILED, step=self.step.id, reason=s.print_error)
            self.offer_help("device_failed")

    # -- time --------------------------------------------------------------------------------

    def touch(self) -> None:
        """Any touch or key: the resident is there."""
        if self.state.phase is Phase.WARNING:
            self.extend()
        elif not self.ended:
            self._activity()

    def tick(self) -> Tick | None:
        """Called about once a second; warns, then times the visit out."""
        s = self.state
        now = self.clock()
        if s.phase is Phase.WAITING and self.step.kind in (StepKind.LOOKUP, StepKind.TICKET):
            if now - s.last_activity < self.timings.backend_timeout_s:
                return None
            # A backend that hangs must not hold the resident: the step shows what a failure
            # shows (try again, a person, home). A late answer still replaces this one.
            self.task_done(Answer(error=AnswerError.UNAVAILABLE))
            return Tick.BACKEND_TIMEOUT
        if s.phase in (Phase.ENDED, Phase.WAITING) or s.assisted_by:
            return None
        if s.phase is Phase.ACTIVE and now - s.last_activity >= self.timings.step_timeout_s:
            s.phase, s.warning_started = Phase.WARNING, now
            s.warnings += 1
            self._record(
                EventKind.TIMEOUT_WARNING,
                step=self.step.id,
                count=s.warnings,
                seconds=self.timings.warning_s,
            )
            if s.warnings >= self.timings.help_after_warnings:
                self.offer_help("timeouts")
            return Tick.WARNING
        if (
            s.phase is Phase.WARNING
            and s.warning_started is not None
            and (now - s.warning_started >= self.timings.warning_s)
        ):
            if self.step.kind is StepKind.RATE:  # walked away after the business was done
                self.skip_rating()
                return Tick.TIMED_OUT
            self._record(EventKind.TIMED_OUT, step=self.step.id)
            self._end(Outcome.TIMED_OUT)
            return Tick.TIMED_OUT
        return None

    def seconds_left(self) -> float:
        """Of the warning's countdown, for the screen and the voice."""
        s = self.state
        if s.phase is not Phase.WARNING or s.warning_started is None:
            return self.timings.warning_s
        return max(0.0, self.timings.warning_s - (self.clock() - s.warning_started))

    @property
    def extensions_left(self) -> int:
        return self.timings.max_extensions - self.state.extensions

    def extend(self) -> bool:
        """ "I need more time": False once the extensions are used up."""
        s = self.state
        if s.phase is not Phase.WARNING or self.extensions_left <= 0:
            return False
        s.extensions += 1
        s.phase, s.warning_started = Phase.ACTIVE, None
        self._activity()
        self._record(EventKind.EXTENDED, step=self.step.id, count=s.extensions)
        return True

    # -- help -----------------------------------------------------------------------------------

    def offer_help(self, reason: str) -> None:
        """The kiosk offers a person, without forcing it; once per visit until dismissed."""
        s = self.state
        if s.help_offer or s.help_requested or s.assisted_by or self.ended:
            return
        s.help_offer = reason
        self._record(EventKind.HELP_OFFERED, step=self.step.id, reason=reason)

    def dismiss_help_offer(self) -> None:
        self.state.help_offer = ""

    def request_help(self, reason: str = "resident") -> None:
        s = self.state
        if self.ended:
            raise FlowError("the visit has ended")
        s.help_requested, s.help_offer = True, ""
        self._record(
            EventKind.HELP_REQUESTED,
            step=self.step.id,
            reason=reason,
            seconds_on_step=round(self.clock() - s.step_entered_at, 1),
        )

    def begin_assist(self, staff: str) -> None:
        """A helper takes over: the visit pauses, nothing is lost."""
        self.state.assisted_by = staff
        self.state.helped = True  # stays after the hand-back: the visit had a person's help
        self.state.phase = Phase.ACTIVE if self.state.phase is Phase.WARNING else self.state.phase
        self._record(EventKind.ASSISTED, step=self.step.id, staff=staff)

    def hand_back(self) -> None:
        staff, self.state.assisted_by = self.state.assisted_by, ""
        self._activity()
        self._record(EventKind.HANDED_BACK, step=self.step.id, staff=staff)

    def skip_step(self, staff: str, reason: str) -> None:
        """A helper skips a step the resident cannot do (audited by the caller)."""
        self._record(
            EventKind.STAFF_ACTION, step=self.step.id, action="skip", staff=staff, reason=reason
        )
        self.state.phase = Phase.ACTIVE
        self._next()

    def end_by_staff(self, staff: str, reason: str) -> None:
        self._record(
            EventKind.STAFF_ACTION, step=self.step.id, action="end", staff=staff, reason=reason
        )
        self._end(Outcome.ENDED_BY_STAFF)

    # -- templates -------------------------------------------------------------------------------

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
