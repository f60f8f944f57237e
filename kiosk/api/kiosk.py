"""One kiosk's domain API: visits, identity (``identify``), printing records (``printing``), help
calls, staff.

The kiosk window holds one ``KioskApi`` and calls it; the calls marked BLOCKING go to a worker
thread. It opens the store (``Store``), the backend and the identity secret, and gives the same
``help`` (``HelpCalls``) and ``staff`` (``StaffAccounts``) doors the console and the hall server
use. Nothing of the store leaves it: errors are ``kiosk.api.errors``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from kiosk import identity
from kiosk.api.handoff import PhoneLinks
from kiosk.api.help import HelpCalls
from kiosk.api.identify import IdentityCalls
from kiosk.api.printing import PrintingCalls
from kiosk.api.records import KioskRecords
from kiosk.api.staff import StaffAccounts
from kiosk.api.store import Store
from kiosk.assist.escalation import Policy
from kiosk.assist.status import HelpWatch
from kiosk.assist.takeover import Takeover
from kiosk.assist.vocabulary import StaffInfo
from kiosk.backends import base as backend_base
from kiosk.backends.base import Answer, AnswerError, Backend
from kiosk.catalog.effective import Effective, cache_for, load_cached
from kiosk.catalog.kinds import StepKind
from kiosk.catalog.loader import load_catalogue
from kiosk.catalog.schema import Catalogue
from kiosk.catalog.watcher import RECHECK_S, CatalogueWatcher, Offer, Prerender
from kiosk.config import Settings
from kiosk.demo.backend import DemoBackend
from kiosk.demo.residents import is_seeded, seed
from kiosk.flow.engine import FlowEngine, Task
from kiosk.flow.state import VisitState
from kiosk.flow.timing import Timings
from kiosk.heartbeat import DeviceStates, Heartbeat
from kiosk.store import db
from kiosk.store.recorder import ensure_kiosk
from kiosk.text import Lang

log = logging.getLogger(__name__)


class KioskApi(IdentityCalls, PrintingCalls):
    """One kiosk: its visits here, identity and paper in ``IdentityCalls`` and ``PrintingCalls``."""

    def __init__(
        self,
        settings: Settings,
        catalogue: Catalogue,
        store: Store,
        backend: Backend | None = None,
    ) -> None:
        self.settings = settings
        self.catalogue = catalogue
        self.store = store
        self.help = HelpCalls(store, Policy.from_settings(settings.assist))
        self.staff = StaffAccounts(store)
        self.links = PhoneLinks(store, settings.server.link_hours)
        self.secret = identity.load_secret(settings.identity_key_file)
        self.backend: Backend = backend or DemoBackend(store.sessions)
        self.kiosk_id = settings.kiosk.id
        self.timings = Timings.from_settings(settings)
        self.context = {
            "id": settings.kiosk.id,
            "name": settings.kiosk.name,
            "hall": settings.kiosk.hall,
            "hotline": settings.kiosk.hotline,
            # The hall server (guide pages, 掌上办 links) as phones reach it; "" for a kiosk
            # alone, which then shows and prints no code for phones rather than a dead address.
            "server": self.hall_url,
        }
        self.store_ok = True
        # Every record (visit events, help calls, audit entries, print jobs, device events)
        # takes the one write path: the journal, then the store.
        self.records = KioskRecords(settings, store)
        self.sink = self.records.sink
        self.effective: Effective | None = None  # as opened: shipped files and cached versions
        self.watcher: CatalogueWatcher | None = None
        self.device_states = DeviceStates()
        self.heartbeat: Heartbeat | None = None

    @classmethod
    def open(cls, settings: Settings, *, create: bool = True, demo: bool = True) -> KioskApi:
        """Load the catalogue and open the store; a new database is created and seeded.

        A hall's shared server that cannot be reached does not stop the kiosk: it serves on
        with ``store_ok`` False, keeps its records in its journal and writes them once the
        server answers (a help call meanwhile sends the resident to a person). An older schema
        still stops it: that needs ``kiosk db upgrade``, not patience. What the last run left
        open is closed first (``KioskRecords.recover``).
        """
        effective = load_cached(settings)  # the versions last served, even with no store
        catalogue = effective.catalogue
        db.private_dir(settings.data_dir)  # receipts, keys, journal: the kiosk's user only
        engine = db.make_engine(settings.db_url, create=create)
        store = Store(engine)
        try:
            db.check_current(engine, create_if_empty=create)
        except db.DatabaseUnavailable as exc:
            if not store.shared:
                engine.dispose()
                raise
            log.warning("%s; serving without it, records are kept here until it is back", exc)
            core = cls(settings, catalogue, store)
            core.store_ok, core.effective = False, effective
            core.records.recover()
            return core
        except BaseException:
            engine.dispose()
            raise
        ensure_kiosk(store.sessions, settings.kiosk.id, settings.kiosk.name, settings.kiosk.hall)
        core = cls(settings, catalogue, store)
        core.effective = effective
        core.records.recover()
        if demo and not is_seeded(store.sessions):
            seed(store.sessions, core.secret)
        return core

    # -- the catalogue ------------------------------------------------------------------------

    def watch_catalogue(
        self, offer: Offer, *, prerender: Prerender | None = None, recheck_s: float | None = None
    ) -> CatalogueWatcher:
        """Versions published to the hall are offered to ``offer`` (on the watcher's thread,
        rendered and checked); hold them in a ``PendingCatalogue`` and ``use_catalogue`` one
        between visits. Stopped by ``close``."""
        effective = self.effective or Effective(self.catalogue, {})
        self.watcher = CatalogueWatcher(
            self.store.engine,
            self.kiosk_id,
            load_catalogue(self.settings.services_dir),
            effective,
            cache_for(self.settings),
            offer,
            prerender=prerender,
            recheck_s=RECHECK_S if recheck_s is None else recheck_s,
        ).start()
        return self.watcher

    def use_catalogue(self, catalogue: Catalogue) -> None:
        """Between visits: new visits start on it; a visit under way keeps its own service."""
        self.catalogue = catalogue

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
                # The visit id never changes once a visit starts: safe to read here.
                visit_id = engine.state.visit_id if engine is not None else None
                ticket = self.backend.counter_ticket(task.params["business"], summary, visit_id)
                values = {"number": ticket.number, "ahead": str(ticket.ahead)}
                values["counter"] = ticket.counter
                if engine is not None:
                    reference = engine.state.reference
                    values["reference"] = reference
                    if self.hall_url:  # a kiosk alone: the number and reference suffice
                        values["counter_link"] = f"{self.hall_url}/counter?q={reference}"
                        content = {"ticket": dict(values)}
                        values["phone_link"] = self.phone_link(
                            visit_id or "", engine.service.id, engine.state.language, content
                        )
                return Answer(values=values)
            return backend_base.call(self.backend, task.operation, task.resident, task.params)
        except Exception:
            log.warning("backend %s failed", task.operation, exc_info=True)
            return Answer(error=AnswerError.UNAVAILABLE)

    def visit_summary(self, engine: FlowEngine) -> str:
        """What a counter needs to carry on without asking again (no full ID number)."""
        return engine.summary()

    # -- help ---------------------------------------------------------------------------------

    def help_snapshot(
        self, engine: FlowEngine | None, reason: str = "resident"
    ) -> FlowEngine | None:
        """GUI thread: mark the visit as asking for help and copy what the request needs.

        The copy is detached (its own state, no sink), so ``send_help`` can read it on a worker
        while the resident carries on. A visit finished and still on its last screen is copied
        unmarked (its record is closed): the call says it was made at the visit's end. Any
        other ended visit is no visit: None.
        """
        if engine is None:
            return None
        if engine.ended:
            if engine.step.kind is not StepKind.DONE:
                return None
        else:
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

        The call is in the journal at once, so it is never lost: if the store does not have it
        within ``[assist] delivery_timeout_s``, ``StoreUnavailable`` sends the resident to a
        person, and the call still reaches the consoles as soon as the store is back.
        """
        return self.records.help_call(snapshot, reason, self.settings.assist.delivery_timeout_s)

    def request_help(self, engine: FlowEngine | None, reason: str = "resident") -> int:
        """Both halves at once, for callers with no GUI thread to protect (commands, tests)."""
        return self.send_help(self.help_snapshot(engine, reason), reason)

    # -- a helper at the kiosk --------------------------------------------------------------

    def help_watch(
        self, request_id: int, clock: Callable[[], float], pressed_at: float | None = None
    ) -> HelpWatch:
        """The follower of this kiosk's call (who is coming; escalation; the counter offer)."""
        return self.help.watch(
            request_id, self.settings.kiosk.hotline, clock=clock, pressed_at=pressed_at
        )

    def takeover(
        self, staff: StaffInfo, visit: FlowEngine | None, request_id: int | None
    ) -> Takeover:
        """A helper signed in here: their actions on ``visit``, each audited (not yet begun)."""
        return Takeover(self.records.audit, self.kiosk_id, staff, visit, request_id)

    def flush(self, timeout: float = 5.0) -> bool:
        """BLOCKING: wait until every record put so far is in the store."""
        return self.records.flush(timeout)

    def start_heartbeat(self) -> Heartbeat:
        """The running kiosk says it is alive every ``kiosk.heartbeat_s``, on a thread of its
        own (the first beat at once); ``close`` stops it."""
        if self.heartbeat is None:
            self.heartbeat = Heartbeat(
                self.store.sessions,
                self.kiosk_id,
                self.device_states.snapshot,
                self.settings.kiosk.heartbeat_s,
                name=self.settings.kiosk.name,
                hall=self.settings.kiosk.hall,
            ).start()
        return self.heartbeat

    def prints_ended(self, timeout: float | None = None) -> bool:
        """BLOCKING: until every print job under way has its outcome on record (False at the
        deadline). Called before the printer closes, so a print ends on paper, not cut off."""
        return self.records.prints_ended(timeout)

    def close(self, flush_timeout: float = 5.0, prints_s: float | None = None) -> None:
        """Write what is queued, a print under way's outcome among it (waited for, bounded:
        ``KioskRecords.close``); what the store cannot take now stays in the journal."""
        if self.heartbeat is not None:
            self.heartbeat.stop()
        if self.watcher is not None:
            self.watcher.close()
        self.records.close(flush_timeout, prints_s)
        self.store.close()

    def __enter__(self) -> KioskApi:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
