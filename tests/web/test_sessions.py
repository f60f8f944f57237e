"""Signed sessions and form tokens, without a browser: expiry by idleness and by age, a
different hall's key, a token for another purpose."""

from __future__ import annotations

from ui.web.security import Signer, StaffSession, csrf_ok, new_csrf, same_origin

KEY = b"k" * 32


def test_a_session_expires_when_idle_or_old() -> None:
    signer = Signer(KEY)
    cookie = StaffSession(7, "1001", "张三", "helper", 1000.0, 2000.0).to_cookie(signer)
    read = StaffSession.from_cookie(signer, cookie, 2000.0 + 1799, idle_s=1800, max_s=43200)
    assert read is not None and read.staff_id == 7 and read.name == "张三"
    assert StaffSession.from_cookie(signer, cookie, 2000.0 + 1801, 1800, 43200) is None
    assert StaffSession.from_cookie(signer, cookie, 1000.0 + 43201, 10**6, 43200) is None


def test_another_key_or_purpose_is_refused() -> None:
    cookie = StaffSession(7, "1001", "张三", "helper", 0.0, 0.0).to_cookie(Signer(KEY))
    assert StaffSession.from_cookie(Signer(b"x" * 32), cookie, 1.0, 1800, 43200) is None
    token = new_csrf(Signer(KEY))
    assert csrf_ok(Signer(KEY), token, token)
    assert not csrf_ok(Signer(KEY), token, new_csrf(Signer(KEY)))
    assert not csrf_ok(Signer(KEY), cookie, cookie)  # a session is not a form token
    assert not csrf_ok(Signer(KEY), None, token)


def test_origin_must_be_this_host_when_given() -> None:
    assert same_origin(None, "hall:8080")
    assert same_origin("https://hall:8080", "hall:8080")
    assert not same_origin("https://evil.example", "hall:8080")
    assert not same_origin("null", "hall:8080")
