"""Headless stand-ins for a hall, as processes: kiosks that call, consoles that watch and go.

Used by the multi-process tests and ``bench/assist.py``; each prints one JSON object a line.

    python -m kiosk.assist.simulate kiosk URL KIOSK_ID COUNT [--gap-s S]
        raises COUNT calls ({"raised": id, "t": wall time}), then waits until someone is coming
        to each ({"coming": id, "staff": name}).
    python -m kiosk.assist.simulate console URL STAFF_ID EXPECT [--ack]
        prints {"ready": true}, then {"seen": id, "t": wall time} the first time each call
        shows in its snapshot; with --ack it acknowledges every call it sees (another console
        may be quicker: that one is reported as {"taken": id}). Ends once EXPECT calls were
        seen and, with --ack, none is still waiting.

A console "sees" a call the way the console window does: a change from the feed (SQLite poll,
PostgreSQL LISTEN), then a snapshot read that contains it.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from typing import Any

from kiosk.assist import requests as rq
from kiosk.assist import views, vocabulary
from kiosk.assist.escalation import Policy
from kiosk.assist.notify import make_feed
from kiosk.assist.status import HelpWatch
from kiosk.store import db


def emit(**fields: Any) -> None:
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def run_kiosk(url: str, kiosk_id: str, count: int, gap_s: float, timeout_s: float) -> int:
    engine = db.make_engine(url)
    sessions = db.session_factory(engine)
    watches = []
    for _ in range(count):
        time.sleep(random.uniform(0, gap_s))
        request_id = rq.raise_request(sessions, kiosk_id, None, "resident")
        emit(raised=request_id, t=time.time())
        watches.append(HelpWatch(sessions, request_id, Policy(3600, 7200)))
    deadline = time.monotonic() + timeout_s
    waiting = {w.request_id: w for w in watches}
    while waiting and time.monotonic() < deadline:
        for request_id, watch in list(waiting.items()):
            status = watch.poll()
            if status.phase == "coming":
                emit(coming=request_id, staff=status.staff_name)
                del waiting[request_id]
        time.sleep(0.05)
    engine.dispose()
    return 0 if not waiting else 1


def run_console(url: str, staff_id: int, expect: int, ack: bool, timeout_s: float) -> int:
    engine = db.make_engine(url)
    sessions = db.session_factory(engine)
    feed = make_feed(engine)
    feed.wait(1.0)  # the first look; the listener is in place from here on
    emit(ready=True)
    seen: set[int] = set()
    deadline = time.monotonic() + timeout_s
    done = False
    while not done and time.monotonic() < deadline:
        if not feed.wait(0.5):
            continue
        snap = views.snapshot(sessions)
        now = time.time()
        for view in snap.requests:
            if view.id not in seen:
                seen.add(view.id)
                emit(seen=view.id, t=now)
            if ack and view.status in ("requested", "escalated"):
                try:
                    rq.acknowledge(sessions, view.id, staff_id, eta_s=30)
                    emit(acked=view.id)
                except vocabulary.AlreadyTaken:
                    emit(taken=view.id)
        waiting = [v for v in snap.requests if v.status in ("requested", "escalated")]
        done = len(seen) >= expect and (not ack or not waiting)
    feed.close()
    engine.dispose()
    return 0 if done else 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m kiosk.assist.simulate")
    sub = parser.add_subparsers(dest="role", required=True)
    kiosk = sub.add_parser("kiosk")
    kiosk.add_argument("url")
    kiosk.add_argument("kiosk_id")
    kiosk.add_argument("count", type=int)
    kiosk.add_argument("--gap-s", type=float, default=0.2)
    console = sub.add_parser("console")
    console.add_argument("url")
    console.add_argument("staff_id", type=int)
    console.add_argument("expect", type=int)
    console.add_argument("--ack", action="store_true")
    for role in (kiosk, console):
        role.add_argument("--timeout-s", type=float, default=60)
    args = parser.parse_args(argv)
    if args.role == "kiosk":
        return run_kiosk(args.url, args.kiosk_id, args.count, args.gap_s, args.timeout_s)
    return run_console(args.url, args.staff_id, args.expect, args.ack, args.timeout_s)


if __name__ == "__main__":
    raise SystemExit(main())
