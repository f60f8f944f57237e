"""A hall as separate processes: two kiosks and two consoles on one store, SQLite and
PostgreSQL. Every call is seen by both consoles exactly once, one helper goes to each, and each
kiosk learns who is coming."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import func, select

from kiosk.assist import staff
from kiosk.store import db
from kiosk.store.models import HelpPeriod
from tests.integration.processes import finish, ready, start
from tests.kiosk.assist import stores

CALLS_PER_KIOSK = 4
SIMULATE = "kiosk.assist.simulate"


def test_two_kiosks_two_consoles(hall_url: str) -> None:
    engine = db.make_engine(hall_url)
    sessions = db.session_factory(engine)
    helpers = [
        staff.add_staff(sessions, no, name, "2468")
        for no, name in (("1024", "王芳"), ("2048", "李强"))
    ]
    total = 2 * CALLS_PER_KIOSK
    consoles = [
        start(SIMULATE, "console", hall_url, str(h.id), str(total), "--ack", "--timeout-s", "40")
        for h in helpers
    ]
    for console in consoles:  # both listening before the first call
        ready(console)
    kiosks = [
        start(
            *(SIMULATE, "kiosk", hall_url, kiosk_id, str(CALLS_PER_KIOSK)),
            *("--gap-s", "0.1", "--timeout-s", "40"),
        )
        for kiosk_id, _ in stores.KIOSKS
    ]
    kiosk_out = [finish(k) for k in kiosks]
    console_out = [finish(c) for c in consoles]
    raised = {e["raised"] for out in kiosk_out for e in out if "raised" in e}
    assert len(raised) == total
    for out in console_out:
        seen = [e["seen"] for e in out if "seen" in e]
        assert sorted(seen) == sorted(raised)  # none lost, none shown twice
    acked = Counter(e["acked"] for out in console_out for e in out if "acked" in e)
    assert set(acked) == raised and set(acked.values()) == {1}  # one helper per call
    coming = {e["coming"]: e["staff"] for out in kiosk_out for e in out if "coming" in e}
    assert set(coming) == raised and set(coming.values()) <= {"王芳", "李强"}
    with sessions() as session:
        periods = session.scalar(
            select(func.count()).select_from(HelpPeriod).where(HelpPeriod.state == "acknowledged")
        )
    assert periods == total
    engine.dispose()
