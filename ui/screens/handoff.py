"""Handoff step: a large QR code for a phone, and in words what it opens; with no hall server
for phones (a kiosk alone), a line saying there is no code. Where the step names a guide
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
        self.standard_heading()
        url = fill(step.url, self.values)
        explain = self.fmt(step.explain)
        if url.startswith(("https://", "http://")):
            self._code(url, explain)
        else:  # the address names the hall server and this kiosk has none: no dead code
            self.note(t("qr.none", self.lang))
        if step.detail_from and not ctx.visit.guide_print:
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
