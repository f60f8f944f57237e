"""What people add to a simulated visit: a rating (a poor one opens its follow-up case, most
older cases were called back and closed) and a call for a helper with its periods."""

from __future__ import annotations

import datetime as dt

from kiosk.catalog.schema import Step
from kiosk.flow.engine import NOT_RATED, RATINGS
from kiosk.report.cases import BAD_LEVELS, CATEGORIES, guess_category
from kiosk.report.history_rows import Walk

LEVEL_WEIGHTS = (60, 20, 8, 4, 2)  # RATINGS order; and 6 of 100 skip
REASONS = ("slow", "hard", "unsolved", "other")


def rate(walk: Walk, step: Step) -> None:
    sim, rng = walk.sim, walk.sim.rng
    level = NOT_RATED if rng.random() < 0.06 else rng.choices(RATINGS, LEVEL_WEIGHTS)[0]
    reason = rng.choice(REASONS) if level in BAD_LEVELS and rng.random() < 0.7 else ""
    at = walk.event("rated", step.id, level=level, reason=reason, service=walk.service_id)
    rating_id = sim.ids.next_rating()
    sim.batch.add(
        "ratings",
        {
            "id": rating_id,
            "visit_id": walk.visit_id,
            "kiosk_id": walk.kiosk_id,
            "service_id": walk.service_id,
            "level": level,
            "reason": reason,
            "at": at,
            "followed_up": False,
            "withdrawn_at": None,
            "withdrawn_reason": "",
        },
    )
    sim.counters.ratings += 1
    if level in BAD_LEVELS:
        _case(walk, rating_id, at, reason)


def _case(walk: Walk, rating_id: int, at: dt.datetime, reason: str) -> None:
    sim, rng = walk.sim, walk.sim.rng
    age = (sim.now - at).days
    case = {
        "rating_id": rating_id,
        "category": guess_category(reason),
        "status": "open",
        "opened_at": at,
        "due_on": sim.plan.policy.due_on(at),
        "contacted_at": None,
        "contact_result": "",
        "rectified_at": None,
        "rectification": "",
        "closed_at": None,
        "closure": "",
    }
    if age > 3 and rng.random() < 0.8:  # most older cases were called back, then closed
        case["category"] = rng.choices(CATEGORIES, (50, 20, 10, 15, 5))[0]
        case.update(
            status="contacted",
            contacted_at=at + dt.timedelta(days=2),
            contact_result="回访：已致电居民，说明了办理要求",
        )
        if age > 10 and rng.random() < 0.85:
            case.update(
                status="closed",
                closed_at=at + dt.timedelta(days=6),
                closure="已向居民解释并改进指引",
            )
    sim.batch.add("rating_cases", case)
    sim.counters.cases += 1
    for action, when, status in (
        ("open", at, "open"),
        ("contact", case["contacted_at"], "contacted"),
        ("close", case["closed_at"], "closed"),
    ):
        if when is not None:  # the audit trail the case commands would have left
            sim.batch.add(
                "audit_entries",
                {
                    "at": when,
                    "staff_id": None,
                    "kiosk_id": walk.kiosk_id,
                    "visit_id": walk.visit_id,
                    "action": f"rating_case.{action}",
                    "detail": {"rating": rating_id, "status": status},
                },
            )


def help_call(walk: Walk, step: Step) -> bool:
    """A call for a person with its periods; True if a helper came and took over."""
    sim, rng = walk.sim, walk.sim.rng
    requested = walk.event("help_requested", step.id, reason="resident", seconds_on_step=20.0)
    request_id = sim.ids.next_help()
    sim.counters.help_calls += 1
    periods: list[tuple[str, dt.datetime, int | None]] = [("requested", requested, None)]
    ack = rng.lognormvariate(3.6, 0.6)  # about 40 s, a long tail
    if ack > 60:
        periods.append(("escalated", requested + dt.timedelta(seconds=60), None))
    helper = rng.choice(sim.staff) if sim.staff else None
    t_ack = requested + dt.timedelta(seconds=ack)
    t_arrive = t_ack + dt.timedelta(seconds=rng.uniform(20, 150))
    periods += [("acknowledged", t_ack, helper), ("assisting", t_arrive, helper)]
    to_counter = rng.random() < 0.1
    closed = t_arrive + dt.timedelta(seconds=rng.uniform(60, 500))
    for i, (state, at, who) in enumerate(periods):
        end = periods[i + 1][1] if i + 1 < len(periods) else closed
        sim.batch.add(
            "help_periods",
            {
                "request_id": request_id,
                "state": state,
                "started_at": at,
                "ended_at": end,
                "staff_id": who,
                "note": "",
            },
        )
    sim.batch.add(
        "help_requests",
        {
            "id": request_id,
            "kiosk_id": walk.kiosk_id,
            "visit_id": walk.visit_id,
            "service_id": walk.service_id,
            "step": step.id,
            "reason": "resident",
            "language": walk.language,
            "context": {},
            "status": "resolved",
            "requested_at": requested,
            "closed_at": closed,
            "resolution": "sent_to_counter" if to_counter else "completed_with_help",
        },
    )
    walk.at = t_arrive
    walk.event("assisted", step.id, staff=str(helper))
    walk.at = closed
    walk.event("handed_back", step.id, staff=str(helper))
    return True
