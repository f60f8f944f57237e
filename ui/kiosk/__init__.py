"""The kiosk window and its parts."""

# First, before any module of ours or the store's is imported under PySide6's import scan.
from ui import pyside as _pyside  # noqa: F401
