"""Lookup step: "looking it up" while the backend works, then the answer, then Next."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.flow.state import Phase
from kiosk.i18n import t
from ui.screens.base import Context, StepScreen
from ui.screens.results import show_answer, show_failure


class LookupScreen(StepScreen):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.standard_heading()
        answer = self.engine.answer()
        if self.engine.state.phase is Phase.WAITING or answer is None:
            self.note(t("backend.waiting", self.lang))
            self.stretch()
            return
        if not answer.ok:
            show_failure(self, answer)
            self.stretch()
            return
        if show_answer(self, answer) is None:
            self.stretch()
        self.box.addWidget(self.next_button())
