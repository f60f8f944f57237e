"""Fictional residents for the demo backend. Their ID numbers are valid in form only.

The names are common placeholder names and the area code is a real district's, so the numbers
pass every check; the birth dates and sequence numbers are made up.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.identity import check_digit, keyed_hash, mask
from kiosk.store.models import DemoContribution, DemoResident


@dataclass(frozen=True)
class DemoPerson:
    name: str
    first17: str
    insured_since: str
    employer: str
    pensioner: bool
    base_yuan: int
    card_number: str
    qr_token: str
    phone: str

    @property
    def id_number(self) -> str:
        return self.first17 + check_digit(self.first17)


PEOPLE = (
    DemoPerson(
        "张建国",
        "11010519580315201",
        "1984-07-01",
        "",
        True,
        5200,
        "A10000001",
        "ESSC-DEMO-0001",
        "13800000001",
    ),
    DemoPerson(
        "李秀英",
        "11010519620908402",
        "1986-03-01",
        "",
        True,
        4800,
        "A10000002",
        "ESSC-DEMO-0002",
        "13800000002",
    ),
    DemoPerson(
        "王小明",
        "11010819880612103",
        "2010-09-01",
        "示范科技有限公司",
        False,
        9000,
        "A10000003",
        "ESSC-DEMO-0003",
        "13800000003",
    ),
    DemoPerson(
        "陈静",
        "11010819950224204",
        "2017-07-01",
        "示范商贸有限公司",
        False,
        7000,
        "A10000004",
        "ESSC-DEMO-0004",
        "13800000004",
    ),
    DemoPerson(
        "Maria Santos",
        "11010519790130305",
        "2005-01-01",
        "示范大学",
        False,
        12000,
        "A10000005",
        "ESSC-DEMO-0005",
        "13800000005",
    ),
)


def _months(since: str, today: dt.date) -> list[str]:
    year, month = int(since[:4]), int(since[5:7])
    last = today.replace(day=1) - dt.timedelta(days=1)
    out = []
    while (year, month) <= (last.year, last.month):
        out.append(f"{year}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def seed(sessions: sessionmaker[Session], secret: bytes, today: dt.date | None = None) -> int:
    """(Re)create the demo residents and their contributions; returns how many residents."""
    today = today or dt.date.today()
    with sessions.begin() as session:
        hashes = [keyed_hash(p.id_number, secret) for p in PEOPLE]
        session.execute(delete(DemoContribution).where(DemoContribution.id_hash.in_(hashes)))
        session.execute(delete(DemoResident).where(DemoResident.id_hash.in_(hashes)))
        session.flush()
        for person, id_hash in zip(PEOPLE, hashes, strict=True):
            session.add(
                DemoResident(
                    id_hash=id_hash,
                    masked=mask(person.id_number),
                    name=person.name,
                    phone=person.phone,
                    insured_since=person.insured_since,
                    employer=person.employer,
                    pensioner=person.pensioner,
                    card_number=person.card_number,
                    card_status="normal",
                    card_bank="示范银行",
                    qr_token=person.qr_token,
                )
            )
            session.flush()  # the resident row first: contributions refer to it
            # Pensioners stopped paying in when they retired: give them their working years.
            months = _months(person.insured_since, today)
            if person.pensioner:
                months = [m for m in months if m < "2018-01"]
            for i, month in enumerate(months):
                base = person.base_yuan * 100 + (i // 12) * 1000  # a raise each year
                base = min(base, person.base_yuan * 100 * 2)
                session.add(
                    DemoContribution(
                        id_hash=id_hash,
                        month=month,
                        base_cents=base,
                        personal_cents=base * 8 // 100,
                        employer_cents=base * 16 // 100,
                    )
                )
    return len(PEOPLE)


def is_seeded(sessions: sessionmaker[Session]) -> bool:
    with sessions() as session:
        return session.scalars(select(DemoResident.id_hash).limit(1)).first() is not None
