"""A kiosk's writes under fire: records of every kind through the journal, until killed.

Run as ``python -m tests.faults.driver JOURNAL DB_URL LOG``. Before each ``put`` it writes
``t <id>`` to LOG, after ``put`` returns (the record is acknowledged) ``a <id>``; the test
kills it with SIGKILL at random moments and checks the store against LOG. ``--drain`` only
replays what the journal holds (and closes what was left open) and exits 0 once the store has
all of it (3 if not in 30 s).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import event

from kiosk.assist.effects import CloseRequest, MoveRequest
from kiosk.flow.events import EventKind
from kiosk.flow.state import VisitState
from kiosk.store import db, records
from kiosk.store import journal as journal_module
from kiosk.store.journal import Journal

KIOSK = "kiosk-faults"


def visit(rng: random.Random) -> Iterator[records.Record]:
    """One visit's records: events, a help call and the helper's actions, a print, a device."""
    state = VisitState(service_id="insurance-certificate", language="zh")
    yield records.visit_event(KIOSK, state, EventKind.VISIT_STARTED, {"language": "zh"})
    yield records.visit_event(KIOSK, state, EventKind.STEP_ENTERED, {"step": "identify"})
    call = records.help_request(KIOSK, "resident", state=state, context={"step": "identify"})
    yield call
    yield records.audit_entry(
        "takeover_begin",
        kiosk_id=KIOSK,
        visit_id=state.visit_id,
        effects=[MoveRequest(call.id, "assisting").to_data()],
    )
    yield records.audit_entry(
        "hand_back",
        kiosk_id=KIOSK,
        visit_id=state.visit_id,
        effects=[CloseRequest(call.id, "completed_with_help").to_data()],
    )
    job = records.print_job(KIOSK, "参保证明", state=state)
    yield job
    yield records.print_done(job, ok=rng.random() < 0.8, reason="", warning="")
    media = rng.choice(["ok", "ok", "low", "out"])
    yield records.device_event(KIOSK, "printer", "online", media, f"paper {media}")
    yield records.visit_event(KIOSK, state, EventKind.RATED, {"level": "satisfied"})
    state.outcome = None
    yield records.visit_event(KIOSK, state, EventKind.VISIT_ENDED, {"outcome": "completed"})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("journal", type=Path)
    parser.add_argument("db")
    parser.add_argument("log", type=Path)
    parser.add_argument("--drain", action="store_true")
    parser.add_argument("--compact-after", type=int, default=journal_module.COMPACT_AFTER)
    args = parser.parse_args(argv)
    journal_module.COMPACT_AFTER = args.compact_after  # small: kills land in rewrites too
    engine = db.make_engine(args.db)
    if engine.url.get_backend_name() == "sqlite":

        @event.listens_for(engine, "connect")
        def _short_wait(dbapi_connection: Any, _record: Any) -> None:
            # A store locked by the test is "away" after 0.1 s, not after the kiosk's 5 s.
            dbapi_connection.execute("PRAGMA busy_timeout=100")

    journal = Journal(args.journal, db.session_factory(engine))
    log = os.open(args.log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
    # As the kiosk does at start: what the last run left open is closed, after its records.
    start = records.recovery(KIOSK)
    os.write(log, f"t {start.id}\n".encode())
    journal.put(start)
    os.write(log, f"a {start.id}\n".encode())
    if args.drain:
        return 0 if journal.close(30) else 3
    rng = random.Random()
    while True:
        for record in visit(rng):
            os.write(log, f"t {record.id}\n".encode())
            journal.put(record)
            os.write(log, f"a {record.id}\n".encode())


if __name__ == "__main__":
    sys.exit(main())
