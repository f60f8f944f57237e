"""PySide6's import scan, made cheap by ``ui.pyside``: same answers, no source kept in memory."""

from __future__ import annotations

import subprocess
import sys
import textwrap


def run(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr[-2000:]
    return out.stdout.strip()


def test_modules_imported_after_ui_leave_no_source_in_linecache() -> None:
    out = run(
        """
        import linecache, sys
        import PySide6.QtCore
        import ui.kiosk
        from sqlalchemy import orm
        from kiosk.flow import engine
        # (SQLAlchemy registers the source of the functions it generates: "<...>" entries.)
        kept = [f for f in linecache.cache
                if not f.startswith("<") and ("sqlalchemy" in f or "kiosk" in f)]
        print(kept)
        """
    )
    assert out == "[]"


def test_pyside_still_tells_modules_that_use_it_from_those_that_do_not() -> None:
    out = run(
        """
        import sys
        import ui.kiosk
        from ui import theme
        from kiosk import config
        feature = sys.modules["shibokensupport.feature"]  # what PySide6 calls on each import
        print(feature._mod_uses_pyside(theme), feature._mod_uses_pyside(config))
        """
    )
    assert out == "True False"


def test_the_standard_library_the_domain_and_the_front_ends_are_told_without_reading() -> None:
    """Only a module of another package is read (here pytest-qt's, which names no PySide6)."""
    out = run(
        """
        import builtins, sys
        import ui.kiosk
        from kiosk import text
        import json
        from ui import theme
        from pytestqt import qtbot
        feature = sys.modules["shibokensupport.feature"]
        opened = []
        real_open = builtins.open
        builtins.open = lambda path, *a, **k: opened.append(str(path)) or real_open(path, *a, **k)
        answers = [feature._mod_uses_pyside(m) for m in (text, json, theme, qtbot)]
        builtins.open = real_open
        print(answers, [p.rpartition("/")[2] for p in opened])
        """
    )
    assert out == "[False, False, True, False] ['qtbot.py']"
