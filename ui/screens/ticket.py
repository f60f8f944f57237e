"""Ticket step: a number for a staffed counter, large, with how many are ahead and where to go."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from kiosk.backends.base import Answer
from kiosk.flow.state import Phase
from kiosk.i18n import t, ticket_ahead
from kiosk.text import Lang
from ui.screens.base import Context, Screen, StepScreen
from ui.screens.results import show_failure
from ui.widgets.text import Label, Panel


def show_ticket(screen: Screen, answer: Answer, lang: Lang) -> None:
    values = answer.values
    panel = Panel(screen.look)
    bg = screen.look.theme.muted_bg
    number = Label(screen.look, values.get("number", ""), "big", bg=bg)
    number.setAlignment(Qt.AlignmentFlag.AlignHCenter)
    number.setAccessibleName(t("ticket.number", lang, number=values.get("number", "")))
    panel.box.addWidget(number)
    lines = [t("ticket.number", lang, number=values.get("number", ""))]
    if values.get("ahead", "").isdigit():
        lines.append(ticket_ahead(int(values["ahead"]), lang))
    if values.get("counter"):
        lines.append(t("ticket.counter", lang, counter=values["counter"]))
    for line in lines[1:]:
        panel.box.addWidget(Label(screen.look, line, "strong", bg=bg))
    screen.box.addWidget(panel)
    for line in lines:
        screen.say(line)


class TicketScreen(StepScreen):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        answer = self.engine.answer()
        if self.engine.state.phase is Phase.WAITING or answer is None:
            self.pending_heading()
            self.note(t("backend.waiting", self.lang))
        elif not answer.ok:
            self.pending_heading()
            show_failure(self, answer)
        else:
            self.standard_heading()
            show_ticket(self, answer, self.lang)
            self.stretch()
            self.box.addWidget(self.next_button())
            return
        self.stretch()
