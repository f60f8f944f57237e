"""Devices: downtime per kiosk and device (from a fault to the next event), paper-outs, and
kiosks whose heartbeat has not been seen for a while."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, and_, case, func, literal, or_, select

from kiosk.assist.requests import FAULT_STATES
from kiosk.report import figures as f
from kiosk.report.scope import Scope
from kiosk.report.sql import count_if, seconds_between, whole
from kiosk.store.models import DeviceEvent, Kiosk

DOWN_MEDIA = ("out", "jammed", "cover_open")  # "low" still prints


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
        .where(d.at >= period.start, d.at < until, *scope.devices())
        .subquery("ordered")
    )
    o = ordered.c
    next_at = func.coalesce(o.next_at, literal(until, type_=DeviceEvent.at.type))
    down = seconds_between(conn.dialect.name, o.at, next_at)
    q = (
        select(
            o.kiosk,
            o.device,
            func.coalesce(func.sum(case((o.fault == 1, down))), 0),
            count_if(and_(o.fault == 1, func.coalesce(o.prev_fault, 0) == 0)),
            count_if(and_(o.media == "out", func.coalesce(o.prev_media, "") != "out")),
        )
        .group_by(o.kiosk, o.device)
        .order_by(o.kiosk, o.device)
    )
    downtime = [
        f.DowntimeRow(k, dev, round(float(s or 0), 1), whole(n), whole(outs))
        for k, dev, s, n, outs in conn.execute(q)
    ]
    cutoff = now - dt.timedelta(minutes=unseen_after_min)
    silent = select(Kiosk.id, Kiosk.name, Kiosk.hall, Kiosk.last_seen).where(
        Kiosk.last_seen < cutoff, *scope.devices(Kiosk.id)
    )
    unseen = []
    for k, name, hall, seen in conn.execute(silent.order_by(Kiosk.last_seen)):
        seen = seen if seen.tzinfo else seen.replace(tzinfo=dt.UTC)
        unseen.append(f.UnseenKiosk(k, name, hall, seen, int((now - seen).total_seconds() // 60)))
    return f.Devices(downtime, unseen, unseen_after_min)
