"""PySide6 6.12 on Python 3.11 drops a reference to None on every void C++ call and to True on
every Signal.emit, and the interpreter aborts after some thousands of calls. pyproject.toml
keeps PySide6 below 6.12; this test fails if an installed version leaks again."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont

pytestmark = pytest.mark.skipif(
    sys.version_info >= (3, 12), reason="None and True are immortal from 3.12: nothing to see"
)


class _Emitter(QObject):
    fired = Signal(bool)


def test_void_calls_do_not_leak_none() -> None:
    font = QFont()
    before = sys.getrefcount(None)
    for _ in range(1000):
        font.setBold(True)
    assert before - sys.getrefcount(None) < 10


def test_emit_does_not_leak_true() -> None:
    emitter = _Emitter()
    before = sys.getrefcount(True)
    for _ in range(1000):
        emitter.fired.emit(True)
    assert before - sys.getrefcount(True) < 10
