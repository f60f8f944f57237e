"""Convenience and reach: the period's visits in a temporary snapshot, then one GROUP BY per
dimension over it (completion, time to complete, retries, modes, help and counter shares)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    and_,
    case,
    cast,
    func,
    insert,
    literal,
    select,
    text,
    union,
)

from kiosk.report import figures as f
from kiosk.report.scope import Scope
from kiosk.report.sql import bucket, count_if, flag, seconds_between, share, tenths, whole
from kiosk.store.models import CounterTicket, HelpRequest, Kiosk, Visit, VisitEvent

COMPLETED = ("completed", "completed_with_help")
SNAP_FLAGS = ("completed", "elder_mode", "audio_mode", "helped", "counter", "card", "prints")
SNAP_COUNTS = (*SNAP_FLAGS, "taken")


def _dimension(conn: Connection, scope: Scope, name: str) -> Any:
    dialect = conn.dialect.name
    if name == "service":
        return Visit.service_id
    if name == "kiosk":
        return Visit.kiosk_id
    if name == "hall":
        return Kiosk.hall
    if name in ("day", "week", "month"):
        return bucket(dialect, Visit.started_at, name, scope.offset_hours)
    if name == "language":
        return Visit.language
    if name == "elder":
        return case((Visit.elder_mode, literal("elder")), else_=literal("standard"))
    raise ValueError(f"unknown dimension {name!r}")


@contextmanager
def visit_snapshot(conn: Connection, scope: Scope) -> Iterator[Table]:
    """The period's visits, one narrow row each with its keys and flags, in a temporary table.

    Built in one pass (the rare events read once, through the kind index); every dimension is
    then a GROUP BY over it instead of a new pass over visits and events.
    """
    snap = Table(
        f"report_visits_{uuid.uuid4().hex[:8]}",
        MetaData(),
        Column("id", String(32), primary_key=True),
        *(Column(name, String(200)) for name in f.DIMENSIONS),
        *(Column(name, Integer) for name in SNAP_COUNTS),
        Column("seconds", Float),
        prefixes=["TEMPORARY"],
    )
    sent = union(
        select(CounterTicket.visit_id.label("visit_id")).where(CounterTicket.visit_id.is_not(None)),
        select(HelpRequest.visit_id.label("visit_id")).where(
            HelpRequest.resolution == "sent_to_counter", HelpRequest.visit_id.is_not(None)
        ),
    ).subquery("sent")
    rare = (
        select(
            VisitEvent.visit_id.label("visit_id"),
            count_if(
                and_(VisitEvent.kind == "input_rejected", VisitEvent.step.in_(scope.identify_steps))
            ).label("card"),
            count_if(VisitEvent.kind == "print_failed").label("prints"),
            func.max(case((VisitEvent.kind == "assisted", 1), else_=0)).label("taken"),
        )
        .where(VisitEvent.kind.in_(("input_rejected", "print_failed", "assisted")))
        .group_by(VisitEvent.visit_id)
        .subquery("rare")
    )
    done = Visit.outcome.in_(COMPLETED)
    seconds = seconds_between(conn.dialect.name, Visit.started_at, Visit.ended_at)
    source = (
        select(
            Visit.id,
            *(_dimension(conn, scope, name) for name in f.DIMENSIONS),
            flag(done),
            flag(Visit.elder_mode),
            flag(Visit.audio_mode),
            flag(Visit.outcome == "completed_with_help"),
            flag(sent.c.visit_id.is_not(None)),
            func.coalesce(rare.c.card, 0),
            func.coalesce(rare.c.prints, 0),
            func.coalesce(rare.c.taken, 0),
            case((and_(done, Visit.ended_at.is_not(None)), seconds)),
        )
        .select_from(Visit)
        .join(Kiosk, Kiosk.id == Visit.kiosk_id)
        .outerjoin(sent, sent.c.visit_id == Visit.id)
        .outerjoin(rare, rare.c.visit_id == Visit.id)
        .where(*scope.visits())
    )
    # On an error it is left to the rollback (PostgreSQL) or the connection (SQLite, where a
    # temporary table lives as long as its connection): the name is never reused.
    snap.create(conn)
    conn.execute(insert(snap).from_select([c.name for c in snap.columns], source))
    if conn.dialect.name == "sqlite":
        # SQLite plans the funnel's join from statistics that only ANALYZE makes; PostgreSQL
        # reads a temporary table's size from its pages and hash-joins without them.
        conn.execute(text(f"ANALYZE {snap.name}"))
    yield snap
    snap.drop(conn)


def visit_rows(conn: Connection, snap: Table, by: str) -> list[f.VisitRow]:
    """Convenience and reach, one row per key of the dimension ``by`` (or "all").

    One pass over the snapshot: visits are counted per key and whole second to complete, then
    a running sum over those few bins finds the median and the 90th percentile (nearest rank).
    """
    c = snap.c
    key = (literal("all") if by == "all" else c[by]).label("k")
    second = cast(func.round(c.seconds), Integer).label("s")
    bins = (
        select(key, second, func.count().label("n"), *(func.sum(c[x]).label(x) for x in SNAP_FLAGS))
        .group_by(key, second)
        .subquery("bins")
    )
    timed = case((bins.c.s.is_not(None), bins.c.n), else_=0)
    cum = select(
        *bins.c,
        func.sum(timed).over(partition_by=bins.c.k, order_by=bins.c.s).label("cum"),
        func.sum(timed).over(partition_by=bins.c.k).label("timed"),
    ).subquery("cum")
    t = cast(cum.c.timed, Integer)

    def rank(at: Any) -> Any:
        return func.min(case((and_(cum.c.s.is_not(None), cum.c.cum >= at), cum.c.s)))

    counts = select(
        cum.c.k,
        func.sum(cum.c.n),
        *(func.coalesce(func.sum(cum.c[x]), 0) for x in SNAP_FLAGS),
        rank((t + 1) // 2),
        rank((9 * t + 9) // 10),
    ).group_by(cum.c.k)
    rows = []
    for row in conn.execute(counts):
        k, visits, done, elder, audio, helped, counter, card, prints, p50, p90 = row
        rows.append(
            f.VisitRow(
                str(k),
                whole(visits),
                whole(done),
                share(whole(done), whole(visits)),
                tenths(p50),
                tenths(p90),
                whole(card),
                whole(prints),
                share(whole(elder), whole(visits)),
                share(whole(audio), whole(visits)),
                share(whole(helped), whole(visits)),
                share(whole(counter), whole(visits)),
            )
        )
    return sorted(rows, key=lambda r: r.key)


def no_visits() -> f.VisitRow:
    return f.VisitRow("all", 0, 0, None, None, None, 0, 0, None, None, None, None)
