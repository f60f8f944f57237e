"""The flow engine: a plain state machine over the steps of one service.

No Qt and no I/O. The clock is injected and every delay comes from ``Timings``. Work that needs
the outside world (a backend call, a print) is announced by the engine as a pending task; the
caller runs it on a worker and reports back, so the engine never blocks and tests drive it
directly. Each transition is recorded as an event through the sink.

The engine is one object made of its parts, each in its module: ``core`` (the state, entering
and ending steps, events, help offers, template values), ``actions`` (what the resident does),
``work`` (backend tasks and printing), ``timers`` (warnings, time-outs, more time) and
``assistance`` (help asked for, a helper's takeover).
"""

from __future__ import annotations

from kiosk.flow.actions import NOT_RATED, RATINGS
from kiosk.flow.assistance import Assistance
from kiosk.flow.calls import FlowError, InputResult, Task, Tick
from kiosk.flow.core import Clock
from kiosk.flow.timers import Timers

__all__ = [
    "NOT_RATED",
    "RATINGS",
    "Clock",
    "FlowEngine",
    "FlowError",
    "InputResult",
    "Task",
    "Tick",
]


class FlowEngine(Timers, Assistance):
    """One visit of one service: what the resident does, the backend's answers, time and help."""
