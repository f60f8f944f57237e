"""The hall server under test: real ``kiosk serve`` processes on a real store, driven by
Debian's chromium through Playwright on a phone-sized viewport; kiosks are other processes."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from kiosk.api.hall import Hall
from kiosk.config import Settings, load_settings
from tests.kiosk.assist import stores

ROOT = Path(__file__).resolve().parents[2]
PHONE = {"width": 390, "height": 844}
HELPERS = (("1001", "张三", "2468"), ("1002", "李四", "1357"))


@dataclass
class HallUnderTest:
    data_dir: Path
    url: str
    settings: Settings
    servers: list[subprocess.Popen[str]] = field(default_factory=list)
    base: str = ""  # the last server started: the kiosks' hall server

    def kiosk(self, action: str) -> dict[str, Any]:
        """One kiosk process doing one thing; what it printed."""
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "tests.web.hall",
                str(self.data_dir),
                self.url,
                action,
                self.base,
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
        return result

    def serve(self, *extra: str, env: dict[str, str] | None = None) -> str:
        """Start one ``kiosk serve`` (``env``: more variables); its base URL once it says it
        is listening."""
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kiosk",
                "serve",
                "--data-dir",
                str(self.data_dir),
                "--db",
                self.url,
                "--listen",
                "127.0.0.1:0",
                *extra,
            ],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "KIOSK_SERVER_BASE_URL": "", **(env or {})},
        )
        self.servers.append(process)
        assert process.stdout is not None
        line = process.stdout.readline()
        assert line.startswith("listening on "), line
        self.base = f"http://127.0.0.1:{int(line.split()[-1])}"
        return self.base

    def hall(self) -> Hall:
        return Hall.open(self.settings)

    def stop(self) -> None:
        for process in self.servers:
            process.terminate()
        for process in self.servers:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _make(data_dir: Path, url: str) -> HallUnderTest:
    settings = load_settings(
        environ={}, overrides={"paths.data_dir": str(data_dir), "database.url": url}
    )
    with Hall.open(settings) as hall:
        for staff_no, name, pin in HELPERS:
            hall.staff.add(staff_no, name, pin)
    return HallUnderTest(data_dir, url, settings)


@pytest.fixture
def sqlite_hall(tmp_path: Path) -> Iterator[HallUnderTest]:
    hall = _make(tmp_path, stores.sqlite_database(tmp_path))
    yield hall
    hall.stop()


@pytest.fixture
def pg_hall(tmp_path: Path) -> Iterator[HallUnderTest]:
    with stores.pg_database() as url:
        hall = _make(tmp_path, url)
        yield hall
        hall.stop()
    stores.drop_template()


@dataclass
class Phone:
    """One browser context (one phone) and every request its pages made."""

    context: Any
    page: Any
    requests: list[str]

    def left_origin(self, base: str) -> list[str]:
        return [u for u in self.requests if not u.startswith(base + "/") and u != base]


@pytest.fixture
def phone(browser: Any) -> Iterator[Callable[[], Phone]]:
    opened: list[Phone] = []

    def open_phone() -> Phone:
        context = browser.new_context(
            viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN"
        )
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        made = Phone(context, page, requests)
        opened.append(made)
        return made

    yield open_phone
    for made in opened:
        made.context.close()


def sign_in(page: Any, base: str, staff_no: str = "1001", pin: str = "2468") -> None:
    page.goto(base + "/signin")
    page.get_by_label("工号").fill(staff_no)
    page.get_by_label("密码").fill(pin)
    page.get_by_role("button", name="登录").click()


def signed_in(
    hall: HallUnderTest,
    phone: Callable[[], Phone],
    staff_no: str = "1001",
    pin: str = "2468",
    viewport: dict[str, int] | None = None,
) -> tuple[str, Phone]:
    """A hall server started and one of its staff signed in on a new phone (or a screen of
    ``viewport``'s size): the server's base URL and the phone, on the calls page."""
    base = hall.serve()
    made = phone()
    if viewport is not None:
        made.page.set_viewport_size(viewport)
    sign_in(made.page, base, staff_no, pin)
    made.page.wait_for_url(base + "/calls")
    return base, made


CONTRAST_JS = (Path(__file__).parent / "page_checks.js").read_text(encoding="utf-8")


def check_accessible(page: Any) -> None:
    """Text at 7:1 against its background and 16 px or more, every control named and 44 px
    high or more, nothing wider than the phone, one main, one h1, the page's language said."""
    found = page.evaluate(CONTRAST_JS)
    assert found["worst"] == [], found["worst"]
    assert found["unlabelled"] == [], found["unlabelled"]
    assert found["small"] == [], found["small"]
    assert found["tiny"] == [], found["tiny"]
    assert not found["wide"], "the page is wider than the phone: it scrolls sideways"
    assert found["main"] == 1 and found["h1"] == 1
    assert found["lang"] in ("zh-CN", "en")
