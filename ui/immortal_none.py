"""Work around PySide6 6.12 on Python 3.11: every call of a void C++ method drops a reference
to ``None`` that it never took (checked: ``QFont.setPixelSize``, ``QWidget.setText``,
``QPen.setWidth``... each lowers ``sys.getrefcount(None)`` by one), and ``Signal.emit`` does
the same to ``True``. From Python 3.12 on, None is
immortal (PEP 683) and nothing shows; on 3.11 the count reaches zero after some thousands of
calls and the interpreter aborts ("none_dealloc"). A kiosk would die within minutes.

The fix gives None, True and False a reference count no run can use up, as 3.12 does. It is applied once, when
the ``ui`` package is imported, before any Qt call; remove it with the 3.11 support or once a
PySide6 release fixes the leak (tests/ui/test_immortal_none.py tells which).
"""

from __future__ import annotations

import ctypes
import sys

HEADROOM = 1 << 40  # about 10^12 leaked references: years of a kiosk's calls


def apply() -> bool:
    """True when the count was raised (Python before 3.12)."""
    if sys.version_info >= (3, 12):
        return False
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))
        if refcount.value < HEADROOM:
            refcount.value += HEADROOM
    return True
