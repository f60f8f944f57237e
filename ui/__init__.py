"""The kiosk's face: PySide6 windows, screens and widgets. Renders the domain's state."""

from ui import immortal_none

immortal_none.apply()
