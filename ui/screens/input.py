"""Input step: an on-screen keypad for numbers (phones, dates, amounts); typed twice where the
service asks (``repeat``); a secret shows dots and is spoken as stars."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.catalog.schema import InputStep, Validator
from ui.screens.base import Context, StepScreen
from ui.widgets.keypad import Keypad


class InputScreen(StepScreen):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        step = self.step
        assert isinstance(step, InputStep)
        visit = ctx.visit
        self.beside_keypad()
        self.standard_heading()
        self.problem(visit.problem)
        self.note(visit.notice)
        extra = {Validator.ID_NUMBER: "X", Validator.AMOUNT: "."}.get(step.validator, "")
        group = 4 if step.validator in (Validator.PHONE, Validator.DATE) else 6
        if step.validator is Validator.PHONE:
            group = 0
        self.keypad = Keypad(
            self.look,
            self.lang,
            extra=extra,
            max_length=step.max_length,
            secret=step.secret,
            group=group,
            value=visit.draft,
        )
        self.keypad.changed.connect(self._keep)
        self.keypad.submitted.connect(visit.submit)
        self.place_keypad(self.keypad)
        # The keypad is the main control: its first key, or OK once something is typed.
        self.primary = self.keypad.ok if visit.draft else self.keypad.first_key

    def _keep(self, value: str) -> None:
        self.ctx.visit.draft = value

    def type_key(self, key: str) -> bool:
        return self.keypad.type_key(key)
