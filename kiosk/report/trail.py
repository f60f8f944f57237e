"""A follow-up case's history as its audit entries tell it: who changed what, and when."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.errors import StoreUnavailable
from kiosk.assist.times import aware
from kiosk.report.cases import CaseNotFound
from kiosk.store.models import AuditEntry, Rating, RatingCase, StaffMember

PREFIX = "rating_case."


@dataclass(frozen=True)
class TrailEntry:
    at: dt.datetime
    action: str  # open, categorize, contact, rectify, close, withdraw
    staff_no: str  # "" when no one was named (the kiosk opened it, or a command without --staff)
    staff_name: str
    detail: dict[str, Any]


def case_trail(sessions: sessionmaker[Session], case_id: int) -> list[TrailEntry]:
    """Oldest first. The entries are those of the rating's visit (a visit has one rating)."""
    try:
        with sessions() as session:
            found = session.execute(
                select(Rating.visit_id)
                .join(RatingCase, RatingCase.rating_id == Rating.id)
                .where(RatingCase.id == case_id)
            ).first()
            if found is None:
                raise CaseNotFound(f"there is no case {case_id}")
            rows = session.execute(
                select(AuditEntry, StaffMember.staff_no, StaffMember.name)
                .outerjoin(StaffMember, StaffMember.id == AuditEntry.staff_id)
                .where(AuditEntry.visit_id == found[0], AuditEntry.action.startswith(PREFIX))
                .order_by(AuditEntry.at, AuditEntry.id)
            ).all()
    except SQLAlchemyError as exc:
        raise StoreUnavailable(
            f"the case's history was not read: {exc.__class__.__name__}"
        ) from exc
    return [
        TrailEntry(
            aware(entry.at),
            entry.action.removeprefix(PREFIX),
            staff_no or "",
            name or "",
            dict(entry.detail),
        )
        for entry, staff_no, name in rows
    ]
