"""The flow engine's work outside: a lookup or a ticket announced as a pending ``Task`` the caller
runs on a worker and reports back (the engine never blocks), and a print's start and outcome."""

from __future__ import annotations

from dataclasses import replace

from kiosk.backends.base import Answer
from kiosk.backends.operations import WRITE_OPERATIONS
from kiosk.catalog.schema import LookupStep, Step, StepKind, TicketStep
from kiosk.flow.calls import Task
from kiosk.flow.core import EngineCore
from kiosk.flow.events import EventKind
from kiosk.flow.state import Phase
from kiosk.text import fill


class OutsideWork(EngineCore):
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

    @property
    def leaving_held(self) -> str:
        """Why the resident may not leave the visit just now, else "": ``printing`` while the
        step's paper is being printed (it carries their details and must not come out after
        they left, unannounced); ``working`` while a change in their name or a counter ticket
        is being made (done after they left, they would never hear that it was). A lookup
        that only reads is no reason: its late answer is dropped. Bounded: a print by the
        printer's wait, backend work by the backend's time limit."""
        if self.ended or self.state.phase is not Phase.WAITING:
            return ""
        if self.step.kind is StepKind.PRINT:
            return "printing"
        return "working" if self._acts(self.step) else ""

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
            self.settle_help_offer()
            self._record(EventKind.BACKEND_ANSWERED, step=self.step.id)
            if self._acts(self.step) and self.step.id not in s.effects:
                s.effects.append(self.step.id)
        else:
            self._record(
                EventKind.BACKEND_FAILED,
                step=self.step.id,
                error=answer.error.value if answer.error else "",
            )
            self.offer_help(f"backend_{answer.error.value if answer.error else 'failed'}")

    @staticmethod
    def _acts(step: Step) -> bool:
        """A step whose answer is an effect: a ticket issued, a change in the resident's name."""
        if isinstance(step, TicketStep):
            return True
        return isinstance(step, LookupStep) and step.operation in WRITE_OPERATIONS

    def retry(self) -> None:
        """Ask the backend again after a failure."""
        self._expect(StepKind.LOOKUP, StepKind.TICKET)
        self.state.results.pop(self.step.id, None)
        self.state.phase = Phase.WAITING
        self.state.help_offer = ""  # trying again passes the offer: a wait offers nothing
        self._activity()

    def print_started(self) -> None:
        self._expect(StepKind.PRINT)
        self.state.phase = Phase.WAITING
        self.state.print_error = ""
        self.state.help_offer = ""  # printing (again) passes the offer: a wait offers nothing

    def print_done(self, ok: bool, reason: str = "", warning: str = "") -> None:
        self._expect(StepKind.PRINT)
        s = self.state
        s.phase = Phase.ACTIVE
        self._activity()
        if ok:
            s.printed = True
            self.settle_help_offer()
            if self.step.id not in s.effects:
                s.effects.append(self.step.id)
            self._record(EventKind.PRINTED, step=self.step.id, warning=warning)
        else:
            s.print_error = reason or "unknown"
            self._record(EventKind.PRINT_FAILED, step=self.step.id, reason=s.print_error)
            self.offer_help("device_failed")
