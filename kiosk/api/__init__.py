"""The domain API: the one door every front end (kiosk window, console, hall server, reports)
uses to reach visits, help calls, staff and devices. It hides the store: calls raise domain
errors (``kiosk.api.errors``), never SQLAlchemy's, and no front end holds a session.

- ``Hall``: a hall's store with ``help`` (``HelpCalls``) and ``staff`` (``StaffAccounts``).
- ``KioskApi`` (``kiosk.api.kiosk``): one kiosk's visits, identity (``identify``), printing
  (``printing``), help and staff.
"""
