"""A kiosk's catalogue watcher, on SQLite and PostgreSQL: a new version is pre-rendered, kept
and offered; one that does not load here is audited with the kiosk's id and the service stays
as it was; a store out of reach changes nothing, and a restart then serves the last good one;
an offer waits until the visit under way is over."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.kiosk import KioskApi
from kiosk.assist import audit
from kiosk.catalog import versions
from kiosk.catalog.effective import cache_for, load_cached
from kiosk.catalog.pending import PendingCatalogue
from kiosk.catalog.schema import Catalogue
from kiosk.catalog.watcher import CatalogueWatcher
from kiosk.config import Settings, load_settings
from kiosk.store import db
from kiosk.store.models import ServiceVersion
from tests.helpers.waiting import wait_until

ROOT = Path(__file__).resolve().parents[2]
TICKET = ROOT / "assets" / "services" / "06-counter-ticket.toml"
GUIDE = ROOT / "assets" / "services" / "07-service-guide.toml"
OLD = "窗口取号"
UNREACHABLE = "postgresql+psycopg://kiosk@127.0.0.1:1/kiosk"


def patched(folder: Path, title: str) -> Path:
    path = folder / f"ticket-{len(list(folder.glob('ticket-*')))}.toml"
    text = TICKET.read_text(encoding="utf-8").replace(f'zh = "{OLD}"', f'zh = "{title}"', 1)
    path.write_text(text, encoding="utf-8")
    return path


class Recorder:
    """The watcher's two callbacks, in the order they came."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.offered: list[Catalogue] = []
        self.event = threading.Event()

    def prerender(self, catalogue: Catalogue) -> None:
        self.calls.append(("prerender", catalogue.get("counter-ticket").title.zh))

    def offer(self, catalogue: Catalogue) -> None:
        self.calls.append(("offer", catalogue.get("counter-ticket").title.zh))
        self.offered.append(catalogue)
        self.event.set()


@contextmanager
def watching(settings: Settings) -> Iterator[tuple[KioskApi, CatalogueWatcher, Recorder]]:
    """A kiosk open on the store and its catalogue watcher, not started (the tests call
    ``check`` as the thread would), its callbacks recorded; the kiosk closed after."""
    recorder = Recorder()
    with KioskApi.open(settings) as core:
        assert core.effective is not None
        watcher = CatalogueWatcher(
            core.store.engine,
            core.kiosk_id,
            core.effective.catalogue,
            core.effective,
            cache_for(core.settings),
            recorder.offer,
            prerender=recorder.prerender,
        )
        yield core, watcher, recorder


def publish(core: KioskApi, folder: Path, title: str) -> None:
    """王芳 publishes the counter ticket service under a new title."""
    versions.publish(core.store.sessions, [patched(folder, title)], "王芳")


def served(catalogue: Catalogue, service_id: str = "counter-ticket") -> tuple[int, str]:
    service = catalogue.get(service_id)
    return service.version, service.title.zh


def store_broken(sessions: sessionmaker[Session], version: int) -> None:
    """A version an older or newer release let through, which this kiosk cannot load."""
    with sessions.begin() as session:
        session.add(
            ServiceVersion(
                service_id="counter-ticket",
                version=version,
                content=TICKET.read_text(encoding="utf-8").replace(
                    'kind = "ticket"', 'kind = "queue"'
                ),
                sha256="x",
                filename="ticket.toml",
            )
        )


def test_a_new_version_is_prerendered_kept_and_then_offered(
    db_settings: Settings, tmp_path: Path
) -> None:
    with watching(db_settings) as (core, watcher, recorder):
        assert watcher.check() is False  # nothing published: the shipped files stay
        publish(core, tmp_path, "取号（新）")
        assert watcher.check() is True
        assert recorder.calls == [("prerender", "取号（新）"), ("offer", "取号（新）")]
        assert served(recorder.offered[-1]) == (1, "取号（新）")
        assert watcher.check() is False  # offered once
    # A restart serves it from the data folder before the store is even opened.
    assert served(load_cached(db_settings).catalogue) == (1, "取号（新）")


