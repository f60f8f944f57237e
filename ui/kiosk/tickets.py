"""Counter tickets in the kiosk window: one taken where a step offers it (a print that failed,
a call for staff that nobody answered, from home too) and one a ticket step gave, on paper.

One ticket a visit: once one is taken (or a ticket step gave one), any later request in the
same visit, on any step, hands that one back, shown and said (``handed_back``); a new visit
may take a new one. ``CounterTickets`` belongs to a ``VisitSession``: the backend and the
printer run on the session's workers, the ticket's answer lands in ``session.counter_ticket``
(forgotten when the visit ends, with the rest of it) and the window draws the step again. A
ticket taken from home has no visit: it is for 其他或咨询 and carries no summary, and it is
nobody's once home goes back to rest (``ui.kiosk.visits.Visits.rest``), as a visit's is at its
end: the next resident is never handed back, shown or told someone else's number.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from kiosk.flow.calls import Task
from kiosk.i18n import t, ticket_unprinted
from kiosk.peripherals.port import PrintOutcome
from kiosk.speech.codes import code
from kiosk.text import sentences

if TYPE_CHECKING:
    from kiosk.backends.base import Answer
    from kiosk.flow.engine import FlowEngine
    from kiosk.text import Lang
    from ui.kiosk.session import VisitSession

log = logging.getLogger(__name__)

FROM_HOME = "other"  # the business of a ticket taken with no visit: 其他或咨询


class CounterTickets(QObject):
    # The words that hand back the ticket already taken (its number, where to go, its paper):
    # the window says them, whoever asked (a step's way, the help strip).
    handed_back = Signal(str)

    def __init__(self, session: VisitSession) -> None:
        super().__init__(session)
        self.session = session
        # The paper of the visit's ticket: "" (none tried), "printing", "printed", or why it
        # did not come (a print.reason.* key's end): the screen then says to keep the number.
        self.paper = ""
        # A ticket asked for and not yet answered: a second press waits for it, never takes
        # another (nothing doubled). Which take it is, so a late answer clears only its own.
        self._taking: object | None = None
        session.ended.connect(self.forget)

    def forget(self, _outcome: str = "") -> None:
        """A visit starts or ends, or home goes back to rest: the ticket goes (the next may
        take one)."""
        self.session.counter_ticket = None
        self.paper = ""
        self._taking = None

    @property
    def being_taken(self) -> bool:
        """A ticket asked for and not answered yet: left now, its number would be issued for
        nobody (ui.kiosk.visits.leaving_held)."""
        return self._taking is not None

    @property
    def taken(self) -> Answer | None:
        """The visit's ticket, when one was taken."""
        ticket = self.session.counter_ticket
        return ticket if ticket is not None and ticket.ok else None

    def step_task(self, task: Task) -> Callable[[FlowEngine | None, Task], Answer]:
        """What answers a step's backend task on a worker: for a ticket step in a visit that
        has its ticket already, that ticket (none taken); else the backend."""
        taken = self.taken if task.kind == "ticket" else None
        if taken is None:
            return self.session.api.run_task
        return lambda _engine, _task: taken

    def step_answered(self, answer: Answer) -> None:
        """A ticket step's answer: the visit's ticket from now on, printed, unless it is the
        one the visit had already (its paper went as it went)."""
        if answer.ok and answer is not self.session.counter_ticket:
            self.session.counter_ticket = answer
            self.print(answer)

    def again_words(self, ticket: Answer, lang: Lang) -> str:
        """The ticket already taken, handed back: that it is the same one, its number, where
        to go, and that its paper did not come if it did not."""
        number = ticket.values.get("number", "")
        counter = ticket.values.get("counter", "")
        return sentences(
            [
                t("ticket.again", lang, number=code(number)),
                t("ticket.counter", lang, counter=counter) if counter else "",
                ticket_unprinted(self.paper, number, lang),
            ],
            lang,
        )

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

        def known(state: str) -> None:
            """The paper's state, shown and heard while the same visit goes on."""
            if session.engine is engine:  # whichever step it is on
                self.paper = state
                session.changed.emit()
                if on_paper is not None:
                    on_paper(state)

        if "printer" in session.switched_off:
            known("switched_off")
            return
        document = session.api.ticket_document(answer.values, lang or session.lang)
        self.paper = "printing"

        def done(outcome: PrintOutcome) -> None:
            if not outcome.ok:
                log.warning("counter ticket not printed: %s", outcome.reason)
            known("printed" if outcome.ok else outcome.reason or "unknown")

        session.print_on_worker(session.api.print_visit, engine, document, done)

    def take(
        self,
        on_ready: Callable[[Answer], None] | None = None,
        lang: Lang | None = None,
        on_paper: Callable[[str], None] | None = None,
        on_again: Callable[[str], None] | None = None,
    ) -> None:
        """A counter ticket carrying the visit's summary (from home: none, printed in
        ``lang``); ``on_ready`` hears the answer, then ``on_paper`` how its paper went. One
        ticket a visit: with one already taken, on whichever step, none is taken and that one
        is handed back: ``on_again`` shows its words (``again_words``) where it was asked for,
        the step is drawn again (it shows the ticket where it has room for it) and the words
        are said (``handed_back``). A press while one is on its way does nothing."""
        session = self.session
        taken = self.taken
        if taken is not None:
            words = self.again_words(taken, lang or session.lang)
            if on_again is not None:
                on_again(words)
            session.changed.emit()
            self.handed_back.emit(words)  # after the step is drawn again: these words last
            return
        if self._taking is not None:
            return
        engine = session.engine
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
