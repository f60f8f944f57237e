"""The evaluation as a front end reaches it: the figures for a period and its filters, and the
好差评 follow-up cases a manager works (how a page lays the figures out: ``report_views``).

Only an active manager may read or change them: ``authorize`` reads the account as it stands
now (a demoted or disabled one is refused at once, whatever its session says) and audits every
refusal. Each case change is audited by ``kiosk.report.cases`` in the change's transaction,
naming the manager and the place. BLOCKING calls; domain errors only (``NotPermitted``,
``CaseError``, ``CaseNotFound``, ``StoreUnavailable``; ``ConfigError`` for dates in the wrong
order).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from kiosk import text
from kiosk.api.errors import NotPermitted
from kiosk.api.store import Store
from kiosk.assist import audit, staff
from kiosk.assist.vocabulary import StaffInfo
from kiosk.report import cases
from kiosk.report.build import ReportSetup, build_report, period_for
from kiosk.report.cases import CATEGORIES, WITHDRAW_KINDS, CaseError, CaseNotFound, CaseView
from kiosk.report.figures import DIMENSIONS, LEVELS, Period, Report
from kiosk.report.trail import TrailEntry, case_trail
from kiosk.store.models import Kiosk

__all__ = [
    "CATEGORIES",
    "DIMENSIONS",
    "LEVELS",
    "WITHDRAW_KINDS",
    "CaseError",
    "CaseNotFound",
    "CaseView",
    "Choices",
    "Period",
    "Report",
    "ReportSetup",
    "Reports",
    "TrailEntry",
]


@dataclass(frozen=True)
class Choices:
    """What the filters can be set to."""

    halls: list[str]
    kiosks: list[tuple[str, str]]  # id, name
    languages: list[tuple[str, str]]  # code, own name


class Reports:
    def __init__(self, store: Store, setup: ReportSetup | None = None) -> None:
        self.store = store
        self.setup = setup or ReportSetup()

    # -- who may ----------------------------------------------------------------------------

    def authorize(self, staff_id: int, place: str, page: str) -> StaffInfo:
        """The signed-in account if it is an active manager's; ``NotPermitted`` otherwise,
        with the attempt audited (who, from where, which page)."""
        with self.store.guard("check a role"):
            who = staff.get_staff(self.store.sessions, staff_id)
            if who is not None and who.manages:
                return who
            entry = audit.Entry(
                "report_refused",
                staff_id if who is not None else None,
                place,
                detail={"page": page[:200], "role": who.role if who else "", "staff": staff_id},
            )
            audit.write(self.store.sessions, entry)
        raise NotPermitted("the report pages are for managers")

    @staticmethod
    def _require(who: StaffInfo) -> None:
        if not who.manages:
            raise NotPermitted("follow-up cases are worked by managers")

    # -- figures ----------------------------------------------------------------------------

    @property
    def utc_offset_hours(self) -> float:
        """The hall's time, as hours past UTC (``[report] utc_offset_hours``): every time a
        manager reads is in it, as ``kiosk report`` shows them."""
        return self.setup.policy.utc_offset_hours

    def today(self, now: dt.datetime | None = None) -> dt.date:
        """Today in the hall."""
        return self.setup.policy.today(now)

    def period(
        self,
        first: dt.date,
        last: dt.date,
        *,
        hall: str | None = None,
        service: str | None = None,
        kiosk: str | None = None,
        language: str | None = None,
        elder: bool | None = None,
    ) -> Period:
        return period_for(
            first,
            last,
            self.setup.policy,
            hall,
            service=service,
            kiosk=kiosk,
            language=language,
            elder=elder,
        )

    def report(
        self,
        period: Period,
        *,
        dimensions: tuple[str, ...] = DIMENSIONS,
        now: dt.datetime | None = None,
    ) -> Report:
        """Aggregations in the database; a second or two over a month of a busy hall."""
        return build_report(self.store.engine, self.setup, period, now=now, dimensions=dimensions)

    def choices(self) -> Choices:
        with self.store.guard("list kiosks"), self.store.sessions() as session:
            kiosks = session.execute(select(Kiosk.id, Kiosk.name, Kiosk.hall).order_by(Kiosk.id))
            rows = [(k, name or k, hall) for k, name, hall in kiosks]
        halls = sorted({hall for _, _, hall in rows if hall})
        languages = [(lang.code, lang.name) for lang in text.languages()]
        return Choices(halls, [(k, name) for k, name, _ in rows], languages)

    # -- follow-up cases --------------------------------------------------------------------

    def cases(
        self,
        within: Period | None = None,
        *,
        include_closed: bool = False,
        overdue_only: bool = False,
        limit: int | None = 500,
        now: dt.datetime | None = None,
    ) -> list[CaseView]:
        """Open cases by deadline (the overdue first), then, if asked, closed ones; narrowed by
        ``within``'s hall, service, kiosk, language and mode."""
        return cases.list_cases(
            self.store.sessions,
            self.setup.policy,
            overdue_only=overdue_only,
            open_only=not include_closed,
            now=now,
            within=within,
            limit=limit,
        )

    def case(self, case_id: int, now: dt.datetime | None = None) -> CaseView:
        return cases.get_case(self.store.sessions, case_id, self.setup.policy, now)

    def trail(self, case_id: int) -> list[TrailEntry]:
        return case_trail(self.store.sessions, case_id)

    def categorize(self, case_id: int, category: str, who: StaffInfo, place: str) -> None:
        self._require(who)
        cases.categorize(self.store.sessions, case_id, category, who.id, place=place)

    def contact(self, case_id: int, result: str, who: StaffInfo, place: str) -> None:
        """回访 done: ``result`` is what the resident said."""
        self._require(who)
        cases.contact(self.store.sessions, case_id, result, who.id, place=place)

    def rectify(self, case_id: int, what: str, who: StaffInfo, place: str) -> None:
        self._require(who)
        cases.rectify(self.store.sessions, case_id, what, who.id, place=place)

    def close(self, case_id: int, closure: str, who: StaffInfo, place: str) -> None:
        self._require(who)
        cases.close(self.store.sessions, case_id, closure, who.id, place=place)

    def withdraw(self, case_id: int, kind: str, reason: str, who: StaffInfo, place: str) -> None:
        """The rating was mistaken or malicious: out of the figures, its case closed."""
        self._require(who)
        cases.withdraw(self.store.sessions, case_id, kind, reason, who.id, place=place)
