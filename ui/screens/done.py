"""Done step: the closing words and one button home. The visit has already ended in the
engine (and its personal data gone); the window returns home on its own after a while."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.catalog.schema import DoneStep
from kiosk.i18n import t
from ui.screens.base import Context, StepScreen
from ui.widgets.icons import Icon


class DoneScreen(StepScreen):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        step = self.step
        assert isinstance(step, DoneStep)
        self.box.addWidget(Icon("check", self.look.theme.text, self.look.mm(24)))
        self.heading(
            self.fmt(step.title),
            self.fmt(step.message),
            said=(self.fmt_said(step.title), self.fmt_said(step.message)),
        )
        self.stretch()
        finish = self.button(t("action.finish", self.lang), role="primary", name="action.finish")
        finish.activated.connect(self.ctx.visit.home_after_done)
        self.box.addWidget(finish)
        self.primary = finish
