"""Done step: the closing words and one button home. The visit has already ended in the
engine (and its personal data gone); the window returns home on its own after a while."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.catalog.schema import DoneStep
from kiosk.i18n import t
from kiosk.text import text_language
from ui.screens.base import Context, StepScreen
from ui.widgets.icons import Icon


class DoneScreen(StepScreen):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        step = self.step
        assert isinstance(step, DoneStep)
        self.box.addWidget(Icon("check", self.look.theme.text, self.look.mm(24)))
        take = self._take_away()
        join = "" if text_language(self.lang) == "zh" else " "
        shown, said = self.fmt(step.message), self.fmt_said(step.message)
        self.heading(
            self.fmt(step.title),
            join.join(p for p in (shown, take) if p),
            said=(self.fmt_said(step.title), join.join(p for p in (said, take) if p)),
        )
        self.stretch()
        finish = self.button(t("action.finish", self.lang), role="primary", name="action.finish")
        finish.activated.connect(self.ctx.visit.home_after_done)
        self.box.addWidget(finish)
        self.primary = finish

    def _take_away(self) -> str:
        """What to take: the ID card only if it was read from the reader, the paper only if
        something was printed (a number typed, or no printout, is not a thing to forget)."""
        card, paper = self.ctx.visit.card_read, self.ctx.visit.paper
        if card and paper:
            return t("done.take_both", self.lang)
        if card:
            return t("done.take_card", self.lang)
        return t("done.take_paper", self.lang) if paper else ""
