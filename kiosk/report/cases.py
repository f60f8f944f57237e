"""好差评 follow-up: every 不满意 / 非常不满意 rating opens a case with a deadline in working days.

A case is contacted (回访, with its result), optionally rectified, then closed. A rating judged
mistaken or malicious is withdrawn with a reason: it leaves the figures and its case closes as
``withdrawn``. Each change writes an audit entry in the same transaction as the change.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import case as when
from sqlalchemy import select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.errors import StoreUnavailable
from kiosk.assist import audit
from kiosk.config import Settings
from kiosk.errors import ConfigError, OperationFailed
from kiosk.report.figures import Period
from kiosk.report.scope import Scope
from kiosk.report.workdays import Calendar, parse_dates
from kiosk.store.models import Kiosk, Rating, RatingCase, StaffMember

BAD_LEVELS = ("dissatisfied", "very_dissatisfied")
CATEGORIES = ("service", "device", "staff", "policy", "other")
WITHDRAW_KINDS = ("mistaken", "malicious")
OPEN_STATUSES = ("open", "contacted", "rectified")
CLOSED_STATUSES = ("closed", "withdrawn")


class CaseError(OperationFailed):
    """A case change that is not allowed, with the reason in words."""


class CaseNotFound(CaseError):
    pass


@dataclass(frozen=True)
class CasePolicy:
    working_days: int = 15
    calendar: Calendar = field(default_factory=Calendar)
    utc_offset_hours: float = 8.0

    @classmethod
    def from_settings(cls, settings: Settings) -> CasePolicy:
        r = settings.report
        calendar = Calendar(
            parse_dates(r.holidays, "report.holidays"),
            parse_dates(r.extra_workdays, "report.extra_workdays"),
        )
        return cls(r.case_working_days, calendar, r.utc_offset_hours)

    def local_date(self, at: dt.datetime) -> dt.date:
        return self.local_time(at).date()

    def local_time(self, at: dt.datetime) -> dt.datetime:
        """A moment in the hall's time, its offset attached so it says which zone it is."""
        if at.tzinfo is None:  # SQLite hands back naive UTC
            at = at.replace(tzinfo=dt.UTC)
        return at.astimezone(dt.timezone(dt.timedelta(hours=self.utc_offset_hours)))

    def in_hall_time(self, view: CaseView) -> CaseView:
        """A case as people read it: rated at the hall's time."""
        return dataclasses.replace(view, rated_at=self.local_time(view.rated_at))

    def due_on(self, rated_at: dt.datetime) -> dt.date:
        return self.calendar.add_working_days(self.local_date(rated_at), self.working_days)

    def today(self, now: dt.datetime | None = None) -> dt.date:
        return self.local_date(now or dt.datetime.now(dt.UTC))


def open_for(session: Session, rating: Rating, policy: CasePolicy) -> RatingCase | None:
    """Within the rating's own transaction: a case if the rating is poor, else nothing."""
    if rating.level not in BAD_LEVELS:
        return None
    session.flush()  # the rating's id
    case = RatingCase(
        rating_id=rating.id,
        category=guess_category(rating.reason),
        status="open",
        opened_at=rating.at,
        due_on=policy.due_on(rating.at),
    )
    session.add(case)
    session.flush()  # the case's id, for the audit
    audit.record(
        session,
        audit.Entry(
            action="rating_case.open",
            kiosk_id=rating.kiosk_id,
            visit_id=rating.visit_id,
            detail={"case": case.id, "rating": rating.id, "due_on": case.due_on.isoformat()},
            at=rating.at,
        ),
    )
    return case


def guess_category(reason: str) -> str:
    """A first guess from the resident's reason; the manager sets the real one."""
    return {"attitude": "staff", "device": "device", "policy": "policy"}.get(reason, "service")


