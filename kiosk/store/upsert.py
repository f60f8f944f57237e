"""INSERT ... ON CONFLICT DO NOTHING, in the store's own dialect.

SQLite and PostgreSQL each have an insert with ``on_conflict_do_nothing``. The one used is the
package of the dialect SQLAlchemy loaded for the engine, so a kiosk on SQLite never loads
PostgreSQL's dialect (2 MiB of its memory).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, cast

from sqlalchemy.orm import Session


def conflict_free_insert(session: Session) -> Callable[[Any], Any]:
    """``sqlalchemy.dialects.sqlite.insert`` or ``sqlalchemy.dialects.postgresql.insert``, as the
    session's database is (each dialect's module lives in its package, which is loaded)."""
    module = type(session.get_bind().dialect).__module__  # e.g. ...dialects.sqlite.pysqlite
    return cast(Callable[[Any], Any], sys.modules[module.rpartition(".")[0]].insert)
