"""Confirm step: the details to check, in large rows, then the two answers in words.

The rows show what the service file names; ID numbers appear as the resident record holds them
(masked), so a passer-by cannot read a full number here either."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from kiosk.catalog.schema import ConfirmStep
from kiosk.i18n import t
from kiosk.speech.private import mark_values
from kiosk.text import fill, text_language
from ui.screens.base import Context, StepScreen
from ui.widgets.text import Label, Panel


class ConfirmScreen(StepScreen):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        step = self.step
        assert isinstance(step, ConfirmStep)
        self.standard_heading()
        panel = Panel(self.look)
        grid = QGridLayout()
        grid.setHorizontalSpacing(self.look.mm(8))
        bg = self.look.theme.muted_bg
        colon = "：" if text_language(self.lang) == "zh" else ": "
        for r, row in enumerate(step.rows):
            label, value = row.label.get(self.lang), self.values_fill(row.value)
            grid.addWidget(Label(self.look, label, bg=bg), r, 0)
            grid.addWidget(Label(self.look, value, "title", bg=bg), r, 1)
            # Said with its personal values marked (a name, an ID or card number, an amount).
            said = fill(row.value, mark_values(self.values))
            self.say(f"{row.label.spoken(self.lang)}{colon}{said}")
        panel.box.addLayout(grid)
        self.box.addWidget(panel)
        self.stretch()
        answers = QHBoxLayout()
        answers.setSpacing(self.look.gap_px * 2)
        no = self.choice(
            self.button(self.fmt(step.no) or t("action.no", self.lang), name="confirm.no")
        )
        no.activated.connect(lambda: self.ctx.visit.confirm(False))
        yes = self.choice(
            self.button(
                self.fmt(step.yes) or t("action.yes", self.lang), role="primary", name="confirm.yes"
            )
        )
        yes.activated.connect(lambda: self.ctx.visit.confirm(True))
        answers.addWidget(no)
        answers.addWidget(yes)
        self.box.addLayout(answers)
        # Before something that cannot be undone here (a card reported lost), the focus starts
        # on the safe answer: Enter pressed twice never does it by accident.
        self.primary = no if self.engine.safe_answer_first else yes

    def values_fill(self, template: str) -> str:
        return fill(template, self.values)
