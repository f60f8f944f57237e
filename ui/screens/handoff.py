"""Handoff step: a large QR code for a phone, and in words what it opens."""

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
        row = QHBoxLayout() if not self.look.portrait else QVBoxLayout()
        row.setSpacing(self.look.gap_px * 2)
        explain = self.fmt(step.explain)
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
        self.stretch()
        self.box.addWidget(self.next_button())
