"""The kiosk's records, as SQLAlchemy 2.0 typed models.

Visit events, help-request periods and audit entries are append-only: the figures the service is
judged by (time to a person, abandonment, ratings) are computed from the same rows that audit
uses. No column holds a full ID number: residents appear as a keyed hash and a masked form.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    type_annotation_map = {  # noqa: RUF012 (SQLAlchemy reads this class attribute)
        dt.datetime: DateTime(timezone=True),
        dict[str, Any]: JSON,
    }


# `record_id` (unique) is the id of the journal record a row was written from: a replay that
# finds it writes nothing, so a record reaches the store exactly once.


class Kiosk(Base):
    __tablename__ = "kiosks"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    hall: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    last_seen: Mapped[dt.datetime] = mapped_column(default=utcnow)
    # The heartbeat of the running kiosk (kiosk.heartbeat): what it runs, since when, and its
    # devices' newest states ({"printer": {"state": "online", "media": "ok"}, ...}).
    version: Mapped[str] = mapped_column(String(64), default="", server_default="")
    started_at: Mapped[dt.datetime | None]
    devices: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default="{}")


class Visit(Base):
    """One resident's session at a kiosk, from the first touch of a service to its end."""

    __tablename__ = "visits"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.id"), index=True)
    service_id: Mapped[str] = mapped_column(String(64), index=True)
    language: Mapped[str] = mapped_column(String(8))
    elder_mode: Mapped[bool] = mapped_column(Boolean, default=False)
    audio_mode: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    ended_at: Mapped[dt.datetime | None]
    outcome: Mapped[str | None] = mapped_column(String(32))
    resident_hash: Mapped[str | None] = mapped_column(String(64), index=True)
    resident_masked: Mapped[str | None] = mapped_column(String(32))
    state_json: Mapped[str | None] = mapped_column(Text)  # last state, without private data
    # The published version of the service it ran (0: the file shipped with the kiosk), so a
    # report can compare a service before and after a patch.
    service_version: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    events: Mapped[list[VisitEvent]] = relationship(
        back_populates="visit", order_by="VisitEvent.seq"
    )


class VisitEvent(Base):
    """Append-only: every step entered, input accepted or rejected, timeout, back, help offer."""

    __tablename__ = "visit_events"
    __table_args__ = (
        Index("ix_visit_events_visit_seq", "visit_id", "seq", unique=True),
        # The report reads events of a few kinds per visit and step from this index alone.
        Index("ix_visit_events_kind_visit_step", "kind", "visit_id", "step"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id", ondelete="CASCADE"))
    seq: Mapped[int] = mapped_column(Integer)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    kind: Mapped[str] = mapped_column(String(32), index=True)
    step: Mapped[str] = mapped_column(String(64), default="")
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    record_id: Mapped[str | None] = mapped_column(String(32), index=True, unique=True)

    visit: Mapped[Visit] = relationship(back_populates="events")


class HelpRequest(Base):
    """A resident's call for a person, with the context a helper needs (never an unmasked ID)."""

    __tablename__ = "help_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id"))
    service_id: Mapped[str] = mapped_column(String(64), default="")
    step: Mapped[str] = mapped_column(String(64), default="")
    reason: Mapped[str] = mapped_column(String(64), default="resident")
    language: Mapped[str] = mapped_column(String(8), default="zh")
    context: Mapped[dict[str, Any]] = mapped_column(default=dict)
    status: Mapped[str] = mapped_column(String(16), default="requested", index=True)
    requested_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    closed_at: Mapped[dt.datetime | None]
    resolution: Mapped[str | None] = mapped_column(String(32))
    record_id: Mapped[str | None] = mapped_column(String(32), index=True, unique=True)

    periods: Mapped[list[HelpPeriod]] = relationship(
        back_populates="request", order_by="HelpPeriod.started_at"
    )


