"""Drives the real window through a service as a resident would: by touch or by keys alone.

Used by the tour (screenshots of every screen) and by the end-to-end tests. Touch means a press
and a release on the button's centre; keys means moving the focus with the arrow keys until the
wanted item has it, then Enter, and digits typed on the keyboard.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable
from typing import Literal

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from kiosk.catalog.schema import StepKind
from kiosk.flow.state import Phase
from ui.kiosk.window import KioskWindow
from ui.widgets.button import BigButton
from ui.widgets.keypad import keypad_around

Mode = Literal["touch", "keys"]
GOOD_PHONE = "13912345678"


class Stuck(RuntimeError):
    """The window did not reach what was expected; the message says where it stood."""


class Autopilot:
    def __init__(
        self,
        window: KioskWindow,
        mode: Mode = "touch",
        *,
        id_number: str = "",
        on_screen: Callable[[str], None] | None = None,
    ) -> None:
        self.window, self.mode, self.id_number = window, mode, id_number
        self.on_screen = on_screen or (lambda _label: None)
        # Taps come faster than a person's: a clock that moves a second per tap keeps the
        # 300 ms double-tap guard out of the way (it has its own test).
        ticks = itertools.count()
        window.touch_policy.clock = lambda: float(next(ticks))
        window.activateWindow()  # keys reach only the active window
        QApplication.processEvents()

    # -- low level --------------------------------------------------------------------------

    def settle(self, timeout_s: float = 10.0) -> None:
        """Process events until no worker result is on its way and no step waits."""
        deadline = time.monotonic() + timeout_s
        while True:
            QApplication.processEvents()
            engine = self.window.visit.engine
            waiting = engine is not None and engine.state.phase is Phase.WAITING
            if self.window.bridge.pending == 0 and not waiting:
                QApplication.processEvents()
                return
            if time.monotonic() > deadline:
                raise Stuck(f"still waiting after {timeout_s} s ({self.where()})")
            time.sleep(0.002)

    def where(self) -> str:
        engine = self.window.visit.engine
        return "home" if engine is None else f"{engine.service.id}/{engine.step.id}"

    def button(self, name: str) -> BigButton:
        for b in self.window.findChildren(BigButton, name):
            if b.isVisible():
                return b
        raise Stuck(f"no visible button '{name}' on {self.where()}")

    def press(self, name: str) -> None:
        button = self.button(name)
        if self.mode == "touch":
            self.touch(button)
        else:
            self.focus(button)
            # In a keypad Enter submits what was typed; a key on screen is pressed with Space.
            on_pad = keypad_around(button) is not None and name != "keypad.ok"
            QTest.keyClick(self._key_target(), Qt.Key.Key_Space if on_pad else Qt.Key.Key_Return)
        self.settle()

    def touch(self, button: BigButton) -> None:
        """Touch to choose: with touch to hear, a button not yet heard is touched twice (the
        first touch speaks it); a keypad's key still armed types at the first touch."""
        policy = self.window.touch_policy
        armed_before = policy.armed is button
        self.tap(button)
        if not armed_before and policy.armed is button:
            self.tap(button)

    def tap(self, button: BigButton) -> None:
        centre = button.rect().center()
        QTest.mousePress(button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
        QTest.mouseRelease(
            button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre
        )

    def slide_off(self, button: BigButton) -> None:
        """Press on the button, release outside it: must do nothing."""
        QTest.mousePress(
            button,
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            button.rect().center(),
        )
        outside = QPoint(button.width() + 40, button.height() + 40)
        QTest.mouseRelease(
            button, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, outside
        )

    def key(self, which: Qt.Key) -> None:
        """A key to what has the focus, then what it leads to, as a resident's would."""
        QTest.keyClick(self._key_target(), which)
        self.settle()

    def _key_target(self) -> BigButton | KioskWindow:
        focused = QApplication.focusWidget()
        return focused if isinstance(focused, BigButton) else self.window

    def focus(self, button: BigButton, limit: int = 200) -> None:
        """Arrow keys until the button has the focus, as a keypad user would."""
        for _ in range(limit):
            if button.hasFocus():
                return
            QTest.keyClick(self._key_target(), Qt.Key.Key_Down)
        raise Stuck(f"could not reach '{button.objectName()}' with the arrow keys")

    def type_digits(self, text: str) -> None:
        if self.mode == "keys":
            QTest.keyClicks(self._key_target(), text)
        else:
            for ch in text:
                self.touch(self.button(f"key.{ch}"))
        QApplication.processEvents()

    # -- a whole service ------------------------------------------------------------------

    def start(self, service_id: str) -> None:
        if self.window.visit.engine is not None:
            raise Stuck(f"a visit is already open at {self.where()}")
        self.press(f"service.{service_id}")

    def reach(self, service_id: str, step_id: str, limit: int = 20) -> None:
        """From home through ``service_id``, taking the first choice each time, up to the step
        ``step_id`` (not acting on it)."""
        self.start(service_id)
        for _ in range(limit):
            engine = self.window.visit.engine
            if engine is None:
                raise Stuck(f"the visit of {service_id} ended before {step_id}")
            if engine.step.id == step_id:
                return
            self.act(engine.step.kind)
        raise Stuck(f"{service_id} never reached {step_id} in {limit} actions ({self.where()})")

    def complete(self, service_id: str, *, wrong_first: bool = False, limit: int = 40) -> bool:
        """Home to done, taking the first choice each time; ``wrong_first`` types a bad ID
        number first so the error screen is seen too. False when the backend refused this
        resident (the failure screen was shown, then Home): try another resident."""
        self.start(service_id)
        self.on_screen("start")
        tried_wrong = not wrong_first
        for _ in range(limit):
            engine = self.window.visit.engine
            if engine is None:
                raise Stuck(f"the visit of {service_id} ended early")
            kind = engine.step.kind
            if kind is StepKind.DONE:
                self.press("action.finish")
                return True
            answer = engine.answer() if kind is StepKind.LOOKUP else None
            if answer is not None and not answer.ok:
                self.on_screen("refused")
                self.press("bar.home")
                return False
            if kind is StepKind.IDENTIFY and not tried_wrong:
                tried_wrong = True
                self.type_digits(self.id_number[:-1] + ("0" if self.id_number[-1] != "0" else "1"))
                self.press("keypad.ok")
                self.on_screen("problem")
                self.clear_keypad()
            self.act(kind)
            self.on_screen("after")
        raise Stuck(f"{service_id} did not finish in {limit} actions ({self.where()})")

    def clear_keypad(self) -> None:
        self.press("keypad.clear")

    def act(self, kind: StepKind) -> None:
        engine = self.window.visit.engine
        assert engine is not None
        if kind in (StepKind.INFO, StepKind.LOOKUP, StepKind.HANDOFF, StepKind.TICKET):
            self.press("action.next")
        elif kind is StepKind.CHOOSE:
            step = engine.step
            self.press(f"option.{step.options[0].value}")  # type: ignore[attr-defined]
        elif kind is StepKind.IDENTIFY:
            self.type_digits(self.id_number)
            self.press("keypad.ok")
        elif kind is StepKind.INPUT:
            self.type_digits(GOOD_PHONE)
            self.press("keypad.ok")
        elif kind is StepKind.CONFIRM:
            self.press("confirm.yes")
        elif kind is StepKind.PRINT:
            self.press("action.print")
            self.on_screen("printed")
            self.press("action.next")
        elif kind is StepKind.RATE:
            self.press("rate.very_satisfied")
        else:
            raise Stuck(f"no action for a {kind.value} step")
