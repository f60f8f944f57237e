"""The store on SQLite and on PostgreSQL: the same tests, both databases."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text
from sqlalchemy.orm import Session

from kiosk.api.errors import StoreUnavailable
from kiosk.api.kiosk import KioskApi
from kiosk.api.store import Store
from kiosk.assist import escalation, staff, vocabulary
from kiosk.assist import requests as help_requests
from kiosk.backends.base import AnswerError
from kiosk.catalog.schema import ChooseStep
from kiosk.config import Settings
from kiosk.store import db, migrate
from kiosk.store.models import (
    DeviceEvent,
    HelpPeriod,
    HelpRequest,
    PrintJob,
    Rating,
    Visit,
    VisitEvent,
)
from tests.helpers.visits import complete_visit

TABLES = {
    "kiosks",
    "visits",
    "visit_events",
    "help_requests",
    "help_periods",
    "print_jobs",
    "device_events",
    "ratings",
    "staff_members",
    "audit_entries",
    "counter_tickets",
    "demo_residents",
    "demo_contributions",
    "alembic_version",
}


def test_upgrade_creates_every_table_and_is_idempotent(db_url: str) -> None:
    engine = db.make_engine(db_url)
    assert db.current_revision(engine) is None
    with pytest.raises(db.SchemaOutdated, match="run `kiosk db upgrade`"):
        db.check_current(engine)
    before, after = migrate.upgrade(engine)
    assert before is None and after == migrate.head_revision()
    assert set(inspect(engine).get_table_names()) >= TABLES
    assert migrate.upgrade(engine) == (after, after)
    db.check_current(engine)
    engine.dispose()


def test_older_revision_is_refused_with_the_command_to_run(db_url: str) -> None:
    engine = db.make_engine(db_url)
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    with pytest.raises(db.SchemaOutdated) as err:
        db.check_current(engine, create_if_empty=True)
    assert "revision 0000" in str(err.value) and "kiosk db upgrade" in str(err.value)
    engine.dispose()


def test_sqlite_runs_in_wal_with_foreign_keys(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'k.sqlite3'}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert conn.execute(text("PRAGMA foreign_keys")).scalar() == 1
    engine.dispose()


def test_a_visit_is_recorded_event_by_event(db_settings: Settings) -> None:
    with KioskApi.open(db_settings) as core:
        name, number = core.demo_residents()[2]
        assert name == "王小明"
        visit_id = complete_visit(core, number)
        with core.store.sessions() as session:
            visit = session.get(Visit, visit_id)
            assert visit is not None and visit.outcome == "completed"
            assert visit.resident_masked == "110108********1038"
            assert visit.resident_hash and number not in (visit.state_json or "")
            stored = visit.state_json or ""
            assert "王小明" not in stored and "personal_total" not in stored  # no personal data
            events = session.scalars(
                select(VisitEvent).where(VisitEvent.visit_id == visit_id).order_by(VisitEvent.seq)
            ).all()
            assert [e.seq for e in events] == list(range(1, len(events) + 1))
            assert events[0].kind == "visit_started" and events[-1].kind == "visit_ended"
            assert all(number not in str(e.detail) for e in events)
            rating = session.scalars(select(Rating)).one()
            assert (rating.level, rating.service_id) == ("very_satisfied", "contribution-record")


def test_demo_backend_answers_every_operation(db_settings: Settings) -> None:
    with KioskApi.open(db_settings) as core:
        pensioner = core.resident_from_number(core.demo_residents()[0][1])
        worker = core.resident_from_number(core.demo_residents()[3][1])
        stranger = core.resident_from_number("11010519491231002X")
        backend = core.backend
        assert backend.contributions(stranger, "last12").error is AnswerError.NOT_FOUND
        cert = backend.certificate(worker, "all")
        assert cert.ok and cert.values["verify_code"] and cert.values["status@en"] == "Insured"
        assert backend.card_status(worker).values["card_state"] == "normal"
        assert backend.report_loss(worker).ok
        assert backend.card_status(worker).values["card_state"] == "lost"
        assert backend.report_loss(worker).error is AnswerError.NOT_ALLOWED
        assert backend.update_phone(worker, "13900139000").values["phone_masked"] == "139****9000"
        assert backend.pension_certify(pensioner).ok
        assert backend.pension_certify(worker).error is AnswerError.NOT_ALLOWED
        first = backend.counter_ticket("pension", "visit X")
        second = backend.counter_ticket("pension", "visit Y")
        assert (first.number, second.number, second.ahead) == ("A001", "A002", 1)
        assert backend.queue_length("pension") == 2
        by_qr = core.resident_from_qr("ESSC-DEMO-0004")
        assert by_qr is not None and by_qr.id_hash == worker.id_hash
        assert core.resident_from_qr("garbage") is None


def test_help_request_life_is_kept_as_periods(db_settings: Settings) -> None:
    with KioskApi.open(db_settings) as core:
        engine = core.start_visit("change-phone", "en", elder=True)
        _name, number = core.demo_residents()[4]
        engine.identify(core.resident_from_number(number))
        engine.submit("12")
        request_id = core.request_help(engine, "resident")
        core.record_device_event("printer", "online", "paper_low", "near end")
        sessions = core.store.sessions
        helper = staff.add_staff(sessions, "1024", "王芳", "2468")
        help_requests.acknowledge(sessions, request_id, staff_id=helper.id, eta_s=60)
        help_requests.begin_assisting(sessions, request_id, staff_id=helper.id)
        help_requests.close(sessions, request_id, "resolved", "completed_with_help")
        with pytest.raises(vocabulary.RequestClosed):
            help_requests.acknowledge(sessions, request_id, staff_id=helper.id, eta_s=1)
        assert escalation.escalate_to(sessions, request_id, 1) == 0  # closed: nothing moves
        with sessions() as session:
            request = session.get(HelpRequest, request_id)
            assert request is not None and request.status == "resolved"
            assert request.context["resident"] == "110105********3055"
            assert request.context["elder_mode"] is True and request.context["step"] == "phone"
            assert number not in str(request.context)
            periods = session.scalars(
                select(HelpPeriod)
                .where(HelpPeriod.request_id == request_id)
                .order_by(HelpPeriod.id)
            ).all()
            assert [p.state for p in periods] == [
                "requested",
                "acknowledged",
                "assisting",
                "resolved",
            ]
            assert all(p.ended_at is not None for p in periods)
            assert session.scalars(select(DeviceEvent)).one().media == "paper_low"
        assert help_requests.open_requests(sessions) == []


def test_a_database_that_went_away_is_an_answer_not_a_traceback(settings: Settings) -> None:
    core = KioskApi.open(settings)
    engine = core.start_visit("contribution-record", "zh")
    engine.identify(core.resident_from_number(core.demo_residents()[2][1]))
    engine.choose("last12")
    core.sink.flush()
    core.store.close()
    db_file = Path(settings.db_url.removeprefix("sqlite:///"))
    db_file.unlink()
    db_file.mkdir()  # the database is now unreachable
    task = engine.pending_task()
    assert task is not None
    assert core.run_task(engine, task).error is AnswerError.UNAVAILABLE
    core.close(flush_timeout=0.2)


def test_demo_data_on_a_fresh_folder_creates_the_schema(tmp_path: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "demo-data", "--data-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0 and "110108198806121038" in run.stdout


def test_db_upgrade_and_demo_data_commands(db_url: str, tmp_path: Path) -> None:
    def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kiosk", *args, "--db", db_url, "--data-dir", str(tmp_path)],
            capture_output=True,
            text=True,
            check=False,
        )

    upgraded = kiosk("db", "upgrade")
    assert f"upgraded from empty to {db.SCHEMA_REVISION}" in upgraded.stdout
    # One line of ours, not Alembic's INFO lines (its context, every step) on every upgrade.
    assert "alembic" not in upgraded.stderr and upgraded.stderr.strip() == "", upgraded.stderr
    again = kiosk("db", "upgrade")
    assert "newest revision" in again.stdout and "alembic" not in again.stderr
    verbose = kiosk("--verbose", "db", "upgrade")  # they are there for who asks
    assert "alembic.runtime.migration" in verbose.stderr
    seeded = kiosk("demo-data")
    assert seeded.returncode == 0 and "110108198806121038" in seeded.stdout
    engine = db.make_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    engine.dispose()
    old = kiosk("demo-data")
    assert old.returncode == 2 and "run `kiosk db upgrade`" in old.stderr


def test_events_the_database_could_not_take_are_journalled_and_sent_later(
    settings: Settings,
) -> None:
    core = KioskApi.open(settings)
    db_file = Path(settings.db_url.removeprefix("sqlite:///"))
    engine = core.start_visit("counter-ticket", "zh")
    core.sink.flush()
    core.store.close()
    db_file.rename(db_file.with_suffix(".away"))
    db_file.mkdir()  # the database is now unreachable
    engine.choose("card")
    assert not core.sink.flush(timeout=0.3)
    core.close(flush_timeout=0.1)
    journal = settings.data_dir / "journal"
    assert "chosen" in journal.read_text()
    db_file.rmdir()
    db_file.with_suffix(".away").rename(db_file)
    with KioskApi.open(settings) as again:
        assert again.sink.flush() and again.records.journal.pending() == 0
        with again.store.sessions() as session:
            kinds = session.scalars(
                select(VisitEvent.kind).where(VisitEvent.visit_id == engine.state.visit_id)
            ).all()
    assert kinds.count("chosen") == 1


def test_print_jobs_are_recorded_before_and_after(settings: Settings) -> None:
    with KioskApi.open(settings) as core:
        engine = core.start_visit("insurance-certificate", "zh")
        job = core.records.print_started(engine, "社会保险参保证明")  # maybe before the visit row
        assert core.flush()

        def row_of(session: Session) -> PrintJob | None:
            return session.scalars(select(PrintJob).where(PrintJob.record_id == job)).first()

        with core.store.sessions() as session:
            row = row_of(session)
            assert row is not None and row.status == "pending"
            assert row.visit_id == engine.state.visit_id
        core.records.print_finished(job, ok=False, reason="paper out")
        assert core.flush()
        with core.store.sessions() as session:
            row = row_of(session)
            assert row is not None and (row.status, row.reason) == ("failed", "paper out")
            assert row.finished_at is not None


def test_cards_that_cannot_be_used_are_named(settings: Settings) -> None:
    import datetime as dt

    with KioskApi.open(settings) as core:
        number = core.demo_residents()[2][1]
        today = dt.date(2026, 11, 26)
        assert core.card_problem({"id_number": number, "valid_to": "长期"}, today) is None
        assert core.card_problem({"id_number": number, "valid_to": "20361231"}, today) is None
        assert (
            core.card_problem({"id_number": number, "valid_to": "20251231"}, today)
            == "card_expired"
        )
        assert (
            core.card_problem({"id_number": number[:-1] + "0", "valid_to": "长期"}, today)
            == "card_invalid"
        )


def test_help_snapshot_is_detached_from_the_live_visit(settings: Settings) -> None:
    with KioskApi.open(settings) as core:
        engine = core.start_visit("counter-ticket", "en")
        snapshot = core.help_snapshot(engine, "resident")
        assert engine.state.help_requested and snapshot is not None
        engine.choose("card")  # the resident carries on while the request is sent
        request_id = core.send_help(snapshot, "resident")
        with core.store.sessions() as session:
            request = session.get(HelpRequest, request_id)
            assert request is not None and request.step == "business"


def test_a_help_request_the_store_could_not_take_reaches_the_store_later(
    settings: Settings,
) -> None:
    core = KioskApi.open(settings)
    engine = core.start_visit("change-phone", "zh")
    core.sink.flush()
    db_file = Path(settings.db_url.removeprefix("sqlite:///"))
    core.store.close()
    db_file.rename(db_file.with_suffix(".away"))
    db_file.mkdir()
    snapshot = core.help_snapshot(engine, "resident")
    with pytest.raises(StoreUnavailable):
        core.send_help(snapshot, "resident")
    core.close(flush_timeout=0.1)
    db_file.rmdir()
    db_file.with_suffix(".away").rename(db_file)
    with KioskApi.open(settings) as again:
        assert again.flush()
        with again.store.sessions() as session:
            request = session.scalars(select(HelpRequest)).one()
        assert request.reason == "resident" and request.step == "identify"
        assert request.status == "requested"  # on the consoles, counted from the press
        assert request.visit_id == engine.state.visit_id


def test_nothing_the_resident_typed_is_stored_or_spooled(settings: Settings) -> None:
    core = KioskApi.open(settings)
    engine = core.start_visit("change-phone", "zh")
    engine.identify(core.resident_from_number(core.demo_residents()[3][1], method="keypad"))
    engine.submit("13912345678")
    engine.submit("13912345678")
    core.sink.flush()
    db_file = Path(settings.db_url.removeprefix("sqlite:///"))
    core.store.close()
    db_file.rename(db_file.with_suffix(".away"))
    db_file.mkdir()
    engine.confirm(True)
    engine.home()
    core.close(flush_timeout=0.2)
    journal = (settings.data_dir / "journal").read_text(encoding="utf-8")
    assert "13912345678" not in journal and "visit_ended" in journal
    db_file.rmdir()
    db_file.with_suffix(".away").rename(db_file)
    with KioskApi.open(settings) as again:
        assert again.sink.flush()
        with again.store.sessions() as session:
            rows = [str(v.state_json) for v in session.scalars(select(Visit))]
            rows += [str(e.detail) for e in session.scalars(select(VisitEvent))]
    assert rows and not any("13912345678" in r or "陈静" in r for r in rows)


def test_a_backend_bug_is_an_answer_not_a_traceback(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    with KioskApi.open(settings) as core:
        engine = core.start_visit("card-status", "zh")
        engine.identify(core.resident_from_number(core.demo_residents()[2][1]))
        task = engine.pending_task()
        assert task is not None

        def broken(resident: object) -> None:
            raise KeyError("a bug in an adapter")

        monkeypatch.setattr(core.backend, "card_status", broken)
        assert core.run_task(engine, task).error is AnswerError.UNAVAILABLE


def test_counter_numbers_are_unique_across_kiosks(db_settings: Settings, tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from kiosk.config import load_settings

    with KioskApi.open(db_settings) as core:
        others = [
            KioskApi(
                load_settings(
                    environ={},
                    overrides={
                        "paths.data_dir": str(tmp_path / f"kiosk-{i}"),
                        "database.url": db_settings.db_url,
                    },
                ),
                core.catalogue,
                Store(db.make_engine(db_settings.db_url)),
            )
            for i in range(3)
        ]
        try:
            backends = [core.backend] + [o.backend for o in others]
            with ThreadPoolExecutor(8) as pool:
                tickets = list(
                    pool.map(lambda i: backends[i % 4].counter_ticket("card", ""), range(24))
                )
        finally:
            for other in others:
                other.close()
        numbers = sorted(t.number for t in tickets)
        assert numbers == [f"C{i:03d}" for i in range(1, 25)]


def test_a_hall_kiosk_serves_on_when_its_server_is_away(tmp_path: Path) -> None:
    from kiosk.config import load_settings

    away = load_settings(
        environ={},
        overrides={
            "paths.data_dir": str(tmp_path),
            "database.url": "postgresql+psycopg://127.0.0.1:9/x",
        },
    )
    core = KioskApi.open(away)
    assert not core.store_ok
    engine = core.start_visit("card-status", "zh")
    engine.identify(core.resident_from_number(core.demo_residents()[2][1]))
    task = engine.pending_task()
    assert task is not None and core.run_task(engine, task).error is AnswerError.UNAVAILABLE
    with pytest.raises(StoreUnavailable):
        core.send_help(core.help_snapshot(engine, "resident"), "resident")
    engine.home()
    core.close(flush_timeout=0.2)
    # The server is back (here: a database the kiosk can reach): nothing was lost.
    back = load_settings(environ={}, overrides={"paths.data_dir": str(tmp_path)})
    with KioskApi.open(back) as again:
        assert again.store_ok and again.sink.flush()
        with again.store.sessions() as session:
            visit = session.get(Visit, engine.state.visit_id)
            assert visit is not None and visit.outcome == "cancelled"
            request = session.scalars(select(HelpRequest)).one()
            assert request.visit_id == engine.state.visit_id


def test_a_poor_rating_through_the_journal_opens_a_follow_up_case(settings: Settings) -> None:
    from kiosk.store.models import Rating, RatingCase

    with KioskApi.open(settings) as core:
        engine = core.start_visit("counter-ticket", "zh")
        while engine.step.kind.value != "rate":
            step = engine.step
            if isinstance(step, ChooseStep):
                engine.choose(step.options[0].value)
            else:
                engine.advance()
            task = engine.pending_task()
            if task is not None:
                engine.task_done(core.run_task(engine, task))
        engine.rate("dissatisfied", "")
        assert core.flush()
        with core.store.sessions() as session:
            rating = session.scalars(select(Rating)).one()
            case = session.scalars(select(RatingCase)).one()
    assert rating.level == "dissatisfied" and case.rating_id == rating.id and case.due_on


def test_the_schema_revision_the_start_checks_is_the_migrations_head() -> None:
    # The kiosk's start compares the stamped revision with this constant and loads Alembic
    # only when they differ: a migration added without updating it would slow every start.
    assert migrate.head_revision() == db.SCHEMA_REVISION


def test_a_kiosk_on_a_current_sqlite_store_loads_neither_alembic_nor_psycopg(
    tmp_path: Path,
) -> None:
    from kiosk.config import load_settings

    KioskApi.open(load_settings(overrides={"paths.data_dir": str(tmp_path)})).close()  # creates
    probe = (
        "import sys; from kiosk.api.kiosk import KioskApi; from kiosk.config import load_settings; "
        f"KioskApi.open(load_settings(overrides={{'paths.data_dir': {str(tmp_path)!r}}})).close(); "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'alembic', 'psycopg', 'mako'}))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"
