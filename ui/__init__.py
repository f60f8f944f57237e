"""The kiosk's front ends: PySide6 windows, screens and widgets, and the hall server (ui/web, no
Qt). Each renders the domain's state through kiosk.api."""
