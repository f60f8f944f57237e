"""A person's help in the flow engine: the resident asks for it, a helper takes over and hands
back, and may skip a step or end the visit (each audited by the caller)."""

from __future__ import annotations

from kiosk.flow.calls import FlowError
from kiosk.flow.core import EngineCore
from kiosk.flow.events import EventKind
from kiosk.flow.state import Outcome, Phase


class Assistance(EngineCore):
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
