"""The figures as aggregations in the database (SQLAlchemy Core), never loops over rows.

``build`` runs each measure's few GROUP BY queries, one module a measure: ``visits``
(convenience and reach, over a temporary snapshot of the period's visits), ``timeliness``,
``warmth``, ``funnel`` and ``downtime``; ``scope`` holds what the report covers as WHERE
clauses. Python only pairs up the aggregated rows of two queries by their key.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Connection, text

from kiosk.report import figures as f
from kiosk.report.downtime import devices
from kiosk.report.funnel import funnel
from kiosk.report.scope import Scope
from kiosk.report.timeliness import cases_due, help_rows
from kiosk.report.visits import no_visits, visit_rows, visit_snapshot
from kiosk.report.warmth import warmth

__all__ = ["Scope", "build"]


def build(
    conn: Connection,
    scope: Scope,
    *,
    now: dt.datetime,
    today: dt.date,
    unseen_after_min: int,
    dimensions: Iterable[str] = f.DIMENSIONS,
) -> f.Report:
    if conn.dialect.name == "postgresql":
        # For this transaction only: the funnel's sorts fit in memory instead of spilling to
        # disk (4 MB by default), and a compiler is not started for queries this short.
        conn.execute(text("SET LOCAL work_mem = '64MB'"))
        conn.execute(text("SET LOCAL jit = off"))
    with visit_snapshot(conn, scope) as snap:
        overall = visit_rows(conn, snap, "all")
        breakdowns = {name: visit_rows(conn, snap, name) for name in dimensions}
        steps = funnel(conn, scope, snap)
        kindness = warmth(conn, scope, snap)
    helpers_all, helpers = help_rows(conn, scope)
    open_, overdue, listed = cases_due(conn, scope, today)
    return f.Report(
        period=scope.period,
        generated_at=now,
        overall=overall[0] if overall else no_visits(),
        breakdowns=breakdowns,
        timeliness=f.Timeliness(helpers_all, helpers, open_, overdue, listed),
        warmth=kindness,
        funnel=steps,
        devices=devices(conn, scope, now, unseen_after_min),
        utc_offset_hours=scope.offset_hours,
    )
