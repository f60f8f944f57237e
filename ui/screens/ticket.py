"""Ticket step: a number for a staffed counter, large, with how many are ahead and where to go."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.backends.base import Answer
from kiosk.flow.state import Phase
from kiosk.i18n import t, ticket_ahead, ticket_unprinted
from kiosk.speech.codes import code
from kiosk.text import Lang
from ui.screens.base import Context, Screen, StepScreen
from ui.screens.results import show_failure
from ui.widgets.text import Label, Panel


def show_ticket(screen: Screen, answer: Answer, lang: Lang, paper: str = "") -> None:
    """The number, large, with how many are ahead and where to go; ``paper`` says whether the
    ticket came out of the printer (``CounterTickets.paper``). Without paper the resident is
    told so, asked to keep the number (said once more) and offered to hear it again."""
    values = answer.values
    number = values.get("number", "")
    panel = Panel(screen.look)
    bg = screen.look.theme.muted_bg
    big = Label(screen.look, number, "big", bg=bg)
    big.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    big.setAccessibleName(t("ticket.number", lang, number=number))
    panel.box.addWidget(big)
    lines = [t("ticket.number", lang, number=code(number))]  # said character by character
    if values.get("ahead", "").isdigit():
        lines.append(ticket_ahead(int(values["ahead"]), lang))
    if values.get("counter"):
        lines.append(t("ticket.counter", lang, counter=values["counter"]))
    for line in lines[1:]:
        panel.box.addWidget(Label(screen.look, line, "strong", bg=bg))
    screen.box.addWidget(panel)
    for line in lines:
        screen.say(line)
    unprinted = ticket_unprinted(paper, number, lang)
    if paper == "printed":
        screen.note(t("ticket.printed", lang))
    elif unprinted:
        screen.problem(unprinted)
        again = screen.button(t("ticket.hear_again", lang), name="ticket.again")
        again.activated.connect(lambda: screen.announce.emit("\n".join(lines)))
        screen.box.addWidget(again)


class TicketScreen(StepScreen):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        answer = self.engine.answer()
        if self.engine.state.phase is Phase.WAITING or answer is None:
            self.pending_heading()
            self.waiting_note(t("backend.waiting", self.lang))
        elif not answer.ok:
            self.pending_heading()
            show_failure(self, answer)
        else:
            self.standard_heading()
            show_ticket(self, answer, self.lang, ctx.visit.tickets.paper)
            self.stretch()
            self.box.addWidget(self.next_button())
            return
        self.stretch()
