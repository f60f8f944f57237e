"""Counter tickets in the kiosk window: one taken where a step offers it (a print that failed,
a call for staff that nobody answered, from home too) and one a ticket step gave, on paper.

``CounterTickets`` belongs to a ``VisitSession``: the backend and the printer run on the
session's workers, the ticket's answer lands in ``session.counter_ticket`` and the window draws
the step again. A ticket taken from home has no visit: it is for 其他或咨询 and carries no
summary.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from kiosk.flow.calls import Task
from kiosk.peripherals.port import PrintOutcome

if TYPE_CHECKING:
    from kiosk.backends.base import Answer
    from kiosk.text import Lang
    from ui.kiosk.session import VisitSession

log = logging.getLogger(__name__)

FROM_HOME = "other"  # the business of a ticket taken with no visit: 其他或咨询


class CounterTickets:
    def __init__(self, session: VisitSession) -> None:
        self.session = session
        # The paper of this step's ticket: "" (none tried), "printing", "printed", or why it
        # did not come (a print.reason.* key's end): the screen then says to keep the number.
        self.paper = ""
        # A ticket asked for and not yet answered: a second press waits for it, never takes
        # another (nothing doubled). Which take it is, so a late answer clears only its own.
        self._taking: object | None = None

    def print(
        self,
        answer: Answer,
        lang: Lang | None = None,
        on_paper: Callable[[str], None] | None = None,
    ) -> None:
        """A counter ticket on paper (number, counter, how many ahead, reference, QR), on
        record like any print; the screen shows the number whatever the printer does, and
        says whether the paper came. ``on_paper`` hears how the paper went (``paper``'s
        values) while the same visit goes on, whichever step it is on by then."""
        session = self.session
        engine = session.engine
        step = engine.state.step_index if engine is not None else -1
        if "printer" in session.switched_off:
            self._paper("switched_off")
            if on_paper is not None:
                on_paper("switched_off")
            return
        document = session.api.ticket_document(answer.values, lang or session.lang)
        self.paper = "printing"

        def done(outcome: PrintOutcome) -> None:
            if not outcome.ok:
                log.warning("counter ticket not printed: %s", outcome.reason)
            state = "printed" if outcome.ok else outcome.reason or "unknown"
            now = session.engine
            if now is engine and (now is None or now.state.step_index == step):
                self._paper(state)
            if on_paper is not None and now is engine:
                on_paper(state)

        session.print_on_worker(session.api.print_visit, engine, document, done)

    def _paper(self, state: str) -> None:
        self.paper = state
        self.session.changed.emit()

    def take(
        self,
        on_ready: Callable[[Answer], None] | None = None,
        lang: Lang | None = None,
        on_paper: Callable[[str], None] | None = None,
    ) -> None:
        """A counter ticket carrying the visit's summary (from home: none, printed in
        ``lang``); ``on_ready`` hears the answer, then ``on_paper`` how its paper went. One
        ticket a step: with one already taken here, ``on_ready`` hears that one again (and
        ``on_paper`` its paper) and none is taken; a press while one is on its way does
        nothing."""
        session = self.session
        engine = session.engine
        taken = session.counter_ticket
        if taken is not None and taken.ok:
            if on_ready is not None:
                on_ready(taken)
            if on_paper is not None and self.paper not in ("", "printing"):
                on_paper(self.paper)
            session.changed.emit()
            return
        if self._taking is not None:
            return
        business = engine.service.id if engine is not None else FROM_HOME
        task = Task("ticket", "counter_ticket", {"business": business})
        self._taking = taking = object()

        def done(answer: Answer) -> None:
            if self._taking is taking:
                self._taking = None
            if session.engine is engine:
                session.counter_ticket = answer
                if on_ready is not None:
                    on_ready(answer)
                if answer.ok:
                    self.print(answer, lang, on_paper)
                session.changed.emit()

        def failed(error: BaseException) -> None:
            log.error("counter ticket not taken", exc_info=error)
            if self._taking is taking:
                self._taking = None

        session.bridge.run(session.api.run_task, engine, task, on_done=done, on_error=failed)
