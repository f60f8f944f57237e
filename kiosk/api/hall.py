"""The hall's domain API: what a console, the hall server or a report opens.

``Hall.open(settings)`` opens the hall's store and gives its parts: ``help`` (calls),
``staff`` (accounts and sign-in), ``counter`` (ticket and visit lookup), ``links`` (掌上办),
``reports`` (the evaluation and its 好差评 follow-up, for managers).
A kiosk opens a ``KioskApi`` instead, which holds one too.
"""

from __future__ import annotations

from kiosk.api.counter import Counter
from kiosk.api.handoff import PhoneLinks
from kiosk.api.help import HelpCalls
from kiosk.api.reports import Reports, ReportSetup
from kiosk.api.staff import StaffAccounts
from kiosk.api.store import Store
from kiosk.assist.escalation import Policy
from kiosk.config import Settings


class Hall:
    def __init__(
        self,
        store: Store,
        policy: Policy | None = None,
        link_hours: float = 24.0,
        reports: ReportSetup | None = None,
    ) -> None:
        self.store = store
        self.help = HelpCalls(store, policy)
        self.staff = StaffAccounts(store)
        self.links = PhoneLinks(store, link_hours)
        self.counter = Counter(store, self.links)
        self.reports = Reports(store, reports)

    @classmethod
    def open(cls, settings: Settings, *, create: bool = True) -> Hall:
        store = Store.open(settings.db_url, create=create)
        return cls(
            store,
            Policy.from_settings(settings.assist),
            settings.server.link_hours,
            ReportSetup.from_settings(settings),
        )

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Hall:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()
