"""Shared test set-up: offscreen Qt unless a display is given, and CI's no-silent-skip rule."""

from __future__ import annotations

import os
import shutil
from collections.abc import Generator, Iterator
from typing import Any

import pytest

# Without a platform and without DISPLAY, Qt aborts the whole run; offscreen is the default.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SERVER_MARKERS = ("postgres", "xvfb", "speech", "browser")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """In CI a skipped server-backed test is a failure: those tests must really run there."""
    report = yield
    if IN_CI and report.skipped and any(item.get_closest_marker(m) for m in SERVER_MARKERS):
        report.outcome = "failed"
        report.longrepr = f"CI=true and a server-backed test was skipped: {report.longrepr}"
    return report


_passed_markers: set[str] = set()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if report.when == "call" and report.passed:
        _passed_markers.update(m for m in SERVER_MARKERS if m in report.keywords)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """In CI every kind of server-backed test must have run and passed at least once, so a
    change in marks or parametrisation cannot turn CI green with none of them run."""
    if not IN_CI or exitstatus != 0 or session.config.option.collectonly:
        return
    if session.config.args and any("::" in a or a.endswith(".py") for a in session.config.args):
        return  # a chosen subset, not the whole suite
    missing = [m for m in SERVER_MARKERS if m not in _passed_markers]
    if missing:
        print(f"\nCI=true: no {', '.join(missing)} test ran and passed in this run")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Debian's chromium through Playwright, one for the whole run and every test that drives
    a browser. One only: while Playwright's sync API is open its asyncio loop stays marked as
    running on this thread, so a second ``sync_playwright()`` anywhere in the run would fail
    with "using Playwright Sync API inside the asyncio loop"."""
    if not shutil.which(CHROMIUM):
        pytest.skip("Debian's chromium is not installed (packaging/setup.sh installs it)")
    playwright_api = pytest.importorskip("playwright.sync_api")
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()
