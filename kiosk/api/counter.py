"""The counter's door: a ticket number, a reference or a ticket's QR opens what the resident
did at the kiosk, and every lookup is audited (who looked, from where, what was asked).

BLOCKING calls; domain errors only (``StoreUnavailable``).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kiosk.api.handoff import PhoneLinks
from kiosk.api.store import Store
from kiosk.assist import audit, views
from kiosk.assist.times import aware
from kiosk.assist.views import VisitRecord
from kiosk.assist.vocabulary import StaffInfo
from kiosk.store.models import CounterTicket

__all__ = ["Counter", "TicketView", "VisitRecord", "parse_query"]

TICKET_NUMBER = re.compile(r"[A-Z]\d{3,4}")


@dataclass(frozen=True)
class TicketView:
    number: str
    business: str
    counter: str
    ahead: int  # unserved tickets of the same business issued before this one today
    served: bool
    issued_at: dt.datetime


def parse_query(text: str) -> tuple[str, str]:
    """("ticket", "A001"), ("reference", "1A2B3C4D") or ("link", token) from what staff
    typed or scanned. A ticket's QR holds the visit's 掌上办 link (``.../m/<token>``) or,
    when none could be made, the counter page's address ending in ``?q=REFERENCE``.
    """
    text = text.strip()
    link = re.search(r"/m/([A-Za-z0-9_-]{16,64})", text)
    if link:
        return "link", link.group(1)
    found = re.search(r"[?&]q=([0-9A-Za-z]+)", text)
    if found:
        text = found.group(1)
    compact = re.sub(r"[\s-]", "", text).upper()
    if TICKET_NUMBER.fullmatch(compact):
        return "ticket", compact
    return "reference", views.normalise_reference(compact)


def day_start(today: dt.date | None = None) -> dt.datetime:
    """Midnight where the hall is: ticket numbers restart each local morning."""
    return dt.datetime.combine(today or dt.date.today(), dt.time()).astimezone()


class Counter:
    def __init__(self, store: Store, links: PhoneLinks) -> None:
        self.store = store
        self.links = links

    def lookup(self, query: str, who: StaffInfo, place: str) -> VisitRecord | None:
        """Today's ticket number or a visit reference; None when nothing (or more than one
        visit) matches. The lookup is audited whether or not it finds the visit."""
        kind, value = parse_query(query)
        with self.store.guard("look up a visit"):
            if kind in ("ticket", "link"):
                if kind == "link":
                    opened = self.links.open(value)
                    visit_id = opened.visit_id if opened else None
                    value = ""  # a link is a key: it is not written into the audit
                else:
                    with self.store.sessions() as session:
                        visit_id = self._visit_of_ticket(session, value)
                record = (
                    views.visit_by_reference(self.store.sessions, visit_id[:8])
                    if visit_id
                    else None
                )
            else:
                record = views.visit_by_reference(self.store.sessions, value)
            entry = audit.Entry(
                "counter_lookup",
                who.id,
                place,
                record.visit_id if record else None,
                detail={"by": kind, "query": value, "found": record is not None},
            )
            audit.write(self.store.sessions, entry)
        return record

    def _visit_of_ticket(self, session: Session, number: str) -> str | None:
        return session.scalar(
            select(CounterTicket.visit_id)
            .where(CounterTicket.number == number, CounterTicket.issued_at >= day_start())
            .order_by(CounterTicket.id.desc())
            .limit(1)
        )

    def ticket_of(self, visit_id: str) -> TicketView | None:
        """The visit's latest counter ticket and how many are still ahead of it."""
        with self.store.guard("read a ticket"), self.store.sessions() as session:
            ticket = session.scalars(
                select(CounterTicket)
                .where(CounterTicket.visit_id == visit_id)
                .order_by(CounterTicket.id.desc())
                .limit(1)
            ).first()
            if ticket is None:
                return None
            ahead = session.scalar(
                select(func.count())
                .select_from(CounterTicket)
                .where(
                    CounterTicket.business == ticket.business,
                    CounterTicket.served_at.is_(None),
                    CounterTicket.issued_at >= day_start(),
                    CounterTicket.id < ticket.id,
                )
            )
            return TicketView(
                ticket.number,
                ticket.business,
                ticket.counter,
                int(ahead or 0),
                ticket.served_at is not None,
                aware(ticket.issued_at),
            )
