"""Warmth: ratings by level (withdrawn and skipped ones apart), why poor ratings were poor,
follow-up cases by category, and the share of takeovers that ended in a completed task."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, and_, func, literal, select

from kiosk.flow.engine import NOT_RATED
from kiosk.report import figures as f
from kiosk.report.cases import BAD_LEVELS
from kiosk.report.scope import Scope
from kiosk.report.sql import count_if, share, whole
from kiosk.store.models import Kiosk, Rating, RatingCase


def rating_rows(conn: Connection, scope: Scope) -> list[f.RatingRow]:
    """Per service, then "all"."""
    live = Rating.withdrawn_at.is_(None)
    cols = [count_if(and_(live, Rating.level == level)) for level in f.LEVELS]
    cols += [
        count_if(and_(live, Rating.level == NOT_RATED)),
        count_if(Rating.withdrawn_at.is_not(None)),
    ]
    rows = []
    for key in (Rating.service_id, literal("all")):
        q = (
            select(key.label("k"), *cols)
            .select_from(Rating)
            .join(Kiosk, Kiosk.id == Rating.kiosk_id)
            .where(*scope.ratings())
            .group_by(key)
        )
        for k, *counts in conn.execute(q):
            levels = dict(zip(f.LEVELS, (whole(c) for c in counts[:5]), strict=True))
            rated = sum(levels.values())
            good = rated - levels["dissatisfied"] - levels["very_dissatisfied"]
            rows.append(
                f.RatingRow(str(k), levels, whole(counts[5]), whole(counts[6]), share(good, rated))
            )
    return rows


def _counts(conn: Connection, query: Any) -> list[f.Count]:
    return [f.Count(str(k or "(none)"), whole(n)) for k, n in conn.execute(query)]


def warmth(conn: Connection, scope: Scope, snap: Table) -> f.Warmth:
    reasons = (
        select(Rating.reason, func.count())
        .join(Kiosk, Kiosk.id == Rating.kiosk_id)
        .where(*scope.ratings(), Rating.level.in_(BAD_LEVELS), Rating.withdrawn_at.is_(None))
        .group_by(Rating.reason)
        .order_by(func.count().desc(), Rating.reason)
    )
    categories = (
        select(RatingCase.category, func.count())
        .join(Rating, Rating.id == RatingCase.rating_id)
        .join(Kiosk, Kiosk.id == Rating.kiosk_id)
        .where(*scope.ratings(), RatingCase.status != "withdrawn")
        .group_by(RatingCase.category)
        .order_by(func.count().desc(), RatingCase.category)
    )
    taken = select(
        func.coalesce(func.sum(snap.c.taken), 0),
        func.coalesce(func.sum(snap.c.taken * snap.c.completed), 0),
    )
    takeovers, completed = conn.execute(taken).one()
    return f.Warmth(
        rating_rows(conn, scope),
        _counts(conn, reasons),
        _counts(conn, categories),
        whole(takeovers),
        whole(completed),
    )
