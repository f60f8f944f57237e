"""Telling consoles that something changed: a new or escalated request, a note, a device.

Writers call ``announce`` inside their transaction. On PostgreSQL it is a NOTIFY on one channel,
delivered to every listener when the transaction commits. SQLite has no such thing, so a
console on the same machine polls a signature of the tables (three indexed max(id) lookups)
every 50 ms, well inside the 250 ms the console is allowed.

A feed's ``wait(timeout)`` returns the changes seen (empty on timeout). A listener whose
connection drops reconnects with backoff and then reports a ``resync`` change, because
notifications sent while it was away are gone: the console refetches everything.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from dataclasses import dataclass
from typing import Any, Protocol

from sqlalchemy import Engine, func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from kiosk.store.models import AuditEntry, DeviceEvent, HelpPeriod

log = logging.getLogger(__name__)
CHANNEL = "kiosk_assist"
POLL_S = 0.05


@dataclass(frozen=True)
class Change:
    kind: str  # request, device, note, poll, resync
    request_id: int | None = None
    state: str = ""


def announce(session: Session, kind: str, request_id: int | None = None, state: str = "") -> None:
    """Within the writer's transaction: consoles hear of it once it commits."""
    if session.get_bind().dialect.name != "postgresql":
        return  # SQLite consoles poll
    payload = json.dumps({"kind": kind, "id": request_id, "state": state})
    session.execute(
        text("SELECT pg_notify(:channel, :payload)"), {"channel": CHANNEL, "payload": payload}
    )


class Feed(Protocol):
    def wait(self, timeout: float) -> list[Change]: ...

    def close(self) -> None: ...


class PollFeed:
    """SQLite: a change is a new row in help_periods, device_events or audit_entries."""

    def __init__(self, engine: Engine, interval: float = POLL_S) -> None:
        self.engine = engine
        self.interval = interval
        self._last: tuple[Any, ...] | None = None
        self._closed = threading.Event()

    def signature(self) -> tuple[Any, ...]:
        with self.engine.connect() as conn:
            row = conn.execute(
                select(
                    select(func.max(HelpPeriod.id)).scalar_subquery(),
                    select(func.max(DeviceEvent.id)).scalar_subquery(),
                    select(func.max(AuditEntry.id)).scalar_subquery(),
                )
            ).one()
            return tuple(row)

    def wait(self, timeout: float) -> list[Change]:
        deadline = time.monotonic() + timeout
        while not self._closed.is_set():
            try:
                now = self.signature()
            except SQLAlchemyError as exc:
                log.warning("console poll failed: %s", exc.__class__.__name__)
                now = None
            if now is not None and now != self._last:
                first = self._last is None
                self._last = now
                return [Change("resync" if first else "poll")]
            left = deadline - time.monotonic()
            if left <= 0:
                return []
            self._closed.wait(min(self.interval, left))
        return []

    def close(self) -> None:
        self._closed.set()


def make_feed(engine: Engine, poll_s: float | None = None) -> Feed:
    """PostgreSQL: LISTEN; SQLite: a poll (every ``poll_s``, or the poll's default)."""
    if engine.dialect.name == "postgresql":
        # The driver is loaded for the dialect that uses it (as SQLAlchemy loads dialects): a
        # kiosk on SQLite never pays psycopg's 8 MiB.
        from kiosk.assist.listen import ListenFeed

        return ListenFeed(engine.url.render_as_string(hide_password=False))
    return PollFeed(engine) if poll_s is None else PollFeed(engine, interval=poll_s)
