"""A kiosk picks up service versions published to its hall, on a thread of its own.

It wakes on the console's notification path (kiosk.assist.notify: PostgreSQL NOTIFY, a poll
on SQLite) and looks again every ``recheck_s`` whatever it heard, so a lost notification
costs at most that. When the store has a new version it builds the effective catalogue off the
GUI thread, reports versions that do not load here (audited with the kiosk's id; the service
stays as it was), pre-renders the new prompts, saves the result as the last good catalogue and
only then offers it. A store out of reach changes nothing: the kiosk serves what it has.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist.notify import Feed, make_feed
from kiosk.catalog import versions
from kiosk.catalog.effective import CatalogueCache, Effective, Failure, build, same
from kiosk.catalog.schema import Catalogue

log = logging.getLogger(__name__)
RECHECK_S = 30.0  # inside the 60 s a hall is promised, with a notification lost
POLL_S = 2.0  # SQLite: how often the poll feed looks for a change

Offer = Callable[[Catalogue], None]
Prerender = Callable[[Catalogue], object]  # blocks until the catalogue's prompts are rendered


def catalogue_feed(engine: Engine, poll_s: float = POLL_S) -> Feed:
    return make_feed(engine, poll_s)


class CatalogueWatcher:
    def __init__(
        self,
        engine: Engine,
        kiosk_id: str,
        shipped: Catalogue,
        start: Effective,
        cache: CatalogueCache,
        offer: Offer,
        *,
        prerender: Prerender | None = None,
        recheck_s: float = RECHECK_S,
        poll_s: float = POLL_S,
        feed: Callable[[], Feed] | None = None,
    ) -> None:
        self.engine = engine
        self.sessions: sessionmaker[Session] = sessionmaker(engine, expire_on_commit=False)
        self.kiosk_id = kiosk_id
        self.shipped = shipped
        self.effective = start  # the last good one: offered, or served since start
        self.cache = cache
        self.offer = offer
        self.prerender = prerender
        self.recheck_s = recheck_s
        self._make_feed = feed or (lambda: catalogue_feed(engine, poll_s))
        self._feed: Feed | None = None
        self._seen: int | None = None  # the store's signature last looked at
        self._reported: set[tuple[str, int]] = set()
        self._away = False
        self._stop = threading.Event()
        self._lock = threading.Lock()  # one check at a time (the thread, a test's direct call)
        self._thread: threading.Thread | None = None
        self.offers = 0

    # -- one look at the store ----------------------------------------------------------------

    def check(self) -> bool:
        """Look once; True when a new catalogue was offered. Never raises for the store."""
        with self._lock:
            try:
                return self._check()
            except SQLAlchemyError as exc:
                if not self._away:
                    log.warning(
                        "catalogue: the store is out of reach (%s); serving the last good one",
                        exc.__class__.__name__,
                    )
                self._away = True
                return False

    def _check(self) -> bool:
        seen = versions.signature(self.sessions)
        if self._away:
            log.info("catalogue: the store is back")
            self._away = False
        if seen == self._seen:
            return False
        result = build(self.shipped, versions.newest(self.sessions), self.effective)
        for failure in result.failures:
            self._report(failure)
        self._seen = seen
        if same(result.served, self.effective.served):
            return False
        if self.prerender is not None:
            try:
                self.prerender(result.catalogue)
            except Exception:  # speech is slower on the first prompt; the patch still goes out
                log.warning("catalogue: pre-rendering the new prompts failed", exc_info=True)
        try:
            self.cache.save(result.served)
        except OSError:
            log.warning("catalogue: could not keep a copy in %s", self.cache.path, exc_info=True)
        self.effective = Effective(result.catalogue, result.served)
        self.offers += 1
        log.info(
            "catalogue: offering %s",
            ", ".join(f"{k} v{p.version}" for k, p in sorted(result.served.items())) or "shipped",
        )
        self.offer(result.catalogue)
        return True

    def _report(self, failure: Failure) -> None:
        pub = failure.published
        if pub.key in self._reported:
            return
        log.error(
            "catalogue: %s v%d does not load on kiosk %s; it stays on the previous version: %s",
            pub.service_id,
            pub.version,
            self.kiosk_id,
            "; ".join(failure.problems),
        )
        versions.report_failure(self.sessions, self.kiosk_id, pub, failure.problems)
        self._reported.add(pub.key)

    # -- the thread ---------------------------------------------------------------------------

    def start(self) -> CatalogueWatcher:
        self._thread = threading.Thread(target=self._run, name="catalogue-watcher", daemon=True)
        self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.check()
            except Exception:  # a bug must not end the watch: the next look may succeed
                log.exception("catalogue: check failed")
            if self._feed is None and not self._stop.is_set():
                self._feed = self._make_feed()
            if self._feed is not None and not self._stop.is_set():
                self._feed.wait(self.recheck_s)  # early on a change or a notification
        if self._feed is not None:
            self._feed.close()

    @property
    def listening(self) -> bool:
        """The thread has made its first check and waits on the feed."""
        return self._feed is not None

    @property
    def alive(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def close(self, timeout: float = 5.0) -> None:
        self._stop.set()
        feed = self._feed
        if feed is not None:
            feed.close()  # from any thread; ends a wait under way
        if self._thread is not None:
            self._thread.join(timeout)
