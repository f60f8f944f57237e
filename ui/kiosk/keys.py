"""The keypad path: what to say for a focused item, and the EZ Access keys.

Arrow keys and Tab move the focus and each item is spoken with its role ("按钮：打印");
Enter activates (in a keypad it submits what was typed, as the prompts say); Escape goes back;
F1 speaks help for the screen; F3 says where the resident is (service, step, what is
selected); F4 starts key help, where each key is named and does nothing until F4 again; the
configured audio-mode key starts touch-to-hear, then blanks the screen, then ends audio mode.
Digit keys go to the screen's keypad. During the inactivity warning any key answers it, and
does only that. Kiosk lock: in full screen, Alt+F4, Ctrl+Q and Ctrl+W do nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from PySide6 import QtCore
from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QApplication, QWidget

from kiosk.i18n import t
from kiosk.text import Lang, sentences, text_language
from ui.widgets.button import BigButton
from ui.widgets.keypad import keypad_around
from ui.widgets.said import said_about, said_name

if TYPE_CHECKING:
    from ui.assist.pinpad import PinPadPanel
    from ui.kiosk.window import KioskWindow


def describe(widget: QWidget, lang: Lang, position: tuple[int, int] | None = None) -> str:
    """What a screen reader would say: role, name, a state worth knowing, then where the item
    is among the screen's choices (``position``: its number from 1, and how many)."""
    zh = text_language(lang) == "zh"
    # Its words as said: a language's own name in that language's voice (ui.widgets.said).
    parts = [f"{t('role.button', lang)}{'：' if zh else ': '}{said_name(widget)}"]
    if isinstance(widget, QAbstractButton):
        if widget.isCheckable() and widget.isChecked():
            parts.append(t("state.selected", lang))
        if not widget.isEnabled():
            parts.append(t("state.unavailable", lang))
    about = said_about(widget)
    if about:
        parts.append(about)
    if position is not None:
        parts.append(t("speech.position", lang, n=position[0], total=position[1]))
    # Each part said as one sentence (kiosk.text.sentences: a description that ends its own,
    # "…读卡器上。", is not given a second full stop).
    return sentences(parts, lang)


def focused_name(window: QWidget) -> str:
    """The name of the control that has the focus in ``window`` ("" if none)."""
    focused = QApplication.focusWidget()
    return focused.objectName() if focused and window.isAncestorOf(focused) else ""


def named(window: QWidget, name: str) -> QWidget | None:
    """The shown, enabled control of this name: where the focus goes back to after the window
    is built afresh (the old widgets are hidden by then)."""
    for widget in window.findChildren(QWidget, name) if name else []:
        if widget.isVisibleTo(window) and widget.isEnabled():
            return widget
    return None


def key_of(name: str) -> int:
    """Qt key code of a configured key name such as "F2" (F2 when the name is not a key).

    A number, not a ``Qt.Key``: the window reads its audio-mode key while home is being built,
    before Qt's namespace is made (docs/architecture.md, "The start of kiosk run")."""
    sequence = QKeySequence(name)
    if sequence.count() == 0:
        return key_of("F2")
    return int(sequence[0].toCombined()) & KEY_CODE  # type: ignore[index]


KEY_CODE = 0x01FFFFFF  # a key combination's key, without its modifiers (Qt::KeyboardModifierMask)
# EZ Access practice: a key that says where the resident is, and one that turns on key help.
WHERE_KEY = key_of("F3")
KEY_HELP = key_of("F4")


class KeyActions(NamedTuple):
    back: Callable[[], None]
    help: Callable[[], None]
    audio_mode: Callable[[], None]
    move: Callable[[bool], None]  # True: next item
    enter: Callable[[], None]  # Enter: the focused button, a keypad's OK, or the main action
    typed: Callable[[str], bool]  # a character for the screen's keypad
    # Any key or touch: the resident is there. True when it answered the inactivity warning,
    # and so does nothing else.
    activity: Callable[[], bool]
    where: Callable[[], None] = lambda: None  # "where am I?"
    name_key: Callable[[str], None] = lambda _k: None  # key help: say what a key does

    @classmethod
    def none(cls) -> KeyActions:
        """Keys that do nothing (out of service); the kiosk lock still holds."""

        def nothing(*_args: object) -> None:
            return None

        return cls(nothing, nothing, nothing, nothing, nothing, lambda _key: True, lambda: False)


