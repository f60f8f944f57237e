"""Staff, as every front end sees them: sign in (PIN or badge), sign out, accounts, audit.

Sign-in is the same everywhere (kiosk, console, phone): scrypt PINs, lockout after five
failures, every attempt audited with the place it was made. BLOCKING calls; domain errors only
(``AuthFailed``, ``StaffError``, ``StoreUnavailable``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from kiosk.api.store import Store
from kiosk.assist import audit, signins, staff
from kiosk.assist.vocabulary import AuthFailed, SessionEnded, SignedIn, StaffInfo, session_end

__all__ = ["AuthFailed", "SessionEnded", "SignedIn", "StaffAccounts", "StaffInfo"]


class StaffAccounts:
    def __init__(self, store: Store) -> None:
        self.store = store

    def sign_in(self, staff_no: str, pin: str, place: str) -> StaffInfo:
        """About 50 ms of hashing; ``AuthFailed`` says why (the same words for unknown and
        wrong, so an account's existence is not told)."""
        with self.store.guard("sign in"):
            return staff.authenticate(self.store.sessions, staff_no, pin, place)

    def confirm_pin(self, who: StaffInfo, pin: str, place: str) -> None:
        """A signed-in helper types their PIN again before a grave action (leaving kiosk mode,
        confirming an identity by hand); ``AuthFailed`` when it is not theirs. Audited, and
        wrong tries count towards the lockout."""
        with self.store.guard("check a PIN"):
            staff.authenticate(self.store.sessions, who.staff_no, pin, place, purpose="pin_check")

    def sign_in_badge(self, badge: str, place: str) -> StaffInfo:
        with self.store.guard("sign in"):
            return staff.authenticate_badge(self.store.sessions, badge, place)

    def sign_out(self, who: StaffInfo, place: str, why: str = "signed_out") -> None:
        """Audited: ``why`` is signed_out, idle, walked_away, or (a sign-in ended by the
        account's change) account_disabled or pin_changed."""
        self.record(who, "staff_sign_out", place, reason=why)

    def record(self, who: StaffInfo | None, action: str, place: str, **detail: Any) -> None:
        """One audit entry for a staff action taken outside a takeover."""
        entry = audit.Entry(action, who.id if who else None, place, detail=detail)
        with self.store.guard("audit"):
            audit.write(self.store.sessions, entry)

    # -- the hall server's sessions: kept in the store, so every instance ends them ----------

    def open_session(self, who: StaffInfo, place: str) -> str | None:
        """After ``sign_in``: a session's id for the cookie (None if the account was disabled
        meanwhile)."""
        with self.store.guard("open a session"):
            return signins.open_session(self.store.sessions, who.id, place)

    def session(self, session_id: str) -> SignedIn | None:
        """The session and its account now (None: no such session). One indexed read."""
        with self.store.guard("check a session"):
            return signins.session_state(self.store.sessions, session_id)

    def end_session(self, session_id: str, place: str, why: str = "signed_out") -> bool:
        """Signed out (or ended by the account's change): refused from now on wherever its
        cookie is shown. Audited once (``staff_sign_out``); False if it had ended already."""
        with self.store.guard("end a session"):
            return signins.end_session(self.store.sessions, session_id, why, place)

    def ended_sessions(self, within_s: float) -> frozenset[str]:
        """Sessions ended in the last ``within_s`` seconds (for pages that stay open)."""
        since = dt.datetime.now(dt.UTC) - dt.timedelta(seconds=within_s)
        with self.store.guard("check sessions"):
            return signins.ended_since(self.store.sessions, since)

    def stamp(self, staff_id: int) -> str | None:
        """What names the account's PIN now (``staff.credential_stamp``); None when it is
        disabled or gone. A session keeps the stamp it signed in with: another one means the
        PIN was changed since, and the session ends."""
        with self.store.guard("check a staff account"):
            return staff.stamps(self.store.sessions, staff_id).get(staff_id)

    def ended(self, who: StaffInfo) -> str | None:
        """Why the sign-in ``who`` came from no longer stands (account_disabled, pin_changed:
        the account changed since), None while it does. One indexed read."""
        return session_end(who.stamp, self.stamp(who.id))

    def check(self, who: StaffInfo) -> None:
        """Before a signed-in staff member's action: ``SessionEnded`` when the sign-in no
        longer stands."""
        reason = self.ended(who)
        if reason is not None:
            raise SessionEnded(reason)

    def stamps(self) -> dict[int, str]:
        """Every active account's stamp, in one read (for pages that stay open)."""
        with self.store.guard("check staff accounts"):
            return staff.stamps(self.store.sessions)

    def get(self, staff_id: int) -> StaffInfo | None:
        with self.store.guard("read a staff account"):
            return staff.get_staff(self.store.sessions, staff_id)

    def list(self) -> list[StaffInfo]:
        with self.store.guard("list staff"):
            return staff.list_staff(self.store.sessions)

    def add(
        self, staff_no: str, name: str, pin: str, role: str = "helper", badge: str | None = None
    ) -> StaffInfo:
        with self.store.guard("add staff"):
            return staff.add_staff(self.store.sessions, staff_no, name, pin, role, badge)