@dataclass(frozen=True)
class CaseView:
    id: int
    rating_id: int
    visit_id: str
    kiosk_id: str
    service_id: str
    level: str
    reason: str
    rated_at: dt.datetime
    category: str
    status: str
    due_on: dt.date
    overdue: bool
    contact_result: str
    rectification: str
    closure: str
    withdrawn_reason: str


def _view(case: RatingCase, rating: Rating, today: dt.date) -> CaseView:
    return CaseView(
        case.id,
        rating.id,
        rating.visit_id,
        rating.kiosk_id,
        rating.service_id,
        rating.level,
        rating.reason,
        rating.at,
        case.category,
        case.status,
        case.due_on,
        case.status in OPEN_STATUSES and case.due_on < today,
        case.contact_result,
        case.rectification,
        case.closure,
        rating.withdrawn_reason,
    )


@contextmanager
def _transaction(sessions: sessionmaker[Session]) -> Iterator[Session]:
    try:
        with sessions.begin() as session:
            yield session
    except SQLAlchemyError as exc:
        raise StoreUnavailable(
            f"the database refused the change: {exc.__class__.__name__}"
        ) from exc


def list_cases(
    sessions: sessionmaker[Session],
    policy: CasePolicy,
    *,
    overdue_only: bool = False,
    open_only: bool = True,
    now: dt.datetime | None = None,
    within: Period | None = None,
    limit: int | None = None,
) -> list[CaseView]:
    """Open cases first, each group by deadline. ``within`` narrows them by its hall, service,
    kiosk, language and mode (not by its dates: a case is worked until it is closed)."""
    today = policy.today(now)
    query = (
        select(RatingCase, Rating)
        .join(Rating, Rating.id == RatingCase.rating_id)
        .join(Kiosk, Kiosk.id == Rating.kiosk_id)
    )
    if within is not None:
        query = query.where(*Scope(within).rated())
    if overdue_only or open_only:
        query = query.where(RatingCase.status.in_(OPEN_STATUSES))
    if overdue_only:
        query = query.where(RatingCase.due_on < today)
    still_open = when((RatingCase.status.in_(OPEN_STATUSES), 0), else_=1)
    query = query.order_by(still_open, RatingCase.due_on, RatingCase.id).limit(limit)
    with _transaction(sessions) as session:
        return [_view(c, r, today) for c, r in session.execute(query)]


def get_case(
    sessions: sessionmaker[Session],
    case_id: int,
    policy: CasePolicy,
    now: dt.datetime | None = None,
) -> CaseView:
    with _transaction(sessions) as session:
        case, rating = _load(session, case_id)
        return _view(case, rating, policy.today(now))


def _load(session: Session, case_id: int) -> tuple[RatingCase, Rating]:
    case = session.get(RatingCase, case_id, with_for_update=True)
    if case is None:
        raise CaseNotFound(f"there is no case {case_id}")
    rating = session.get(Rating, case.rating_id)
    assert rating is not None  # a foreign key
    return case, rating


def staff_id_of(sessions: sessionmaker[Session], staff_no: str) -> int:
    """The id of an active staff member, who is then named in the audit."""
    with _transaction(sessions) as session:
        member = session.scalar(select(StaffMember).where(StaffMember.staff_no == staff_no))
        if member is None or not member.active:
            raise ConfigError(f"no active staff member with number {staff_no!r}")
        return member.id


def _change(
    sessions: sessionmaker[Session],
    case_id: int,
    staff_id: int | None,
    action: str,
    apply: Callable[[RatingCase, Rating, dt.datetime], dict[str, str]],
    now: dt.datetime | None,
    place: str = "",
) -> None:
    at = now or dt.datetime.now(dt.UTC)
    with _transaction(sessions) as session:
        case, rating = _load(session, case_id)
        if case.status in CLOSED_STATUSES:
            raise CaseError(f"case {case_id} is {case.status}; it cannot change any more")
        detail = apply(case, rating, at)
        audit.record(
            session,
            audit.Entry(
                action=f"rating_case.{action}",
                staff_id=staff_id,
                kiosk_id=rating.kiosk_id,
                visit_id=rating.visit_id,
                detail={
                    "case": case.id,
                    "rating": rating.id,
                    "status": case.status,
                    **detail,
                    **({"place": place} if place else {}),
                },
                at=at,
            ),
        )


