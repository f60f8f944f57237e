"""Sign-in lockout, CSRF refusal, security headers, HTTPS with HSTS and secure cookies, and a
forged or idle session refused."""

from __future__ import annotations

import http.client
import re
import ssl
import subprocess
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from kiosk.api.errors import AuthFailed
from kiosk.assist.vocabulary import sign_in_refusal
from kiosk.store.models import AuditEntry
from tests.web.conftest import HallUnderTest, Phone, check_accessible, sign_in, signed_in

pytestmark = pytest.mark.browser


def test_five_wrong_pins_lock_the_account(sqlite_hall: HallUnderTest, phone: Any) -> None:
    expect = pytest.importorskip("playwright.sync_api").expect
    base = sqlite_hall.serve()
    page = phone().page
    # One refusal for a wrong PIN, a locked account and an unknown number: the page never tells
    # an onlooker which staff numbers exist or how near a lockout is.
    refusal = sign_in_refusal(AuthFailed("wrong_pin"))
    for _ in range(5):
        sign_in(page, base, "1001", "0000")
        expect(page.get_by_role("alert")).to_have_text(refusal)
    check_accessible(page)
    sign_in(page, base, "1001", "2468")  # the right PIN does not open a locked account
    expect(page.get_by_role("alert")).to_have_text(refusal)
    assert page.url.endswith("/signin")
    sign_in(page, base, "9999", "2468")
    expect(page.get_by_role("alert")).to_have_text(refusal)


def test_a_form_without_its_token_or_from_another_site_is_refused(
    sqlite_hall: HallUnderTest, phone: Any
) -> None:
    base, helper = signed_in(sqlite_hall, phone)
    call = sqlite_hall.kiosk("call")["call"]
    request = helper.context.request  # the browser's own cookies, session included
    no_token = request.post(f"{base}/calls/{call}/ack", form={"csrf": "forged"}, max_redirects=0)
    assert no_token.status == 303 and no_token.headers["location"] == "/calls?msg=refused"
    token = helper.page.locator("input[name=csrf]").first.get_attribute("value")
    elsewhere = request.post(
        f"{base}/calls/{call}/ack",
        form={"csrf": token},
        headers={"origin": "http://evil.example"},
        max_redirects=0,
    )
    assert elsewhere.headers["location"] == "/calls?msg=refused"
    refused = request.post(f"{base}/signin", form={"staff_no": "1001", "pin": "2468"})
    assert refused.status == 403
    with sqlite_hall.hall() as hall:
        view = hall.help.call(call)
        assert view is not None and view.status == "requested"
    ok = request.post(f"{base}/calls/{call}/ack", form={"csrf": token}, max_redirects=0)
    assert ok.status == 303 and ok.headers["location"] == f"/calls#call-{call}"


def test_every_response_carries_the_security_headers(
    sqlite_hall: HallUnderTest, phone: Any
) -> None:
    base = sqlite_hall.serve()
    page = phone().page
    for path in ("/signin", "/static/site.css", "/guide/service-guide"):
        headers = page.goto(base + path).headers
        assert "default-src 'self'" in headers["content-security-policy"]
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in headers  # plain HTTP: no HSTS
    cookie = next(c for c in page.context.cookies() if c["name"] == "kiosk_csrf")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"


def test_a_forged_or_foreign_session_is_not_signed_in(
    sqlite_hall: HallUnderTest, phone: Any
) -> None:
    base, helper = signed_in(sqlite_hall, phone)
    session = next(c for c in helper.context.cookies() if c["name"] == "kiosk_session")
    body, mac = session["value"].split(".")
    forged = dict(session, value=body[:-2] + ("AA" if body[-2:] != "AA" else "BB") + "." + mac)
    other: Phone = phone()
    other.context.add_cookies([forged])
    other.page.goto(base + "/calls")
    assert "/signin" in other.page.url
    helper.page.get_by_role("button", name="退出登录").click()
    helper.page.wait_for_url(re.compile(r"/signin$"))
    helper.page.goto(base + "/calls")
    assert "/signin" in helper.page.url


