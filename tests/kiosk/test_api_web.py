"""The domain side of the hall server: counter tickets linked to their visit and found by
number, reference or phone link (audited, the link never written down); 掌上办 links stored
hashed, expiring and revocable; what a phone may see of a visit."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.api.counter import parse_query
from kiosk.api.hall import Hall
from kiosk.api.handoff import PhoneLinks, phone_content
from kiosk.api.kiosk import KioskApi
from kiosk.assist.times import utcnow
from kiosk.config import Settings, load_settings
from kiosk.store.models import AuditEntry, CounterTicket, PhoneLink


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return load_settings(
        environ={},
        overrides={"paths.data_dir": str(tmp_path), "server.base_url": "https://hall.test"},
    )


@pytest.fixture
def core(settings: Settings) -> Iterator[KioskApi]:
    with KioskApi.open(settings, demo=False) as core:
        yield core


def take_ticket(core: KioskApi) -> dict[str, str]:
    engine = core.start_visit("counter-ticket", "zh")
    engine.choose("card")
    task = engine.pending_task()
    assert task is not None
    answer = core.run_task(engine, task)
    engine.task_done(answer)
    core.sink.flush()
    return dict(answer.values, visit=engine.state.visit_id)


def test_a_ticket_is_linked_to_its_visit_and_found_every_way(
    core: KioskApi, settings: Settings
) -> None:
    ticket = take_ticket(core)
    assert ticket["number"] == "C001" and ticket["counter"] == "8"
    assert ticket["phone_link"].startswith("https://hall.test/m/")
    assert ticket["counter_link"] == f"https://hall.test/counter?q={ticket['reference']}"
    with core.store.sessions() as session:
        row = session.scalars(select(CounterTicket)).one()
        assert row.visit_id == ticket["visit"] and row.counter == "8"
    with Hall.open(settings) as hall:
        helper = hall.staff.add("1001", "张三", "2468")
        for query in ("c001", ticket["reference"], ticket["counter_link"], ticket["phone_link"]):
            record = hall.counter.lookup(query, helper, "web:test")
            assert record is not None and record.visit_id == ticket["visit"], query
        assert hall.counter.lookup("C002", helper, "web:test") is None
        seen = hall.counter.ticket_of(ticket["visit"])
        assert seen is not None and seen.number == "C001" and seen.ahead == 0
    with core.store.sessions() as session:
        audit = session.scalars(
            select(AuditEntry).where(AuditEntry.action == "counter_lookup")
        ).all()
    assert [e.detail["found"] for e in audit] == [True, True, True, True, False]
    token = ticket["phone_link"].rsplit("/", 1)[1]
    assert token not in json.dumps([e.detail for e in audit])


def test_links_are_stored_hashed_expire_and_can_be_revoked(settings: Settings) -> None:
    with Hall.open(settings) as hall:
        helper = hall.staff.add("1001", "张三", "2468")
        token = hall.links.issue("a" * 32, "kiosk-1", {"facts": []}, service_id="card-status")
        with hall.store.sessions() as session:
            stored = session.scalars(select(PhoneLink)).one()
        assert token not in stored.token_hash and len(token) >= 20
        opened = hall.links.open(token)
        assert opened is not None and opened.service_id == "card-status"
        assert hall.links.open(token + "x") is None
        later = PhoneLinks(hall.store, 24, now=lambda: utcnow() + dt.timedelta(hours=24, seconds=1))
        assert later.open(token) is None
        assert hall.links.revoke(stored.id, helper, "web:test")
        assert not hall.links.revoke(stored.id, helper, "web:test")
        assert hall.links.open(token) is None
        assert [link.revoked for link in hall.links.for_visit("a" * 32)] == [True]


def test_a_phone_sees_masked_facts_and_choices_never_what_was_typed(core: KioskApi) -> None:
    engine = core.start_visit("service-guide", "en")
    engine.choose("retire")
    engine.state.values["phone"] = "13800001111"  # as an input step would keep it
    content = phone_content(engine)
    assert content["chosen"] == {"topic": "retire"} and content["language"] == "en"
    assert "13800001111" not in json.dumps(content)


def test_what_staff_type_or_scan_at_the_counter() -> None:
    assert parse_query(" a 001 ") == ("ticket", "A001")
    assert parse_query("1a2b-3c4d") == ("reference", "1A2B3C4D")
    assert parse_query("https://hall/counter?q=1A2B3C4D") == ("reference", "1A2B3C4D")
    assert parse_query("https://hall/m/abcdefghijklmnopqrstuv") == (
        "link",
        "abcdefghijklmnopqrstuv",
    )