class KeyFilter(QObject):
    """Installed on the application: sees every key and touch before any widget."""

    def __init__(self, actions: KeyActions, audio_key: int, locked: bool) -> None:
        super().__init__()
        self.actions, self.audio_key, self.locked = actions, audio_key, locked
        self.naming = False  # key help: each key is named, not acted on
        # What the last touch or key went to, so the window can tell a touch on the speech
        # controls (which must not stop the speech they control) from any other.
        self.target: QObject | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin):
            self.target = watched
            return self.actions.activity()  # a touch that answered the warning does only that
        if kind != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        if not isinstance(watched, QWidget) or (
            not watched.isWindow() and watched.window() is None
        ):
            return False
        return self._key(event)

    def _key_event_for_test(self, key: QtCore.Qt.Key, mods: QtCore.Qt.KeyboardModifier) -> bool:
        """Whether a key press would be eaten (the offscreen platform sends no Alt+F4)."""
        return self._key(QKeyEvent(QEvent.Type.KeyPress, key, mods))

    def _key(self, event: QKeyEvent) -> bool:
        Key, Modifier = QtCore.Qt.Key, QtCore.Qt.KeyboardModifier
        key, mods = event.key(), event.modifiers()
        self.target = QApplication.focusWidget()
        still_here = self.actions.activity()
        ctrl = bool(mods & Modifier.ControlModifier)
        alt = bool(mods & Modifier.AltModifier)
        if (ctrl and key in (Key.Key_Q, Key.Key_W)) or (alt and key == Key.Key_F4):
            return self.locked  # the kiosk lock eats them; a dev window lets them through
        if still_here:
            return True  # "are you still there?": any key says yes, and only that
        if event.isAutoRepeat():
            return True  # a held key is not a second press
        if key == KEY_HELP:
            self.naming = not self.naming
            self.actions.name_key("on" if self.naming else "off")
            return True
        if self.naming:
            self.actions.name_key(self._key_name(event))
            return True
        if key == WHERE_KEY:
            self.actions.where()
        elif key == self.audio_key:
            self.actions.audio_mode()
        elif key == Key.Key_F1:
            self.actions.help()
        elif key == Key.Key_Escape:
            self.actions.back()
        elif key in (Key.Key_Down, Key.Key_Right, Key.Key_Tab):
            self.actions.move(True)
        elif key in (Key.Key_Up, Key.Key_Left, Key.Key_Backtab):
            self.actions.move(False)
        elif key in (Key.Key_Return, Key.Key_Enter):
            self.actions.enter()
        elif key == Key.Key_Backspace:
            return self.actions.typed("\b")
        elif event.text() and (event.text().isdigit() or event.text().upper() in ("X", ".")):
            return self.actions.typed(event.text())
        else:
            return False
        return True

    def _key_name(self, event: QKeyEvent) -> str:
        """The message key that names what ``event``'s key does (key help)."""
        Key = QtCore.Qt.Key
        key = int(event.key())
        named: dict[int, str] = {WHERE_KEY: "where", self.audio_key: "audio"}
        for qt_key, word in (
            (Key.Key_F1, "help"),
            (Key.Key_Escape, "back"),
            (Key.Key_Down, "next"),
            (Key.Key_Right, "next"),
            (Key.Key_Tab, "next"),
            (Key.Key_Up, "prev"),
            (Key.Key_Left, "prev"),
            (Key.Key_Backtab, "prev"),
            (Key.Key_Return, "enter"),
            (Key.Key_Enter, "enter"),
            (Key.Key_Backspace, "delete"),
        ):
            named[int(qt_key.value)] = word
        if key in named:
            return named[key]
        text = event.text()
        if text and (text.isdigit() or text.upper() in ("X", ".")):
            return "digit:" + text.upper()
        return "other"


class KeyRouter:
    """Where the window's keys go: a staff panel's own controls while one is focused, the staff
    PIN pad while it is open (never the resident's keypad), else the resident's screen."""

    def __init__(self, window: KioskWindow) -> None:
        self.window = window

    def _staff_focus(self) -> QWidget | None:
        """The focused widget when it is in a staff panel (the PIN pad, the actions)."""
        focused = QApplication.focusWidget()
        desk = self.window.desk
        side = desk.side if desk is not None else None
        if focused is not None and side is not None and side.isAncestorOf(focused):
            return focused
        return None

    def _pad(self) -> PinPadPanel | None:
        desk = self.window.desk
        return desk.helper.pad if desk is not None and desk.helper.pad_open else None

    def escape(self) -> None:
        pad = self._pad()
        if pad is not None:
            pad.cancel_button.click()
        else:
            self.window.visits.back()

    def move(self, forward: bool) -> None:
        self.window.focusNextPrevChild(forward)

    def enter(self) -> None:
        focused = QApplication.focusWidget()
        if self.window.touch_policy.enter_repeats(focused or self.window):
            return  # a second Enter hard on the first: ignored as a double tap is
        staff = self._staff_focus()
        if staff is not None:  # a staff panel's own controls; never the resident's keypad
            click = getattr(staff, "click", None)
            if click is not None and staff.isEnabled():
                click()
            elif (pad := self._pad()) is not None:
                pad.press("确定")
            return
        if (pad := self._pad()) is not None:
            pad.press("确定")
            return
        current = self.window.current
        keypad = keypad_around(focused)
        if keypad is not None and keypad.isEnabled():
            # "输完按确认键": Enter submits what was typed wherever the focus sits in the keypad
            # (it starts on a key); a key on screen is pressed with Space, or typed.
            keypad.type_key("\r")
        elif isinstance(focused, QAbstractButton):
            if focused.isVisible() and focused.isEnabled():
                focused.click()  # the focused button, whatever it is (never another one)
        elif current is not None and not current.type_key("\r"):
            primary = current.primary  # the main action (home: the first service)
            if isinstance(primary, BigButton):
                primary.click()

    def typed(self, key: str) -> bool:
        field = self._staff_focus()
        # Asked of Qt by class name: the window's modules make no Python types for the staff
        # panel's field classes (and their enums) before the first paint.
        if field is not None and (field.inherits("QLineEdit") or field.inherits("QComboBox")):
            return False  # typed into the helper's own field
        if (pad := self._pad()) is not None:
            if key.isdigit() or key == "\b":
                pad.press("删除" if key == "\b" else key)
                return True
            return False
        current = self.window.current
        return current is not None and current.type_key(key)
