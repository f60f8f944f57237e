"""What the engine reports: one event per transition, for the store and for metrics."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from kiosk.flow.state import VisitState


class EventKind(StrEnum):
    VISIT_STARTED = "visit_started"
    STEP_ENTERED = "step_entered"
    INPUT_ACCEPTED = "input_accepted"
    INPUT_REJECTED = "input_rejected"
    CHOSEN = "chosen"
    IDENTIFIED = "identified"
    CONFIRMED = "confirmed"
    DECLINED = "declined"
    BACKEND_ANSWERED = "backend_answered"
    BACKEND_FAILED = "backend_failed"
    PRINTED = "printed"
    PRINT_FAILED = "print_failed"
    PRINT_SKIPPED = "print_skipped"
    RATED = "rated"
    BACK = "back"
    HOME = "home"
    LANGUAGE = "language"
    TIMEOUT_WARNING = "timeout_warning"
    EXTENDED = "extended"
    TIMED_OUT = "timed_out"
    HELP_OFFERED = "help_offered"
    HELP_REQUESTED = "help_requested"
    ASSISTED = "assisted"
    HANDED_BACK = "handed_back"
    STAFF_ACTION = "staff_action"
    VISIT_ENDED = "visit_ended"


class EventSink(Protocol):
    """Where the engine's events go: the store in the kiosk, a list in tests."""

    def record(self, state: VisitState, kind: EventKind, detail: Mapping[str, Any]) -> None: ...


@dataclass
class MemorySink:
    events: list[tuple[str, EventKind, dict[str, Any]]] = field(default_factory=list)

    def record(self, state: VisitState, kind: EventKind, detail: Mapping[str, Any]) -> None:
        self.events.append((state.visit_id, kind, dict(detail)))

    def kinds(self) -> list[EventKind]:
        return [kind for _, kind, _ in self.events]


class NullSink:
    def record(self, state: VisitState, kind: EventKind, detail: Mapping[str, Any]) -> None:
        return None
