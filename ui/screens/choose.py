"""Choose step: each option a large button with its label and, where given, a hint line.
Two columns in landscape when there are many options, one in portrait; never a scroll bar."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk.catalog.schema import ChooseStep
from ui.screens.base import Context, StepScreen


class ChooseScreen(StepScreen):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        step = self.step
        assert isinstance(step, ChooseStep)
        self.standard_heading()
        grid = QGridLayout()
        grid.setSpacing(self.look.gap_px)
        columns = 2 if len(step.options) > 3 and not self.look.portrait else 1
        for i, option in enumerate(step.options):
            label = option.label.get(self.lang)
            hint = option.hint.get(self.lang) if option.hint else ""
            said = option.label.spoken(self.lang)
            button = self.choice(
                self.button(label, sub=hint, name=f"option.{option.value}", said=said)
            )
            button.activated.connect(lambda v=option.value: self.ctx.visit.choose(v))
            grid.addWidget(button.even(), i // columns, i % columns)
            if i == 0:
                self.primary = button
        self.box.addLayout(grid)
        self.stretch()