class HelpPeriod(Base):
    """One period in a request's life: requested, acknowledged, assisting, escalated."""

    __tablename__ = "help_periods"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_id: Mapped[int] = mapped_column(
        ForeignKey("help_requests.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(16))
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[dt.datetime | None]
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"))
    note: Mapped[str] = mapped_column(Text, default="")

    request: Mapped[HelpRequest] = relationship(back_populates="periods")


class PrintJob(Base):
    """Recorded before the first byte goes out, updated with the outcome."""

    __tablename__ = "print_jobs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.id"), index=True)
    visit_id: Mapped[str | None] = mapped_column(ForeignKey("visits.id"))
    document: Mapped[str] = mapped_column(String(200))
    # pending, printed, failed; interrupted (pending when the kiosk stopped)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    reason: Mapped[str] = mapped_column(String(64), default="")
    warning: Mapped[str] = mapped_column(String(64), default="")
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    finished_at: Mapped[dt.datetime | None]
    record_id: Mapped[str | None] = mapped_column(String(32), index=True, unique=True)
    finish_record_id: Mapped[str | None] = mapped_column(String(32), index=True, unique=True)


class DeviceEvent(Base):
    __tablename__ = "device_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.id"), index=True)
    device: Mapped[str] = mapped_column(String(32))  # printer, idcard, scanner, audio
    state: Mapped[str] = mapped_column(String(32))
    media: Mapped[str] = mapped_column(String(32), default="")
    detail: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    record_id: Mapped[str | None] = mapped_column(String(32), index=True, unique=True)


class Rating(Base):
    __tablename__ = "ratings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    visit_id: Mapped[str] = mapped_column(ForeignKey("visits.id"), unique=True)
    kiosk_id: Mapped[str] = mapped_column(ForeignKey("kiosks.id"), index=True)
    service_id: Mapped[str] = mapped_column(String(64), index=True)
    level: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(64), default="")
    at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    followed_up: Mapped[bool] = mapped_column(Boolean, default=False)
    # A rating judged mistaken or malicious stays on record but out of the figures.
    withdrawn_at: Mapped[dt.datetime | None]
    withdrawn_reason: Mapped[str] = mapped_column(Text, default="")


class RatingCase(Base):
    """The follow-up of a poor rating: category, deadline in working days, 回访, rectification.

    Status moves open -> contacted -> rectified -> closed; a withdrawn rating closes its case as
    ``withdrawn``. Every change is an audit entry as well.
    """

    __tablename__ = "rating_cases"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    rating_id: Mapped[int] = mapped_column(ForeignKey("ratings.id"), unique=True)
    category: Mapped[str] = mapped_column(String(16), default="other")
    status: Mapped[str] = mapped_column(String(16), default="open", index=True)
    opened_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    due_on: Mapped[dt.date] = mapped_column(Date, index=True)
    contacted_at: Mapped[dt.datetime | None]
    contact_result: Mapped[str] = mapped_column(Text, default="")
    rectified_at: Mapped[dt.datetime | None]
    rectification: Mapped[str] = mapped_column(Text, default="")
    closed_at: Mapped[dt.datetime | None]
    closure: Mapped[str] = mapped_column(Text, default="")


class StaffMember(Base):
    __tablename__ = "staff_members"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    staff_no: Mapped[str] = mapped_column(String(32), index=True, unique=True)  # 工号
    name: Mapped[str] = mapped_column(String(100))
    role: Mapped[str] = mapped_column(String(16), default="helper")  # helper, supervisor, manager
    pin_hash: Mapped[str] = mapped_column(String(256))
    badge_hash: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None]
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)


class StaffSignIn(Base):
    """A staff member signed in on the hall server: its cookie names this row, so signing out
    (or the account's change) ends it for every instance, and a copy of the cookie with it."""

    __tablename__ = "staff_sessions"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)  # random, in the signed cookie
    staff_id: Mapped[int] = mapped_column(ForeignKey("staff_members.id"), index=True)
    stamp: Mapped[str] = mapped_column(String(16))  # the account's PIN stamp at sign-in
    place: Mapped[str] = mapped_column(String(64))
    started_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    ended_at: Mapped[dt.datetime | None] = mapped_column(index=True)
    end_reason: Mapped[str | None] = mapped_column(String(32))


