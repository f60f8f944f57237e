"""Staff sessions on the hall server, kept in the store: each instance checks a request's
session here, so signing out on one phone ends that session everywhere (a copy of its cookie
with it), and after a restart too.

A session stands while its row is not ended and its account is as it was at sign-in (active,
the same PIN: ``vocabulary.session_end``). Its end is written once, with an audit entry
(``staff_sign_out`` and the reason), and announced, so open pages learn it at once.
"""

from __future__ import annotations

import datetime as dt
import secrets

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist import audit
from kiosk.assist.notify import announce
from kiosk.assist.vocabulary import SignedIn, StaffInfo, credential_stamp, session_end
from kiosk.store.models import StaffMember, StaffSignIn

# A row older than this can stand for no session (the longest absolute end allowed is 7 days,
# server.session_max_s): signing in clears them, so the table stays as small as the hall's staff.
KEPT_FOR = dt.timedelta(days=8)


def open_session(sessions: sessionmaker[Session], staff_id: int, place: str) -> str | None:
    """A new session for an active account; its id (None if the account is disabled or gone).
    The account's PIN stamp is kept with it: a new PIN ends it."""
    with sessions.begin() as session:
        member = session.get(StaffMember, staff_id)
        if member is None or not member.active:
            return None
        old = dt.datetime.now(dt.UTC) - KEPT_FOR
        session.execute(delete(StaffSignIn).where(StaffSignIn.started_at < old))
        session_id = secrets.token_hex(16)
        stamp = credential_stamp(member.pin_hash)
        session.add(StaffSignIn(id=session_id, staff_id=staff_id, stamp=stamp, place=place[:64]))
        return session_id


def session_state(sessions: sessionmaker[Session], session_id: str) -> SignedIn | None:
    """Who a session is, as the account is now, and why it ended if it did; None for an id
    that was never given. One read, by primary key."""
    query = (
        select(StaffSignIn, StaffMember)
        .join(StaffMember, StaffMember.id == StaffSignIn.staff_id)
        .where(StaffSignIn.id == session_id)
    )
    with sessions() as session:
        found = session.execute(query).one_or_none()
        if found is None:
            return None
        row, member = found
        # The stamp it signed in with, so a caller can tell a PIN changed since.
        who = StaffInfo(
            member.id, member.staff_no, member.name, member.role, member.active, stamp=row.stamp
        )
        if row.ended_at is not None:
            ended: str | None = row.end_reason or "signed_out"
        else:
            now = credential_stamp(member.pin_hash) if member.active else None
            ended = session_end(row.stamp, now)
        return SignedIn(session_id, who, ended, row.ended_at is not None)


def end_session(sessions: sessionmaker[Session], session_id: str, reason: str, place: str) -> bool:
    """Ends a session that stands (audited, announced); False if it had ended already."""
    with sessions.begin() as session:
        ended = session.execute(
            update(StaffSignIn)
            .where(StaffSignIn.id == session_id, StaffSignIn.ended_at.is_(None))
            .values(ended_at=dt.datetime.now(dt.UTC), end_reason=reason)
            .execution_options(synchronize_session=False)
        )
        if not ended.rowcount:  # type: ignore[attr-defined]
            return False
        staff_id = session.scalar(select(StaffSignIn.staff_id).where(StaffSignIn.id == session_id))
        detail = {"reason": reason, "session": session_id[:8]}
        audit.record(session, audit.Entry("staff_sign_out", staff_id, place, detail=detail))
        announce(session, "staff")
        return True


def ended_since(sessions: sessionmaker[Session], since: dt.datetime) -> frozenset[str]:
    """The sessions ended since ``since``: an open page's stream of one of them ends."""
    query = select(StaffSignIn.id).where(StaffSignIn.ended_at >= since)
    with sessions() as session:
        return frozenset(session.scalars(query))
