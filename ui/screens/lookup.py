"""Lookup step: what it does while the backend works (the service file's words for the step,
else "looking it up"), then the answer, then Next. Until the answer is in, the title is the
service's: a step's own title may announce the result ("号码已更新"), which is not true before
the backend says so, nor after it refused."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.catalog.schema import LookupStep
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
            self._working()
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

    def _working(self) -> None:
        """What the step does while the backend works: the service file's words for it
        (``working``), else the kiosk's "looking it up"."""
        step = self.step
        working = step.working if isinstance(step, LookupStep) else None
        if working is None:
            self.waiting_note(t("backend.waiting", self.lang))
        else:
            self.waiting_note(self.fmt(working), self.fmt_said(working))
