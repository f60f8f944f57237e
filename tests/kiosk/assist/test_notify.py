"""Consoles hear of changes: SQLite polling, PostgreSQL LISTEN/NOTIFY that survives a dropped
connection. How fast (250 ms on SQLite) is measured by bench/assist.py, not asserted here."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import psycopg
import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist import listen, notify, views
from kiosk.assist import requests as rq
from kiosk.store import db
from tests.helpers.waiting import wait_until
from tests.kiosk.assist import stores


def _first_change(feed: notify.Feed, timeout: float = 3.0) -> list[notify.Change]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        changes = feed.wait(0.5)
        if changes:
            return changes
    return []


def test_feed_tells_of_every_new_request(store: Engine, sessions: sessionmaker[Session]) -> None:
    """Each call is heard of and then shown; how fast is bench/assist.py's to measure."""
    feed = notify.make_feed(store)
    try:
        assert [c.kind for c in _first_change(feed)] == ["resync"]  # first look: fetch all
        assert feed.wait(0.1) == []
        for _ in range(5):
            request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
            changes = wait_until(lambda: feed.wait(0.5), timeout=30)
            if store.dialect.name == "postgresql":
                assert changes[0] == notify.Change("request", request_id, "requested")
            assert request_id in [v.id for v in views.snapshot(sessions).requests]
    finally:
        feed.close()


def test_device_events_and_notes_are_changes(
    store: Engine, sessions: sessionmaker[Session]
) -> None:
    feed = notify.make_feed(store)
    try:
        _first_change(feed)
        rq.record_device_event(sessions, "kiosk-2", "printer", "online", "out")
        assert _first_change(feed)
    finally:
        feed.close()


@pytest.mark.postgres
def test_listener_reconnects_after_the_connection_drops() -> None:
    with stores.pg_database() as url:
        engine = db.make_engine(url)
        sessions = db.session_factory(engine)
        feed = listen.ListenFeed(url, backoff_s=(0.05,))
        try:
            assert [c.kind for c in _first_change(feed)] == ["resync"]
            pid = feed.backend_pid()
            with psycopg.connect(listen.libpq_url(url), autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            # The drop is noticed, the feed reconnects and says to refetch everything.
            kinds: list[str] = []
            deadline = time.monotonic() + 5
            while "resync" not in kinds and time.monotonic() < deadline:
                kinds += [c.kind for c in feed.wait(0.2)]
            assert "resync" in kinds and feed.reconnects == 2
            request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
            assert notify.Change("request", request_id, "requested") in _first_change(feed)
            feed.close()
            assert feed.wait(0.1) == [] and feed.reconnects == 2  # closed is final
            assert feed.backend_pid() is None
        finally:
            feed.close()
            engine.dispose()


def test_poll_feed_close_ends_a_wait(store: Engine) -> None:
    feed = notify.PollFeed(store, interval=0.05)
    feed.wait(0.1)
    timer = threading.Timer(0.05, feed.close)
    timer.start()
    started = time.monotonic()
    assert feed.wait(5) == []
    assert time.monotonic() - started < 1
    timer.join()


class _Listening:
    """A stand-in LISTEN connection: its first notifies() holds until the test lets it go."""

    def __init__(self) -> None:
        self.inside = threading.Event()
        self.release = threading.Event()
        self.calls = 0
        self.closed_by: list[str] = []

    def notifies(self, *, timeout: float, stop_after: int | None = None) -> Iterator[object]:
        self.calls += 1
        if self.calls == 1:
            self.inside.set()
            self.release.wait(5)
        return iter(())

    def close(self) -> None:
        self.closed_by.append(threading.current_thread().name)


def test_listen_feed_close_from_another_thread_is_safe_and_final(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    feed = listen.ListenFeed("postgresql+psycopg:///nowhere")
    conn = _Listening()
    connects: list[int] = []

    def connect() -> _Listening:
        connects.append(1)
        return conn

    monkeypatch.setattr(feed, "_connect", connect)
    errors: list[BaseException] = []
    got: list[list[notify.Change]] = []

    def worker() -> None:
        try:
            got.append(feed.wait(0.5))
        except BaseException as exc:
            errors.append(exc)

    thread = threading.Thread(target=worker, name="feed-worker")
    thread.start()
    assert conn.inside.wait(5)
    feed.close()  # the GUI thread, while the worker is inside notifies()
    conn.release.set()
    thread.join(5)
    assert errors == [] and got == [[notify.Change("resync")]]
    # The connection was closed once, by the thread that was using it, not under its feet.
    assert conn.closed_by == ["feed-worker"]
    assert feed.wait(0.1) == [] and connects == [1]  # closed is final: no reconnect
    feed.close()  # twice is fine
    assert conn.closed_by == ["feed-worker"]
