"""Timeliness: a help call's time to acknowledged, to a helper at the kiosk and to resolved
(nearest-rank p50 and p90, overall and per helper), escalations, and 好差评 cases past their
deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import Connection, case, func, literal, select

from kiosk.report import figures as f
from kiosk.report.cases import OPEN_STATUSES
from kiosk.report.scope import Scope
from kiosk.report.sql import count_if, percentiles, seconds_between, tenths, whole
from kiosk.store.models import HelpPeriod, HelpRequest, Kiosk, Rating, RatingCase, StaffMember

STAGES = ("ack_at", "arrived_at", "resolved_at")


def help_rows(conn: Connection, scope: Scope) -> tuple[f.HelpRow, list[f.HelpRow]]:
    """Time from a call to acknowledged, to a helper at the kiosk, to resolved; per helper."""
    dialect = conn.dialect.name
    p = HelpPeriod
    per_call = (
        select(
            HelpRequest.id.label("id"),
            HelpRequest.requested_at.label("requested_at"),
            func.min(case((p.state == "acknowledged", p.started_at))).label("ack_at"),
            func.min(case((p.state == "assisting", p.started_at))).label("arrived_at"),
            func.max(case((HelpRequest.status == "resolved", HelpRequest.closed_at))).label(
                "resolved_at"
            ),
            count_if(p.state == "escalated").label("escalations"),
            func.min(case((p.state == "acknowledged", p.staff_id))).label("staff_id"),
        )
        .select_from(HelpRequest)
        .join(Kiosk, Kiosk.id == HelpRequest.kiosk_id)
        .outerjoin(p, p.request_id == HelpRequest.id)
        .where(*scope.calls())
        .group_by(HelpRequest.id, HelpRequest.requested_at)
        .subquery("per_call")
    )
    helper = (StaffMember.staff_no + literal(" ") + StaffMember.name).label("k")
    everyone = literal("all").label("k")

    def figures(key: Any, helpers: bool) -> list[f.HelpRow]:
        def base(*cols: Any) -> Any:
            q = select(key, *cols).select_from(per_call)
            if helpers:
                q = q.join(StaffMember, StaffMember.id == per_call.c.staff_id)
            return q

        counts = base(func.count(), func.sum(per_call.c.escalations)).group_by(key)
        stages = {}
        for name in STAGES:
            value = seconds_between(dialect, per_call.c.requested_at, per_call.c[name]).label("v")
            stages[name] = {
                r[0]: (r[2], r[3]) for r in conn.execute(percentiles(key, value, base(value)))
            }
        out = []
        for k, calls, escalations in conn.execute(counts):
            ack, arrived, resolved = (stages[n].get(k, (None, None)) for n in STAGES)
            out.append(
                f.HelpRow(
                    str(k),
                    whole(calls),
                    tenths(ack[0]),
                    tenths(ack[1]),
                    tenths(arrived[0]),
                    tenths(arrived[1]),
                    tenths(resolved[0]),
                    tenths(resolved[1]),
                    whole(escalations),
                )
            )
        return sorted(out, key=lambda r: r.key)

    overall = figures(everyone, False)
    none = f.HelpRow("all", 0, None, None, None, None, None, None, 0)
    return (overall[0] if overall else none), figures(helper, True)


def cases_due(
    conn: Connection, scope: Scope, today: dt.date
) -> tuple[int, int, list[f.OverdueCase]]:
    """Open cases now (any period), how many are past their deadline, the oldest overdue."""
    base = (
        select(func.count(), count_if(RatingCase.due_on < today))
        .select_from(RatingCase)
        .join(Rating, Rating.id == RatingCase.rating_id)
        .join(Kiosk, Kiosk.id == Rating.kiosk_id)
        .where(RatingCase.status.in_(OPEN_STATUSES), *scope.rated())
    )
    open_, overdue = conn.execute(base).one()
    listed = (
        select(
            RatingCase.id,
            Rating.service_id,
            Rating.kiosk_id,
            Rating.level,
            RatingCase.category,
            RatingCase.status,
            RatingCase.due_on,
        )
        .join(Rating, Rating.id == RatingCase.rating_id)
        .join(Kiosk, Kiosk.id == Rating.kiosk_id)
        .where(RatingCase.status.in_(OPEN_STATUSES), RatingCase.due_on < today, *scope.rated())
        .order_by(RatingCase.due_on, RatingCase.id)
        .limit(50)
    )
    return whole(open_), whole(overdue), [f.OverdueCase(*row) for row in conn.execute(listed)]
