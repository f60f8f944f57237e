"""Print step: Print (or no printout, where optional), then progress, then success, or what went
wrong and the ways forward: the same document on a phone by QR, a counter ticket, staff, retry."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from kiosk.catalog.schema import PrintStep
from kiosk.flow.state import Phase
from kiosk.i18n import print_reason, t
from kiosk.speech.tables import receipt_speech
from kiosk.text import text_language
from ui.screens.base import Context, StepScreen
from ui.screens.ticket import show_ticket
from ui.widgets.qr import QrView


class PrintScreen(StepScreen):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        step = self.step
        assert isinstance(step, PrintStep)
        state, visit = self.engine.state, ctx.visit
        self._failure: tuple[str, list[str]] | None = None  # why, and the ways forward shown
        self.standard_heading()
        if state.phase is Phase.WAITING:
            self.waiting_note(t("print.working", self.lang))
            self.stretch()
        elif state.printed:
            self.note(t("print.done", self.lang))
            if visit.no_phone_code:  # the step had said the paper's code would open it
                self.note(t("print.no_phone_code", self.lang))
            # What the paper says, heard too (personal parts only through a headset).
            document = visit.receipt_document()
            if document is not None:
                names = (self.values.get("resident.name", ""),)
                self.say(t("print.receipt_says", self.lang))
                self.say(receipt_speech(document, self.lang, names))
            self.stretch()
            self.box.addWidget(self.next_button())
        elif state.print_error:
            self._failed(state.print_error)
        else:
            self.stretch()
            row = QHBoxLayout()
            row.setSpacing(self.look.gap_px * 2)
            if step.optional:
                skip = self.button(t("action.skip_print", self.lang), name="action.skip_print")
                skip.activated.connect(visit.advance)
                row.addWidget(skip)
            go = self.button(t("action.print", self.lang), role="primary", name="action.print")
            go.activated.connect(visit.print_now)
            row.addWidget(go)
            self.box.addLayout(row)
            self.primary = go

    def _failed(self, reason: str) -> None:
        visit = self.ctx.visit
        words = print_reason(reason, self.lang)
        self.problem(t("print.failed", self.lang, reason=words))
        if visit.phone_copy:
            side = self.look.mm(55)
            self.box.addWidget(QrView(visit.phone_copy, side, t("print.qr_about", self.lang)))
            self.say(t("print.qr_about", self.lang))
        # A ticket taken here replaces the way that took it: its number is shown and said,
        # and there is nothing to press for a second one.
        ticket = visit.counter_ticket
        ticket_taken = ticket is not None and ticket.ok
        if ticket is not None and ticket_taken:
            show_ticket(self, ticket, self.lang, visit.tickets.paper)
        self.stretch()
        ways = QGridLayout()
        ways.setSpacing(self.look.gap_px)
        retry = self.button(t("action.retry", self.lang), role="primary", name="action.retry")
        retry.activated.connect(visit.print_now)
        phone = None
        if visit.api.hall_url:  # a kiosk alone has no phone page to send anyone to
            phone = self.button(t("print.way.phone", self.lang), name="way.phone")
            phone.activated.connect(visit.keep_on_phone)
        counter = None
        if not ticket_taken:
            counter = self.button(t("print.way.counter", self.lang), name="way.counter")
            counter.activated.connect(lambda: visit.tickets.take())
        staff = self.button(t("bar.call_staff", self.lang), role="staff", name="way.staff")
        staff.activated.connect(self.ctx.call_staff)
        go_on = self.button(t("action.next", self.lang), name="action.next")
        go_on.activated.connect(visit.advance)
        ways_forward = [b for b in (retry, phone, counter, staff, go_on) if b is not None]
        if reason == "switched_off":  # a helper took the printer out of use: no retry
            ways_forward.remove(retry)
            retry.deleteLater()
        for i, b in enumerate(ways_forward):
            ways.addWidget(b.even(), i // 3, i % 3)
        self.box.addLayout(ways)
        self.primary = ways_forward[0]
        self._failure = (words, [b.text() for b in ways_forward])

    def help_text(self) -> str:
        """F1 after a failed print: what went wrong and the ways forward on the screen, by
        their names; otherwise the step's own help."""
        if self._failure is None:
            return super().help_text()
        reason, ways = self._failure
        chinese = text_language(self.lang) == "zh"
        names = [f"“{w}”" if chinese else w for w in ways]
        last = "或" if chinese else ", or "
        joined = ("、" if chinese else ", ").join(names[:-1])
        said = f"{joined}{last}{names[-1]}" if len(names) > 1 else names[0]
        return t("keyhelp.print_failed", self.lang, reason=reason, ways=said)
