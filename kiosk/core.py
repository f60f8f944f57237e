"""The kiosk's domain wired together: catalogue, store, backend, identity secret.

The UI holds one ``KioskCore`` and calls it; the calls marked blocking go to a worker thread.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from devices.printer.document import Document
from kiosk import identity
from kiosk.assist import requests as help_requests
from kiosk.backends import base as backend_base
from kiosk.backends.base import Answer, AnswerError, Backend
from kiosk.backends.demo import DemoBackend
from kiosk.backends.demo_data import PEOPLE, is_seeded, seed
from kiosk.catalog.loader import load_catalogue
from kiosk.catalog.schema import Catalogue, Lang, PrintStep
from kiosk.config import Settings
from kiosk.documents import build_document
from kiosk.flow.engine import FlowEngine, Task
from kiosk.flow.state import VisitState
from kiosk.flow.timing import Timings
from kiosk.identity import Resident
from kiosk.report.cases import CasePolicy
from kiosk.store import db
from kiosk.store.models import PrintJob
from kiosk.store.recorder import QueuedSink, StoreSink, ensure_kiosk
from kiosk.store.spool import Spool
from kiosk.store.visits import ensure_visit, wall_start

log = logging.getLogger(__name__)


class KioskCore:
    def __init__(
        self,
        settings: Settings,
        catalogue: Catalogue,
        engine: Engine,
        backend: Backend | None = None,
    ) -> None:
        self.settings = settings
        self.catalogue = catalogue
        self.db_engine = engine
        self.sessions: sessionmaker[Session] = db.session_factory(engine)
        self.secret = identity.load_secret(settings.identity_key_file)
        self.backend: Backend = backend or DemoBackend(self.sessions)
        self.kiosk_id = settings.kiosk.id
        self.timings = Timings.from_settings(settings)
        self.context = {
            "id": settings.kiosk.id,
            "name": settings.kiosk.name,
            "hall": settings.kiosk.hall,
            "hotline": settings.kiosk.hotline,
        }
        self._help_spool = Spool(settings.data_dir / "help-spool.jsonl")
        self.store_ok = True
        self.sink = QueuedSink(
            StoreSink(self.sessions, self.kiosk_id, CasePolicy.from_settings(settings)),
            spool=settings.data_dir / "event-spool.jsonl",
        )

    @classmethod
    def open(cls, settings: Settings, *, create: bool = True, demo: bool = True) -> KioskCore:
        """Load the catalogue and open the store; a new database is created and seeded.

        A hall's shared server that cannot be reached does not stop the kiosk: it serves on
        with ``store_ok`` False, keeps its records in the local spools and writes them once the
        server answers (a help call meanwhile sends the resident to a person). An older schema
        still stops it: that needs ``kiosk db upgrade``, not patience.
        """
        catalogue = load_catalogue(settings.services_dir)
        engine = db.make_engine(settings.db_url)
        try:
            db.check_current(engine, create_if_empty=create)
        except db.DatabaseUnavailable as exc:
            if engine.url.get_backend_name() == "sqlite":
                raise
            log.warning("%s; serving without it, records are kept here until it is back", exc)
            core = cls(settings, catalogue, engine)
            core.store_ok = False
            return core
        ensure_kiosk(
            db.session_factory(engine), settings.kiosk.id, settings.kiosk.name, settings.kiosk.hall
        )
        core = cls(settings, catalogue, engine)
        if demo and not is_seeded(core.sessions):
            seed(core.sessions, core.secret)
        core._send_spooled_help()
        return core

    # -- visits -------------------------------------------------------------------------------

    def start_visit(
        self, service_id: str, language: Lang, *, elder: bool = False, audio: bool = False
    ) -> FlowEngine:
        engine = FlowEngine(
            self.catalogue.get(service_id),
            timings=self.timings,
            sink=self.sink,
            context=self.context,
        )
        engine.start(language, elder=elder, audio=audio)
        return engine

    def run_task(self, engine: FlowEngine | None, task: Task) -> Answer:
        """BLOCKING: ask the backend for what the step waits on. Never raises.

        Reads only the task (made on the GUI thread), never the live visit. Any failure,
        a bug in an adapter included, is an answer the resident can act on.
        """
        try:
            if task.kind == "ticket":
                summary = task.summary or (engine.summary() if engine is not None else "")
                ticket = self.backend.counter_ticket(task.params["business"], summary)
                return Answer(
                    values={
                        "number": ticket.number,
                        "ahead": str(ticket.ahead),
                        "counter": ticket.counter,
                    }
                )
            return backend_base.call(self.backend, task.operation, task.resident, task.params)
        except Exception:
            log.warning("backend %s failed", task.operation, exc_info=True)
            return Answer(error=AnswerError.UNAVAILABLE)

    def visit_summary(self, engine: FlowEngine) -> str:
        """What a counter needs to carry on without asking again (no full ID number)."""
        return engine.summary()

    # -- identity -----------------------------------------------------------------------------

    def resident_from_number(self, number: str, method: str = "keypad") -> Resident:
        return Resident.from_number(number, self.secret, method=method)

    def resident_from_card(self, fields: Mapping[str, str]) -> Resident:
        return Resident.from_number(
            fields["id_number"], self.secret, name=fields.get("name", ""), method="card"
        )

    def card_problem(self, fields: Mapping[str, str], today: dt.date | None = None) -> str | None:
        """Why a card that was read cannot be used, as an i18n problem code, or None."""
        if identity.validate(fields.get("id_number", "")) is not None:
            return "card_unreadable"
        valid_to = fields.get("valid_to", "").replace("-", "")
        if valid_to in ("", "长期"):
            return None
        try:
            until = dt.date(int(valid_to[:4]), int(valid_to[4:6]), int(valid_to[6:8]))
        except ValueError:
            return "card_unreadable"
        return "card_expired" if until < (today or dt.date.today()) else None

    def resident_from_qr(self, token: str) -> Resident | None:
        """BLOCKING: the backend resolves an e-card code; None when it does not know it."""
        finder = getattr(self.backend, "resident_by_token", None)
        if finder is None:
            return None
        try:
            found: Resident | None = finder(token)
        except SQLAlchemyError:
            log.warning("e-card code could not be checked", exc_info=True)
            return None
        return found

    def demo_residents(self) -> list[tuple[str, str]]:
        return [(p.name, p.id_number) for p in PEOPLE]

    def demo_resident(self, service_id: str) -> tuple[str, str]:
        """A fictional resident who can complete this service: a pensioner for the pension
        check, someone still paying in for everything else."""
        wanted = service_id == "pension-certification"
        person = next(p for p in PEOPLE if p.pensioner == wanted)
        return person.name, person.id_number

    # -- printing -----------------------------------------------------------------------------

    def document_for(self, engine: FlowEngine) -> Document:
        step = engine.step
        if not isinstance(step, PrintStep):
            raise ValueError(f"step '{step.id}' is not a print step")
        return build_document(step.document, engine, engine.state.language)

    def document_text(self, engine: FlowEngine, columns: int = 32) -> str:
        return self.document_for(engine).to_text(columns)

    # -- help ---------------------------------------------------------------------------------

    def help_snapshot(
        self, engine: FlowEngine | None, reason: str = "resident"
    ) -> FlowEngine | None:
        """GUI thread: mark the visit as asking for help and copy what the request needs.

        The copy is detached (its own state, no sink), so ``send_help`` can read it on a worker
        while the resident carries on.
        """
        if engine is None or engine.ended:
            return None
        engine.request_help(reason)
        state = VisitState.from_json(engine.state.to_json())
        return FlowEngine(
            engine.service,
            timings=engine.timings,
            clock=engine.clock,
            context=engine.context,
            state=state,
        )

    def send_help(self, snapshot: FlowEngine | None, reason: str = "resident") -> int:
        """BLOCKING: record the help request with its context; returns its id.

        If the store cannot take it, the request is kept in a local spool and recorded when the
        kiosk next opens its store, as a request already sent on to a counter (the resident
        was given directions and a ticket meanwhile), so the figures still count it. The error
        is raised for the caller to send the resident to a person.
        """
        try:
            return help_requests.raise_request(self.sessions, self.kiosk_id, snapshot, reason)
        except SQLAlchemyError:
            state = snapshot.state.to_json() if snapshot is not None else ""
            self._help_spool.append([{"state": state, "reason": reason}])
            raise

    def _send_spooled_help(self) -> int:
        """Requests that could not be delivered before, recorded late and closed."""
        records = self._help_spool.take()
        sent = 0
        for i, item in enumerate(records):
            try:
                snapshot = None
                if item.get("state"):
                    state = VisitState.from_json(item["state"])
                    snapshot = FlowEngine(
                        self.catalogue.get(state.service_id), state=state, context=self.context
                    )
                request_id = help_requests.raise_request(
                    self.sessions, self.kiosk_id, snapshot, str(item.get("reason", "resident"))
                )
                help_requests.close(
                    self.sessions,
                    request_id,
                    "resolved",
                    "sent_to_counter",
                    note="not delivered in time; recorded when the store was back",
                )
                sent += 1
            except (ValueError, KeyError, TypeError):
                log.error("spooled help request unreadable, skipped")
            except SQLAlchemyError:
                self._help_spool.append(records[i:])  # the store went away again: keep the rest
                break
        self._help_spool.done()
        return sent

    def request_help(self, engine: FlowEngine | None, reason: str = "resident") -> int:
        """Both halves at once, for callers with no GUI thread to protect (commands, tests)."""
        return self.send_help(self.help_snapshot(engine, reason), reason)

    # -- print jobs ---------------------------------------------------------------------------

    def print_job_started(self, engine: FlowEngine | None, title: str) -> int:
        """BLOCKING: a print job is on record before its first byte goes out."""
        with self.sessions.begin() as session:
            visit_id = None
            if engine is not None:
                start = wall_start(engine.state, engine.clock)
                visit_id = ensure_visit(session, self.kiosk_id, engine.state, start).id
            job = PrintJob(kiosk_id=self.kiosk_id, document=title[:200], visit_id=visit_id)
            session.add(job)
            session.flush()
            return job.id

    def print_job_finished(
        self, job_id: int, ok: bool, reason: str = "", warning: str = ""
    ) -> None:
        """BLOCKING: the job's outcome, printed or failed with the printer's reason."""
        with self.sessions.begin() as session:
            job = session.get(PrintJob, job_id)
            if job is None:
                return
            job.status = "printed" if ok else "failed"
            job.reason, job.warning = reason[:64], warning[:64]
            job.finished_at = dt.datetime.now(dt.UTC)

    def record_device_event(
        self, device: str, state: str, media: str = "", detail: str = ""
    ) -> None:
        """BLOCKING: a device's change of state, for the staff console."""
        help_requests.record_device_event(
            self.sessions, self.kiosk_id, device, state, media, detail
        )

    def close(self, flush_timeout: float = 5.0) -> None:
        """Write what is queued; what the database cannot take now is spooled for next time."""
        self.sink.close(flush_timeout)
        self.db_engine.dispose()

    def __enter__(self) -> KioskCore:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
