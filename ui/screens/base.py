"""What every screen has: progress in words, a title, a prompt, an error place, a body.

A screen is built afresh for every step and every change of look, from the engine's state and
the visit's draft; it keeps nothing of its own that would outlive the visit. It asks the visit
(``ui.kiosk.session.VisitSession``) to act and never calls a backend or a device itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.catalog.kinds import StepKind
from kiosk.i18n import t
from kiosk.speech.private import mark_value, mark_values, private
from kiosk.text import Lang, text_language
from ui.theme import Look
from ui.widgets.button import BigButton, Role
from ui.widgets.keypad import Keypad
from ui.widgets.said import SPOKEN, said_about, said_name, say_as
from ui.widgets.text import Label, Notice

if TYPE_CHECKING:
    from kiosk.catalog.schema import Step, Text
    from kiosk.flow.engine import FlowEngine
    from kiosk.flow.progress import Progress
    from ui.kiosk.session import VisitSession


@dataclass
class Context:
    look: Look
    lang: Lang
    visit: VisitSession
    call_staff: Callable[[], None]  # the help desk's call (a way forward on failure screens)

    @property
    def engine(self) -> FlowEngine:
        engine = self.visit.engine
        assert engine is not None, "a step screen needs a visit"
        return engine


class Screen(QWidget):
    kind = "screen"
    announce = Signal(str)  # words said while the screen stays (a table page turned)

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.look, self.lang = ctx, ctx.look, ctx.lang
        self.box = QVBoxLayout(self)
        m = self.look.margin_px
        self.box.setContentsMargins(m, self.look.mm(4), m, self.look.mm(4))
        self.box.setSpacing(self.look.gap_px)
        self._spoken: list[str | Callable[[], str]] = []
        self.primary: BigButton | None = None  # what Enter-first focus lands on
        self.added: list[BigButton] = []  # choices from outside the screen (``add_choices``)
        self.asked = ""  # what those choices answer (a help offer), said after the screen's words
        self.waiting = ""  # what the screen waits for, said by where am I (``waiting_note``)

    # -- building blocks --------------------------------------------------------------------

    def heading(
        self,
        title: str,
        prompt: str = "",
        progress: str = "",
        *,
        said: tuple[str, str] | None = None,
    ) -> None:
        """Title and prompt shown and said; ``said`` gives their spoken forms where they
        differ (personal values marked as private)."""
        said_title, said_prompt = said or (title, prompt)
        self._identity_confirmed()
        if progress:
            self.box.addWidget(Label(self.look, progress))
        self.box.addWidget(Label(self.look, title, "title"))
        self.say(said_title)
        if prompt:
            self.box.addWidget(Label(self.look, prompt))
            self.say(said_prompt)

    def _identity_confirmed(self) -> None:
        """Right after a card read or a typed number is accepted: who it is, on the screen with
        the masked number, said with the name only through a headset. A typed number is only
        received: nobody saw a card, so it is not called an identity confirmed."""
        who = self.ctx.visit.confirmed
        if who is None:
            return
        name, masked, typed = who
        lang, words = self.lang, "identify.received" if typed else "identify.confirmed"
        without_name = t(f"{words}_id", lang, masked=masked)
        shown = t(words, lang, name=name, masked=masked) if name else without_name
        self.box.addWidget(Notice(self.look, shown, icon="check"))
        self.say(private(shown, without_name, quiet=True) if name else shown)

    def problem(self, text: str) -> None:
        """Show and say a problem: words with an icon, never colour alone."""
        if text:
            self.box.addWidget(Notice(self.look, text, error=True))
            self.say(text)

    def waiting_note(self, shown: str, said: str = "") -> None:
        """What the screen waits for (a print, a lookup), shown and said; with nothing to press
        meanwhile, where am I says it instead of naming a control."""
        self.waiting = said or shown
        self.box.addWidget(Notice(self.look, shown))
        self.say(self.waiting)

    def note(self, text: str) -> None:
        if text:
            self.box.addWidget(Notice(self.look, text))
            self.say(text)

    def button(
        self,
        text: str,
        *,
        role: Role = "plain",
        sub: str = "",
        icon: str = "",
        name: str = "",
        about: str = "",
        said: str = "",
    ) -> BigButton:
        b = BigButton(
            self.look,
            text,
            role=role,
            sub=sub,
            icon=icon,
            description=about,
        )
        if name:
            b.setObjectName(name)
        if said:
            say_as(b, said)  # the words as said, where they differ from shown
        return b

    def choice(self, button: BigButton) -> BigButton:
        """One of the step's main choices: in elder mode its words are larger (main functions
        at least 30 pt, MIIT 2021) and so is the button."""
        if self.look.elder:
            button.label_px = self.look.title_px
        return button

    def say(self, text: str) -> None:
        if text:
            self._spoken.append(text)

    def say_fact(self, label: str, value: str) -> None:
        """ "Label: value", the value marked private when it is personal (an amount, an ID or
        phone number)."""
        colon = "：" if text_language(self.lang) == "zh" else ": "
        self.say(f"{label}{colon}{mark_value(value)}")

    def say_later(self, words: Callable[[], str]) -> None:
        """Words known once the screen is laid out (a table's page), said with the rest."""
        self._spoken.append(words)

    def stretch(self) -> None:
        self.box.addStretch(1)

    # -- what the window asks of a screen ----------------------------------------------------

    def speech(self, focus: QWidget | None = None, *, elsewhere: bool = False) -> str:
        """What is said when the screen appears, and again on Repeat: the words, then what
        the window's added choices answer (a help offer, after the refusal it is made for),
        then every choice in order ("第1项，…"), then how to choose, then which choice Enter
        chooses: ``focus`` where the focus is not the screen's first (a help offer's answer;
        where keys moved it); ``elsewhere``: on none of them (the bar), which the window
        names."""
        said = [part if isinstance(part, str) else part() for part in self._spoken]
        said.append(self.asked)
        choices = self.choices()
        for n, button in enumerate(choices, 1):
            said.append(t("speech.item", self.lang, n=n, name=spoken_name(button, self.lang)))
        if self.findChild(Keypad) is not None:
            said.append(t("speech.keypad", self.lang))
        if choices:
            said.append(t("speech.how_to_choose", self.lang))
            first = focus or (None if elsewhere else self.first_focus())
            if first is not None and first in choices:  # Enter at once chooses it: say which it is
                assert isinstance(first, BigButton)
                n = choices.index(first) + 1
                said.append(t("speech.focused", self.lang, n=n, name=said_name(first)))
        return "\n".join(s for s in said if s)

    def choices(self) -> list[BigButton]:
        """The screen's buttons in focus order, as the keys reach them, then those the window
        added; a keypad's keys are not listed one by one (the keypad is announced as a whole)."""
        out: list[BigButton] = []
        # From the screen to the window, where its buttons are: walking on round the window's
        # chain back to the screen kept every screen's wrapper alive for good (PySide6 6.11,
        # about 36 KiB a visit in bench/soak.py).
        top = self.window()
        widget = self.nextInFocusChain()
        while widget is not None and widget is not self and widget is not top:
            if (
                isinstance(widget, BigButton)
                and self.isAncestorOf(widget)
                and widget.isVisibleTo(self)
                and widget.isEnabled()
                and not any(isinstance(p, Keypad) for p in ancestors(widget, self))
                and widget not in out
            ):
                out.append(widget)
            widget = widget.nextInFocusChain()
        return out + [b for b in self.added if not b.isHidden() and b.isEnabled()]

    def calls_staff(self) -> bool:
        """Whether one of the screen's own ways forward calls staff (a failed print's, a
        failed lookup's): the window then adds no offer of a person beside it."""
        own = (b for b in self.findChildren(BigButton) if b not in self.added)
        return any(b.role == "staff" and not b.isHidden() for b in own)

    def add_choices(self, buttons: list[BigButton], asked: str = "") -> None:
        """Choices the window shows with this screen (a help offer's answers): listed, said
        and numbered after the screen's own, after ``asked``, what they answer."""
        self.added, self.asked = buttons, asked

    def help_text(self) -> str:
        return t(f"keyhelp.{self.kind}", self.lang)

    def typed_status(self) -> str:
        """What is typed on this screen's keypad so far, as said ("" without a keypad)."""
        keypad = self.findChild(Keypad)
        return keypad.status() if keypad is not None else ""

    def first_focus(self) -> QWidget | None:
        return self.primary

    def type_key(self, key: str) -> bool:
        """A character from a physical keyboard; True if this screen took it."""
        return False

    def align_top(self) -> None:
        self.box.setAlignment(QtCore.Qt.AlignmentFlag.AlignTop)


class StepScreen(Screen):
    """A screen for one step of a service."""

    def __init__(self, ctx: Context, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.engine = ctx.engine
        self.step: Step = self.engine.step
        self.kind = self.step.kind.value
        self.values = self.engine.values(self.lang)

    def fmt(self, text: Text | None) -> str:
        return text.format(self.lang, self.values) if text else ""

    def fmt_said(self, text: Text | None) -> str:
        """The spoken form, personal values (names, ID numbers, amounts) marked private."""
        return text.format_spoken(self.lang, mark_values(self.values)) if text else ""

    def progress(self) -> str:
        return progress_words(self.engine.progress, self.lang)

    def standard_heading(self) -> None:
        step = self.step
        self.heading(
            self.fmt(step.title),
            self.fmt(step.prompt),
            self.progress(),
            said=(self.fmt_said(step.title), self.fmt_said(step.prompt)),
        )

    def pending_heading(self) -> None:
        """While a step waits for its answer (or after a refusal): the service's title, not the
        step's, which may announce a result not yet had ("挂失已生效")."""
        title = self.engine.service.title.get(self.lang)
        self.heading(
            title, "", self.progress(), said=(self.engine.service.title.spoken(self.lang), "")
        )

    def help_text(self) -> str:
        if self.step.help is not None:
            return self.step.help.spoken(self.lang)
        return t(f"keyhelp.{self.kind}", self.lang)

    def beside_keypad(self) -> None:
        """Landscape: words on the left, the keypad the full height on the right. Call before
        adding the words; ``place_keypad`` puts the keypad."""
        self._outer = self.box
        if self.look.portrait:
            return
        self._row = QHBoxLayout()
        self._row.setSpacing(self.look.gap_px * 3)
        self.box.addLayout(self._row, 1)
        self.box = QVBoxLayout()
        self.box.setSpacing(self.look.gap_px)
        self._row.addLayout(self.box, 2)

    def place_keypad(self, keypad: Keypad) -> None:
        """Place the keypad; each key it takes is said (kept from the loudspeaker as the
        keypad says)."""
        keypad.keyed.connect(self.announce)
        if self.look.portrait:
            self.box.addWidget(keypad, 1)
            return
        self.box.addStretch(1)
        self._row.addWidget(keypad, 3)
        self.box = self._outer

    def next_button(self, text: str = "") -> BigButton:
        b = self.button(text or t("action.next", self.lang), role="primary", name="action.next")
        b.activated.connect(self.ctx.visit.advance)
        self.primary = b
        return b


def progress_words(where: Progress, lang: Lang) -> str:
    """ "第 3 步，共 5 步"; while the steps to come are not decided, the most there can be."""
    key = "step.progress" if where.decided else "step.progress_most"
    return t(key, lang, n=where.number, total=where.most)


def ancestors(widget: QWidget, top: QWidget) -> list[QWidget]:
    out: list[QWidget] = []
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        out.append(parent)
        parent = parent.parentWidget()
    return out


def spoken_name(button: QWidget, lang: Lang) -> str:
    """A choice as said: its words (or their spoken form), then what it does where that adds."""
    name, about = said_name(button), said_about(button)
    sep = "，" if text_language(lang) == "zh" else ", "
    repeats = button.accessibleDescription() == button.property(SPOKEN)
    return f"{name}{sep}{about}" if about and not repeats else name


# The step screens by step kind (ui.screens.registry.SCREENS), as the window looks them up.
Screens = Mapping[StepKind, type[StepScreen]]
