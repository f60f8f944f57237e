"""The kiosk's face: PySide6 windows, screens and widgets. Renders the domain's state."""

# First, before any module of ours or the store's is imported under PySide6's import scan.
from ui import pyside as _pyside  # noqa: F401
