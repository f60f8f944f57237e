"""The kiosk window: banners on top, the screen of the moment, the bar at the bottom.

It renders the visit's state and the resident's choices, speaks each new screen, drives the
engine's clock once a second (warning, then home) and keeps the kiosk lock. Everything is built
afresh on each change, so no widget outlives the personal data it showed.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QBoxLayout,
    QComboBox,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog.schema import StepKind
from kiosk.flow.state import Outcome, Phase
from kiosk.i18n import t
from kiosk.peripherals.port import Devices
from ui.assist.desk import StaffDesk
from ui.bridge import Bridge
from ui.kiosk.keys import KeyActions, KeyFilter, describe, key_of
from ui.kiosk.prefs import Prefs
from ui.kiosk.session import Visit
from ui.screens.base import Context, Screen
from ui.screens.home import HomeScreen
from ui.speech.port import Voice, controls_of
from ui.theme import THEME_BY_NAME, Look
from ui.widgets.banner import Banner, HelpOfferBanner, TimeoutBanner
from ui.widgets.bar import ControlBar
from ui.widgets.button import BigButton, TouchPolicy
from ui.widgets.speech import SpeechStrip, next_rate
from ui.widgets.text import fill

if TYPE_CHECKING:
    from kiosk.api.kiosk import KioskApi
    from ui.assist.pinpad import PinPadPanel

log = logging.getLogger(__name__)

# Outcomes after which the next person may be someone else: their choices are reset.
RESET_AFTER = {
    Outcome.COMPLETED,
    Outcome.COMPLETED_WITH_HELP,
    Outcome.TIMED_OUT,
    Outcome.ENDED_BY_STAFF,
}


class Blank(QWidget):
    """Audio mode's privacy blank: black over everything, but touches pass through to the items
    beneath, so touch-to-hear still works."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), "#000000")
        p.end()


