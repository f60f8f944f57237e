"""What the resident does on a step: go on, choose, be identified, type, confirm, rate, go back
or home, change language. A wrong input counts towards offering a person."""

from __future__ import annotations

from kiosk.backends.operations import IRREVERSIBLE_OPERATIONS, WRITE_OPERATIONS
from kiosk.catalog.schema import ChooseStep, IdentifyStep, InputStep, LookupStep, StepKind
from kiosk.flow import validators
from kiosk.flow.calls import FlowError, InputResult
from kiosk.flow.core import EngineCore
from kiosk.flow.events import EventKind
from kiosk.flow.state import Outcome, Phase
from kiosk.identity import Resident
from kiosk.text import Lang, fill

# The national five levels, best first; stored by code.
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


class ResidentActions(EngineCore):
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
            self._enter_due(self.service.step_index(option.goto))
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
        if not s.history:
            self.home()
            return True
        self._enter(s.history.pop())
        if s.backs >= self.timings.help_after_backs:
            self.offer_help("back_and_forth")  # on the step the resident came back to
        return True

    @property
    def can_go_back(self) -> bool:
        """Not from or past a step that had an effect (a ticket issued, a document printed, a
        loss reported, a phone changed): going back would do it a second time."""
        if self.ended:
            return False
        s = self.state
        if self.step.id in s.effects:
            return False
        if s.history:
            previous = self.service.steps[s.history[-1]]
            if previous.id in s.effects:
                return False
            if isinstance(previous, LookupStep) and previous.operation in WRITE_OPERATIONS:
                return False  # even when a helper skipped it: it may have been done
        return True

    @property
    def safe_answer_first(self) -> bool:
        """A confirmation of something that cannot be undone here (a card reported lost): its
        safe answer is where the resident starts, so Enter twice never does it by accident."""
        if self.ended or self.step.kind is not StepKind.CONFIRM:
            return False
        index = self.state.step_index + 1
        after = self.service.steps[index] if index < len(self.service.steps) else None
        return isinstance(after, LookupStep) and after.operation in IRREVERSIBLE_OPERATIONS

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
