"""A fresh ``kiosk run --windowed`` that stops once home is drawn: for the tests that must see
what the start loads or makes before then, with nothing of the test run already in memory."""

from __future__ import annotations

import textwrap
from pathlib import Path

from tests.helpers.child import run_python


def at_first_paint(data_dir: Path, report: str, *, before: str = "") -> str:
    """Starts the kiosk as the command does (``kiosk.cli.main``, its modules loaded in the
    command's order, the window watched from ``kiosk_parts``) and, at the turn of the event loop
    after the window's first Paint event (every widget drawn, the startup worker not begun),
    runs ``report``, Python code that prints what the test reads; then ends. ``before``: code
    run before the command starts. Returns what it printed."""
    child = f"""
import os, sys
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from kiosk import cli

{textwrap.dedent(before)}

def report():
{textwrap.indent(textwrap.dedent(report), "    ")}
    sys.stdout.flush()
    os._exit(0)

kiosk_parts = cli.kiosk_parts

def watched_parts(settings):
    app = sys.modules["ui.kiosk.app"]
    from PySide6.QtCore import QEvent, QObject, QTimer

    class FirstPaint(QObject):
        def eventFilter(self, _watched, event):
            if event.type() == QEvent.Type.Paint:
                QTimer.singleShot(0, report)
            return False

    open_kiosk = app.open_kiosk

    def watched(settings, parts):
        window, startup = open_kiosk(settings, parts)
        window.installEventFilter(FirstPaint(window))
        return window, startup

    app.open_kiosk = watched
    return kiosk_parts(settings)

cli.kiosk_parts = watched_parts
cli.main(["run", "--windowed", "--data-dir", {str(data_dir)!r}])
"""
    out = run_python(child)
    return out.stdout + out.stderr[-2000:]
