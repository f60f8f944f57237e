"""Alembic: migrating the schema and naming its newest revision.

Kept apart from ``db`` because Alembic (with Mako and Pygments) costs about 17 MiB and a second
of start: a kiosk whose database is already current never loads it (``db.check_current``).
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError

from kiosk.store.db import unavailable

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    script = ScriptDirectory(str(MIGRATIONS))
    head = script.get_current_head()
    assert head is not None
    return head


def stamped_revision(engine: Engine) -> str | None:
    """The revision as Alembic reads it (it refuses a database stamped with several)."""
    try:
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    except DatabaseError as exc:  # out of reach, or a file that is not a database
        raise unavailable(engine, exc) from None


def upgrade(engine: Engine) -> tuple[str | None, str]:
    """Migrate to the newest revision; returns (before, after)."""
    before = stamped_revision(engine)
    try:
        command.upgrade(alembic_config(engine), "head")
    except DatabaseError as exc:  # damaged past its first page, read-only, full disk
        raise unavailable(engine, exc) from None
    return before, head_revision()
