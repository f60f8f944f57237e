"""Info step: paragraphs to read or hear, then Next. With ``detail_from`` it shows the chosen
option's own paragraphs (the service guide's "what to bring, where to go")."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.catalog.schema import ChooseStep, InfoStep, Text
from ui.screens.base import Context, StepScreen
from ui.widgets.text import Label, Panel


class InfoScreen(StepScreen):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        step = self.step
        assert isinstance(step, InfoStep)
        self.standard_heading()
        panel = Panel(self.look)
        for paragraph in (*step.body, *self._detail(step)):
            text = self.fmt(paragraph)
            panel.box.addWidget(Label(self.look, text, bg=self.look.theme.muted_bg))
            self.say(self.fmt_said(paragraph))
        self.box.addWidget(panel)
        self.stretch()
        self.box.addWidget(self.next_button())

    def _detail(self, step: InfoStep) -> tuple[Text, ...]:
        if not step.detail_from:
            return ()
        chosen = self.engine.state.values.get(step.detail_from, "")
        for other in self.engine.service.steps:
            if isinstance(other, ChooseStep) and other.field == step.detail_from:
                for option in other.options:
                    if option.value == chosen:
                        return option.detail
        return ()
