"""The journal: every record kind on disk before acknowledgement, stored once, in order,
replayed while running as soon as the store answers, torn lines and refusals set aside."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist import audit
from kiosk.assist.requests import help_record, request_by_record
from kiosk.assist.staff import add_staff
from kiosk.assist.takeover import Takeover
from kiosk.catalog.loader import load_catalogue
from kiosk.config import DEFAULT_SERVICES_DIR
from kiosk.flow.engine import FlowEngine
from kiosk.flow.events import EventKind
from kiosk.flow.state import VisitState
from kiosk.store import apply, db, migrate, records
from kiosk.store import journal as journal_module
from kiosk.store.journal import Journal, JournalError, frame
from kiosk.store.models import (
    AuditEntry,
    DeviceEvent,
    HelpRequest,
    PrintJob,
    Rating,
    Visit,
    VisitEvent,
)
from kiosk.store.sinks import JournalSink
from kiosk.store.visits import print_job_record
from tests.helpers.waiting import wait_until

KIOSK = "kiosk-j"


@pytest.fixture
def store(db_url: str) -> Iterator[Engine]:
    engine = db.make_engine(db_url)
    migrate.upgrade(engine)
    yield engine
    engine.dispose()


@pytest.fixture
def sessions(store: Engine) -> sessionmaker[Session]:
    return db.session_factory(store)


def one_of_each(state: VisitState) -> list[records.Record]:
    job = records.print_job(KIOSK, "参保证明", state=state)
    return [
        records.visit_event(KIOSK, state, EventKind.VISIT_STARTED, {"language": "zh"}),
        records.help_request(KIOSK, "resident", state=state, context={"step": "identify"}),
        records.audit_entry("takeover_begin", kiosk_id=KIOSK, visit_id=state.visit_id),
        job,
        records.print_done(job, ok=False, reason="paper_out"),
        records.device_event(KIOSK, "printer", "online", "out", "paper out"),
        records.visit_event(KIOSK, state, EventKind.RATED, {"level": "satisfied"}),
    ]


def all_written(sessions: sessionmaker[Session], recs: list[records.Record]) -> bool:
    with sessions() as session:
        return all(apply.written(session, rec) for rec in recs)


def test_every_kind_is_written_once_with_its_id(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    state = VisitState(service_id="contribution-record", language="zh")
    recs = one_of_each(state)
    with Journal(tmp_path / "journal", sessions) as journal:
        for rec in recs:
            journal.put(rec)
        assert journal.flush(10)
    assert all_written(sessions, recs)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(VisitEvent)) == 2
        assert session.scalar(select(func.count()).select_from(Rating)) == 1
        job = session.scalars(select(PrintJob)).one()
        assert (job.status, job.reason, job.record_id) == ("failed", "paper_out", recs[3].id)
        help_ids = session.scalars(select(HelpRequest.record_id)).all()
        assert recs[1].id in help_ids  # the device fault opened a staff task beside it
        assert session.scalar(select(func.count()).select_from(DeviceEvent)) == 1
        assert session.get(Visit, state.visit_id) is not None


def test_a_record_stored_before_a_crash_is_not_written_again(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    """Stored, then killed before the journal confirmed it: the replay finds its id."""
    state = VisitState(service_id="contribution-record", language="zh")
    recs = one_of_each(state)
    with sessions.begin() as session:
        for rec in recs:
            apply.write(session, rec)
    path = tmp_path / "journal"
    path.write_bytes(b"".join(frame(rec) for rec in recs))
    with Journal(path, sessions) as journal:
        assert journal.flush(10)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(VisitEvent)) == 2
        assert session.scalar(select(func.count()).select_from(AuditEntry)) == 1
        assert session.scalar(select(func.count()).select_from(PrintJob)) == 1
    assert path.stat().st_size == 0  # all stored: the journal is emptied


def test_a_torn_last_line_is_cut_off_and_the_rest_replayed(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    state = VisitState(service_id="contribution-record", language="zh")
    recs = one_of_each(state)
    path = tmp_path / "journal"
    whole = b"".join(frame(rec) for rec in recs)
    torn = frame(records.device_event(KIOSK, "scanner", "online"))[:-9]  # kill -9 mid-append
    path.write_bytes(whole + torn)
    with Journal(path, sessions) as journal:
        assert journal.flush(10)
        journal.put(records.device_event(KIOSK, "idcard", "online"))  # appended after the cut
        assert journal.flush(10)
    assert all_written(sessions, recs)
    with sessions() as session:
        devices = session.scalars(select(DeviceEvent.device)).all()
    assert sorted(devices) == ["idcard", "printer"]


def test_a_damaged_line_is_set_aside(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    rec = records.device_event(KIOSK, "printer", "online")
    bad = bytearray(frame(records.device_event(KIOSK, "scanner", "online")))
    bad[20] ^= 1
    path = tmp_path / "journal"
    path.write_bytes(bytes(bad) + frame(rec))
    with Journal(path, sessions) as journal:
        assert journal.flush(10)
        assert journal.dead == 1
    assert all_written(sessions, [rec])
    assert "checksum" in (tmp_path / "journal.dead").read_text()


def test_records_wait_for_the_store_and_go_in_while_running(tmp_path: Path) -> None:
    """SQLite away (its path is a folder), then back: stored with no restart."""
    real = tmp_path / "real.sqlite3"
    engine = db.make_engine(f"sqlite:///{real}")
    migrate.upgrade(engine)
    engine.dispose()
    path = tmp_path / "kiosk.sqlite3"
    path.mkdir()  # the store cannot be opened
    engine = db.make_engine(f"sqlite:///{path}")
    sessions = db.session_factory(engine)
    state = VisitState(service_id="contribution-record", language="zh")
    recs = one_of_each(state)
    journal = Journal(tmp_path / "journal", sessions)
    try:
        for rec in recs:
            journal.put(rec)
        wait_until(lambda: not journal.store_ok)
        assert not journal.flush(0.3)
        path.rmdir()
        real.rename(path)
        assert journal.flush(10)
        assert journal.store_ok
    finally:
        journal.close()
        engine.dispose()
    assert all_written(sessions, recs)


def test_records_left_at_close_are_written_by_the_next_run(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.sqlite3"
    path.mkdir()
    away = db.session_factory(db.make_engine(f"sqlite:///{path}"))
    rec = records.help_request(KIOSK, "resident")
    journal = Journal(tmp_path / "journal", away)
    journal.put(rec)
    assert not journal.close(0.2)
    path.rmdir()
    engine = db.make_engine(f"sqlite:///{path}")
    migrate.upgrade(engine)
    sessions = db.session_factory(engine)
    with Journal(tmp_path / "journal", sessions) as journal:
        assert journal.flush(10)
    assert all_written(sessions, [rec])
    engine.dispose()


def test_a_refused_record_is_set_aside_and_the_next_ones_go_in(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    refused = records.audit_entry("help_note", staff_id=999_999, kiosk_id=KIOSK)  # no such staff
    orphan = records.print_done("0" * 32, ok=True)  # a job that was never recorded
    after = records.device_event(KIOSK, "printer", "online")
    with Journal(tmp_path / "journal", sessions) as journal:
        for rec in (refused, orphan, after):
            journal.put(rec)
        assert journal.flush(10)
        assert journal.dead == 2
    assert all_written(sessions, [after])
    dead = (tmp_path / "journal.dead").read_text()
    assert refused.id in dead and "IntegrityError" in dead and orphan.id in dead


def test_journal_files_are_the_kiosk_users_only(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    with Journal(tmp_path / "data" / "journal", sessions) as journal:
        journal.put(records.audit_entry("help_note", staff_id=999_999))  # refused: a .dead file
        assert journal.flush(10)
    for name in ("journal", "journal.lock", "journal.dead"):
        assert stat.S_IMODE(os.stat(tmp_path / "data" / name).st_mode) == 0o600, name
    assert stat.S_IMODE(os.stat(tmp_path / "data").st_mode) == 0o700


def test_one_process_a_journal(sessions: sessionmaker[Session], tmp_path: Path) -> None:
    with Journal(tmp_path / "journal", sessions), pytest.raises(JournalError, match="in use"):
        Journal(tmp_path / "journal", sessions)


def test_engine_events_and_a_takeover_through_the_journal(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    """A help call raised in an outage is named by its record id; the helper's takeover and
    hand-back (audit entries with their effects, as data) move that request once written."""
    state = VisitState(service_id="contribution-record", language="zh")
    with Journal(tmp_path / "journal", sessions) as journal:
        sink = JournalSink(journal, KIOSK)
        sink.record(state, EventKind.VISIT_STARTED, {"language": "zh"})
        call = records.help_request(KIOSK, "resident", state=state)
        journal.put(call)
        staff = add_staff(sessions, "0420", "李娜", "483920")
        takeover = Takeover(audit.JournalAuditWriter(journal), KIOSK, staff, None, call.id)
        takeover.begin()
        takeover.hand_back()
        assert journal.flush(10)
    with sessions() as session:
        request = session.scalars(select(HelpRequest)).one()
        assert request.status == "resolved"
        assert [p.state for p in request.periods] == ["requested", "assisting", "resolved"]
        actions = session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert actions[-2:] == ["takeover_begin", "hand_back"]


def test_help_and_print_records_from_a_visit(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    """The journal forms of raise_request and a print job: same context, same visit row."""
    service = load_catalogue(DEFAULT_SERVICES_DIR).services[0]
    engine = FlowEngine(service)
    engine.start("zh")
    call = help_record(KIOSK, engine, "resident")
    job = print_job_record(KIOSK, engine.state, "参保证明", engine.clock)
    with Journal(tmp_path / "journal", sessions) as journal:
        journal.put(call)
        journal.put(job)
        assert journal.flush(10)
    request_id = request_by_record(sessions, call.id)
    assert request_id is not None
    with sessions() as session:
        request = session.get(HelpRequest, request_id)
        assert request is not None and request.visit_id == engine.state.visit_id
        assert request.context["service"] == service.id
        printed = session.scalars(select(PrintJob)).one()
        assert printed.visit_id == engine.state.visit_id


def test_a_long_backlog_is_compacted_as_it_goes(
    sessions: sessionmaker[Session], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stored records leave the file while others still wait (rewritten, swapped in)."""
    monkeypatch.setattr(journal_module, "COMPACT_AFTER", 3)
    recs = [records.device_event(KIOSK, "printer", "online", detail=str(i)) for i in range(40)]
    path = tmp_path / "journal"
    with Journal(path, sessions) as journal:
        for rec in recs:
            journal.put(rec)
        assert journal.flush(20)
    assert path.stat().st_size == 0 and not path.with_name("journal.new").exists()
    assert all_written(sessions, recs)
    with sessions() as session:
        assert session.scalar(select(func.count()).select_from(DeviceEvent)) == 40


def test_a_value_json_cannot_hold_is_written_as_a_replay_would(
    sessions: sessionmaker[Session], tmp_path: Path
) -> None:
    """A date in an event's detail: stored as text at once (it once stalled the writer: the
    in-memory record reached the JSON column, the replayed one would have been text)."""
    state = VisitState(service_id="contribution-record", language="zh")
    rec = records.visit_event(KIOSK, state, EventKind.VISIT_STARTED, {"on": dt.date(2026, 12, 4)})
    with Journal(tmp_path / "journal", sessions) as journal:
        journal.put(rec)
        assert journal.flush(10)
    with sessions() as session:
        assert session.scalars(select(VisitEvent.detail)).one() == {"on": "2026-12-04"}
