"""Hall server sessions in the store: one signed out is ended for every reader of the store
(another instance, after a restart), audited once; a disabled account or a new PIN ends it
too; the session says who it is as the account is now."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, select

from kiosk.api.staff import StaffAccounts
from kiosk.api.store import Store
from kiosk.assist import signins, staff
from kiosk.config.keys import KEYS_BY_NAME
from kiosk.store.models import AuditEntry, StaffSignIn

SECOND, MINUTE = dt.timedelta(seconds=1), dt.timedelta(minutes=1)


def _sign_outs(accounts: StaffAccounts) -> list[tuple[int | None, str, str]]:
    with accounts.store.sessions() as session:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "staff_sign_out").order_by(AuditEntry.id)
        )
        return [(r.staff_id, str(r.kiosk_id), str(r.detail["reason"])) for r in rows]


def test_a_session_signed_out_is_ended_for_every_instance(store: Engine) -> None:
    here, there = StaffAccounts(Store(store)), StaffAccounts(Store(store))
    wang = here.add("1003", "王五", "1111")
    who = here.sign_in("1003", "1111", "web:10.0.0.5")
    session_id = here.open_session(who, "web:10.0.0.5")
    assert session_id is not None
    found = there.session(session_id)
    assert found is not None and found.ended is None
    assert (found.who.id, found.who.name, found.who.role) == (wang.id, "王五", "helper")
    assert there.session("0" * 32) is None
    assert here.end_session(session_id, "web:10.0.0.5")
    assert not there.end_session(session_id, "web:10.0.0.6")  # once
    found = there.session(session_id)
    assert found is not None and (found.ended, found.recorded) == ("signed_out", True)
    assert there.ended_sessions(60) == {session_id}
    assert _sign_outs(here) == [(wang.id, "web:10.0.0.5", "signed_out")]


def test_a_disabled_account_or_a_new_pin_ends_its_sessions(store: Engine) -> None:
    accounts = StaffAccounts(Store(store))
    accounts.add("1003", "王五", "1111")
    accounts.add("1004", "赵六", "2222")
    wang = accounts.sign_in("1003", "1111", "web:a")
    zhao = accounts.sign_in("1004", "2222", "web:b")
    first, second = accounts.open_session(wang, "web:a"), accounts.open_session(zhao, "web:b")
    assert first is not None and second is not None
    staff.reset_pin(accounts.store.sessions, "1003", "5678")
    staff.disable(accounts.store.sessions, "1004")
    pin_changed, disabled = accounts.session(first), accounts.session(second)
    assert pin_changed is not None and (pin_changed.ended, pin_changed.recorded) == (
        "pin_changed",
        False,
    )
    assert disabled is not None and disabled.ended == "account_disabled"
    assert accounts.open_session(zhao, "web:b") is None  # disabled: no new session


def test_signing_in_clears_rows_no_session_can_stand_for(store: Engine) -> None:
    longest = KEYS_BY_NAME["server.session_max_s"].hi
    assert longest is not None and signins.KEPT_FOR.total_seconds() > longest
    accounts = StaffAccounts(Store(store))
    accounts.add("1003", "王五", "1111")
    wang = accounts.sign_in("1003", "1111", "web:a")
    stale, recent = accounts.open_session(wang, "web:a"), accounts.open_session(wang, "web:a")
    assert stale is not None and recent is not None
    now = dt.datetime.now(dt.UTC)
    with accounts.store.sessions.begin() as session:
        session.get_one(StaffSignIn, stale).started_at = now - signins.KEPT_FOR - SECOND
        session.get_one(StaffSignIn, recent).started_at = now - signins.KEPT_FOR + MINUTE
    fresh = accounts.open_session(wang, "web:a")
    with accounts.store.sessions() as session:
        kept = set(session.scalars(select(StaffSignIn.id)))
    assert kept == {recent, fresh}
