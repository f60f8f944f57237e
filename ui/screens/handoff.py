"""Handoff step: a large QR code for a phone, and in words what it opens. With no hall server
for phones (a kiosk alone) there is no code, and the prompt that asks for one gives way to what
to do instead, shown and said: the step's ``no_code`` words, else the kiosk's own (print the
guide where the step names one, else ask at a counter). Where the step names a guide
(``detail_from``), the same guide can be printed, for a resident without a smartphone."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.catalog.schema import HandoffStep
from kiosk.i18n import t
from kiosk.text import fill
from ui.screens.base import Context, StepScreen
from ui.widgets.qr import QrView
from ui.widgets.text import Label


class HandoffScreen(StepScreen):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        step = self.step
        assert isinstance(step, HandoffStep)
        url = fill(step.url, self.values)
        # The address names the hall server; a kiosk without one shows no dead code.
        self.has_code = url.startswith(("https://", "http://"))
        if self.has_code:
            self.standard_heading()
            self._code(url, self.fmt(step.explain))
        else:
            self._heading_without_code(step)
        if step.detail_from and not ctx.visit.guide_print and self.has_code:
            # Without sight of the screen its code cannot be scanned: the paper is the way.
            self.say(t("guide.no_screen", self.lang))
        self._printed_yet()
        self.stretch()
        row = QHBoxLayout()
        row.setSpacing(self.look.gap_px * 2)
        if step.detail_from and ctx.visit.guide_print != "printing":
            paper = self.button(t("guide.print", self.lang), name="action.print_guide")
            paper.activated.connect(ctx.visit.print_guide)
            row.addWidget(paper)
        row.addWidget(self.next_button())
        self.box.addLayout(row)

    def _heading_without_code(self, step: HandoffStep) -> None:
        title = (self.fmt(step.title), self.fmt_said(step.title))
        if step.no_code is not None:
            instead = (self.fmt(step.no_code), self.fmt_said(step.no_code))
        else:
            words = t("handoff.no_code_paper" if step.detail_from else "handoff.no_code", self.lang)
            instead = (words, words)
        self.heading(title[0], instead[0], self.progress(), said=(title[1], instead[1]))

    def help_text(self) -> str:
        if self.has_code or self.step.help is not None:
            return super().help_text()
        paper = bool(getattr(self.step, "detail_from", ""))
        return t("keyhelp.handoff_no_code_paper" if paper else "keyhelp.handoff_no_code", self.lang)

    def _code(self, url: str, explain: str) -> None:
        row = QHBoxLayout() if not self.look.portrait else QVBoxLayout()
        row.setSpacing(self.look.gap_px * 2)
        self.qr = QrView(url, self.look.mm(80), t("qr.about", self.lang, what=explain or url))
        row.addWidget(self.qr)
        words = QVBoxLayout()
        if explain:
            words.addWidget(Label(self.look, explain))
            self.say(explain)
        words.addWidget(Label(self.look, t("qr.address", self.lang, url=url)))
        words.addStretch(1)
        row.addLayout(words, 1)
        self.box.addLayout(row)

    def _printed_yet(self) -> None:
        state = self.ctx.visit.guide_print
        if state == "printing":
            self.note(t("guide.printing", self.lang))
        elif state == "printed":
            self.note(t("guide.printed", self.lang))
        elif state == "failed":
            self.problem(t("guide.print_failed", self.lang))
