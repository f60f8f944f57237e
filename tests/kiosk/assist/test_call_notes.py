"""A note sent twice (a double press, a form sent again) is kept once: the same words by the
same helper on the same call within a short while are the same note. The same words by
another helper are their own note, and so are words said again later."""

from __future__ import annotations

import datetime as dt
import threading

from sqlalchemy import select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist import notes, staff
from kiosk.assist import requests as rq
from kiosk.store.models import AuditEntry

WAIT = 10.0  # seconds; a bound on a condition, never a sleep


def _notes(sessions: sessionmaker[Session]) -> list[tuple[int | None, str]]:
    with sessions() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "help_note").order_by(AuditEntry.id)
        )
        return [(row.staff_id, str(row.detail["text"])) for row in rows]


def test_the_same_note_twice_by_one_helper_is_kept_once(sessions: sessionmaker[Session]) -> None:
    wang = staff.add_staff(sessions, "1003", "王五", "1111")
    call = rq.raise_request(sessions, "kiosk-1", None, "resident")
    notes.add_note(sessions, call, wang.id, "居民带了户口本")
    notes.add_note(sessions, call, wang.id, "居民带了户口本")
    assert _notes(sessions) == [(wang.id, "居民带了户口本")]
    notes.add_note(sessions, call, wang.id, "还需要复印件")
    assert len(_notes(sessions)) == 2


def test_the_same_words_by_two_helpers_are_two_notes(sessions: sessionmaker[Session]) -> None:
    wang = staff.add_staff(sessions, "1003", "王五", "1111")
    zhao = staff.add_staff(sessions, "1004", "赵六", "2222")
    call = rq.raise_request(sessions, "kiosk-1", None, "resident")
    notes.add_note(sessions, call, wang.id, "居民带了户口本")
    notes.add_note(sessions, call, zhao.id, "居民带了户口本")
    assert _notes(sessions) == [(wang.id, "居民带了户口本"), (zhao.id, "居民带了户口本")]


def test_the_same_words_said_again_later_are_a_new_note(sessions: sessionmaker[Session]) -> None:
    wang = staff.add_staff(sessions, "1003", "王五", "1111")
    call = rq.raise_request(sessions, "kiosk-1", None, "resident")
    notes.add_note(sessions, call, wang.id, "居民还在等")
    earlier = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=notes.NOTE_REPEAT_S + 1)
    with sessions.begin() as session:
        session.execute(update(AuditEntry).values(at=earlier))
    notes.add_note(sessions, call, wang.id, "居民还在等")
    assert len(_notes(sessions)) == 2


def test_a_note_sent_twice_at_once_is_kept_once(sessions: sessionmaker[Session]) -> None:
    wang = staff.add_staff(sessions, "1003", "王五", "1111")
    call = rq.raise_request(sessions, "kiosk-1", None, "resident")
    together = threading.Barrier(4)

    def press() -> None:
        together.wait(WAIT)
        notes.add_note(sessions, call, wang.id, "居民带了户口本")

    pressing = [threading.Thread(target=press) for _ in range(4)]
    for thread in pressing:
        thread.start()
    for thread in pressing:
        thread.join(WAIT)
    assert not any(thread.is_alive() for thread in pressing)
    assert _notes(sessions) == [(wang.id, "居民带了户口本")]
