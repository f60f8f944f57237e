"""The store as the domain API holds it: one database, opened once, closed once.

``Store.guard()`` is the one place where the store's own errors become ``StoreUnavailable``, so
no front end ever sees (or imports) SQLAlchemy.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.errors import StoreUnavailable
from kiosk.assist.notify import Feed, make_feed
from kiosk.store import db

log = logging.getLogger(__name__)


class Store:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.sessions: sessionmaker[Session] = db.session_factory(engine)

    @classmethod
    def open(cls, url: str, *, create: bool = True) -> Store:
        """Open the database at ``url`` and check its schema (a new one is created).

        Raises ``DatabaseUnavailable`` (exit 3) or ``SchemaOutdated`` (exit 3) with a message.
        """
        engine = db.make_engine(url, create=create)
        try:
            db.check_current(engine, create_if_empty=create)
        except BaseException:
            engine.dispose()
            raise
        return cls(engine)

    @property
    def shared(self) -> bool:
        """A hall's shared server (PostgreSQL), not a file on this machine."""
        return self.engine.url.get_backend_name() != "sqlite"

    @contextmanager
    def guard(self, doing: str) -> Iterator[None]:
        """Store errors inside become ``StoreUnavailable`` naming what was being done."""
        try:
            yield
        except SQLAlchemyError as exc:
            log.warning("store: %s failed: %s", doing, exc.__class__.__name__)
            raise StoreUnavailable(f"the store did not answer ({doing})") from exc

    def changes(self) -> Feed:
        """A feed of changes: PostgreSQL LISTEN, or a poll on SQLite."""
        return make_feed(self.engine)

    def close(self) -> None:
        self.engine.dispose()
