"""The demo backend: clearly fictional residents kept in the kiosk's own database.

It answers exactly as a deployment's adapter would, so every service can be completed end to end
on a newcomer's machine. Residents are found by the keyed hash of their ID number, never by the
number itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.backends.base import Answer, AnswerError, Fact, Table, Ticket
from kiosk.catalog.schema import Text
from kiosk.identity import Resident
from kiosk.store.models import CounterTicket, DemoContribution, DemoResident

Today = Callable[[], dt.date]

BUSINESS = {  # business code -> ticket letter, counters
    "pension": ("A", "3-5"),
    "medical": ("B", "6"),
    "card": ("C", "8"),
    "employment": ("D", "10"),
    "other": ("E", "1"),
}
CARD_STATUS = {"normal": ("正常", "In use"), "lost": ("已挂失", "Reported lost")}


def yuan(cents: int) -> str:
    return f"¥{Decimal(cents) / 100:,.2f}"


def plain(cents: int) -> str:
    return f"{Decimal(cents) / 100:.2f}"


def _t(zh: str, en: str) -> Text:
    return Text(zh, en)


def _verify_code(*parts: str) -> str:
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:12].upper()


def period_months(period: str, today: dt.date) -> list[str]:
    """The months (YYYY-MM) a period names, oldest first; only months already closed."""
    last_closed = (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    if period == "last12":
        months = []
        cursor = last_closed
        for _ in range(12):
            months.append(cursor.strftime("%Y-%m"))
            cursor = (cursor - dt.timedelta(days=1)).replace(day=1)
        return sorted(months)
    year = today.year if period == "this_year" else today.year - 1
    return [f"{year}-{m:02d}" for m in range(1, 13) if dt.date(year, m, 1) <= last_closed]


class DemoBackend:
    def __init__(self, sessions: sessionmaker[Session], today: Today = dt.date.today) -> None:
        self.sessions = sessions
        self.today = today

    def _resident(self, session: Session, resident: Resident) -> DemoResident | None:
        return session.get(DemoResident, resident.id_hash)

    def _guarded(self, work: Callable[[Session], Answer]) -> Answer:
        """A database that went away is an answer, not a traceback."""
        try:
            with self.sessions.begin() as session:
                return work(session)
        except SQLAlchemyError:
            return Answer(error=AnswerError.UNAVAILABLE)

    def resident_name(self, resident: Resident) -> str:
        """The name the records hold for a typed ID number ("" when unknown)."""
        with self.sessions() as session:
            row = self._resident(session, resident)
            return row.name if row is not None else ""

    def resident_known(self, resident: Resident) -> bool:
        """Whether the records hold this ID number at all (a typed number is checked on the
        identify step, not a step later by the lookup that would not find it)."""
        with self.sessions() as session:
            return self._resident(session, resident) is not None

    def resident_by_token(self, token: str) -> Resident | None:
        with self.sessions() as session:
            row = session.scalars(
                select(DemoResident).where(DemoResident.qr_token == token)
            ).first()
            if row is None:
                return None
            return Resident(
                masked=row.masked, id_hash=row.id_hash, name=row.name, method="qr", token=token
            )

    def contributions(self, resident: Resident, period: str) -> Answer:
        def work(session: Session) -> Answer:
            person = self._resident(session, resident)
            if person is None:
                return Answer(error=AnswerError.NOT_FOUND)
            months = period_months(period, self.today())
            if not months:
                return Answer(error=AnswerError.INVALID)
            rows = session.scalars(
                select(DemoContribution)
                .where(
                    DemoContribution.id_hash == person.id_hash, DemoContribution.month.in_(months)
                )
                .order_by(DemoContribution.month)
            ).all()
            personal = sum(r.personal_cents for r in rows)
            employer = sum(r.employer_cents for r in rows)
            # Plain amounts in the table (the headers say yuan) so it fits 58 mm paper.
            table = Table(
                (
                    _t("月份", "Month"),
                    _t("基数(元)", "Base ¥"),
                    _t("个人(元)", "You ¥"),
                    _t("单位(元)", "Employer ¥"),
                ),
                tuple(
                    (r.month, plain(r.base_cents), plain(r.personal_cents), plain(r.employer_cents))
                    for r in rows
                ),
            )
            code = _verify_code(person.id_hash, period, months[0], months[-1])
            return Answer(
                values={
                    "months": str(len(rows)),
                    "personal_total": yuan(personal),
                    "employer_total": yuan(employer),
                    "verify_code": code,
                },
                facts=(
                    Fact(_t("缴费月数", "Months paid"), str(len(rows))),
                    Fact(_t("个人缴纳合计", "Paid by you"), yuan(personal)),
                    Fact(_t("单位缴纳合计", "Paid by employer"), yuan(employer)),
                ),
                table=table,
                message=None
                if rows
                else _t("这段时间没有缴费记录。", "There are no contributions for this period."),
            )

        return self._guarded(work)

    def certificate(self, resident: Resident, kind: str) -> Answer:
        def work(session: Session) -> Answer:
            person = self._resident(session, resident)
            if person is None:
                return Answer(error=AnswerError.NOT_FOUND)
            months = (
                session.scalar(
                    select(func.count())
                    .select_from(DemoContribution)
                    .where(DemoContribution.id_hash == person.id_hash)
                )
                or 0
            )
            issued = self.today().isoformat()
            code = _verify_code(person.id_hash, kind, issued)
            status = (
                ("正常参保", "Insured")
                if not person.pensioner
                else ("退休，领取养老金", "Retired, pension paid")
            )
            return Answer(
                values={
                    "status@zh": status[0],
                    "status@en": status[1],
                    "since": person.insured_since,
                    "months": str(months),
                    "issued": issued,
                    "verify_code": code,
                    "employer": person.employer,
                },
                facts=(
                    Fact(_t("参保状态", "Status"), status[0], status[1]),
                    Fact(_t("首次参保", "Insured since"), person.insured_since),
                    Fact(_t("累计缴费月数", "Months paid"), str(months)),
                    Fact(
                        _t("参保单位", "Employer"),
                        person.employer or "无",
                        person.employer or "none",
                    ),
                    Fact(_t("开具日期", "Issued"), issued),
                ),
            )

        return self._guarded(work)

    def card_status(self, resident: Resident) -> Answer:
        def work(session: Session) -> Answer:
            person = self._resident(session, resident)
            if person is None:
                return Answer(error=AnswerError.NOT_FOUND)
            zh, en = CARD_STATUS[person.card_status]
            card = (
                person.card_number[:3]
                + "*" * (len(person.card_number) - 6)
                + person.card_number[-3:]
            )
            return Answer(
                values={
                    "card_masked": card,
                    "status@zh": zh,
                    "status@en": en,
                    "card_state": person.card_status,
                },
                facts=(
                    Fact(_t("卡号", "Card number"), card),
                    Fact(_t("卡状态", "Status"), zh, en),
                    Fact(_t("金融功能", "Bank"), person.card_bank, "Demo Bank"),
                ),
            )

        return self._guarded(work)

    def report_loss(self, resident: Resident) -> Answer:
        def work(session: Session) -> Answer:
            person = self._resident(session, resident)
            if person is None:
                return Answer(error=AnswerError.NOT_FOUND)
            if person.card_status == "lost":
                return Answer(
                    error=AnswerError.NOT_ALLOWED,
                    message=_t(
                        "这张卡已经挂失过了，不用再挂失。补办新卡请到 8 号窗口，带上身份证。",
                        "This card is already reported lost: nothing more to do here. "
                        "For a new card, bring your ID card to counter 8.",
                    ),
                )
            person.card_status = "lost"
            now = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
            reference = "GS" + _verify_code(person.id_hash, now)[:8]
            return Answer(
                values={"reference": reference, "time": now},
                facts=(
                    Fact(_t("挂失编号", "Report number"), reference),
                    Fact(_t("挂失时间", "Reported at"), now),
                ),
                message=_t(
                    "这张社保卡已停止使用，别人无法冒用。补办新卡请到 8 号窗口。",
                    "The card is blocked: no one else can use it. For a new card, go to counter 8.",
                ),
            )

        return self._guarded(work)

    def update_phone(self, resident: Resident, phone: str) -> Answer:
        def work(session: Session) -> Answer:
            person = self._resident(session, resident)
            if person is None:
                return Answer(error=AnswerError.NOT_FOUND)
            person.phone = phone
            shown = phone[:3] + "****" + phone[-4:]
            return Answer(
                values={"phone_masked": shown},
                facts=(Fact(_t("新号码", "New number"), shown),),
                message=_t("联系电话已更新。", "Your phone number is updated."),
            )

        return self._guarded(work)

    def pension_certify(self, resident: Resident) -> Answer:
        def work(session: Session) -> Answer:
            person = self._resident(session, resident)
            if person is None:
                return Answer(error=AnswerError.NOT_FOUND)
            if not person.pensioner:
                return Answer(
                    error=AnswerError.NOT_ALLOWED,
                    message=_t(
                        "没有查到您领取养老金的记录，请工作人员帮您核实。",
                        "We found no pension paid to you; a member of staff "
                        "can check this with you.",
                    ),
                )
            today = self.today()
            until = today.replace(year=today.year + 1).isoformat()
            person.certified_until = until
            return Answer(
                values={"valid_until": until},
                facts=(Fact(_t("认证有效期至", "Valid until"), until),),
                message=_t("认证成功，养老金照常发放。", "Done. Your pension is paid as usual."),
            )

        return self._guarded(work)

    def queue_length(self, business: str) -> int:
        with self.sessions() as session:
            return self._waiting(session, business)

    def _day_start(self) -> dt.datetime:
        """Midnight where the hall is (the machine's zone), not in UTC: numbers restart each
        local morning."""
        return dt.datetime.combine(self.today(), dt.time()).astimezone()

    def _waiting(self, session: Session, business: str, before_id: int | None = None) -> int:
        query = (
            select(func.count())
            .select_from(CounterTicket)
            .where(
                CounterTicket.business == business,
                CounterTicket.served_at.is_(None),
                CounterTicket.issued_at >= self._day_start(),
            )
        )
        if before_id is not None:
            query = query.where(CounterTicket.id < before_id)
        return session.scalar(query) or 0

    def counter_ticket(self, business: str, summary: str, visit_id: str | None = None) -> Ticket:
        """The next number of the day for this business, unique across kiosks, linked to the
        visit it was taken in (so the counter can open what the resident already did).

        The row is written first, so on SQLite this transaction holds the write lock before it
        counts; on PostgreSQL a transaction lock per business does the same. Each ticket's
        number is its place among the day's tickets for that business.
        """
        letter, counter = BUSINESS.get(business, BUSINESS["other"])
        with self.sessions.begin() as session:
            if session.get_bind().dialect.name == "postgresql":
                session.execute(
                    select(func.pg_advisory_xact_lock(func.hashtext("counter_ticket:" + business)))
                )
            ticket = CounterTicket(
                business=business, number="", summary=summary, visit_id=visit_id, counter=counter
            )
            session.add(ticket)
            session.flush()
            place = (
                session.scalar(
                    select(func.count())
                    .select_from(CounterTicket)
                    .where(
                        CounterTicket.business == business,
                        CounterTicket.issued_at >= self._day_start(),
                        CounterTicket.id <= ticket.id,
                    )
                )
                or 1
            )
            ticket.number = f"{letter}{place:03d}"
            ahead = self._waiting(session, business, before_id=ticket.id)
            number = ticket.number
        return Ticket(number=number, business=business, ahead=ahead, counter=counter)
