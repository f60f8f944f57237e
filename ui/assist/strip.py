"""What the resident sees after calling: staff told N s ago, who is coming, cancel the call.

The strip polls a ``HelpWatch`` (kiosk.assist.status) once a second on a worker thread, and
says what changed through ``announce`` so the kiosk can speak it. After T2 with nobody coming
it offers the counter ticket and the hotline (``counter_offered``, and the ``take_ticket``
button); if the call never reached the store, ``show_undelivered`` shows where to find a person.

Standing alone it wears the staff widgets' style; in the kiosk window ``set_look`` draws it in
the resident's own text size, theme and language (in-page, above the task, never over it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from kiosk.assist.vocabulary import HelpStatus, status_text
from kiosk.i18n import t
from kiosk.speech.codes import unmarked
from kiosk.text import Lang
from ui.assist.style import SHEET
from ui.bridge import Bridge
from ui.theme import Look
from ui.widgets.button import BigButton
from ui.widgets.icons import Icon
from ui.widgets.text import Label, fill

if TYPE_CHECKING:
    from kiosk.assist.status import HelpWatch


class HelpStatusStrip(QFrame):
    announce = Signal(str)
    staff_coming = Signal(object)  # HelpStatus
    counter_offered = Signal(object)  # HelpStatus
    cancelled = Signal()
    finished = Signal()
    take_ticket = Signal()  # the resident accepted the counter ticket offered after T2

    def __init__(
        self, lang: Lang = "zh", interval_ms: int = 1000, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("strip")
        self.lang: Lang = lang
        self.look: Look | None = None
        self.bridge = Bridge(self, workers=1)
        self.watch: HelpWatch | None = None
        self.status: HelpStatus | None = None
        self.words = ""
        # A note of its own (the counter ticket taken, its paper): kept as the call's status
        # is polled again, under the status once that moves on.
        self._note = ""
        self.ticket_offered = False
        self._cancel_shown = False
        self._polling = False
        # Whether a visit is under way (its owner tells): a call from home asks the resident
        # to wait there, one in a visit says they may carry on.
        self.in_visit: Callable[[], bool] = lambda: True
        self.row = QHBoxLayout(self)
        self.text: QLabel = QLabel()
        self.cancel_button: QPushButton = QPushButton()
        self.ticket_button: QPushButton = QPushButton()
        self._build()
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self.hide()

    # -- drawing ------------------------------------------------------------------------------

    def set_look(self, look: Look, lang: Lang) -> None:
        """Draw in the kiosk's look and language (called on every redraw of the window)."""
        if look == self.look and lang == self.lang:
            return
        self.look, self.lang = look, lang
        if self.status is not None:
            self.words = status_text(self.status, lang, in_visit=self.in_visit())
        self._build()

    def _build(self) -> None:
        while self.row.count():
            item = self.row.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.hide()
                widget.deleteLater()
        lang, look = self.lang, self.look
        cancel_text, ticket_text = t("help.cancel", lang), t("help.take_ticket", lang)
        if look is None:
            self.setStyleSheet(SHEET)
            self.row.setContentsMargins(20, 10, 20, 10)
            self.text = QLabel(self.words)
            self.text.setWordWrap(True)
            self.cancel_button = QPushButton(cancel_text)
            self.ticket_button = QPushButton(ticket_text)
            self.cancel_button.clicked.connect(self.cancel)
            self.ticket_button.clicked.connect(self.take_ticket)
        else:
            self.setStyleSheet("")
            theme = look.theme
            fill(self, theme.muted_bg)
            self.setFrameShape(QFrame.Shape.Box)
            self.setLineWidth(look.border_px)
            m = look.mm(3)
            self.row.setContentsMargins(m, m, m, m)
            self.row.setSpacing(look.gap_px)
            self.row.addWidget(Icon("person", theme.text, round(look.body_px * 1.8)))
            self.text = Label(look, self.words, "strong", bg=theme.muted_bg)
            cancel = BigButton(look, cancel_text, description=t("help.cancel_about", lang))
            ticket = BigButton(look, ticket_text, role="primary")
            cancel.activated.connect(self.cancel)
            ticket.activated.connect(self.take_ticket)
            for button in (cancel, ticket):
                button.setMinimumWidth(look.target_px * 3)
            self.cancel_button, self.ticket_button = cancel, ticket
        self.text.setAccessibleName(unmarked(self.words) or t("help.calling", lang))
        self.cancel_button.setObjectName("help.cancel")
        self.ticket_button.setObjectName("help.take_ticket")
        self.cancel_button.setAccessibleName(cancel_text)
        self.ticket_button.setAccessibleName(ticket_text)
        self.row.addWidget(self.text, 1)
        self.row.addWidget(self.ticket_button)
        self.row.addWidget(self.cancel_button)
        self.ticket_button.setVisible(self.ticket_offered)
        self.cancel_button.setVisible(self._cancel_shown)

    def _say(self, words: str) -> None:
        self.words = words  # as said: a code in it marked (kiosk.speech.codes)
        self.text.setText(unmarked(words))
        self.text.setAccessibleName(unmarked(words))
        self._fit()

    def _fit(self) -> None:
        """As tall as the words wrapped at this width need: the strip grows and the task
        below gives way (the window's layout would otherwise keep its first height)."""
        if self.look is None or self.width() <= 0:
            return
        need = self.row.totalHeightForWidth(self.width())
        if need > 0 and need != self.minimumHeight():
            self.setMinimumHeight(need)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _buttons(self, *, cancel: bool, ticket: bool) -> None:
        shown = ((self.cancel_button, cancel), (self.ticket_button, ticket))
        self._step_back_from([button for button, stays in shown if not stays])
        self._cancel_shown, self.ticket_offered = cancel, ticket
        self.cancel_button.setVisible(cancel)
        self.ticket_button.setVisible(ticket)
        self._fit()

    def _step_back_from(self, going: list[QWidget]) -> None:
        """A focused button about to be hidden: the focus goes back one stop, to Call staff
        (the kiosk window puts these buttons right after it), where Qt would move it on to
        whatever follows (the staff sign-in)."""
        focused = QApplication.focusWidget()
        if focused is not None and any(w is focused or w.isAncestorOf(focused) for w in going):
            self.window().focusNextPrevChild(False)

    def _close(self) -> None:
        self._note = ""
        self._step_back_from([self])
        self.hide()

    # -- following a call -------------------------------------------------------------------

    def follow(self, watch: HelpWatch) -> None:
        self.watch, self.status, self._note = watch, None, ""
        self._buttons(cancel=True, ticket=False)
        self._say(t("help.told", self.lang))
        self.show()
        self._timer.start()
        self.poll()

    def poll(self) -> None:
        if self.watch is None or self._polling:
            return
        self._polling = True
        watch = self.watch
        self.bridge.run(
            watch.poll, on_done=lambda s: self._show(watch, s), on_error=self._poll_failed
        )

    def _poll_failed(self, _error: BaseException) -> None:
        self._polling = False  # the store is away: keep the last words, try again next tick

    def _show(self, watch: HelpWatch, status: HelpStatus) -> None:
        self._polling = False
        if watch is not self.watch:
            return  # an answer about a call since cancelled or replaced
        before = self.status
        self.status = status
        words = status_text(status, self.lang, in_visit=self.in_visit())
        moved = before is None or before.phase != status.phase
        if not self._note:
            self._say(words)
        elif moved:
            self._say(f"{words}\n{self._note}")
        if moved:
            if status.phase == "counter":
                self._buttons(cancel=True, ticket=True)
                # Heard with how to take the ticket: the button is above the task.
                self.announce.emit(words + "\n" + t("help.ticket_how", self.lang))
                self.counter_offered.emit(status)
            elif status.phase != "told" or before is None:
                self.announce.emit(words)
            if status.phase == "coming":
                self.staff_coming.emit(status)
        if status.phase in ("assisting", "closed"):
            self._buttons(cancel=False, ticket=False)
        if status.phase == "closed":
            self._timer.stop()
            self.finished.emit()

    def cancel(self) -> None:
        if self.watch is None:
            self._close()
            self.cancelled.emit()
            return
        watch, self.watch = self.watch, None
        self._timer.stop()
        self.bridge.run(watch.cancel, on_done=lambda _v: self._cancelled(), on_error=None)

    def _cancelled(self) -> None:
        self._close()
        self.cancelled.emit()

    def show_calling(self, text: str) -> None:
        """The call is on its way to the store: shown and said, no buttons yet."""
        self._say(text)
        self._buttons(cancel=False, ticket=False)
        self.show()
        self.announce.emit(text)

    def show_undelivered(self, text: str) -> None:
        """The call could not be delivered in time: directions and a ticket instead."""
        self._timer.stop()
        self.watch = None
        self._say(text)
        self._buttons(cancel=False, ticket=False)
        self.show()
        self.announce.emit(text)

    def show_note(self, text: str, *, spoken: bool = True) -> None:
        """A line of its own (the counter ticket taken): shown and spoken (``spoken`` False:
        the caller says it), no buttons."""
        self._note = text
        self._say(text)
        self._buttons(cancel=self.watch is not None, ticket=False)
        self.show()
        if spoken:
            self.announce.emit(text)

    def add_note(self, text: str) -> None:
        """One more line under the words shown (the ticket's paper did not come): shown with
        them, and only it spoken."""
        self._note = f"{self._note}\n{text}" if self._note else text
        self._say(f"{self.words}\n{text}" if self.words else text)
        self.show()
        self.announce.emit(text)

    def stop(self) -> None:
        """Stop following without closing the call (the visit ended): hide and forget."""
        self._timer.stop()
        self.watch, self.status, self.words = None, None, ""
        self._buttons(cancel=False, ticket=False)
        self._close()

    def shutdown(self) -> None:
        self._timer.stop()
        self.bridge.close()
