"""Rate step: five large faces with the national scheme's words (GB/T 39734 一次一评). No face is
preselected or has the first focus: the first focus is on the skip, so Enter alone gives no
rating (recorded as not rated). A good rating is taken at once; a poor one asks, optionally,
why (one more tap), so complaints can be followed up."""

from __future__ import annotations

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QWidget

from kiosk.catalog.schema import RateStep
from kiosk.flow.engine import RATINGS
from kiosk.i18n import t
from ui.screens.base import Context, StepScreen
from ui.widgets.text import Label

ASK_WHY = ("dissatisfied", "very_dissatisfied")


class RateScreen(StepScreen):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        step = self.step
        assert isinstance(step, RateStep)
        visit = ctx.visit
        self.standard_heading()
        faces = QGridLayout()
        faces.setSpacing(self.look.gap_px)
        columns = 3 if self.look.portrait else 5
        for i, level in enumerate(RATINGS):
            face = self.choice(
                self.button(t(f"rate.{level}", self.lang), icon=f"face{i}", name=f"rate.{level}")
            )
            face.icon_on_top = True
            face.icon_scale = 1.6
            # Room for a check mark only once a face is chosen: before, none is selected, and
            # the words ("Very dissatisfied") get the whole width.
            face.setCheckable(bool(visit.rating))
            face.setChecked(visit.rating == level)
            face.activated.connect(lambda lv=level: self._pick(lv))
            faces.addWidget(face.even(), i // columns, i % columns)
        self.box.addLayout(faces)
        self._faces, self._columns = faces, columns
        if visit.rating:
            self.box.addWidget(Label(self.look, t("rate.why", self.lang), "strong"))
            self.say(t("rate.why", self.lang))
            reasons = QGridLayout()
            reasons.setSpacing(self.look.gap_px)
            for i, reason in enumerate(step.reasons):
                b = self.button(reason.label.get(self.lang), name=f"reason.{reason.value}")
                b.activated.connect(lambda v=reason.value: visit.rate(visit.rating, v))
                reasons.addWidget(b.even(), i // 2, i % 2)
                if i == 0:
                    self.primary = b
            self.box.addLayout(reasons)
            row = QHBoxLayout()
            done = self.button(t("rate.no_reason", self.lang), role="primary", name="action.finish")
            done.activated.connect(lambda: visit.rate(visit.rating, ""))
            row.addWidget(done)
            self.box.addLayout(row)
        else:
            skip = self.choice(self.button(t("rate.skip", self.lang), name="rate.skip"))
            skip.activated.connect(visit.skip_rating)
            self.primary = skip
            # In the faces' grid, as wide as a face: a choice like the others, not a small
            # afterthought (portrait: the free place beside the last faces).
            n = len(RATINGS)
            self._faces.addWidget(skip.even(), n // self._columns, n % self._columns)
        self.stretch()

    def _pick(self, level: str) -> None:
        visit = self.ctx.visit
        if level in ASK_WHY:
            visit.rating = level
            visit.changed.emit()
        else:
            visit.rate(level)
