"""The errors a front end can meet when it calls the domain API; never the store's own.

A front end catches these and words them for its audience; it never imports SQLAlchemy.
"""

from __future__ import annotations

from kiosk.assist.vocabulary import (
    AlreadyTaken,
    AuthFailed,
    CallTaken,
    RequestClosed,
    SessionEnded,
    StaffError,
    TakeoverError,
)
from kiosk.errors import OperationFailed

__all__ = [
    "AlreadyTaken",
    "AuthFailed",
    "CallTaken",
    "NotPermitted",
    "RequestClosed",
    "SessionEnded",
    "StaffError",
    "StoreUnavailable",
    "TakeoverError",
    "UnknownRequest",
]


class StoreUnavailable(OperationFailed):
    """The store did not answer or refused the work (network, disk, lock): try again later."""


class UnknownRequest(KeyError):
    """No help request has that id."""


class NotPermitted(OperationFailed):
    """The staff member's role does not allow this (a helper asking for a manager's page)."""
