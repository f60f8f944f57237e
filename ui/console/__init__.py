"""The staff console: open help requests, kiosks and their devices, the counter lookup.

``ConsoleWindow`` (window.py) is the window; ``run_console`` (app.py) opens it for
``kiosk console``. No SQL here: every read and write is a kiosk.assist call on a worker thread.
"""
