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

    def print(self, answer: Answer, lang: Lang | None = None) -> None:
        """A counter ticket on paper (number, counter, how many ahead, reference, QR), on
        record like any print; the screen shows the number whatever the printer does, and
        says whether the paper came."""
        session = self.session
        engine = session.engine
        step = engine.state.step_index if engine is not None else -1
        if "printer" in session.switched_off:
            self._paper("switched_off")
            return
        document = session.api.ticket_document(answer.values, lang or session.lang)
        self.paper = "printing"

        def done(outcome: PrintOutcome) -> None:
            if not outcome.ok:
                log.warning("counter ticket not printed: %s", outcome.reason)
            now = session.engine
            if now is engine and (now is None or now.state.step_index == step):
                self._paper("printed" if outcome.ok else outcome.reason or "unknown")

        session.print_on_worker(session.api.print_visit, engine, document, done)

    def _paper(self, state: str) -> None:
        self.paper = state
        self.session.changed.emit()

    def take(
        self, on_ready: Callable[[Answer], None] | None = None, lang: Lang | None = None
    ) -> None:
        """A counter ticket carrying the visit's summary (from home: none, printed in
        ``lang``); ``on_ready`` hears the answer too."""
        session = self.session
        engine = session.engine
        business = engine.service.id if engine is not None else FROM_HOME
        task = Task("ticket", "counter_ticket", {"business": business})

        def done(answer: Answer) -> None:
            if session.engine is engine:
                session.counter_ticket = answer
                if answer.ok:
                    self.print(answer, lang)
                if on_ready is not None:
                    on_ready(answer)
                session.changed.emit()

        session.bridge.run(session.api.run_task, engine, task, on_done=done)
