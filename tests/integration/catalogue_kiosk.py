"""A headless kiosk that serves the hall's catalogue, as a process: for the multi-process tests.

    python -m tests.integration.catalogue_kiosk URL KIOSK_ID DATA_DIR --until SERVICE=VERSION
        [--visit SERVICE] [--recheck-s S] [--poll-s S] [--timeout-s S]

It opens the kiosk's domain (``KioskApi``: the cached catalogue, the store, the watcher) and
prints one JSON object a line: {"ready": true, "serving": {service: version}} once it watches;
with ``--visit`` it has started a visit first, which it carries on after a new catalogue is
offered and ends ({"visit": id, "version": n}) before taking it, as the window does between
visits; then {"serving": ...} after each switch, and ends once SERVICE is served at VERSION.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from typing import Any

from kiosk.api.kiosk import KioskApi
from kiosk.catalog.pending import PendingCatalogue
from kiosk.catalog.schema import Catalogue, StepKind
from kiosk.config import load_settings


def emit(**fields: Any) -> None:
    sys.stdout.write(json.dumps(fields, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def serving(catalogue: Catalogue) -> dict[str, int]:
    return {s.id: s.version for s in catalogue.services}


def run(args: argparse.Namespace) -> int:
    settings = load_settings(
        environ={},
        overrides={
            "paths.data_dir": args.data_dir,
            "database.url": args.url,
            "kiosk.id": args.kiosk_id,
        },
    )
    service, _, version = args.until.partition("=")
    core = KioskApi.open(settings, demo=False)
    pending = PendingCatalogue()
    offered = threading.Event()

    def offer(catalogue: Catalogue) -> None:
        pending.offer(catalogue)
        offered.set()

    visit = core.start_visit(args.visit, "zh") if args.visit else None
    core.watch_catalogue(offer, recheck_s=args.recheck_s)
    emit(ready=True, serving=serving(core.catalogue), store=core.store_ok)
    deadline = time.monotonic() + args.timeout_s
    try:
        while time.monotonic() < deadline:
            if not offered.wait(min(0.5, max(0.0, deadline - time.monotonic()))):
                continue
            offered.clear()
            if visit is not None:  # the visit under way finishes on the service it began with
                if visit.step.kind is StepKind.INFO:
                    visit.advance()  # a step taken after the offer came
                visit.home()
                emit(
                    visit=visit.state.visit_id,
                    version=visit.state.service_version,
                    title=visit.service.title.zh,
                )
                visit = None
            new = pending.visit_ended()
            if new is None:
                continue
            core.use_catalogue(new)
            now = serving(new)
            if args.visit:
                after = core.start_visit(args.visit, "zh")
                after.home()
                emit(
                    visit=after.state.visit_id,
                    version=after.state.service_version,
                    title=after.service.title.zh,
                )
            title = new.get(service).title.zh if service in now else ""
            emit(serving=now, title=title, t=time.time())
            if now.get(service) == int(version):
                core.flush()
                return 0
        return 1
    finally:
        core.close()


def main() -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.integration.catalogue_kiosk")
    parser.add_argument("url")
    parser.add_argument("kiosk_id")
    parser.add_argument("data_dir")
    parser.add_argument("--until", required=True, metavar="SERVICE=VERSION")
    parser.add_argument("--visit", metavar="SERVICE", help="a visit under way while it switches")
    parser.add_argument("--recheck-s", type=float, default=600.0)
    parser.add_argument("--timeout-s", type=float, default=60.0)
    return run(parser.parse_args())


if __name__ == "__main__":
    raise SystemExit(main())
