"""One simulated visit walking its service's steps, and one kiosk's devices through a day.

Residents give up where people do (reading the card, typing a number), elder visits more often
and more slowly; some ask for help, print jobs run out of paper, the card reader drops off.
"""

from __future__ import annotations

import datetime as dt

from kiosk.catalog.schema import Service, Step, StepKind
from kiosk.report.history_people import help_call, rate
from kiosk.report.history_rows import Simulation, Walk

# Chance to give up on a step, by its kind: reading a card and typing are where people stop.
GIVE_UP = {
    StepKind.IDENTIFY: 0.06,
    StepKind.INPUT: 0.05,
    StepKind.CONFIRM: 0.02,
    StepKind.LOOKUP: 0.02,
    StepKind.PRINT: 0.015,
    StepKind.CHOOSE: 0.02,
}
TIME_OUT = {StepKind.IDENTIFY: 0.02, StepKind.INPUT: 0.025, StepKind.INFO: 0.01}


def visit(sim: Simulation, kiosk_id: str, service: Service, start: dt.datetime) -> None:
    rng = sim.rng
    visit_id = f"{rng.getrandbits(128):032x}"
    language = "en" if rng.random() < 0.06 else "zh"
    elder, audio = rng.random() < 0.25, rng.random() < 0.04
    slow = 1.6 if elder else 1.0
    walk = Walk(sim, visit_id, kiosk_id, service.id, language, start)
    walk.event("visit_started", language=language, elder=elder, audio=audio)
    outcome, helped = "", False
    # The usual way through: a step entered only on a condition (``when``: a card already
    # reported lost) is the exception, passed over as most visits pass it.
    path = [(i, s) for i, s in enumerate(service.steps) if s.kind is not StepKind.DONE]
    path = [(i, s) for i, s in path if not s.when]
    steps = [s for _i, s in path]
    for index, step in path:
        walk.wait(1, 4, slow)
        walk.event("step_entered", step.id, kind=step.kind.value, index=index)
        if rng.random() < 0.04 and index:
            walk.event("back", step.id)
            walk.wait(3, 10, slow)
            walk.event("step_entered", step.id, kind=step.kind.value, index=index)
        risk = GIVE_UP.get(step.kind, 0.01) * (1.5 if elder else 1.0)
        asks = rng.random() < (0.08 if elder else 0.03)
        if asks and not helped and step.kind in (StepKind.IDENTIFY, StepKind.INPUT):
            helped = help_call(walk, step)
            risk /= 3  # a person at their side
        outcome = _act(walk, step, slow, risk)
        if outcome:
            break
    if not outcome:
        outcome = "completed_with_help" if helped else "completed"
        walk.wait(1, 3, 1)
    final = (
        steps[-1].id
        if outcome.startswith("completed")
        else sim.batch.rows["visit_events"][-1]["step"]
    )
    walk.event(
        "visit_ended", final, outcome=outcome, seconds=round((walk.at - start).total_seconds(), 3)
    )
    sim.counters.visits += 1
    sim.batch.add(
        "visits",
        {
            "id": visit_id,
            "kiosk_id": kiosk_id,
            "service_id": service.id,
            "language": language,
            "elder_mode": elder,
            "audio_mode": audio,
            "started_at": start,
            "ended_at": walk.at,
            "outcome": outcome,
            "resident_hash": None,
            "resident_masked": None,
            "state_json": None,
        },
    )


def _act(walk: Walk, step: Step, slow: float, risk: float) -> str:
    """What the resident does on one step; an outcome if the visit ends here."""
    rng = walk.sim.rng
    kind = step.kind
    if kind is StepKind.RATE:  # leaving here skips the rating (the engine's rule): no give-up
        walk.wait(3, 12, slow)
        rate(walk, step)
        return ""
    if kind is StepKind.IDENTIFY:
        while rng.random() < 0.15 * slow:
            walk.wait(3, 8, slow)
            walk.event("input_rejected", step.id, problem="card_unreadable", count=1)
    walk.wait(4, 30 if kind in (StepKind.INPUT, StepKind.IDENTIFY) else 12, slow)
    if rng.random() < TIME_OUT.get(kind, 0.003) * slow:
        walk.event("timeout_warning", step.id, count=1, seconds=30)
        walk.wait(30, 30, 1)
        walk.event("timed_out", step.id)
        return "timed_out"
    if rng.random() < risk:
        walk.event("home", step.id)
        return "cancelled"
    if kind is StepKind.IDENTIFY:
        walk.event("identified", step.id, method=rng.choice(("card", "card", "qr", "keypad")))
    elif kind is StepKind.INPUT:
        if rng.random() < 0.1:
            walk.event("input_rejected", step.id, problem="format", count=1)
        walk.event("input_accepted", step.id)
    elif kind is StepKind.CHOOSE:
        walk.event("chosen", step.id, value="1")
    elif kind is StepKind.CONFIRM:
        walk.event("confirmed", step.id)
    elif kind in (StepKind.LOOKUP, StepKind.TICKET):
        walk.event("backend_answered", step.id)
    elif kind is StepKind.PRINT:
        _print(walk, step)
    return ""


def _print(walk: Walk, step: Step) -> None:
    failed = walk.sim.rng.random() < 0.04
    started = walk.at
    if failed:
        walk.event("print_failed", step.id, reason="paper_out")
        walk.wait(20, 60, 1)
    walk.event("printed", step.id, warning="")
    walk.sim.batch.add(
        "print_jobs",
        {
            "kiosk_id": walk.kiosk_id,
            "visit_id": walk.visit_id,
            "document": step.id,
            "status": "printed",
            "reason": "paper_out" if failed else "",
            "warning": "",
            "created_at": started,
            "finished_at": walk.at,
        },
    )


def devices(sim: Simulation, kiosk_id: str, opening: dt.datetime) -> None:
    """A kiosk's devices through one day: the printer may run out, the card reader drop off."""
    rng = sim.rng
    events = [(opening, "printer", "online", "ok"), (opening, "idcard", "online", "")]
    if rng.random() < 0.3:  # the printer runs out of paper until someone refills it
        out = opening + dt.timedelta(seconds=rng.uniform(3600, 7 * 3600))
        events += [
            (out, "printer", "online", "low"),
            (out + dt.timedelta(minutes=20), "printer", "online", "out"),
            (out + dt.timedelta(minutes=20 + rng.uniform(5, 60)), "printer", "online", "ok"),
        ]
    if rng.random() < 0.08:  # the card reader drops off the bus
        off = opening + dt.timedelta(seconds=rng.uniform(0, 8 * 3600))
        events += [
            (off, "idcard", "offline", ""),
            (off + dt.timedelta(minutes=rng.uniform(2, 40)), "idcard", "online", ""),
        ]
    for at, device, state, media in events:
        sim.counters.device_events += 1
        sim.batch.add(
            "device_events",
            {
                "kiosk_id": kiosk_id,
                "device": device,
                "state": state,
                "media": media,
                "detail": "",
                "at": at,
            },
        )
