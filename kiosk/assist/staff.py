"""Staff accounts: PINs under a memory-hard hash, badges, lockout, every attempt audited.

A PIN is hashed with scrypt (16 MiB, about 50 ms), so a stolen table does not give the short
PINs away by brute force. Five wrong PINs lock the account for five minutes. A sign-in names
the account (工号) so the lockout belongs to one person, not to the kiosk.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import secrets
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist import audit, notify
from kiosk.assist.times import aware, utcnow
from kiosk.assist.vocabulary import ROLES, AuthFailed, StaffError, StaffInfo, credential_stamp
from kiosk.store.models import StaffMember

MAX_FAILURES = 5
LOCKOUT = dt.timedelta(minutes=5)
# scrypt cost: n=2**14, r=8 uses 16 MiB per check.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
Now = Callable[[], dt.datetime]


def check_pin_format(pin: str) -> None:
    if not (pin.isdigit() and pin.isascii() and 4 <= len(pin) <= 12):
        raise StaffError("a PIN is 4 to 12 digits")


def hash_pin(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(
        pin.encode(), salt=salt, n=SCRYPT_N, r=SCRYPT_R, p=SCRYPT_P, maxmem=64 * 1024 * 1024
    )
    b64 = base64.b64encode
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${b64(salt).decode()}${b64(digest).decode()}"


def verify_pin(pin: str, stored: str) -> bool:
    """Whether ``pin`` matches ``stored``; a malformed or unknown stored hash never matches."""
    try:
        kind, n, r, p, salt, digest = stored.split("$")
        if kind != "scrypt":
            return False
        got = hashlib.scrypt(
            pin.encode(),
            salt=base64.b64decode(salt, validate=True),
            n=int(n),
            r=int(r),
            p=int(p),
            maxmem=64 * 1024 * 1024,
        )
        return hmac.compare_digest(got, base64.b64decode(digest, validate=True))
    except (ValueError, OverflowError, MemoryError):  # binascii.Error is a ValueError
        return False


def hash_badge(code: str) -> str:
    # Badge codes are long and random: a plain digest is enough to keep them out of the table.
    return hashlib.sha256(code.strip().encode()).hexdigest()


_DUMMY = hash_pin("000000")  # checked for unknown numbers so timing does not tell who exists


def _row(session: Session, staff_no: str, *, lock: bool = False) -> StaffMember | None:
    query = select(StaffMember).where(StaffMember.staff_no == staff_no)
    if lock:
        query = query.with_for_update()  # PostgreSQL: two kiosks count failures one at a time
    return session.scalars(query).first()


def add_staff(
    sessions: sessionmaker[Session],
    staff_no: str,
    name: str,
    pin: str,
    role: str = "helper",
    badge: str | None = None,
) -> StaffInfo:
    check_pin_format(pin)
    if role not in ROLES:
        raise StaffError(f"role must be one of {', '.join(ROLES)}")
    if not staff_no.strip() or not name.strip():
        raise StaffError("a staff number and a name are needed")
    try:
        with sessions.begin() as session:
            row = StaffMember(
                staff_no=staff_no.strip(),
                name=name.strip(),
                role=role,
                pin_hash=hash_pin(pin),
                badge_hash=hash_badge(badge) if badge else None,
            )
            session.add(row)
            session.flush()
            audit.record(session, audit.Entry("staff_added", row.id, detail={"role": role}))
            return StaffInfo.of(row)
    except IntegrityError:
        raise StaffError(f"staff number {staff_no} already exists") from None


def list_staff(sessions: sessionmaker[Session]) -> list[StaffInfo]:
    with sessions() as session:
        rows = session.scalars(select(StaffMember).order_by(StaffMember.staff_no)).all()
        return [StaffInfo.of(r) for r in rows]


def get_staff(sessions: sessionmaker[Session], staff_id: int) -> StaffInfo | None:
    with sessions() as session:
        row = session.get(StaffMember, staff_id)
        return StaffInfo.of(row) if row else None


def stamps(sessions: sessionmaker[Session], staff_id: int | None = None) -> dict[int, str]:
    """The active accounts' stamps (one account's with ``staff_id``): a disabled account has
    none, so nothing signed in as it stays signed in."""
    query = select(StaffMember.id, StaffMember.pin_hash).where(StaffMember.active.is_(True))
    if staff_id is not None:
        query = query.where(StaffMember.id == staff_id)
    with sessions() as session:
        return {id_: credential_stamp(pin_hash) for id_, pin_hash in session.execute(query)}


def disable(sessions: sessionmaker[Session], staff_no: str) -> StaffInfo:
    with sessions.begin() as session:
        row = _row(session, staff_no)
        if row is None:
            raise StaffError(f"no staff member with number {staff_no}")
        row.active = False
        audit.record(session, audit.Entry("staff_disabled", row.id))
        notify.announce(session, "staff")  # open pages of this account end now
        return StaffInfo.of(row)


def reset_pin(sessions: sessionmaker[Session], staff_no: str, pin: str) -> StaffInfo:
    """A new PIN; also lifts a lockout and enables the account again."""
    check_pin_format(pin)
    with sessions.begin() as session:
        row = _row(session, staff_no)
        if row is None:
            raise StaffError(f"no staff member with number {staff_no}")
        row.pin_hash, row.failed_attempts, row.locked_until = hash_pin(pin), 0, None
        row.active = True
        audit.record(session, audit.Entry("staff_pin_reset", row.id))
        notify.announce(session, "staff")
        return StaffInfo.of(row)


def authenticate(
    sessions: sessionmaker[Session],
    staff_no: str,
    pin: str,
    kiosk_id: str,
    *,
    now: Now = utcnow,
    purpose: str = "sign_in",
) -> StaffInfo:
    """BLOCKING (about 50 ms of hashing): a signed-in staff member, or AuthFailed. Audited as
    ``staff_<purpose>`` (sign_in; pin_check when a signed-in helper confirms a grave action),
    with the same lockout."""
    failure: AuthFailed | None = None
    with sessions.begin() as session:
        row = _row(session, staff_no, lock=True)
        at = now()
        entry = {"method": "pin", "staff_no": staff_no}
        if row is None:
            verify_pin(pin, _DUMMY)
            failure = AuthFailed("unknown")
        elif not row.active:
            failure = AuthFailed("disabled")
        elif row.locked_until is not None and (until := aware(row.locked_until)) > at:
            failure = AuthFailed("locked", locked_until=until)
        elif not verify_pin(pin, row.pin_hash):
            row.failed_attempts += 1
            left = MAX_FAILURES - row.failed_attempts
            if left <= 0:
                row.locked_until, row.failed_attempts = at + LOCKOUT, 0
                failure = AuthFailed("locked", locked_until=row.locked_until)
                entry["locked"] = "yes"
            else:
                failure = AuthFailed("wrong_pin", attempts_left=left)
        else:
            row.failed_attempts, row.locked_until = 0, None
        ok = failure is None
        entry["result"] = "ok" if ok else failure.reason  # type: ignore[union-attr]
        audit.record(
            session,
            audit.Entry(
                f"staff_{purpose}" if ok else f"staff_{purpose}_failed",
                row.id if row else None,
                kiosk_id,
                at=at,
                detail=entry,
            ),
        )
        info = StaffInfo.of(row) if row is not None else None
    if failure is not None:
        raise failure
    assert info is not None
    return info


def authenticate_badge(
    sessions: sessionmaker[Session], badge: str, kiosk_id: str, *, now: Now = utcnow
) -> StaffInfo:
    """A scanned staff badge; refused when unknown, disabled or locked. Audited."""
    with sessions.begin() as session:
        row = session.scalars(
            select(StaffMember).where(StaffMember.badge_hash == hash_badge(badge))
        ).first()
        at = now()
        until = aware(row.locked_until) if row and row.locked_until else None
        reason = (
            "unknown"
            if row is None
            else "disabled"
            if not row.active
            else "locked"
            if until is not None and until > at
            else ""
        )
        audit.record(
            session,
            audit.Entry(
                "staff_sign_in_failed" if reason else "staff_sign_in",
                row.id if row else None,
                kiosk_id,
                at=at,
                detail={"method": "badge", "result": reason or "ok"},
            ),
        )
        info = StaffInfo.of(row) if row is not None else None
    if reason:
        raise AuthFailed(reason, locked_until=until)
    assert info is not None
    return info
