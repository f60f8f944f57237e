"""The hall's domain API: what a console, the hall server or a report opens.

``Hall.open(settings)`` opens the hall's store and gives its parts: ``help`` (calls),
``staff`` (accounts and sign-in). A kiosk opens a ``KioskApi`` instead, which holds one too.
"""

from __future__ import annotations

from kiosk.api.help import HelpCalls
from kiosk.api.staff import StaffAccounts
from kiosk.api.store import Store
from kiosk.assist.escalation import Policy
from kiosk.config import Settings


class Hall:
    def __init__(self, store: Store, policy: Policy | None = None) -> None:
        self.store = store
        self.help = HelpCalls(store, policy)
        self.staff = StaffAccounts(store)

    @classmethod
    def open(cls, settings: Settings, *, create: bool = True) -> Hall:
        store = Store.open(settings.db_url, create=create)
        return cls(store, Policy.from_settings(settings.assist))

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Hall:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
