"""Lookup step: "looking it up" while the backend works, then the answer, then Next. Until the
answer is in, the title is the service's: a step's own title may announce the result ("号码已
更新"), which is not true before the backend says so, nor after it refused."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.flow.state import Phase
from kiosk.i18n import t
from ui.screens.base import Context, StepScreen
from ui.screens.results import show_answer, show_failure


class LookupScreen(StepScreen):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        answer = self.engine.answer()
        if self.engine.state.phase is Phase.WAITING or answer is None:
            self.pending_heading()
            self.note(t("backend.waiting", self.lang))
            self.stretch()
            return
        if not answer.ok:
            self.pending_heading()
            show_failure(self, answer)
            self.stretch()
            return
        self.standard_heading()
        if show_answer(self, answer) is None:
            self.stretch()
        self.box.addWidget(self.next_button())