class KioskWindow(QWidget):
    def __init__(
        self,
        core: KioskApi,
        voice: Voice,
        devices: Devices,
        *,
        locked: bool = False,
        portrait: bool = False,
        clock: Callable[[], float] = time.monotonic,
        ready: bool = True,
    ) -> None:
        super().__init__()
        self.core, self.voice, self.devices = core, voice, devices
        # False while the store opens after the first paint (ui.kiosk.app): home is drawn from the
        # catalogue alone, and a tile touched meanwhile is started once the core is attached.
        self.ready = ready
        self.queued_service = ""
        self.settings = core.settings
        self.locked, self.portrait, self.clock = locked, portrait, clock
        self.setObjectName("kiosk")
        self.setWindowTitle(t("app.title", "zh"))
        self.touch_policy = TouchPolicy(announce=self._announce)
        self.bridge = Bridge(self)
        self.visit = Visit(core, devices, self.bridge)
        self.visit.changed.connect(self.redraw)
        self.visit.ended.connect(self._visit_ended)
        self.visit.warning.connect(self._warned)
        self.visit.help_answer.connect(self._help_answered)
        self.prefs = Prefs.defaults(self.settings)
        self.help_status = ""  # "sent" or "failed": the last call's delivery, this visit
        self.last_spoken = ""
        self.speech_open = False  # the sound settings strip, opened from the bar
        self.left_kiosk = ""  # why a helper left kiosk mode, once they did
        self._closing = False
        self.last_input = clock()
        self.current: Screen | None = None
        self.banner: QWidget | None = None
        self.bar: ControlBar | None = None
        self.bar_column: QWidget | None = None  # sound and staff beside the task (ui.widgets.bar)
        self.speech: SpeechStrip | None = None
        self.blank = Blank(self)
        self.blank.hide()
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.layout_.setSpacing(0)
        # The window is the panel: 1920x1080 or 1080x1920, whatever it holds. Without this the
        # layout raises the window's minimum to its contents' and a tall screen grows the
        # window past the panel's edge, where nobody sees it; content that does not fit is
        # found by the tour's clipping check instead.
        self.layout_.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        # The human path (ui.assist.desk): banner and help strip above the task, the staff panel
        # beside it (below in portrait), the staff control at the end of the bar.
        self.desk: StaffDesk | None = None  # made once the store is open (it loads SQLAlchemy)
        self.middle = QWidget(self)
        direction = (
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self.middle_row = QBoxLayout(direction, self.middle)
        self.middle_row.setContentsMargins(0, 0, 0, 0)
        self.middle_row.setSpacing(0)
        self.bottom = QWidget(self)
        # Landscape: the staff control at the end of the bar's row. Portrait has no width to
        # spare (the bar's words would wrap and push the task up): it sits on a slim row below.
        self.bottom_row = QBoxLayout(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight,
            self.bottom,
        )
        self.bottom_row.setContentsMargins(0, 0, 0, 0)
        self.bottom_row.setSpacing(0)
        self.layout_.addWidget(self.middle, 1)
        self.layout_.addWidget(self.bottom)
        if ready:
            self._make_desk()
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()
        self.done_timer = QTimer(self)
        self.done_timer.setSingleShot(True)
        self.done_timer.timeout.connect(self.go_home)
        self.keys = KeyFilter(
            KeyActions(
                back=self._escape,
                help=self.speak_help,
                audio_mode=self.cycle_audio_mode,
                move=self._move,
                enter=self._enter,
                typed=self._typed,
                activity=self._activity,
            ),
            key_of(self.settings.display.audio_mode_key),
            locked,
        )
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.keys)
        self.redraw()

    def _make_desk(self) -> None:
        """The human path (ui.assist.desk): the staff control at the end of the bar, the assisted
        banner and the help strip above the task, the staff panel beside it."""
        desk = StaffDesk(self, self.visit)
        desk.changed.connect(self.redraw)
        desk.speak.connect(self._say_status)
        desk.leave_kiosk.connect(self.leave_kiosk_mode)
        self.desk = desk
        self._place_entry()
        self.layout_.insertWidget(self.layout_.indexOf(self.middle), desk.banner)
        self.layout_.insertWidget(self.layout_.indexOf(self.middle), desk.strip)

    # -- drawing -----------------------------------------------------------------------------

    @property
    def look(self) -> Look:
        p = self.prefs
        return Look(
            THEME_BY_NAME[p.theme],
            p.size,
            p.elder,
            self.settings.display.pixels_per_mm,
            self.portrait,
        )

    def redraw(self) -> None:
        look, lang = self.look, self.prefs.lang
        fill(self, look.theme.background)
        engine = self.visit.engine
        ctx = Context(look, lang, self.visit)
        if engine is None:
            home = HomeScreen(ctx, self.core.catalogue.services, self.prefs)
            home.start.connect(self.start_service)
            home.language.connect(self.switch_language)
            home.elder.connect(self.toggle_elder)
            home.voice.connect(self.toggle_voice)
            screen: Screen = home
        else:
            from ui.screens.registry import SCREENS  # loaded after the first paint (ui.kiosk.app)

            screen = SCREENS[engine.step.kind](ctx)
        bar = ControlBar(look, lang, can_go_back=engine is not None and engine.can_go_back)
        for signal, slot in (
            (bar.home, self.go_home),
            (bar.back, self.visit.back),
            (bar.repeat, self.repeat),
            (bar.text_size, self.next_size),
            (bar.contrast, self.next_theme),
            (bar.language, self.switch_language),
            (bar.call_staff, self.call_staff),
            (bar.sound, self.toggle_speech_strip),
        ):
            signal.connect(slot)
        banner = self._make_banner(look)
        speech = self._make_speech_strip(look) if self.speech_open else None
        if self.desk is not None:
            self.desk.restyle(look, lang)
        fill(self.bottom, look.theme.muted_bg)  # the staff control sits in the bar's colour
        self.setUpdatesEnabled(False)
        if self.desk is not None and self.desk.entry.parent() is self.bar_column:
            self.desk.entry.setParent(self.bottom)  # out of the column before it goes
        for old in (self.banner, self.current, self.bar, self.speech, self.bar_column):
            if old is not None:
                old.setParent(None)  # out of its layout, at once
                old.hide()
                old.deleteLater()
        self.banner, self.current, self.bar, self.speech = banner, screen, bar, speech
        self.bar_column = bar.column
        if banner is not None:
            self.layout_.insertWidget(0, banner)
        self.middle_row.insertWidget(0, screen, 1)
        if speech is not None:
            self.layout_.insertWidget(self.layout_.indexOf(self.bottom), speech)
        self.bottom_row.insertWidget(0, bar, 1)
        if self.bar_column is not None:  # in the window before it is shown: never a window
            self.middle_row.addWidget(self.bar_column, 0)
        self._place_entry()
        for new in (banner, screen, bar, speech, self.bar_column):
            if new is not None:
                new.show()  # at once, not on the next event loop turn (the layout's way)
        self._place_side()
        if self.isVisible():
            # Laid out now, not on the next turn: a table's page (what is said) follows its
            # height, and what is said is decided below.
            self.layout_.activate()
        self.setUpdatesEnabled(True)
        self.touch_policy.armed = None
        self._after_render(screen)

    def _make_banner(self, look: Look) -> QWidget | None:
        engine, lang = self.visit.engine, self.prefs.lang
        if engine is not None and engine.state.phase is Phase.WARNING:
            warning = TimeoutBanner(
                look, lang, round(engine.seconds_left()), engine.extensions_left
            )
            warning.more_time.connect(self.visit.more_time)
            return warning
        if engine is not None and engine.state.help_offer and not self.help_status:
            offer = HelpOfferBanner(look, lang)
            offer.accepted.connect(self.call_staff)
            offer.declined.connect(self.visit.dismiss_help_offer)
            return offer
        return None

    def _place_entry(self) -> None:
        """The staff control: at the end of the bar's row (landscape), on its slim row below
        the bar (portrait), or at the foot of the bar's column where the bar has one."""
        desk, column = self.desk, self.bar_column
        if desk is None:
            return
        entry = desk.entry
        if column is not None:
            box = column.layout()
            assert box is not None
            box.addWidget(entry)
            box.setAlignment(entry, Qt.AlignmentFlag.AlignHCenter)
        elif self.bottom_row.indexOf(entry) < 0:
            align = Qt.AlignmentFlag.AlignRight if self.portrait else Qt.AlignmentFlag.AlignVCenter
            self.bottom_row.addWidget(entry, 0, align)
        entry.setVisible(desk.entry_shown)

    def _place_side(self) -> None:
        """The staff panel beside the task (landscape); in portrait it takes the task's place
        (the visit is untouched and comes back after), or nothing. The bar's column, where
        there is one, stays at the right edge."""
        side = self.desk.side if self.desk is not None else None
        column = self.bar_column
        for i in reversed(range(1, self.middle_row.count())):
            item = self.middle_row.itemAt(i)
            widget = item.widget() if item is not None else None
            if widget is not None and widget is not side and widget is not column:
                self.middle_row.removeWidget(widget)
                widget.hide()
        if self.current is not None:
            # Portrait has no room for a staff panel beside or below the task: the PIN pad
            # and the helper's actions take the task's place, each with a way back to it.
            self.current.setVisible(not (self.portrait and side is not None))
        if side is not None:
            if self.middle_row.indexOf(side) < 0:
                self.middle_row.insertWidget(1, side, 1 if self.portrait else 0)
            if self.portrait:
                side.setMaximumWidth(16777215)
            else:
                side.setFixedWidth(max(560, self.width() // 3))
            side.show()
        if column is not None:
            self.middle_row.removeWidget(column)
            self.middle_row.addWidget(column, 0)

    def _make_speech_strip(self, look: Look) -> SpeechStrip | None:
        controls = controls_of(self.voice)
        if controls is None:
            return None
        strip = SpeechStrip(
            look,
            self.prefs.lang,
            rate_step=controls.rate_step,
            volume_step=controls.volume_step,
            paused=controls.paused,
        )
        strip.pause_resume.connect(self.pause_or_resume)
        strip.rate.connect(self.next_rate)
        strip.quieter.connect(self.quieter)
        strip.louder.connect(self.louder)
        return strip

    def _after_render(self, screen: Screen) -> None:
        engine = self.visit.engine
        if engine is not None and engine.step.kind is StepKind.DONE:
            self.done_timer.start(round(self.settings.timing.warning_s * 1000))
        else:
            self.done_timer.stop()
        target = screen.first_focus()
        if isinstance(self.banner, TimeoutBanner):
            target = self.banner.button
        if target is not None:
            # Not a Tab reason: a new screen's first focus is not announced on its own.
            target.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
        self.blank.setGeometry(self.rect())
        self.blank.setVisible(self.prefs.blank)
        self.blank.raise_()
        said = screen.speech()
        if isinstance(self.banner, Banner):
            said = self.banner.accessibleName() + "\n" + said
        if said != self.last_spoken:
            self.last_spoken = said
            self.say(said)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.blank.setGeometry(self.rect())

    # -- speech --------------------------------------------------------------------------------

    def say(self, text: str, *, force: bool = False) -> None:
        if "audio" in self.visit.switched_off:
            return  # a helper switched the sound off: the words stay on the screen
        if text and (self.prefs.voice or self.prefs.audio_mode or force):
            self.voice.speak(text, self.prefs.lang)

    def repeat(self) -> None:
        if self.current is not None:
            self.say(self.last_spoken or self.current.speech(), force=True)

    def _say_status(self, text: str) -> None:
        """What the help strip or the staff banner announces: shown there, and said."""
        if "audio" not in self.visit.switched_off:
            self.voice.speak(text, self.prefs.lang)

    # -- the resident's speech controls (issue 4) -----------------------------------------------

    def toggle_speech_strip(self) -> None:
        self.speech_open = not self.speech_open
        self.redraw()

    def pause_or_resume(self) -> None:
        controls = controls_of(self.voice)
        if controls is None:
            return
        if controls.paused:
            controls.resume()
        else:
            controls.pause()
        self.redraw()

    def next_rate(self) -> None:
        controls = controls_of(self.voice)
        if controls is not None:
            controls.set_rate_step(next_rate(controls.rate_step))
            self.redraw()
            # Heard at the new speed at once: the step's own words, said again.
            self.say(
                t(
                    "speech.rate",
                    self.prefs.lang,
                    step=t(f"speech.rate.{controls.rate_step}", self.prefs.lang),
                ),
                force=True,
            )

    def quieter(self) -> None:
        controls = controls_of(self.voice)
        if controls is not None:
            controls.volume_down()
            self.redraw()

    def louder(self) -> None:
        controls = controls_of(self.voice)
        if controls is not None:
            controls.volume_up()
            self.redraw()

    def speak_help(self) -> None:
        """F1: help for this screen; pressing it also turns voice guidance on."""
        if self.current is not None:
            self.prefs = Prefs(**{**self.prefs.__dict__, "voice": True})
            self.say(self.current.help_text(), force=True)

    def _announce(self, widget: QWidget) -> None:
        self.say(describe(widget, self.prefs.lang), force=True)

    # -- the resident's choices -------------------------------------------------------------------

    def _set(self, prefs: Prefs) -> None:
        self.prefs = prefs
        self.redraw()

    def next_size(self) -> None:
        self._set(self.prefs.next_size())

    def next_theme(self) -> None:
        self._set(self.prefs.next_theme())

    def switch_language(self) -> None:
        self.prefs = self.prefs.other_language()
        if self.visit.engine is not None:
            self.visit.engine.set_language(self.prefs.lang)
        self.redraw()

    def toggle_elder(self) -> None:
        self._set(self.prefs.toggle_elder())

    def toggle_voice(self) -> None:
        self.voice.stop()
        self._set(Prefs(**{**self.prefs.__dict__, "voice": not self.prefs.voice}))

    def cycle_audio_mode(self) -> None:
        """Off, then touch to hear, then also a blank screen, then off again."""
        p = self.prefs
        if not p.audio_mode:
            new, key = Prefs(**{**p.__dict__, "audio_mode": True, "voice": True}), "audio.on"
        elif not p.blank:
            new, key = Prefs(**{**p.__dict__, "blank": True}), "audio.blank"
        else:
            new, key = Prefs(**{**p.__dict__, "audio_mode": False, "blank": False}), "audio.off"
        self.prefs = new
        self.touch_policy.audio_mode = new.audio_mode
        self.touch_policy.armed = None
        self.blank.setVisible(new.blank)
        self.blank.raise_()
        self.say(t(key, new.lang), force=True)

    # -- visits ----------------------------------------------------------------------------------

    def start_service(self, service_id: str) -> None:
        if not self.ready:
            self.queued_service = service_id  # started by attach_core, a moment from now
            return
        self.help_status = ""
        p = self.prefs
        self.visit.start(service_id, p.lang, elder=p.elder, audio=p.audio_mode)
        if self.visit.engine is not None and self.desk is not None:
            self.desk.visit_started(self.visit.engine)

    def go_home(self) -> None:
        if self.visit.engine is not None:
            engine = self.visit.engine
            outcome = engine.state.outcome.value if engine.ended and engine.state.outcome else ""
            self.visit.finish(outcome or Outcome.CANCELLED.value)
        else:
            self.redraw()

    def _visit_ended(self, outcome: str) -> None:
        if self._closing:
            return
        self.help_status = ""
        self.voice.stop()
        if self.desk is not None:
            self.desk.visit_ended(outcome)
        if outcome and Outcome(outcome) in RESET_AFTER:
            self.reset_prefs()
        self.redraw()

    def reset_prefs(self) -> None:
        """The next resident starts from the defaults: text, colours, language, and the voice's
        speed and volume (ui.speech.player.Speaker.reset)."""
        self.prefs = Prefs.defaults(self.settings)
        self.touch_policy.audio_mode = False
        self.speech_open = False
        controls = controls_of(self.voice)
        if controls is not None:
            controls.reset()

    def call_staff(self) -> None:
        if self.desk is not None:
            self.desk.call()

    def _help_answered(self, ok: bool) -> None:
        self.help_status = "sent" if ok else "failed"
        self.redraw()

    # -- time ------------------------------------------------------------------------------------

    def tick(self) -> None:
        """Once a second: the engine's clock; the warning's countdown; an idle home resets."""
        engine = self.visit.engine
        if engine is None:
            idle = self.clock() - self.last_input
            if (
                self.prefs != Prefs.defaults(self.settings)
                and idle >= self.settings.timing.step_timeout_s
            ):
                self.reset_prefs()
                self.redraw()
            return
        self.visit.tick()
        if isinstance(self.banner, TimeoutBanner) and self.visit.engine is not None:
            self.banner.update_seconds(round(self.visit.engine.seconds_left()))

    def _warned(self) -> None:
        self.redraw()

    def _activity(self) -> None:
        self.last_input = self.clock()
        target = self.keys.target
        on_controls = (
            self.speech is not None
            and isinstance(target, QWidget)
            and (target is self.speech or self.speech.isAncestorOf(target))
        )
        if not on_controls:  # the speech controls act on the speech; anything else stops it
            self.voice.stop()  # barge-in: speech stops when the resident acts
        if self.visit.engine is not None and self.visit.engine.state.phase is Phase.WARNING:
            return  # the warning is ended by its button, so a stray touch does not use one up
        self.visit.touch()

    # -- keys ------------------------------------------------------------------------------------

    def _staff_focus(self) -> QWidget | None:
        """The focused widget when it is in a staff panel (the PIN pad, the actions)."""
        focused = QApplication.focusWidget()
        side = self.desk.side if self.desk is not None else None
        if focused is not None and side is not None and side.isAncestorOf(focused):
            return focused
        return None

    def _pad(self) -> PinPadPanel | None:
        """The staff PIN pad while it is open."""
        desk = self.desk
        return desk.pad if desk is not None and desk.pad_open else None

    def _escape(self) -> None:
        pad = self._pad()
        if pad is not None:
            pad.cancel_button.click()
        elif self.visit.engine is not None:
            self.visit.back()

    def _move(self, forward: bool) -> None:
        self.focusNextPrevChild(forward)

    def _enter(self) -> None:
        focused = QApplication.focusWidget()
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
        if isinstance(focused, BigButton) and focused.isVisible() and focused.isEnabled():
            focused.click()
        elif self.current is not None and not self.current.type_key("\r"):
            primary = self.current.first_focus()
            if isinstance(primary, BigButton):
                primary.click()

    def _typed(self, key: str) -> bool:
        if isinstance(self._staff_focus(), (QLineEdit, QComboBox)):
            return False  # typed into the helper's own field
        if (pad := self._pad()) is not None:
            if key.isdigit() or key == "\b":
                pad.press("删除" if key == "\b" else key)
                return True
            return False
        return self.current is not None and self.current.type_key(key)

    # -- a staged start (ui.kiosk.app): the parts that open after the first paint ------------------

    def attach_core(self, core: KioskApi) -> None:
        self.core = self.visit.core = core
        self.settings = core.settings
        self.ready = True
        if self.desk is None and not self._closing:
            self._make_desk()  # beside what is drawn: home is not built again under a finger
            assert self.desk is not None
            self.desk.restyle(self.look, self.prefs.lang)
        queued, self.queued_service = self.queued_service, ""
        if queued and self.visit.engine is None and not self._closing:
            self.start_service(queued)

    def attach_devices(self, devices: Devices) -> None:
        self.devices = devices
        self.visit.use_devices(devices)

    def attach_voice(self, voice: Voice) -> None:
        self.voice = voice
        if self.visit.engine is None and self.last_spoken:
            self.say(self.last_spoken)  # the welcome, which the silent stand-in only noted

    # -- the kiosk lock --------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.locked:
            event.ignore()  # Alt+F4 and the like reach here; the kiosk stays
            return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        if self._closing:
            return
        self._closing = True
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.keys)
        self.ticker.stop()
        self.done_timer.stop()
        self.visit.finish()
        if self.desk is not None:
            self.desk.shutdown()
        self.bridge.close()

    def leave_kiosk_mode(self, reason: str) -> None:
        """A helper left kiosk mode (audited by the takeover). Full screen: the kiosk lock ends
        and the app exits to the desktop; a development window only notes it."""
        self.left_kiosk = reason
        desk = self.desk
        staff = desk.staff.label if desk is not None and desk.staff is not None else "staff"
        if not self.locked:
            log.warning("leave kiosk mode asked by %s (%s); a windowed kiosk stays", staff, reason)
            return
        log.warning("kiosk: leaving kiosk mode to the desktop at %s's request: %s", staff, reason)
        self.locked = False
        self.keys.locked = False
        self.shutdown()
        app = QApplication.instance()
        if app is not None:
            app.quit()
