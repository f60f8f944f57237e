"""Staff accounts: memory-hard PIN hashes, lockout after five failures, every attempt audited."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.staff import StaffAccounts
from kiosk.api.store import Store
from kiosk.assist import audit, staff
from kiosk.assist.vocabulary import AuthFailed, SessionEnded, StaffError, sign_in_refusal


class Now:
    def __init__(self) -> None:
        self.at = dt.datetime(2025, 3, 1, 9, 0, tzinfo=dt.UTC)

    def __call__(self) -> dt.datetime:
        return self.at


def test_pin_hash_is_salted_scrypt_and_verifies() -> None:
    a, b = staff.hash_pin("2468"), staff.hash_pin("2468")
    assert a.startswith("scrypt$16384$8$1$") and a != b
    assert "2468" not in a
    assert staff.verify_pin("2468", a) and not staff.verify_pin("2469", a)
    assert not staff.verify_pin("2468", "md5$x")


@pytest.mark.parametrize("pin", ["12", "abcd", "1234567890123", "１２３４"])
def test_pin_format_is_checked(pin: str) -> None:
    with pytest.raises(StaffError):
        staff.check_pin_format(pin)


def test_add_list_disable_reset(sessions: sessionmaker[Session]) -> None:
    wang = staff.add_staff(sessions, "1024", "王芳", "2468", badge="BADGE-1024")
    staff.add_staff(sessions, "2048", "李强", "1357", role="supervisor")
    with pytest.raises(StaffError, match="already exists"):
        staff.add_staff(sessions, "1024", "王芳", "2468")
    assert [s.staff_no for s in staff.list_staff(sessions)] == ["1024", "2048"]
    assert wang.label == "王芳（工号 1024）"
    staff.disable(sessions, "1024")
    with pytest.raises(AuthFailed) as failed:
        staff.authenticate(sessions, "1024", "2468", "kiosk-1")
    assert failed.value.reason == "disabled"
    staff.reset_pin(sessions, "1024", "9999")  # enables again
    assert staff.authenticate(sessions, "1024", "9999", "kiosk-1").name == "王芳"
    with pytest.raises(StaffError):
        staff.disable(sessions, "7777")


def test_five_failures_lock_for_five_minutes(sessions: sessionmaker[Session]) -> None:
    now = Now()
    staff.add_staff(sessions, "1024", "王芳", "2468")
    lefts = []
    for _ in range(4):
        with pytest.raises(AuthFailed) as failed:
            staff.authenticate(sessions, "1024", "0000", "kiosk-1", now=now)
        lefts.append(failed.value.attempts_left)
    assert lefts == [4, 3, 2, 1]
    with pytest.raises(AuthFailed) as failed:
        staff.authenticate(sessions, "1024", "0000", "kiosk-1", now=now)
    assert failed.value.reason == "locked"
    assert failed.value.locked_until == now.at + dt.timedelta(minutes=5)
    # Locked: even the right PIN is refused, until the five minutes are over.
    now.at += dt.timedelta(minutes=4, seconds=59)
    with pytest.raises(AuthFailed, match="locked"):
        staff.authenticate(sessions, "1024", "2468", "kiosk-1", now=now)
    now.at += dt.timedelta(seconds=2)
    assert staff.authenticate(sessions, "1024", "2468", "kiosk-1", now=now).staff_no == "1024"
    # A success clears the count: four more wrong PINs do not lock.
    for _ in range(4):
        with pytest.raises(AuthFailed, match="wrong_pin"):
            staff.authenticate(sessions, "1024", "0000", "kiosk-1", now=now)


def test_every_attempt_is_audited(sessions: sessionmaker[Session]) -> None:
    wang = staff.add_staff(sessions, "1024", "王芳", "2468", badge="B-1")
    for pin in ("0000", "2468"):
        with contextlib.suppress(AuthFailed):
            staff.authenticate(sessions, "1024", pin, "kiosk-2")
    with pytest.raises(AuthFailed, match="unknown"):
        staff.authenticate(sessions, "9999", "2468", "kiosk-2")
    assert staff.authenticate_badge(sessions, "B-1", "kiosk-2").id == wang.id
    with pytest.raises(AuthFailed, match="unknown"):
        staff.authenticate_badge(sessions, "B-2", "kiosk-2")
    rows = [
        (e.action, e.staff_id, e.kiosk_id, e.detail["method"], e.detail["result"])
        for e in audit.entries(sessions)
        if e.action.startswith("staff_sign_in")
    ]
    assert rows == [
        ("staff_sign_in_failed", wang.id, "kiosk-2", "pin", "wrong_pin"),
        ("staff_sign_in", wang.id, "kiosk-2", "pin", "ok"),
        ("staff_sign_in_failed", None, "kiosk-2", "pin", "unknown"),
        ("staff_sign_in", wang.id, "kiosk-2", "badge", "ok"),
        ("staff_sign_in_failed", None, "kiosk-2", "badge", "unknown"),
    ]
    # No PIN or badge code ever reaches the audit.
    text = repr([e.detail for e in audit.entries(sessions)])
    assert "2468" not in text and "B-1" not in text


@pytest.mark.parametrize(
    "stored",
    [
        "scrypt$x$8$1$c2FsdA==$ZGlnZXN0",  # cost not a number
        "scrypt$16384$8$1$not base64!$ZGlnZXN0",  # salt not base64
        "scrypt$1000$8$1$c2FsdA==$ZGlnZXN0",  # n not a power of two
        "scrypt$16384$0$1$c2FsdA==$ZGlnZXN0",  # r zero
        f"scrypt${2**40}$8$1$c2FsdA==$ZGlnZXN0",  # far beyond the memory allowed
        "scrypt$16384$8$1$c2FsdA==$%%%",  # digest not base64
        "",
    ],
)
def test_a_malformed_stored_hash_never_verifies(stored: str) -> None:
    assert staff.verify_pin("2468", stored) is False


def test_sign_in_against_a_malformed_hash_fails_and_is_audited(
    sessions: sessionmaker[Session],
) -> None:
    from kiosk.store.models import StaffMember

    wang = staff.add_staff(sessions, "1024", "王芳", "2468")
    with sessions.begin() as session:
        row = session.get(StaffMember, wang.id)
        assert row is not None
        row.pin_hash = "scrypt$16384$8$1$not base64!$ZGlnZXN0"
    with pytest.raises(AuthFailed) as failed:
        staff.authenticate(sessions, "1024", "2468", "kiosk-1")
    assert failed.value.reason == "wrong_pin"
    rows = [
        (e.action, e.staff_id, e.detail["result"])
        for e in audit.entries(sessions)
        if e.action.startswith("staff_sign_in")
    ]
    assert rows == [("staff_sign_in_failed", wang.id, "wrong_pin")]


def test_a_refusal_reads_the_same_for_unknown_wrong_locked_and_disabled(
    sessions: sessionmaker[Session],
) -> None:
    """An onlooker must not learn from the screen which staff numbers exist."""
    staff.add_staff(sessions, "1024", "王芳", "2468")
    staff.add_staff(sessions, "2048", "李强", "1357")
    staff.disable(sessions, "2048")
    now = Now()
    errors: list[AuthFailed] = []
    for number in ("9999", "1024", "2048"):
        with pytest.raises(AuthFailed) as refused:
            staff.authenticate(sessions, number, "0000", "kiosk-1", now=now)
        errors.append(refused.value)
    for _ in range(5):
        with contextlib.suppress(AuthFailed):
            staff.authenticate(sessions, "1024", "0000", "kiosk-1", now=now)
    with pytest.raises(AuthFailed) as locked:
        staff.authenticate(sessions, "1024", "2468", "kiosk-1", now=now)
    errors.append(locked.value)
    assert {e.reason for e in errors} == {"unknown", "wrong_pin", "disabled", "locked"}
    for lang in ("zh", "en", "yue"):
        words = {sign_in_refusal(e, lang) for e in errors}
        assert len(words) == 1, words
        assert "1024" not in words.pop()


def test_a_sign_in_stands_until_the_account_is_disabled_or_its_pin_changed(
    sessions: sessionmaker[Session],
) -> None:
    """What every front end asks before a signed-in helper's action (kiosk, console, web)."""
    accounts = StaffAccounts(Store(sessions.kw["bind"]))
    staff.add_staff(sessions, "1024", "王芳", "2468")
    by_pin = accounts.sign_in("1024", "2468", "kiosk-1")
    assert accounts.ended(by_pin) is None
    accounts.check(by_pin)  # stands: nothing raised
    staff.reset_pin(sessions, "1024", "1357")
    assert accounts.ended(by_pin) == "pin_changed"
    with pytest.raises(SessionEnded) as ended:
        accounts.check(by_pin)
    assert ended.value.reason == "pin_changed"
    again = accounts.sign_in("1024", "1357", "kiosk-1")
    assert accounts.ended(again) is None
    staff.disable(sessions, "1024")
    assert accounts.ended(again) == "account_disabled"
