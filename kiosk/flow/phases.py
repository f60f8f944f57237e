"""Where a visit stands (``Phase``) and how it ended (``Outcome``): the window reads these
before a visit exists, so they stand apart from the visit's state."""

from __future__ import annotations

from enum import StrEnum


class Phase(StrEnum):
    ACTIVE = "active"
    WAITING = "waiting"  # a backend call or a print is under way
    WARNING = "warning"  # inactivity warning shown, countdown running
    ENDED = "ended"


class Outcome(StrEnum):
    COMPLETED = "completed"
    COMPLETED_WITH_HELP = "completed_with_help"
    CANCELLED = "cancelled"  # the resident went home
    TIMED_OUT = "timed_out"
    ENDED_BY_STAFF = "ended_by_staff"
    ABANDONED = "abandoned"  # the kiosk stopped mid-visit: set at the next start, not by the engine
