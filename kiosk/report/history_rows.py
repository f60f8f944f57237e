"""What a simulated history is built of: the plan, the day's rows, the running counts, and the
walk through one visit that numbers and times its events as the recorder does."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from kiosk.report.bulk import next_id
from kiosk.report.cases import CasePolicy
from kiosk.store.models import HelpRequest, Rating


@dataclass
class Plan:
    days: int
    last_day: dt.date
    seed: int = 1
    visits_per_kiosk_day: int = 40
    kiosks: Sequence[tuple[str, str]] = (
        ("kiosk-1", "自助服务终端 1"),
        ("kiosk-2", "自助服务终端 2"),
        ("kiosk-3", "自助服务终端 3"),
    )
    hall: str = "示范服务大厅"
    policy: CasePolicy = field(default_factory=CasePolicy)


@dataclass
class Counters:
    visits: int = 0
    events: int = 0
    help_calls: int = 0
    ratings: int = 0
    cases: int = 0
    device_events: int = 0


@dataclass
class Batch:
    """One day's rows for each table, written together."""

    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def add(self, table: str, row: dict[str, Any]) -> None:
        self.rows.setdefault(table, []).append(row)


class Ids:
    """The next ids of the rows other rows name (given explicitly, so a batch needs no reads)."""

    def __init__(self, conn: Connection) -> None:
        self.help = next_id(conn, HelpRequest.__table__)  # type: ignore[arg-type]
        self.rating = next_id(conn, Rating.__table__)  # type: ignore[arg-type]

    def next_help(self) -> int:
        self.help += 1
        return self.help - 1

    def next_rating(self) -> int:
        self.rating += 1
        return self.rating - 1


@dataclass
class Simulation:
    """What every simulated visit shares: the dice, the plan, the helpers, today's rows."""

    rng: random.Random
    plan: Plan
    ids: Ids
    staff: list[int]  # the demo helpers' ids
    counters: Counters
    now: dt.datetime
    batch: Batch = field(default_factory=Batch)


class Walk:
    """The events of one visit, numbered and timed as the recorder numbers and times them."""

    def __init__(
        self,
        sim: Simulation,
        visit_id: str,
        kiosk_id: str,
        service_id: str,
        language: str,
        at: dt.datetime,
    ) -> None:
        self.sim, self.visit_id, self.kiosk_id = sim, visit_id, kiosk_id
        self.service_id, self.language = service_id, language
        self.at, self.seq = at, 0

    def event(self, what: str, step: str = "", **detail: Any) -> dt.datetime:
        self.seq += 1
        self.sim.counters.events += 1
        self.sim.batch.add(
            "visit_events",
            {
                "visit_id": self.visit_id,
                "seq": self.seq,
                "at": self.at,
                "kind": what,
                "step": step,
                "detail": {"step": step, **detail} if step else detail,
            },
        )
        return self.at

    def wait(self, lo: float, hi: float, slow: float) -> None:
        self.at += dt.timedelta(seconds=self.sim.rng.uniform(lo, hi) * slow)
