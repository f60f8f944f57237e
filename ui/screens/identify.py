"""Identify step: the card reader, the scanner and the on-screen keypad all listen at once; the
first to give a usable identity wins (the visit does the listening). The keypad has an X, since
the last character of an ID number may be one."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.i18n import t
from kiosk.speech.private import private
from ui.screens.base import Context, StepScreen
from ui.widgets.icons import Icon
from ui.widgets.keypad import Keypad
from ui.widgets.text import Label


class IdentifyScreen(StepScreen):
    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        visit = ctx.visit
        self.beside_keypad()
        self.standard_heading()
        self.problem(visit.problem)
        if visit.problem_code == "id_check_digit":  # which one is wrong cannot be told: how
            # to hear what was typed. A headset hears the typed number read back at once, the
            # loudspeaker how to hear it privately (what a headset hears, as a private span).
            lang = self.lang
            how_loud = t("problem.id_check_digit_how", lang)
            self.say(private(t("problem.id_check_digit_how_headset", lang), how_loud, quiet=True))
        # Portrait and the largest size have no room for these lines (the prompt, the problem
        # and the keypad were cut off): the prompt says the same.
        if not self.look.portrait and self.look.size != "largest":
            icon_px = round(self.look.body_px * 2)
            for icon, key in (
                ("card", "identify.card"),
                ("record", "identify.qr"),
                ("phone", "identify.keypad"),
            ):
                line = QHBoxLayout()
                line.addWidget(Icon(icon, self.look.theme.text, icon_px))
                line.addWidget(Label(self.look, t(key, self.lang)), 1)
                self.box.addLayout(line)
        self._demo_controls()
        self.keypad = Keypad(
            self.look, self.lang, extra="X", max_length=18, group=6, value=visit.draft
        )
        self.keypad.changed.connect(self._keep)
        self.keypad.submitted.connect(visit.identity.typed)
        self.place_keypad(self.keypad)
        # The keypad is the main control: its first key, or OK once something is typed.
        self.primary = self.keypad.ok if visit.draft else self.keypad.first_key

    def _demo_controls(self) -> None:
        """Simulated devices only: a sample card or e-card code for a newcomer without one.
        They go through the simulator and the real driver, as a real card would."""
        ways = self.ctx.visit.identity.demo_ways
        if not ways:
            return
        for way in ways:
            b = self.button(
                t(f"identify.demo_{way}", self.lang),
                name=f"demo.{way}",
                about=t(f"identify.demo_{way}_about", self.lang),
            )
            b.activated.connect(lambda w=way: self.ctx.visit.identity.demo(w))
            self.box.addWidget(b)

    def _keep(self, value: str) -> None:
        self.ctx.visit.draft = value

    def type_key(self, key: str) -> bool:
        return self.keypad.type_key(key)
