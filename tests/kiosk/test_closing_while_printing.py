"""The kiosk closed in the middle of a print: the print ends on record before the journal
closes (nothing lost, nothing doubled), and an outcome later than closing can wait for is
dropped knowingly, said in the log, never an error; the next start finds that job interrupted
and opens a staff task for it. A print begun after closing is not put on record at all."""

from __future__ import annotations

import logging
import threading
from concurrent.futures import Future
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.api import records as kiosk_records
from kiosk.api.kiosk import KioskApi
from kiosk.config import Settings
from kiosk.peripherals.port import PrintOutcome
from kiosk.peripherals.scripted import ScriptedDevices
from kiosk.store.models import HelpRequest, PrintJob
from tests.helpers.visits import contribution_record_at_print

WAIT = 10.0  # seconds; a bound on a condition, never a sleep


class HeldPrinter(ScriptedDevices):
    """A printer whose one job ends when the test says how."""

    def __init__(self) -> None:
        super().__init__()
        self.job: Future[PrintOutcome] = Future()
        self.started = threading.Event()

    def print_document(self, document: Any) -> Future[PrintOutcome]:
        self.printed.append(document)
        self.started.set()
        return self.job


def printing(core: KioskApi, devices: HeldPrinter) -> threading.Thread:
    """A receipt being printed on a worker, as the window prints it: on record, paper going."""
    engine = contribution_record_at_print(core)
    document = core.document_for(engine)
    worker = threading.Thread(target=core.print_visit, args=(engine, document, devices))
    worker.start()
    assert devices.started.wait(WAIT)
    return worker


def errors(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]


def jobs_at_next_start(settings: Settings) -> tuple[list[str], list[str]]:
    """The print jobs' states and the staff tasks' reasons, as the next start finds them."""
    with KioskApi.open(settings) as again:
        assert again.records.flush(WAIT)  # the start's recovery is written
        with again.store.sessions() as session:
            jobs = [job.status for job in session.scalars(select(PrintJob))]
            tasks = [request.reason for request in session.scalars(select(HelpRequest))]
    return jobs, tasks


def test_a_print_under_way_when_the_kiosk_closes_ends_on_record_first(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    core = KioskApi.open(settings)
    devices = HeldPrinter()
    worker = printing(core, devices)
    closing = threading.Thread(target=core.close)
    closing.start()
    # Closing waits for the print; had it not, it would have closed the journal by now.
    closing.join(timeout=0.5)
    devices.job.set_result(PrintOutcome(True))
    worker.join(WAIT)
    closing.join(WAIT)
    assert not worker.is_alive() and not closing.is_alive()
    assert errors(caplog) == []
    assert jobs_at_next_start(settings) == (["printed"], [])  # no staff task: nothing to check


def test_a_print_that_outlasts_closing_is_dropped_knowingly_and_found_interrupted(
    settings: Settings, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    caplog.set_level(logging.WARNING)
    monkeypatch.setattr(kiosk_records, "PRINTS_END_S", 0.0)
    core = KioskApi.open(settings)
    devices = HeldPrinter()
    worker = printing(core, devices)
    core.close()  # the print is still going: closing waits no longer than it may
    devices.job.set_result(PrintOutcome(True))
    worker.join(WAIT)
    assert not worker.is_alive()
    assert errors(caplog) == []  # no "JournalError: the journal is closed"
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("outcome not recorded" in message for message in warned), warned
    # Not lost: the job is found interrupted at the next start, a staff task to check it.
    assert jobs_at_next_start(settings) == (["interrupted"], ["print_interrupted"])


def test_a_print_begun_after_closing_is_not_recorded_and_is_no_error(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    core = KioskApi.open(settings)
    engine = contribution_record_at_print(core)
    document = core.document_for(engine)
    assert core.records.flush(WAIT)
    core.close()  # the receipt's button pressed as the kiosk closes
    devices = HeldPrinter()
    devices.job.set_result(PrintOutcome(True))
    outcome = core.print_visit(engine, document, devices)
    assert outcome.ok and devices.printed  # the paper is not stopped by the records
    assert errors(caplog) == []  # no "JournalError: the journal is closed"
    warned = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("after the records closed" in message for message in warned), warned
    assert jobs_at_next_start(settings) == ([], [])  # nothing written to the closed journal
