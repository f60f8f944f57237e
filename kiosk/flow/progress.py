"""Where a visit stands among the steps the resident will go through: "step 3 of 5".

A step whose condition (``when``, ``unless``) passes it over is not counted, nor are the steps a
choice's ``goto`` jumps over. What is not decided yet (a condition on a lookup's answer still to
come, a choice not yet made) makes the total a range: ``fewest`` if every open question goes
the short way, ``most`` if the long way. The screen says the most while they differ ("of up
to 7"): never more steps than there can be, never fewer than there may be. Pure: no Qt, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from itertools import product
from math import prod
from typing import NamedTuple

from kiosk.catalog.schema import Service, StepKind
from kiosk.flow.state import VisitState


class Progress(NamedTuple):
    number: int  # this step's place among the steps gone through, from 1
    fewest: int  # the fewest steps the visit can have, given what is known
    most: int  # the most it can have

    @property
    def decided(self) -> bool:
        """Every step still to come is known: the total is one number."""
        return self.fewest == self.most


# Enough for any service of the catalogue (a few open values, a few answers each); past it
# each open condition is taken on its own, a wider range but still a true one.
MAX_CASES = 256
_OTHER = "\x00"  # an open value none of the conditions names


def progress(service: Service, state: VisitState, values: Mapping[str, str]) -> Progress:
    """The visit's progress: its done step is not a step; its steps gone through are its
    history, the step it is on is the next, and what may follow is counted from the catalogue
    with the visit's values so far, each value not known yet taken as each answer it may have
    (the conditions that name it give those answers; one condition's answer is another's)."""
    steps = service.steps
    here = state.step_index
    behind = len(state.history)
    if steps[here].kind is StepKind.DONE:
        return Progress(max(behind, 1), behind, behind)
    producers = _producers(service)
    answers: dict[str, set[str]] = {}
    for step in steps[here:]:
        for condition in (step.when, step.unless):
            for name, given in condition.items():
                if not _known(name, producers, here, state):
                    answers.setdefault(name, set()).update(given)
    for name in answers:
        # A choice's answers are its options; a lookup's, any the conditions name or another.
        options = getattr(steps[producers[name]], "options", ()) if name in producers else ()
        answers[name] = {o.value for o in options} or answers[name] | {_OTHER}
    cases: list[dict[str, str]] = [{}]  # each condition on an open value goes both ways
    if prod(len(given) for given in answers.values()) <= MAX_CASES:
        listed = [sorted(given) for given in answers.values()]
        cases = [dict(zip(answers, case, strict=True)) for case in product(*listed)]
    ranges = [_ahead(service, here, values, case, set(answers) - set(case)) for case in cases]
    return Progress(
        behind + 1, behind + min(r[0] for r in ranges), behind + max(r[1] for r in ranges)
    )


def _ahead(
    service: Service,
    here: int,
    values: Mapping[str, str],
    case: Mapping[str, str],
    open_names: set[str],
) -> tuple[int, int]:
    """(fewest, most) steps from step ``here`` on (it counted), with these ``values`` and the
    open ones taken as ``case`` says; a condition that names one of ``open_names`` goes both
    ways, as does a choice not made."""
    steps = service.steps
    values = {**values, **case}

    @cache
    def arriving(index: int) -> tuple[int, int]:
        """From the visit's arrival at ``index``, going forward: passed over or entered."""
        step = steps[index]
        if step.kind is StepKind.DONE:
            return 0, 0
        names = {*step.when, *step.unless}
        due = None if names & open_names else step.due(values)
        ways: list[tuple[int, int]] = []
        if due is not False:
            ways.append(entered(index))
        if due is not True:
            ways.append(arriving(_passed(service, index)))
        return min(w[0] for w in ways), max(w[1] for w in ways)

    def entered(index: int) -> tuple[int, int]:
        after = [arriving(i) for i in _next(service, index, case)]
        return 1 + min(a[0] for a in after), 1 + max(a[1] for a in after)

    return entered(here)


def _producers(service: Service) -> dict[str, int]:
    """The index of the step that gives each value a condition may name: a field by the step
    that asks for it, a lookup's values ("status.card_state") by the lookup, under its id."""
    out: dict[str, int] = {}
    for index, step in enumerate(service.steps):
        field = getattr(step, "field", "")
        if field:
            out[field] = index
        if step.kind in (StepKind.LOOKUP, StepKind.TICKET):
            out[step.id] = index
    return out


def _known(name: str, producers: Mapping[str, int], here: int, state: VisitState) -> bool:
    """A value is known when the step that gives it is behind the visit (given, or passed over
    and so empty for good) or is this step and has answered. A step from here on asks again
    what it asked before the resident went back: its old answer is not known to stay."""
    step_id, dot, _ = name.partition(".")
    if dot and step_id in producers:
        at = producers[step_id]
        if at == here and step_id in state.results:
            return True  # this lookup has answered
    elif name in producers:
        at = producers[name]
    else:
        return True  # no step gives it (the kiosk's own values): it is what it is
    return at < here


def _next(service: Service, index: int, case: Mapping[str, str]) -> list[int]:
    """Where the visit may go on leaving step ``index``: the next step, or where the option
    chosen jumps to (a choice still to make: where any option does, unless ``case`` takes its
    answer as one a later condition names)."""
    step = service.steps[index]
    options = getattr(step, "options", ())
    field = getattr(step, "field", "")
    chosen = [o for o in options if field and case.get(field) == o.value]
    targets = {service.step_index(o.goto) if o.goto else index + 1 for o in chosen or options}
    return sorted(targets) or [index + 1]


def _passed(service: Service, index: int) -> int:
    """Where the visit goes when step ``index`` is passed over."""
    step = service.steps[index]
    return service.step_index(step.otherwise) if step.otherwise else index + 1
