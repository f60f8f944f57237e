"""A kiosk of the hall as its own process, for the hall server's tests: it raises a help call,
takes a counter ticket or makes a 掌上办 link, through the kiosk's own domain objects, and
prints one JSON object.

    python -m tests.web.hall DATA_DIR DB_URL call|ticket|guide-link|ticket-link|receipt-link
        [HALL_URL]
"""

from __future__ import annotations

import json
import sys

from kiosk.api.handoff import phone_content
from kiosk.api.kiosk import KioskApi
from kiosk.config import load_settings
from kiosk.flow.engine import FlowEngine
from tests.helpers.visits import contribution_record_at_print


def ticket(core: KioskApi, business: str = "pension") -> FlowEngine:
    engine = core.start_visit("counter-ticket", "zh")
    engine.choose(business)
    task = engine.pending_task()
    assert task is not None
    engine.task_done(core.run_task(engine, task))
    return engine


def main(data_dir: str, url: str, action: str, hall_url: str = "") -> int:
    settings = load_settings(
        environ={},
        overrides={"paths.data_dir": data_dir, "database.url": url, "server.base_url": hall_url},
    )
    core = KioskApi.open(settings, demo=action == "receipt-link")  # its resident
    out: dict[str, object] = {}
    try:
        if action == "call":
            engine = core.start_visit("card-status", "zh")
            out["call"] = core.request_help(engine)
        elif action == "ticket":
            engine = ticket(core)
            answer = engine.answer()
            assert answer is not None
            out.update(answer.values)
        elif action == "receipt-link":
            engine = contribution_record_at_print(core)
            receipt = core.receipt_for(engine)
            assert receipt.phone is not None
            out["token"] = core.links.issue(
                engine.state.visit_id,
                settings.kiosk.id,
                receipt.phone,
                service_id=engine.service.id,
                language=engine.state.language,
            )
        elif action in ("guide-link", "ticket-link"):
            if action == "guide-link":
                engine = core.start_visit("service-guide", "en")
                engine.choose("retire")
            else:
                engine = ticket(core)
            out["token"] = core.links.issue(
                engine.state.visit_id,
                settings.kiosk.id,
                phone_content(engine),
                service_id=engine.service.id,
                language=engine.state.language,
            )
            out["reference"] = engine.state.reference
        else:
            raise SystemExit(f"unknown action {action}")
    finally:
        core.close()
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:5]))
