"""PostgreSQL's side of ``notify``: a LISTEN feed on a psycopg connection of its own.

Apart from ``notify`` so that only a hall on PostgreSQL loads the driver.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from typing import Any

import psycopg
from sqlalchemy.engine import make_url

from kiosk.assist.notify import CHANNEL, Change

log = logging.getLogger(__name__)


def libpq_url(engine_url: str) -> str:
    """psycopg wants a libpq URI: the SQLAlchemy driver suffix goes."""
    return make_url(engine_url).set(drivername="postgresql").render_as_string(hide_password=False)


class ListenFeed:
    """PostgreSQL LISTEN on its own autocommit connection, re-established when it drops.

    One thread waits (``wait``); ``close`` may come from any thread and is final. The
    connection is only ever used and closed by the waiting thread while it is inside ``wait``
    (psycopg must not close a connection another thread is reading): ``close`` during a wait
    marks the feed closed and that wait closes the connection on its way out, within a second.
    """

    def __init__(self, url: str, backoff_s: tuple[float, ...] = (0.1, 0.3, 1.0, 3.0)) -> None:
        self.url = libpq_url(url)
        self.backoff_s = backoff_s
        self._conn: psycopg.Connection[Any] | None = None
        self._failures = 0
        self._closed = threading.Event()
        self._lock = threading.Lock()  # guards _conn and _waiting
        self._waiting = False
        self.reconnects = 0

    def _connect(self) -> psycopg.Connection[Any]:
        conn = psycopg.connect(self.url, autocommit=True, connect_timeout=5)
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def wait(self, timeout: float) -> list[Change]:
        with self._lock:
            if self._closed.is_set():
                return []
            self._waiting = True
            conn = self._conn
        try:
            return self._wait(conn, timeout)
        finally:
            with self._lock:
                self._waiting = False
                drop = self._take() if self._closed.is_set() else None
            _close_quietly(drop)

    def _wait(self, conn: psycopg.Connection[Any] | None, timeout: float) -> list[Change]:
        deadline = time.monotonic() + timeout
        changes: list[Change] = []
        if conn is None:
            try:
                conn = self._connect()
            except psycopg.Error as exc:
                log.warning("listener cannot connect: %s", exc.__class__.__name__)
                delay = self.backoff_s[min(self._failures, len(self.backoff_s) - 1)]
                self._failures += 1
                self._closed.wait(min(delay, max(0.0, deadline - time.monotonic())))
                return []
            with self._lock:
                self._conn = conn  # closed by wait() on its way out if close() came meanwhile
            self._failures = 0
            self.reconnects += 1
            # Whatever was announced while no one listened is lost: the reader refetches.
            changes.append(Change("resync"))
            timeout = 0.0
        try:
            for note in conn.notifies(timeout=max(0.0, min(timeout, 1.0)), stop_after=1):
                changes.append(_parse(note.payload))
            # Drain what is already here, without waiting again.
            for note in conn.notifies(timeout=0.0):
                changes.append(_parse(note.payload))
        except psycopg.Error as exc:
            log.warning("listener connection lost: %s", exc.__class__.__name__)
            with self._lock:
                if self._conn is conn:
                    self._conn = None
            _close_quietly(conn)
        return changes

    def _take(self) -> psycopg.Connection[Any] | None:
        conn, self._conn = self._conn, None
        return conn

    def backend_pid(self) -> int | None:
        with self._lock:
            conn = self._conn
        return conn.info.backend_pid if conn is not None else None

    def close(self) -> None:
        """From any thread; final: no wait reconnects after it."""
        with self._lock:
            self._closed.set()
            drop = None if self._waiting else self._take()
        _close_quietly(drop)


def _close_quietly(conn: psycopg.Connection[Any] | None) -> None:
    if conn is not None:
        with contextlib.suppress(psycopg.Error):
            conn.close()


def _parse(payload: str) -> Change:
    try:
        data = json.loads(payload)
        return Change(str(data.get("kind", "")), data.get("id"), str(data.get("state", "")))
    except (ValueError, AttributeError):
        return Change("resync")
