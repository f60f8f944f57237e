"""The kiosk's face: PySide6 windows, screens and widgets. Renders the domain's state."""
