"""Engines and the schema check: SQLite (WAL, foreign keys on) by default, PostgreSQL for a hall.

Migrations are in ``kiosk.store.migrate`` (Alembic); the check at every start reads the stamped
revision with one query and loads Alembic only when the schema has to change or be explained.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.errors import ConfigError, KioskError

log = logging.getLogger(__name__)
# The newest migration, which models.py matches. A test holds it equal to Alembic's head; were it
# stale, check_current would still be right, only slower (it would ask Alembic).
SCHEMA_REVISION = "0002_staff_sessions"


class SchemaOutdated(KioskError):
    """The database is at an older revision than this kiosk needs."""

    exit_code = 2


class DatabaseUnavailable(KioskError):
    exit_code = 3


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")  # readers (the console) never block the kiosk
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=NORMAL")  # safe with WAL; a power cut loses at most
    cursor.close()  # the last transactions, never the file


SUPPORTED = "the kiosk works with SQLite (sqlite:///PATH) or PostgreSQL (postgresql://HOST/NAME)"


def make_engine(url: str, *, create: bool = False) -> Engine:
    """An engine for ``url``; ``create``: a SQLite file (and its folder) missing is made.

    Without it a missing file stays missing: ``check_current`` says to run ``kiosk db upgrade``.
    """
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(f"database URL {url!r} is not a valid SQLAlchemy URL") from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise ConfigError(f"database URL {url!r} names a {backend} database: {SUPPORTED}")
    try:
        return _engine(url, parsed, create)
    except ModuleNotFoundError as exc:  # a driver named in the URL that is not installed
        raise ConfigError(
            f"database URL {url!r} needs the driver {exc.name}, not installed: use "
            "postgresql:// (psycopg) or sqlite:///"
        ) from None


def sqlite_file(url: URL) -> Path | None:
    """The file of a SQLite URL; None for any other database and for one in memory."""
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(str(url.database))


def _engine(url: str, parsed: URL, create: bool) -> Engine:
    if parsed.get_backend_name() == "sqlite":
        path = sqlite_file(parsed)
        if path is not None and (create or path.exists()):
            private_sqlite(path)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    # A hall's server may restart under us (pre-ping), or be out of reach: fail in seconds,
    # not after the operating system's TCP timeout, so the kiosk can serve on without it.
    connect_args = {"connect_timeout": 5} if parsed.get_backend_name() == "postgresql" else {}
    return create_engine(url, pool_pre_ping=True, connect_args=connect_args)


def private_dir(folder: Path) -> None:
    """The kiosk's own folder (data, database, journal): its user only, whoever made it."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    if folder.stat().st_mode & 0o077:
        folder.chmod(0o700)


def private_sqlite(path: Path) -> None:
    """The database file made (or kept) readable by the kiosk's user only; SQLite gives its
    -wal and -shm files the mode of the database file. A folder made for it is private too."""
    if not path.parent.exists():
        private_dir(path.parent)
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError:
        return  # SQLite says why when it opens it (a folder in its place, a read-only disk)
    try:
        for file in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if file.exists() and file.stat().st_mode & 0o077:
                file.chmod(0o600)
    finally:
        os.close(fd)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database (Alembic's table), None when there is none."""
    try:
        with engine.connect() as conn:
            if not inspect(conn).has_table("alembic_version"):
                return None
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).scalars().all()
    except DatabaseError as exc:  # out of reach, or a file that is not a database
        raise unavailable(engine, exc) from None
    return ",".join(sorted(rows)) or None


def unavailable(engine: Engine, exc: DatabaseError) -> DatabaseUnavailable:
    where = engine.url.render_as_string(hide_password=True)
    how = "reached" if isinstance(exc, OperationalError) else "opened"
    return DatabaseUnavailable(f"the database {where} cannot be {how}: {exc.orig}")


def check_current(engine: Engine, *, create_if_empty: bool = False) -> None:
    """Refuse to run on an older schema; an empty database may be created on the spot.

    A SQLite file that does not exist is refused (connecting would make it) unless created."""
    path = sqlite_file(engine.url)
    if path is not None and not path.exists():
        if not create_if_empty:
            raise SchemaOutdated(f"there is no kiosk store at {path}: run `kiosk db upgrade` first")
        private_sqlite(path)
    if current_revision(engine) == SCHEMA_REVISION:
        return
    # Only now is Alembic needed: to find the real head, migrate, or say what to run.
    from kiosk.store import migrate

    current, head = migrate.stamped_revision(engine), migrate.head_revision()
    if current == head:
        log.warning("db.SCHEMA_REVISION is %s, the migrations' head %s", SCHEMA_REVISION, head)
        return
    if current is None and create_if_empty:
        log.info("empty database: creating the schema at %s", migrate.upgrade(engine)[1])
        return
    where = engine.url.render_as_string(hide_password=True)
    if current is None:
        raise SchemaOutdated(
            f"the database {where} has no kiosk schema yet: run `kiosk db upgrade` first"
        )
    raise SchemaOutdated(
        f"the database {where} is at revision {current}, this kiosk needs "
        f"{head}: run `kiosk db upgrade`"
    )
