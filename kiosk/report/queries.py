"""The figures as aggregations in the database (SQLAlchemy Core), never loops over rows.

Each function runs a few GROUP BY queries over the period's rows and returns the dataclasses
of ``figures``. Python only pairs up the aggregated rows of two queries by their key.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import (
    Column,
    ColumnElement,
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
    or_,
    select,
    text,
    union,
)

from kiosk.assist.requests import FAULT_STATES
from kiosk.flow.engine import NOT_RATED
from kiosk.report import figures as f
from kiosk.report.cases import BAD_LEVELS, OPEN_STATUSES
from kiosk.report.sql import bucket, percentiles, seconds_between, share
from kiosk.store.models import (
    CounterTicket,
    DeviceEvent,
    HelpPeriod,
    HelpRequest,
    Kiosk,
    Rating,
    RatingCase,
    StaffMember,
    Visit,
    VisitEvent,
)

COMPLETED = ("completed", "completed_with_help")
DOWN_MEDIA = ("out", "jammed", "cover_open")  # "low" still prints


@dataclass(frozen=True)
class Scope:
    """What a report covers, and how it reads the calendar."""

    period: f.Period
    offset_hours: float = 8.0
    identify_steps: frozenset[str] = field(default_factory=lambda: frozenset({"identify"}))
    step_order: dict[tuple[str, str], int] = field(default_factory=dict)  # from the catalogue

    def visits(self) -> list[ColumnElement[bool]]:
        conds = [Visit.started_at >= self.period.start, Visit.started_at < self.period.end]
        if self.period.hall:
            conds.append(Kiosk.hall == self.period.hall)
        return conds


def _n(value: Any) -> int:
    return int(value or 0)


def _s(value: Any) -> float | None:
    return None if value is None else round(float(value), 1)


def _sum(cond: Any) -> ColumnElement[int]:
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


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


def _flag(cond: Any) -> Any:
    return case((cond, 1), else_=0)


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
            _sum(
                and_(VisitEvent.kind == "input_rejected", VisitEvent.step.in_(scope.identify_steps))
            ).label("card"),
            _sum(VisitEvent.kind == "print_failed").label("prints"),
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
            _flag(done),
            _flag(Visit.elder_mode),
            _flag(Visit.audio_mode),
            _flag(Visit.outcome == "completed_with_help"),
            _flag(sent.c.visit_id.is_not(None)),
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


SNAP_FLAGS = ("completed", "elder_mode", "audio_mode", "helped", "counter", "card", "prints")
SNAP_COUNTS = (*SNAP_FLAGS, "taken")


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
                _n(visits),
                _n(done),
                share(_n(done), _n(visits)),
                _s(p50),
                _s(p90),
                _n(card),
                _n(prints),
                share(_n(elder), _n(visits)),
                share(_n(audio), _n(visits)),
                share(_n(helped), _n(visits)),
                share(_n(counter), _n(visits)),
            )
        )
    return sorted(rows, key=lambda r: r.key)


def _empty_visits() -> f.VisitRow:
    return f.VisitRow("all", 0, 0, None, None, None, 0, 0, None, None, None, None)


def help_rows(conn: Connection, scope: Scope) -> tuple[f.HelpRow, list[f.HelpRow]]:
    """Time from a call to acknowledged, to a helper at the kiosk, to resolved; per helper."""
    dialect = conn.dialect.name
    period = scope.period
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
            _sum(p.state == "escalated").label("escalations"),
            func.min(case((p.state == "acknowledged", p.staff_id))).label("staff_id"),
        )
        .select_from(HelpRequest)
        .join(Kiosk, Kiosk.id == HelpRequest.kiosk_id)
        .outerjoin(p, p.request_id == HelpRequest.id)
        .where(HelpRequest.requested_at >= period.start, HelpRequest.requested_at < period.end)
        .where(*([Kiosk.hall == period.hall] if period.hall else []))
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
        for name in ("ack_at", "arrived_at", "resolved_at"):
            value = seconds_between(dialect, per_call.c.requested_at, per_call.c[name]).label("v")
            stages[name] = {
                r[0]: (r[2], r[3]) for r in conn.execute(percentiles(key, value, base(value)))
            }
        out = []
        for k, calls, escalations in conn.execute(counts):
            a, b, c = (
                stages[n].get(k, (None, None)) for n in ("ack_at", "arrived_at", "resolved_at")
            )
            out.append(
                f.HelpRow(
                    str(k),
                    _n(calls),
                    _s(a[0]),
                    _s(a[1]),
                    _s(b[0]),
                    _s(b[1]),
                    _s(c[0]),
                    _s(c[1]),
                    _n(escalations),
                )
            )
        return sorted(out, key=lambda r: r.key)

    overall = figures(everyone, False)
    return (
        overall[0] if overall else f.HelpRow("all", 0, None, None, None, None, None, None, 0)
    ), figures(helper, True)


def _rating_scope(scope: Scope) -> list[ColumnElement[bool]]:
    conds = [Rating.at >= scope.period.start, Rating.at < scope.period.end]
    if scope.period.hall:
        conds.append(Kiosk.hall == scope.period.hall)
    return conds


def rating_rows(conn: Connection, scope: Scope) -> list[f.RatingRow]:
    live = Rating.withdrawn_at.is_(None)
    cols = [_sum(and_(live, Rating.level == level)) for level in f.LEVELS]
    cols += [_sum(and_(live, Rating.level == NOT_RATED)), _sum(Rating.withdrawn_at.is_not(None))]
    rows = []
    for key in (Rating.service_id, literal("all")):
        q = (
            select(key.label("k"), *cols)
            .select_from(Rating)
            .join(Kiosk, Kiosk.id == Rating.kiosk_id)
            .where(*_rating_scope(scope))
            .group_by(key)
        )
        for k, *counts in conn.execute(q):
            levels = dict(zip(f.LEVELS, (_n(c) for c in counts[:5]), strict=True))
            rated = sum(levels.values())
            good = rated - levels["dissatisfied"] - levels["very_dissatisfied"]
            rows.append(
                f.RatingRow(str(k), levels, _n(counts[5]), _n(counts[6]), share(good, rated))
            )
    return rows


def _counts(conn: Connection, query: Any) -> list[f.Count]:
    return [f.Count(str(k or "(none)"), _n(n)) for k, n in conn.execute(query)]


def warmth(conn: Connection, scope: Scope, snap: Table) -> f.Warmth:
    reasons = (
        select(Rating.reason, func.count())
        .join(Kiosk, Kiosk.id == Rating.kiosk_id)
        .where(*_rating_scope(scope), Rating.level.in_(BAD_LEVELS), Rating.withdrawn_at.is_(None))
        .group_by(Rating.reason)
        .order_by(func.count().desc(), Rating.reason)
    )
    categories = (
        select(RatingCase.category, func.count())
        .join(Rating, Rating.id == RatingCase.rating_id)
        .join(Kiosk, Kiosk.id == Rating.kiosk_id)
        .where(*_rating_scope(scope), RatingCase.status != "withdrawn")
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
        _n(takeovers),
        _n(completed),
    )


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
            _sum(e.kind == "home"),
            _sum(e.kind == "timed_out"),
            _sum(e.kind == "back"),
            _sum(e.kind == "help_requested"),
        )
        .select_from(e)
        .join(snap, snap.c.id == e.visit_id)
        .where(e.kind.in_(("home", "timed_out", "back", "help_requested")), e.step != "")
        .group_by(snap.c.service, e.step)
    )
    counts: dict[tuple[str, str], list[int]] = {}
    for service, step, n in conn.execute(entered):
        counts[(service, step)] = [_n(n), 0, 0, 0, 0]
    for service, step, home, timed, back, calls in conn.execute(lost):
        row = counts.setdefault((service, step), [0, 0, 0, 0, 0])
        row[1:] = [_n(home), _n(timed), _n(back), _n(calls)]
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


def devices(conn: Connection, scope: Scope, now: dt.datetime, unseen_after_min: int) -> f.Devices:
    """Downtime per kiosk and device from fault to the next event; paper-outs; silent kiosks."""
    period = scope.period
    until = min(period.end, now)
    d = DeviceEvent
    part, order = (d.kiosk_id, d.device), (d.at, d.id)
    fault = or_(d.state.in_(FAULT_STATES), d.media.in_(DOWN_MEDIA))
    ordered = (
        select(
            d.kiosk_id.label("kiosk"),
            d.device.label("device"),
            d.at.label("at"),
            d.media.label("media"),
            case((fault, 1), else_=0).label("fault"),
            func.lead(d.at).over(partition_by=part, order_by=order).label("next_at"),
            func.lag(case((fault, 1), else_=0))
            .over(partition_by=part, order_by=order)
            .label("prev_fault"),
            func.lag(d.media).over(partition_by=part, order_by=order).label("prev_media"),
        )
        .join(Kiosk, Kiosk.id == d.kiosk_id)
        .where(d.at >= period.start, d.at < until)
        .where(*([Kiosk.hall == period.hall] if period.hall else []))
        .subquery("ordered")
    )
    o = ordered.c
    next_at = func.coalesce(o.next_at, literal(until, type_=DeviceEvent.at.type))
    q = (
        select(
            o.kiosk,
            o.device,
            func.coalesce(
                func.sum(case((o.fault == 1, seconds_between(conn.dialect.name, o.at, next_at)))),
                0,
            ),
            _sum(and_(o.fault == 1, func.coalesce(o.prev_fault, 0) == 0)),
            _sum(and_(o.media == "out", func.coalesce(o.prev_media, "") != "out")),
        )
        .group_by(o.kiosk, o.device)
        .order_by(o.kiosk, o.device)
    )
    downtime = [
        f.DowntimeRow(k, dev, round(float(s or 0), 1), _n(n), _n(outs))
        for k, dev, s, n, outs in conn.execute(q)
    ]
    cutoff = now - dt.timedelta(minutes=unseen_after_min)
    silent = select(Kiosk.id, Kiosk.name, Kiosk.hall, Kiosk.last_seen).where(
        Kiosk.last_seen < cutoff, *([Kiosk.hall == period.hall] if period.hall else [])
    )
    unseen = []
    for k, name, hall, seen in conn.execute(silent.order_by(Kiosk.last_seen)):
        seen = seen if seen.tzinfo else seen.replace(tzinfo=dt.UTC)
        unseen.append(f.UnseenKiosk(k, name, hall, seen, int((now - seen).total_seconds() // 60)))
    return f.Devices(downtime, unseen, unseen_after_min)


def cases_due(
    conn: Connection, scope: Scope, today: dt.date
) -> tuple[int, int, list[f.OverdueCase]]:
    """Open cases now (any period), how many are past their deadline, the oldest overdue."""
    hall = [Kiosk.hall == scope.period.hall] if scope.period.hall else []
    base = (
        select(func.count(), _sum(RatingCase.due_on < today))
        .select_from(RatingCase)
        .join(Rating, Rating.id == RatingCase.rating_id)
        .join(Kiosk, Kiosk.id == Rating.kiosk_id)
        .where(RatingCase.status.in_(OPEN_STATUSES), *hall)
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
        .where(RatingCase.status.in_(OPEN_STATUSES), RatingCase.due_on < today, *hall)
        .order_by(RatingCase.due_on, RatingCase.id)
        .limit(50)
    )
    return _n(open_), _n(overdue), [f.OverdueCase(*row) for row in conn.execute(listed)]


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
        overall=overall[0] if overall else _empty_visits(),
        breakdowns=breakdowns,
        timeliness=f.Timeliness(helpers_all, helpers, open_, overdue, listed),
        warmth=kindness,
        funnel=steps,
        devices=devices(conn, scope, now, unseen_after_min),
    )
