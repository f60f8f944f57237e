"""PySide6 loaded with its import scan made cheap.

PySide6 (since 6.4) looks at every module imported after it to tell whether it uses PySide (for
``from __feature__ import``): it calls ``inspect.getsource(module)`` and searches the text for
"PySide6". ``getsource`` goes through ``linecache``, which keeps every line of every module for
good: in the kiosk that is SQLAlchemy, the drivers and all of ours, about 20 MiB of Python heap
that is never read again. Here the same question is answered by reading the file's bytes, which
keeps nothing; and a module of the standard library, of ``kiosk`` or of ``devices`` (which import
no Qt: tests/architecture) or of ``ui`` (Qt's front ends) is answered without reading it: all
but a few of the modules the kiosk imports before its first paint. When the function is not
where it is expected (another PySide6), PySide6's own scan stays.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6  # noqa: F401  (loads shibokensupport.feature)

FEATURE_MODULES = ("shibokensupport.feature", "PySide6.support.feature")
WITHOUT_QT = frozenset(sys.stdlib_module_names) | {"kiosk", "devices"}  # top-level packages
WITH_QT = frozenset({"ui"})  # ours, Qt's front ends: said to use PySide6 without reading them


def _uses_pyside(module: ModuleType) -> bool:
    package = module.__name__.partition(".")[0]
    if package in WITHOUT_QT:
        return False
    if package in WITH_QT:  # the hall server's pages (ui.web) too: registered, never switched
        return True
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return False  # built in, compiled or without a file: as inspect.getsource fails there
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return False


def scan_without_linecache() -> bool:
    """Swap PySide6's source scan for ``_uses_pyside``; True when it was found and swapped."""
    swapped = False
    for name in FEATURE_MODULES:
        feature = sys.modules.get(name)
        if feature is not None and callable(getattr(feature, "_mod_uses_pyside", None)):
            setattr(feature, "_mod_uses_pyside", _uses_pyside)  # noqa: B010 (a private name)
            swapped = True
    return swapped


scan_without_linecache()
