"""Records: every write the kiosk makes, as data with its own id, for the journal.

A record is what the caller is acknowledged for: once ``Journal.put`` returns, it is on disk
and will reach the store exactly once (its id goes into the row, under a unique constraint).
Each kind has a constructor here; ``kiosk.store.apply`` writes each kind to the store.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.flow.events import EventKind
from kiosk.flow.state import VisitState

VISIT_EVENT = "visit_event"
HELP_REQUEST = "help_request"
AUDIT = "audit"
PRINT_JOB = "print_job"
PRINT_DONE = "print_done"
DEVICE_EVENT = "device_event"
RECOVERY = "recovery"
KINDS = (VISIT_EVENT, HELP_REQUEST, AUDIT, PRINT_JOB, PRINT_DONE, DEVICE_EVENT, RECOVERY)


def new_id() -> str:
    return uuid.uuid4().hex


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


@dataclass(frozen=True)
class Record:
    """One write: ``kind`` says which, ``data`` holds plain JSON values, ``at`` when it happened."""

    kind: str
    data: Mapping[str, Any]
    id: str = field(default_factory=new_id)
    at: dt.datetime = field(default_factory=now)

    def to_json(self) -> str:
        return json.dumps(
            {"id": self.id, "kind": self.kind, "at": self.at.isoformat(), "data": self.data},
            ensure_ascii=False,
            sort_keys=True,
            default=str,  # a stray value (a date in an event's detail) is kept as text
        )

    @classmethod
    def from_json(cls, text: str) -> Record:
        """Raises ValueError (or KeyError, TypeError) on anything that is not a record."""
        raw = json.loads(text)
        kind = raw["kind"]
        if kind not in KINDS:
            raise ValueError(f"unknown record kind {kind!r}")
        return cls(
            kind=kind,
            data=dict(raw["data"]),
            id=str(raw["id"]),
            at=dt.datetime.fromisoformat(raw["at"]),
        )


def _state(state: VisitState | None) -> str | None:
    # Only where the visit stands: no name, no full ID, nothing typed.
    return state.to_json(include_private=False) if state is not None else None


def visit_event(
    kiosk_id: str,
    state: VisitState,
    kind: EventKind,
    detail: Mapping[str, Any],
    *,
    started_at: dt.datetime | None = None,
    at: dt.datetime | None = None,
) -> Record:
    """An engine event; ``started_at`` is the visit's wall-clock start (for its row)."""
    at = at or now()
    return Record(
        VISIT_EVENT,
        {
            "kiosk_id": kiosk_id,
            "state": _state(state),
            "event": kind.value,
            "detail": dict(detail),
            "started_at": (started_at or at).isoformat(),
        },
        at=at,
    )


def help_request(
    kiosk_id: str,
    reason: str,
    *,
    state: VisitState | None = None,
    started_at: dt.datetime | None = None,
    context: Mapping[str, Any] | None = None,
) -> Record:
    """A resident's call for a person; its row is found later by this record's id.

    ``requested_at`` is the press, so a call written after an outage counts its wait (and
    escalates) from when the resident asked, not from when the store came back.
    """
    at = now()
    return Record(
        HELP_REQUEST,
        {
            "kiosk_id": kiosk_id,
            "reason": reason,
            "state": _state(state),
            "started_at": (started_at or at).isoformat(),
            "context": dict(context or {}),
        },
        at=at,
    )


def audit_entry(
    action: str,
    *,
    staff_id: int | None = None,
    kiosk_id: str | None = None,
    visit_id: str | None = None,
    detail: Mapping[str, Any] | None = None,
    effects: list[Mapping[str, Any]] | None = None,
    at: dt.datetime | None = None,
) -> Record:
    """Who did what; ``effects`` are data (see kiosk.assist.effects) committed with it."""
    return Record(
        AUDIT,
        {
            "action": action,
            "staff_id": staff_id,
            "kiosk_id": kiosk_id,
            "visit_id": visit_id,
            "detail": dict(detail or {}),
            "effects": [dict(e) for e in effects or []],
        },
        at=at or now(),
    )


def print_job(
    kiosk_id: str,
    title: str,
    *,
    state: VisitState | None = None,
    started_at: dt.datetime | None = None,
) -> Record:
    """A print job, on record before its first byte goes out; finished by ``print_done``."""
    at = now()
    return Record(
        PRINT_JOB,
        {
            "kiosk_id": kiosk_id,
            "title": title[:200],
            "state": _state(state),
            "started_at": (started_at or at).isoformat(),
        },
        at=at,
    )


def print_done(job: Record | str, ok: bool, reason: str = "", warning: str = "") -> Record:
    """The outcome of the job made by record ``job`` (the record or its id)."""
    job_id = job.id if isinstance(job, Record) else job
    return Record(
        PRINT_DONE, {"job": job_id, "ok": ok, "reason": reason[:64], "warning": warning[:64]}
    )


def device_event(
    kiosk_id: str, device: str, state: str, media: str = "", detail: str = ""
) -> Record:
    """A device's change of state; a fault opens a staff task when it is written."""
    return Record(
        DEVICE_EVENT,
        {"kiosk_id": kiosk_id, "device": device, "state": state, "media": media, "detail": detail},
    )


def recovery(kiosk_id: str) -> Record:
    """Put once at start, before the first visit: what the last run left open is closed.

    Written in order, after every record the last run left in the journal and before any of
    this run's: visits still open then are closed as abandoned (at their last event), print
    jobs still pending become interrupted (a staff task), and an audit entry says how many.
    """
    return Record(RECOVERY, {"kiosk_id": kiosk_id})
