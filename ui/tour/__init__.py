"""kiosk tour: every screen of every service, offscreen."""

# First, before any module of ours or the store's is imported under PySide6's import scan.
from ui import pyside as _pyside  # noqa: F401
