"""Shared test set-up: offscreen Qt unless a display is given, and CI's no-silent-skip rule."""

from __future__ import annotations

import os

import pytest

# Without a platform and without DISPLAY, Qt aborts the whole run; offscreen is the default.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")
SERVER_MARKERS = ("postgres", "xvfb", "speech")


def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> None:
    """In CI a skipped server-backed test is a failure: those tests must really run there."""
    if not IN_CI or call.when != "setup" or call.excinfo is None:
        return
    if call.excinfo.errisinstance(pytest.skip.Exception) and any(
        item.get_closest_marker(m) for m in SERVER_MARKERS
    ):
        reason = str(call.excinfo.value)
        call.excinfo = None
        pytest.fail(f"CI=true and a server-backed test was skipped: {reason}", pytrace=False)