def _need(text: str, what: str) -> str:
    text = text.strip()
    if not text:
        raise CaseError(f"{what} must be given in words")
    return text


def categorize(
    sessions: sessionmaker[Session],
    case_id: int,
    category: str,
    staff_id: int | None,
    now: dt.datetime | None = None,
    *,
    place: str = "",
) -> None:
    if category not in CATEGORIES:
        raise CaseError(f"category {category!r} unknown; one of {', '.join(CATEGORIES)}")

    def apply(case: RatingCase, _r: Rating, _at: dt.datetime) -> dict[str, str]:
        before, case.category = case.category, category
        return {"from": before, "to": category}

    _change(sessions, case_id, staff_id, "categorize", apply, now, place)


def contact(
    sessions: sessionmaker[Session],
    case_id: int,
    result: str,
    staff_id: int | None,
    now: dt.datetime | None = None,
    *,
    place: str = "",
) -> None:
    """回访: the resident was contacted; ``result`` says what they said."""
    result = _need(result, "the result of the return contact")

    def apply(case: RatingCase, rating: Rating, at: dt.datetime) -> dict[str, str]:
        case.contacted_at, case.contact_result = at, result
        case.status = "contacted" if case.status == "open" else case.status
        rating.followed_up = True
        return {"result": result}

    _change(sessions, case_id, staff_id, "contact", apply, now, place)


def rectify(
    sessions: sessionmaker[Session],
    case_id: int,
    what: str,
    staff_id: int | None,
    now: dt.datetime | None = None,
    *,
    place: str = "",
) -> None:
    what = _need(what, "the rectification")

    def apply(case: RatingCase, _r: Rating, at: dt.datetime) -> dict[str, str]:
        if case.contacted_at is None:
            raise CaseError(f"case {case.id}: contact the resident (回访) before rectifying")
        case.rectified_at, case.rectification, case.status = at, what, "rectified"
        return {"rectification": what}

    _change(sessions, case_id, staff_id, "rectify", apply, now, place)


def close(
    sessions: sessionmaker[Session],
    case_id: int,
    closure: str,
    staff_id: int | None,
    now: dt.datetime | None = None,
    *,
    place: str = "",
) -> None:
    closure = _need(closure, "the closing note")

    def apply(case: RatingCase, _r: Rating, at: dt.datetime) -> dict[str, str]:
        if case.contacted_at is None:
            raise CaseError(f"case {case.id}: contact the resident (回访) before closing")
        case.closed_at, case.closure, case.status = at, closure, "closed"
        return {"closure": closure}

    _change(sessions, case_id, staff_id, "close", apply, now, place)


def withdraw(
    sessions: sessionmaker[Session],
    case_id: int,
    kind: str,
    reason: str,
    staff_id: int | None,
    now: dt.datetime | None = None,
    *,
    place: str = "",
) -> None:
    """The rating was mistaken or malicious: out of the figures, its case closed as withdrawn."""
    if kind not in WITHDRAW_KINDS:
        raise CaseError(f"a rating is withdrawn as {' or '.join(WITHDRAW_KINDS)}, not {kind!r}")
    reason = _need(reason, "the reason for withdrawing the rating")

    def apply(case: RatingCase, rating: Rating, at: dt.datetime) -> dict[str, str]:
        rating.withdrawn_at, rating.withdrawn_reason = at, f"{kind}: {reason}"
        case.closed_at, case.closure, case.status = at, f"withdrawn ({kind})", "withdrawn"
        return {"kind": kind, "reason": reason}

    _change(sessions, case_id, staff_id, "withdraw", apply, now, place)