class AuditEntry(Base):
    """Append-only: who did what, where, to which visit."""

    __tablename__ = "audit_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)
    staff_id: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"))
    kiosk_id: Mapped[str | None] = mapped_column(String(64))
    visit_id: Mapped[str | None] = mapped_column(String(32))
    action: Mapped[str] = mapped_column(String(64))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    record_id: Mapped[str | None] = mapped_column(String(32), index=True, unique=True)


class ServiceVersion(Base):
    """A service file published to the hall, append-only: the newest row of a service is what
    its kiosks serve. No content means withdrawn: kiosks serve the file they shipped with."""

    __tablename__ = "service_versions"
    __table_args__ = (
        Index("ix_service_versions_service_version", "service_id", "version", unique=True),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    service_id: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    content: Mapped[str | None] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), default="")
    filename: Mapped[str] = mapped_column(String(200), default="")
    author: Mapped[str] = mapped_column(String(100), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    rollback_of: Mapped[int | None] = mapped_column(Integer)  # the version it returned to
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow, index=True)


class CounterTicket(Base):
    """A number for a staffed counter; the reference opens what the resident already did."""

    __tablename__ = "counter_tickets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    business: Mapped[str] = mapped_column(String(32), index=True)
    number: Mapped[str] = mapped_column(String(16))
    issued_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    served_at: Mapped[dt.datetime | None]
    visit_id: Mapped[str | None] = mapped_column(String(32), index=True)
    summary: Mapped[str] = mapped_column(Text, default="")
    counter: Mapped[str] = mapped_column(String(16), default="")  # the window(s) to go to


class PhoneLink(Base):
    """掌上办: a short-lived link that opens one visit's result on the resident's phone.

    Only a hash of the token is kept, so a copy of the table opens nothing; ``content`` holds
    what the phone shows (masked facts only), written by the kiosk when it made the link.
    """

    __tablename__ = "phone_links"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    visit_id: Mapped[str] = mapped_column(String(32), index=True)
    kiosk_id: Mapped[str] = mapped_column(String(64), default="")
    content: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[dt.datetime] = mapped_column(index=True)
    revoked_at: Mapped[dt.datetime | None]
    revoked_by: Mapped[int | None] = mapped_column(ForeignKey("staff_members.id"))


# -- the demo backend's fictional residents ---------------------------------------------------


class DemoResident(Base):
    __tablename__ = "demo_residents"

    id_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    masked: Mapped[str] = mapped_column(String(32))
    name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(16), default="")
    insured_since: Mapped[str] = mapped_column(String(10))
    employer: Mapped[str] = mapped_column(String(200), default="")
    pensioner: Mapped[bool] = mapped_column(Boolean, default=False)
    certified_until: Mapped[str] = mapped_column(String(10), default="")
    card_number: Mapped[str] = mapped_column(String(32))
    card_status: Mapped[str] = mapped_column(String(16), default="normal")  # normal, lost
    card_bank: Mapped[str] = mapped_column(String(100), default="")
    qr_token: Mapped[str] = mapped_column(String(64), unique=True)


class DemoContribution(Base):
    __tablename__ = "demo_contributions"
    __table_args__ = (Index("ix_demo_contrib_resident_month", "id_hash", "month", unique=True),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    id_hash: Mapped[str] = mapped_column(ForeignKey("demo_residents.id_hash", ondelete="CASCADE"))
    month: Mapped[str] = mapped_column(String(7))  # YYYY-MM
    base_cents: Mapped[int] = mapped_column(Integer)
    personal_cents: Mapped[int] = mapped_column(Integer)
    employer_cents: Mapped[int] = mapped_column(Integer)
