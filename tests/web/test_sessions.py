"""Signed sessions and form tokens, without a browser: expiry by idleness and by age, a
different hall's key, a token for another purpose; where forms may come from; an account's
change ends its session; trusted balancers configured strictly."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.config import load_settings
from kiosk.errors import ConfigError
from ui.web.accounts import why_ended, without_session
from ui.web.app import trusted_proxies
from ui.web.security import (
    SessionCookie,
    Signer,
    StaffSession,
    csrf_ok,
    new_csrf,
    origin_of,
    same_origin,
)

KEY = b"k" * 32


def test_a_session_expires_when_idle_or_old() -> None:
    signer = Signer(KEY)
    cookie = SessionCookie("ab" * 16, 7, 1000.0, 2000.0).to_cookie(signer)
    read = SessionCookie.from_cookie(signer, cookie, 2000.0 + 1799, idle_s=1800, max_s=43200)
    assert read is not None and (read.session_id, read.staff_id) == ("ab" * 16, 7)
    assert SessionCookie.from_cookie(signer, cookie, 2000.0 + 1801, 1800, 43200) is None
    assert SessionCookie.from_cookie(signer, cookie, 1000.0 + 43201, 10**6, 43200) is None
    assert read.ends(1800, 43200) == 3800.0 and read.ends(1800, 2000) == 3000.0
    # A cookie of the old shape (with the name and role in it) is not a session.
    old = signer.sign("session", [7, "1001", "张三", "helper", 1000.0, 2000.0, "s1"])
    assert SessionCookie.from_cookie(signer, old, 2000.0, 1800, 43200) is None


def test_another_key_or_purpose_is_refused() -> None:
    cookie = SessionCookie("ab" * 16, 7, 0.0, 0.0).to_cookie(Signer(KEY))
    assert SessionCookie.from_cookie(Signer(b"x" * 32), cookie, 1.0, 1800, 43200) is None
    token = new_csrf(Signer(KEY))
    assert csrf_ok(Signer(KEY), token, token)
    assert not csrf_ok(Signer(KEY), token, new_csrf(Signer(KEY)))
    assert not csrf_ok(Signer(KEY), cookie, cookie)  # a session is not a form token
    assert not csrf_ok(Signer(KEY), None, token)


def test_a_form_must_come_from_this_servers_own_origin() -> None:
    here = {"https://hall:8443", "https://kiosk.hall.test"}
    assert same_origin(None, here)
    assert same_origin("https://hall:8443", here)
    assert same_origin("https://KIOSK.hall.test", here)
    assert not same_origin("http://hall:8443", here)  # the same host over plain HTTP is not
    assert not same_origin("https://evil.test", here)
    assert not same_origin("null", here)
    assert origin_of("https://Hall.test:443/x?y") == "https://hall.test"
    assert origin_of("http://hall.test:8080") == "http://hall.test:8080"
    assert origin_of("http://[::1]:8080/") == "http://[::1]:8080"
    assert origin_of("not a url") == ""


def test_a_disabled_account_or_a_new_pin_ends_the_session() -> None:
    session = StaffSession(SessionCookie("ab" * 16, 7, 0.0, 0.0), "1001", "张三", "helper", "old")
    assert why_ended(session, "old") is None
    assert why_ended(session, None) == "account_disabled"
    assert why_ended(session, "new") == "pin_changed"
    headers = [(b"host", b"h"), (b"cookie", b"kiosk_csrf=a.b; kiosk_session=c.d; other=1")]
    assert without_session(headers) == [(b"host", b"h"), (b"cookie", b"kiosk_csrf=a.b; other=1")]
    assert without_session([(b"cookie", b"kiosk_session=c.d")]) == []


def test_trusted_proxies_are_addresses_or_networks(tmp_path: Path) -> None:
    def parsed(value: str) -> tuple[str, ...]:
        overrides = {"paths.data_dir": str(tmp_path), "server.trusted_proxies": value}
        return trusted_proxies(load_settings(environ={}, overrides=overrides))

    assert parsed("") == ()
    assert parsed(" 10.0.0.5, 10.0.1.0/24 ,fd00::1") == ("10.0.0.5", "10.0.1.0/24", "fd00::1")
    for bad in ("balancer.local", "10.0.0.0/33", "0.0.0.0/0", "*"):
        with pytest.raises(ConfigError, match="trusted_proxies"):
            parsed(bad)
