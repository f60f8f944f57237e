"""Consoles hear of changes: SQLite polling within 250 ms, PostgreSQL LISTEN/NOTIFY that
survives a dropped connection."""

from __future__ import annotations

import threading
import time

import psycopg
import pytest
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist import notify
from kiosk.assist import requests as rq
from kiosk.store import db
from tests.kiosk.assist import stores


def _first_change(feed: notify.Feed, timeout: float = 3.0) -> list[notify.Change]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        changes = feed.wait(0.5)
        if changes:
            return changes
    return []


def test_feed_learns_of_a_new_request_quickly(
    store: Engine, sessions: sessionmaker[Session]
) -> None:
    feed = notify.make_feed(store)
    try:
        assert [c.kind for c in _first_change(feed)] == ["resync"]  # first look: fetch all
        assert feed.wait(0.1) == []
        latencies = []
        for _ in range(5):
            started = time.monotonic()
            request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
            changes = _first_change(feed)
            latencies.append(time.monotonic() - started)
            assert changes
            if store.dialect.name == "postgresql":
                assert changes[0] == notify.Change("request", request_id, "requested")
        assert max(latencies) < 0.25
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
    if not stores.PG_URL:
        pytest.skip("KIOSK_TEST_PG_URL is not set")
    with stores.pg_database() as url:
        engine = db.make_engine(url)
        sessions = db.session_factory(engine)
        feed = notify.ListenFeed(url, backoff_s=(0.05,))
        try:
            assert [c.kind for c in _first_change(feed)] == ["resync"]
            pid = feed.backend_pid()
            with psycopg.connect(notify.libpq_url(url), autocommit=True) as admin:
                admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
            # The drop is noticed, the feed reconnects and says to refetch everything.
            kinds: list[str] = []
            deadline = time.monotonic() + 5
            while "resync" not in kinds and time.monotonic() < deadline:
                kinds += [c.kind for c in feed.wait(0.2)]
            assert "resync" in kinds and feed.reconnects == 2
            request_id = rq.raise_request(sessions, "kiosk-1", None, "resident")
            assert notify.Change("request", request_id, "requested") in _first_change(feed)
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
