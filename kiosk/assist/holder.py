"""Who has a help call, and who else may act on it.

A call a helper has taken (acknowledged, or with the resident) is theirs: only they say they
arrived or close it. Anyone else is refused with ``CallTaken``, which names them. Two kinds of
exception, each audited with the helper it was taken from:

- a supervisor or manager may close or take over any call (``help_call_overridden``): who
  answers is theirs to arrange, and a helper may have gone home with a call still open;
- a helper who signs in at the kiosk itself (the takeover) is standing by the resident, so
  the call becomes theirs (``help_call_taken_at_kiosk``).

A note is not an action on the call: anyone may add what they know while it is open.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.assist import audit
from kiosk.assist.vocabulary import OVERRIDES_CALLS, CallTaken
from kiosk.store.models import HelpPeriod, HelpRequest, StaffMember

HELD = ("acknowledged", "assisting")


def holder_of(session: Session, request: HelpRequest) -> int | None:
    """The helper who has the call now; None while nobody does."""
    if request.status not in HELD:
        return None
    return session.scalar(
        select(HelpPeriod.staff_id).where(
            HelpPeriod.request_id == request.id, HelpPeriod.ended_at.is_(None)
        )
    )


def may_act(
    session: Session, request: HelpRequest, staff_id: int | None, action: str, place: str
) -> None:
    """Before ``action`` (arrive, resolve) by ``staff_id``: ``CallTaken`` unless the call is
    nobody's, theirs, or they may override (then audited). No staff member (the system, a
    kiosk's own end of a visit) is not refused."""
    held_by = holder_of(session, request)
    if held_by is None or staff_id is None or held_by == staff_id:
        return
    actor = session.get(StaffMember, staff_id)
    if actor is not None and actor.active and actor.role in OVERRIDES_CALLS:
        _record(session, "help_call_overridden", request, staff_id, place, held_by, action)
        return
    holder = session.get(StaffMember, held_by)
    raise CallTaken(request.id, held_by, holder.name if holder is not None else "")


def taken_at_kiosk(session: Session, request: HelpRequest, staff_id: int | None) -> str:
    """A helper signed in at the call's kiosk: the call is theirs whoever had it. Audited
    when it was someone else's; the note for the new period ("" when nothing changed hands)."""
    held_by = holder_of(session, request)
    if held_by is None or staff_id is None or held_by == staff_id:
        return ""
    _record(session, "help_call_taken_at_kiosk", request, staff_id, request.kiosk_id, held_by)
    return f"taken over at the kiosk from staff {held_by}"


def _record(
    session: Session,
    action: str,
    request: HelpRequest,
    staff_id: int,
    place: str,
    held_by: int,
    what: str = "takeover",
) -> None:
    detail = {"request_id": request.id, "action": what, "held_by": held_by}
    audit.record(session, audit.Entry(action, staff_id, place, request.visit_id, detail=detail))
