"""Shared test set-up: offscreen Qt unless a display is given, and CI's no-silent-skip rule."""

from __future__ import annotations

import os
from collections.abc import Generator

import pytest

# Without a platform and without DISPLAY, Qt aborts the whole run; offscreen is the default.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SERVER_MARKERS = ("postgres", "xvfb", "speech")


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
