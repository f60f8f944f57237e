"""The running kiosk's heartbeat: last seen, its version and its devices' states, in the store.

One thread of its own writes the kiosk's row every ``kiosk.heartbeat_s`` seconds, so a console
or a report can tell a kiosk that is serving from one that stopped (``stale``) and see what it
runs and how its devices are without asking it. Never on the GUI thread; a store that is away
costs a warning, not the kiosk.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk import __version__
from kiosk.store.models import Kiosk

log = logging.getLogger(__name__)
STALE_BEATS = 3  # a kiosk not seen for three periods is taken to be down

Clock = Callable[[], dt.datetime]


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class DeviceStates:
    """The newest state of each device, as device events report it (any thread)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._states: dict[str, dict[str, str]] = {}

    def update(self, device: str, state: str, media: str = "") -> None:
        with self._lock:
            self._states[device] = {"state": state, "media": media}

    def snapshot(self) -> dict[str, dict[str, str]]:
        with self._lock:
            return {name: dict(value) for name, value in self._states.items()}


class Heartbeat:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        kiosk_id: str,
        devices: Callable[[], Mapping[str, Any]],
        every_s: float,
        *,
        name: str = "",
        hall: str = "",
        version: str = __version__,
        clock: Clock = _utcnow,
    ) -> None:
        self.sessions, self.kiosk_id, self.devices = sessions, kiosk_id, devices
        self.name, self.hall = name or kiosk_id, hall
        self.every_s, self.version, self.clock = every_s, version, clock
        self.started_at = clock()
        self.beats = 0  # written so far
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._failing = False

    def beat(self) -> bool:
        """Write one heartbeat now; False when the store did not take it."""
        try:
            with self.sessions.begin() as session:
                row = session.get(Kiosk, self.kiosk_id)
                if row is None:  # a kiosk that started while a hall's server was away
                    row = Kiosk(id=self.kiosk_id, name=self.name, hall=self.hall)
                    session.add(row)
                row.last_seen = self.clock()
                row.version = self.version
                row.started_at = self.started_at
                row.devices = dict(self.devices())
        except SQLAlchemyError as exc:
            if not self._failing:  # once per outage, not every 30 s
                log.warning("heartbeat not written: %s", exc)
            self._failing = True
            return False
        if self._failing:
            log.info("heartbeat written again")
        self._failing = False
        self.beats += 1
        return True

    def start(self) -> Heartbeat:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="kiosk-heartbeat", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        while True:
            self.beat()
            if self._stop.wait(self.every_s):
                return

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)


@dataclass(frozen=True)
class KioskSeen:
    """A kiosk as its heartbeat left it: for the console and reports."""

    id: str
    name: str
    last_seen: dt.datetime
    version: str
    started_at: dt.datetime | None
    devices: dict[str, Any] = field(default_factory=dict)
    stale: bool = False


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)  # SQLite


def kiosks_seen(
    sessions: sessionmaker[Session], every_s: float = 30.0, now: dt.datetime | None = None
) -> list[KioskSeen]:
    """Every kiosk with its last heartbeat; ``stale`` when it is more than three beats old."""
    now = now or _utcnow()
    with sessions() as session:
        rows = session.scalars(select(Kiosk).order_by(Kiosk.id)).all()
        return [
            KioskSeen(
                k.id,
                k.name,
                _aware(k.last_seen),
                k.version,
                _aware(k.started_at) if k.started_at else None,
                dict(k.devices or {}),
                (now - _aware(k.last_seen)).total_seconds() > STALE_BEATS * every_s,
            )
            for k in rows
        ]
