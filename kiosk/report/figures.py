"""The report's data: plain dataclasses, no SQL and no rendering.

``queries`` fills them from the database; ``text``, ``csvout``, ``jsonout`` and ``html`` render
them; the hall server can render the same sections as live pages.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

DIMENSIONS = ("service", "kiosk", "hall", "day", "week", "month", "language", "elder")
LEVELS = ("very_satisfied", "satisfied", "basically_satisfied", "dissatisfied", "very_dissatisfied")


@dataclass(frozen=True)
class Period:
    """What a report covers: a span of time and, optionally, one hall, service, kiosk, language
    or mode. Visits, help calls and ratings are filtered alike; device figures by hall and
    kiosk only (a printer's downtime belongs to no service)."""

    start: dt.datetime  # inclusive, UTC
    end: dt.datetime  # exclusive, UTC
    hall: str | None = None
    service: str | None = None
    kiosk: str | None = None
    language: str | None = None
    elder: bool | None = None  # True: elder mode only; False: standard mode only

    def filters(self) -> list[tuple[str, str]]:
        """The filters in force, as (name, value) pairs for a heading or an export."""
        named: list[tuple[str, str | None]] = [
            ("hall", self.hall),
            ("service", self.service),
            ("kiosk", self.kiosk),
            ("language", self.language),
            ("elder", None if self.elder is None else ("elder" if self.elder else "standard")),
        ]
        return [(k, v) for k, v in named if v]


@dataclass(frozen=True)
class VisitRow:
    """Convenience and reach of the visits that share one key (a service, a day, ...)."""

    key: str
    visits: int
    completed: int
    completion_rate: float | None
    p50_s: float | None  # time to complete, completed visits only
    p90_s: float | None
    card_retries: int
    print_retries: int
    elder_share: float | None
    audio_share: float | None
    assisted_share: float | None  # completed with a helper
    counter_share: float | None  # sent to a staffed counter


@dataclass(frozen=True)
class HelpRow:
    key: str  # "all" or a helper's number and name
    calls: int
    acknowledged_p50_s: float | None
    acknowledged_p90_s: float | None
    arrived_p50_s: float | None
    arrived_p90_s: float | None
    resolved_p50_s: float | None
    resolved_p90_s: float | None
    escalations: int


@dataclass(frozen=True)
class RatingRow:
    key: str
    levels: dict[str, int]
    not_rated: int
    withdrawn: int
    satisfaction: float | None  # share of the rated at 基本满意 or better


@dataclass(frozen=True)
class Count:
    key: str
    count: int


@dataclass(frozen=True)
class FunnelRow:
    service: str
    step: str
    order: int  # where the step stands in its service (999: not in the catalogue)
    entered: int
    gave_up: int
    timed_out: int
    went_back: int
    help_calls: int
    loss_rate: float | None  # (gave up + timed out) / entered


@dataclass(frozen=True)
class DowntimeRow:
    kiosk: str
    device: str
    down_s: float
    faults: int
    paper_outs: int


@dataclass(frozen=True)
class UnseenKiosk:
    kiosk: str
    name: str
    hall: str
    last_seen: dt.datetime
    minutes: int


@dataclass(frozen=True)
class OverdueCase:
    id: int
    service: str
    kiosk: str
    level: str
    category: str
    status: str
    due_on: dt.date


@dataclass(frozen=True)
class Timeliness:
    overall: HelpRow
    helpers: list[HelpRow]
    cases_open: int
    cases_overdue: int
    overdue: list[OverdueCase]


@dataclass(frozen=True)
class Warmth:
    ratings: list[RatingRow]  # per service, then "all" last
    reasons: list[Count]  # why the poor ratings were poor
    categories: list[Count]  # follow-up cases by category
    takeovers: int
    takeovers_completed: int


@dataclass(frozen=True)
class Devices:
    downtime: list[DowntimeRow]
    unseen: list[UnseenKiosk]
    unseen_after_min: int


@dataclass(frozen=True)
class Report:
    period: Period
    generated_at: dt.datetime
    overall: VisitRow
    breakdowns: dict[str, list[VisitRow]]  # dimension -> rows
    timeliness: Timeliness
    warmth: Warmth
    funnel: list[FunnelRow]  # worst step first
    devices: Devices
    notes: list[str] = field(default_factory=list)
    utc_offset_hours: float = 0.0  # the hall's: its days and the times people read

    def local(self, moment: dt.datetime) -> dt.datetime:
        """A moment in the hall's time, its offset attached (so it says which zone it is)."""
        zone = dt.timezone(dt.timedelta(hours=self.utc_offset_hours))
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)  # the store's times are UTC
        return moment.astimezone(zone)

    def days(self) -> tuple[dt.date, dt.date]:
        """The first and the last day covered, as the hall's calendar reads them."""
        end = self.local(self.period.end) - dt.timedelta(microseconds=1)
        return self.local(self.period.start).date(), end.date()