def test_a_version_that_does_not_load_here_is_audited_and_the_kiosk_stays_on_the_previous(
    db_settings: Settings, tmp_path: Path
) -> None:
    with watching(db_settings) as (core, watcher, recorder):
        publish(core, tmp_path, "取号一")
        assert watcher.check() is True
        store_broken(core.store.sessions, 2)
        assert watcher.check() is False  # nothing new to offer: v2 is not served
        assert served(watcher.effective.catalogue) == (1, "取号一")
        failed = audit.entries(core.store.sessions, action=versions.LOAD_FAILED)
        assert [(e.kiosk_id, e.detail["service"], e.detail["version"]) for e in failed] == [
            ("kiosk-1", "counter-ticket", 2)
        ]
        assert "'queue' is not a step kind" in failed[0].detail["problems"][0]
        assert "ticket.toml@v2" in failed[0].detail["problems"][0]
        # Another service changes: it goes out, the broken one is neither served nor
        # reported again.
        guide = tmp_path / "guide.toml"
        guide.write_text(
            GUIDE.read_text(encoding="utf-8").replace("办事指南", "办事指南（新）", 1),
            encoding="utf-8",
        )
        versions.publish(core.store.sessions, [guide], "王芳")
        assert watcher.check() is True
        latest = recorder.offered[-1]
        assert served(latest) == (1, "取号一")
        assert served(latest, "service-guide")[0] == 1
        assert len(audit.entries(core.store.sessions, action=versions.LOAD_FAILED)) == 1
    # A restart keeps the previous version too: the cache holds what was served.
    assert served(load_cached(db_settings).catalogue) == (1, "取号一")


def test_a_store_out_of_reach_keeps_the_last_good_catalogue_across_a_restart(
    db_settings: Settings, tmp_path: Path
) -> None:
    with watching(db_settings) as (core, watcher, recorder):
        publish(core, tmp_path, "取号一")
        assert watcher.check() is True
        good = watcher.effective
        # The hall's server goes away under the watcher.
        gone = db.make_engine(UNREACHABLE)
        watcher.sessions.configure(bind=gone)
        assert watcher.check() is False
        assert watcher.effective is good
        publish(core, tmp_path, "取号二")
        assert watcher.check() is False  # still away: nothing heard, nothing changed
        # The server is back: the watcher catches up with what was published meanwhile.
        watcher.sessions.configure(bind=core.store.engine)
        assert watcher.check() is True
        assert served(recorder.offered[-1]) == (2, "取号二")
        gone.dispose()
        versions.rollback(core.store.sessions, "counter-ticket", 1, "王芳")
        assert watcher.check() is True
        assert served(recorder.offered[-1]) == (3, "取号一")  # v3: the content of v1
    # The kiosk restarts while the server is away again: it serves the version it had.
    away = load_settings(
        environ={},
        overrides={"paths.data_dir": str(db_settings.data_dir), "database.url": UNREACHABLE},
    )
    core = KioskApi.open(away)
    try:
        assert core.store_ok is False
        assert served(core.catalogue) == (3, "取号一")
        visit = core.start_visit("counter-ticket", "zh")
        assert visit.state.service_version == 3
    finally:
        core.close(flush_timeout=0.1)  # its events wait in the spool for the store


def test_the_thread_wakes_on_a_publish_and_stops_on_close(
    db_settings: Settings, tmp_path: Path
) -> None:
    recorder = Recorder()
    with KioskApi.open(db_settings) as core:
        # The periodic recheck is far off: only the notification path (a poll on SQLite,
        # NOTIFY on PostgreSQL) can wake it in time.
        watcher = core.watch_catalogue(recorder.offer, recheck_s=600)
        wait_until(lambda: watcher.listening, timeout=10)
        publish(core, tmp_path, "取号（新）")
        assert recorder.event.wait(30)
        assert served(recorder.offered[-1]) == (1, "取号（新）")
    assert not watcher.alive


def test_an_offer_waits_until_the_visit_under_way_is_over(
    db_settings: Settings, tmp_path: Path
) -> None:
    pending = PendingCatalogue()
    with watching(db_settings) as (core, watcher, recorder):
        visit = core.start_visit("counter-ticket", "zh")
        visit.choose("pension")
        publish(core, tmp_path, "取号（新）")
        assert watcher.check() is True
        pending.offer(recorder.offered[-1])
        assert pending.waiting  # the kiosk is busy: nothing changes under the resident
        task = visit.pending_task()
        assert task is not None
        visit.task_done(core.run_task(visit, task))
        visit.advance()
        visit.rate("satisfied")
        assert visit.ended and (visit.state.service_version, visit.service.title.zh) == (0, OLD)
        new = pending.visit_ended()
        assert new is not None and pending.visit_ended() is None  # taken once
        core.use_catalogue(new)
        after = core.start_visit("counter-ticket", "zh")
        assert (after.state.service_version, after.service.title.zh) == (1, "取号（新）")
