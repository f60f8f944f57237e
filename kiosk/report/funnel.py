"""Where residents give up: per service and step, who entered, gave up, timed out, went back
and called for help, ranked so that the worst step comes first."""

from __future__ import annotations

from sqlalchemy import Connection, Table, func, select

from kiosk.report import figures as f
from kiosk.report.scope import Scope
from kiosk.report.sql import count_if, share, whole
from kiosk.store.models import VisitEvent

LOST = ("home", "timed_out", "back", "help_requested")


def funnel(conn: Connection, scope: Scope, snap: Table) -> list[f.FunnelRow]:
    """Per service and step: who entered, gave up, timed out, went back, called; worst first.

    Events are read from the (kind, visit, step) index alone. Entries are counted once a visit
    (a resident who went back enters a step twice) by a DISTINCT the databases hash or read in
    index order, which costs far less than COUNT(DISTINCT) inside the grouping.
    """
    e = VisitEvent
    firsts = (
        select(e.visit_id, e.step)
        .where(e.kind == "step_entered", e.step != "")
        .distinct()
        .subquery("firsts")
    )
    entered = (
        select(snap.c.service, firsts.c.step, func.count())
        .select_from(firsts)
        .join(snap, snap.c.id == firsts.c.visit_id)
        .group_by(snap.c.service, firsts.c.step)
    )
    lost = (
        select(
            snap.c.service,
            e.step,
            *(count_if(e.kind == kind) for kind in LOST),
        )
        .select_from(e)
        .join(snap, snap.c.id == e.visit_id)
        .where(e.kind.in_(LOST), e.step != "")
        .group_by(snap.c.service, e.step)
    )
    counts: dict[tuple[str, str], list[int]] = {}
    for service, step, n in conn.execute(entered):
        counts[(service, step)] = [whole(n), 0, 0, 0, 0]
    for service, step, home, timed, back, calls in conn.execute(lost):
        row = counts.setdefault((service, step), [0, 0, 0, 0, 0])
        row[1:] = [whole(home), whole(timed), whole(back), whole(calls)]
    rows = [
        f.FunnelRow(
            service,
            step,
            scope.step_order.get((service, step), 999),
            n,
            home,
            timed,
            back,
            calls,
            share(home + timed, n),
        )
        for (service, step), (n, home, timed, back, calls) in counts.items()
    ]
    # The ranking is of a few dozen aggregated rows: the worst loss first, then the most lost.
    return sorted(
        rows,
        key=lambda r: (-(r.loss_rate or 0.0), -(r.gave_up + r.timed_out), r.service, r.order),
    )
