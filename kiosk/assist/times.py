"""Wall-clock time for the assistance rows: every timestamp we write is UTC."""

from __future__ import annotations

import datetime as dt


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def aware(value: dt.datetime) -> dt.datetime:
    """SQLite gives timestamps back without a zone; every one we write is UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
