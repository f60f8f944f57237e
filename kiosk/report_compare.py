"""A service before and after a version: its funnel and completion, side by side.

"Before" is the version in effect when version N was published (N - 1; 0 is the shipped file),
"after" is N itself: every visit records the version it ran. Counted in the database: finished
visits, completed ones, and per step how many visits entered it, how many gave up there (the
resident cancelled with that step as the last one entered) and how many timed out there: the
report's funnel's words and split (``gave_up``, ``timed_out``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import and_, case, func, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.flow.state import Outcome
from kiosk.store.models import Visit, VisitEvent

COMPLETED = (Outcome.COMPLETED.value, Outcome.COMPLETED_WITH_HELP.value)
GAVE_UP, TIMED_OUT = Outcome.CANCELLED.value, Outcome.TIMED_OUT.value


@dataclass(frozen=True)
class StepFunnel:
    step: str
    entered: int
    gave_up: int  # the resident left: as the report's funnel counts them
    timed_out: int = 0  # nobody answered the step in time


@dataclass(frozen=True)
class VersionFigures:
    version: int
    visits: int  # finished visits
    completed: int
    completion_rate: float | None  # None: no finished visit
    steps: list[StepFunnel] = field(default_factory=list)


@dataclass(frozen=True)
class Comparison:
    service_id: str
    before: VersionFigures
    after: VersionFigures


def compare(sessions: sessionmaker[Session], service_id: str, version: int) -> Comparison:
    wanted = (version - 1, version) if version > 0 else (0,)
    scope = and_(
        Visit.service_id == service_id,
        Visit.service_version.in_(wanted),
        Visit.ended_at.is_not(None),
    )
    entered_ev = (
        select(VisitEvent.visit_id, VisitEvent.step, func.min(VisitEvent.seq).label("seq"))
        .where(VisitEvent.kind == "step_entered")
        .group_by(VisitEvent.visit_id, VisitEvent.step)
        .subquery()
    )
    last_seq = (
        select(VisitEvent.visit_id, func.max(VisitEvent.seq).label("seq"))
        .where(VisitEvent.kind == "step_entered")
        .group_by(VisitEvent.visit_id)
        .subquery()
    )
    with sessions() as session:
        totals = session.execute(
            select(
                Visit.service_version,
                func.count(),
                func.sum(case((Visit.outcome.in_(COMPLETED), 1), else_=0)),
            )
            .where(scope)
            .group_by(Visit.service_version)
        ).all()
        entered = session.execute(
            select(
                Visit.service_version,
                entered_ev.c.step,
                func.count(),
                func.avg(entered_ev.c.seq),
            )
            .join(entered_ev, entered_ev.c.visit_id == Visit.id)
            .where(scope)
            .group_by(Visit.service_version, entered_ev.c.step)
        ).all()
        gave_up = session.execute(
            select(Visit.service_version, VisitEvent.step, Visit.outcome, func.count())
            .join(last_seq, last_seq.c.visit_id == Visit.id)
            .join(
                VisitEvent,
                and_(
                    VisitEvent.visit_id == last_seq.c.visit_id,
                    VisitEvent.seq == last_seq.c.seq,
                ),
            )
            .where(scope, Visit.outcome.in_((GAVE_UP, TIMED_OUT)))
            .group_by(Visit.service_version, VisitEvent.step, Visit.outcome)
        ).all()
    counts = {int(v): (int(n), int(done or 0)) for v, n, done in totals}
    quits = {(int(v), str(step), str(outcome)): int(n) for v, step, outcome, n in gave_up}
    steps: dict[int, list[tuple[float, StepFunnel]]] = defaultdict(list)
    for v, step, n, position in entered:
        left, late = (quits.get((int(v), str(step), o), 0) for o in (GAVE_UP, TIMED_OUT))
        funnel = StepFunnel(str(step), int(n), left, late)
        steps[int(v)].append((float(position or 0), funnel))

    def figures(v: int) -> VersionFigures:
        n, done = counts.get(v, (0, 0))
        ordered = [f for _, f in sorted(steps.get(v, []), key=lambda p: p[0])]
        return VersionFigures(v, n, done, done / n if n else None, ordered)

    return Comparison(service_id, figures(wanted[0]), figures(version))


def _rate(figures: VersionFigures) -> str:
    rate = figures.completion_rate
    return "-" if rate is None else f"{rate:.0%}"


def render_text(result: Comparison) -> str:
    """Two columns, before and after; steps in the order visits met them."""
    b, a = result.before, result.after
    by_b = {s.step: s for s in b.steps}
    by_a = {s.step: s for s in a.steps}
    order = [*by_a, *(step for step in by_b if step not in by_a)]
    head = f"v{b.version} (before)", f"v{a.version} (after)"
    lines = [
        f"{result.service_id}: v{b.version} against v{a.version}",
        f"{'':24} {head[0]:>22} {head[1]:>22}",
        f"{'finished visits':24} {b.visits:>22} {a.visits:>22}",
        f"{'completed':24} {f'{b.completed} ({_rate(b)})':>22} {f'{a.completed} ({_rate(a)})':>22}",
        f"{'step: entered / gave up / timed out':24}",
    ]
    for step in order:
        cells = []
        for figures in (by_b.get(step), by_a.get(step)):
            cells.append(
                "-"
                if figures is None
                else f"{figures.entered} / {figures.gave_up} / {figures.timed_out}"
            )
        lines.append(f"  {step:22} {cells[0]:>22} {cells[1]:>22}")
    return "\n".join(lines)