def _self_signed(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_https_when_a_certificate_is_configured(sqlite_hall: HallUnderTest, tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    tls = {"KIOSK_SERVER_CERT_FILE": str(cert), "KIOSK_SERVER_KEY_FILE": str(key)}
    base = sqlite_hall.serve(env=tls).replace("http://", "https://")
    context = ssl.create_default_context(cafile=str(cert))
    context.check_hostname = False
    with urllib.request.urlopen(base + "/signin", context=context, timeout=10) as response:
        assert response.headers["strict-transport-security"].startswith("max-age=")
        assert "secure" in response.headers["set-cookie"].lower()
    with pytest.raises(OSError):  # plain HTTP gets no page (the connection is dropped)
        urllib.request.urlopen(base.replace("https://", "http://") + "/signin", timeout=10)


def _exchange(
    base: str, method: str, path: str, headers: dict[str, str], body: str = ""
) -> tuple[int, Any]:
    """One request with exactly these headers (cookies included: a Secure cookie is sent on
    as the balancer would, which a cookie jar over plain HTTP would not)."""
    host, port = base.removeprefix("http://").split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        connection.request(method, path, body=body.encode(), headers=headers)
        response = connection.getresponse()
        response.read()
        return response.status, response.headers
    finally:
        connection.close()


def _cookies(headers: Any) -> dict[str, str]:
    """name: the whole Set-Cookie line."""
    return {line.split("=", 1)[0]: line for line in headers.get_all("set-cookie") or []}


def test_behind_a_trusted_balancer_https_is_believed_from_it_only(
    sqlite_hall: HallUnderTest,
) -> None:
    """TLS ends at the balancer: the hall server gets plain HTTP with X-Forwarded-Proto. From a
    listed balancer it counts as HTTPS (HSTS, Secure cookies, the https origin accepted, the
    phone's own address audited); from anyone else it is ignored."""
    trusted = sqlite_hall.serve(env={"KIOSK_SERVER_TRUSTED_PROXIES": "127.0.0.1"})
    untrusted = sqlite_hall.serve(env={"KIOSK_SERVER_TRUSTED_PROXIES": "10.9.9.9"})
    public = "hall.test"
    forwarded = {"host": public, "x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.7"}

    status, headers = _exchange(trusted, "GET", "/signin", forwarded)
    assert status == 200 and headers["strict-transport-security"].startswith("max-age=")
    csrf_line = _cookies(headers)["kiosk_csrf"]
    assert "; secure" in csrf_line.lower()
    csrf = csrf_line.split(";", 1)[0].split("=", 1)[1]
    form = {
        **forwarded,
        "origin": f"https://{public}",
        "cookie": f"kiosk_csrf={csrf}",
        "content-type": "application/x-www-form-urlencoded",
    }
    body = f"csrf={urllib.parse.quote(csrf)}&staff_no=1001&pin=2468&next=%2Fcalls"
    status, headers = _exchange(trusted, "POST", "/signin", form, body)
    assert status == 303 and headers["location"] == "/calls"
    assert "; secure" in _cookies(headers)["kiosk_session"].lower()
    with sqlite_hall.hall() as hall, hall.store.sessions() as session:
        places = session.scalars(
            select(AuditEntry.kiosk_id).where(AuditEntry.action == "staff_sign_in")
        ).all()
    assert places == ["web:203.0.113.7"]

    # The same headers from an address not listed: plain HTTP, as it is.
    status, headers = _exchange(untrusted, "GET", "/signin", forwarded)
    assert status == 200 and "strict-transport-security" not in headers
    assert "; secure" not in _cookies(headers)["kiosk_csrf"].lower()
    csrf = _cookies(headers)["kiosk_csrf"].split(";", 1)[0].split("=", 1)[1]
    form["cookie"] = f"kiosk_csrf={csrf}"
    body = f"csrf={urllib.parse.quote(csrf)}&staff_no=1001&pin=2468&next=%2Fcalls"
    status, _ = _exchange(untrusted, "POST", "/signin", form, body)
    assert status == 403  # an https page's form, sent to what is plain HTTP here
