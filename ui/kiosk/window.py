"""The kiosk window: banners on top, the screen of the moment, the bar at the bottom.

It lays out what the visit's state and the resident's choices call for, built afresh on each
change so no widget outlives the personal data it showed. Its parts each have their own module:
the visit (``session.VisitSession``, the only writer of the visit), the help desk
(``ui.assist.desk.HelpDesk``, all help state), the resident's controls (``controls``) and the
keys (``keys``). The window drives the clock once a second and keeps the kiosk lock.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QCloseEvent, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.catalog.pending import PendingCatalogue
from kiosk.catalog.schema import Catalogue, StepKind
from kiosk.flow.state import Outcome, Phase
from kiosk.i18n import t
from kiosk.peripherals.port import Devices
from ui.assist.desk import HelpDesk
from ui.bridge import Bridge
from ui.kiosk.controls import ResidentControls
from ui.kiosk.frame import Frame
from ui.kiosk.keys import KeyActions, KeyFilter, KeyRouter, key_of
from ui.kiosk.out_of_service import OutOfService
from ui.kiosk.prefs import Prefs
from ui.kiosk.session import VisitSession
from ui.screens.base import Context, Screen, Screens
from ui.screens.home import HomeScreen
from ui.speech.port import Voice, controls_of
from ui.theme import THEME_BY_NAME, Look
from ui.widgets.banner import Banner, HelpOfferBanner, TimeoutBanner
from ui.widgets.bar import ControlBar
from ui.widgets.button import TouchPolicy
from ui.widgets.keypad import Keypad
from ui.widgets.speech import SpeechStrip
from ui.widgets.text import fill

if TYPE_CHECKING:
    from kiosk.api.kiosk import KioskApi
    from kiosk.config import Settings

log = logging.getLogger(__name__)
# Home is rebuilt with a newly published catalogue only once nobody has touched it for this
# long: someone finding their way along the tiles (by keys, by ear) keeps their place.
HOME_QUIET_S = 5.0

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
        api: KioskApi | None,
        voice: Voice,
        devices: Devices,
        *,
        settings: Settings | None = None,
        catalogue: Catalogue | None = None,
        screens: Screens | None = None,
        locked: bool = False,
        portrait: bool = False,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``api`` None: a staged start (ui.kiosk.app). Home is drawn from ``settings`` and
        ``catalogue`` alone, and a tile touched meanwhile starts once ``attach_api`` is called."""
        super().__init__()
        settings = settings or (api.settings if api is not None else None)
        catalogue = catalogue or (api.catalogue if api is not None else None)
        if settings is None or catalogue is None:
            raise ValueError("a window without its API needs the settings and the catalogue")
        self.api, self.voice, self.devices = api, voice, devices
        self.settings, self.catalogue = settings, catalogue
        # The step screens (ui.screens.registry): given, or attached after the first paint
        # (their modules load qrcode and PIL, which home does not need).
        self.screens = screens
        self.ready = api is not None and screens is not None
        self.queued_service = ""
        # Versions published to the hall wait here (offered from the watcher's thread) until
        # no visit runs: home at the next tick, or the end of the visit under way.
        self.catalogues = PendingCatalogue()
        self.locked, self.portrait, self.clock = locked, portrait, clock
        self.setObjectName("kiosk")
        self.setWindowTitle(t("app.title", "zh"))
        self.controls = ResidentControls(self)
        self.touch_policy = TouchPolicy(announce=self.controls.announce)
        self.bridge = Bridge(self)
        self.visit = VisitSession(api, devices, self.bridge)
        self.visit.changed.connect(self.redraw)
        self.visit.ended.connect(self._visit_ended)
        self.visit.warning.connect(self.redraw)
        self.prefs = Prefs.defaults(settings)
        self.drawing = False  # inside redraw: focus changes are not announced
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
        self.notice: OutOfService | None = None  # the out-of-service screen, once shown
        self.frame = Frame(self, portrait)
        # The human path: banner and help strip above the task, the staff panel beside it
        # (below in portrait), the staff control at the end of the bar.
        self.desk = HelpDesk(self, self.visit, self.bridge)
        self.desk.changed.connect(self.redraw)
        self.desk.speak.connect(self.controls.say_status)
        self.desk.leave_kiosk.connect(self.leave_kiosk_mode)
        self.frame.above_task(self.desk.banner)
        self.frame.above_task(self.desk.strip)
        self._place_entry()
        self.ticker = QTimer(self)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()
        self.done_timer = QTimer(self)
        self.done_timer.setSingleShot(True)
        self.done_timer.timeout.connect(self.go_home)
        router = KeyRouter(self)
        self.keys = KeyFilter(
            KeyActions(
                back=router.escape,
                help=self.controls.speak_help,
                audio_mode=self.controls.cycle_audio_mode,
                move=router.move,
                enter=router.enter,
                typed=router.typed,
                activity=self._activity,
                where=self.controls.where_am_i,
                name_key=self.controls.name_key,
            ),
            key_of(settings.display.audio_mode_key),
            locked,
        )
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self.keys)
        self.redraw()

    # -- drawing -----------------------------------------------------------------------------

    @property
    def look(self) -> Look:
        p = self.prefs
        pixels_per_mm = self.settings.display.pixels_per_mm
        return Look(THEME_BY_NAME[p.theme], p.size, p.elder, pixels_per_mm, self.portrait)

    @property
    def help_status(self) -> str:
        return self.desk.help_status

    @property
    def last_spoken(self) -> str:
        return self.controls.last_spoken

    def redraw(self) -> None:
        self.drawing = True
        try:
            self._redraw()
        finally:
            self.drawing = False

    def _redraw(self) -> None:
        look, lang = self.look, self.prefs.lang
        fill(self, look.theme.background)
        engine = self.visit.engine
        ctx = Context(look, lang, self.visit, self.desk.call)
        if engine is None:
            home = HomeScreen(ctx, self.catalogue.services, self.prefs)
            home.start.connect(self.start_service)
            home.language.connect(self.controls.set_language)
            home.elder.connect(self.controls.toggle_elder)
            home.voice.connect(self.controls.toggle_voice)
            screen: Screen = home
        else:
            assert self.screens is not None  # no visit starts before they are attached
            screen = self.screens[engine.step.kind](ctx)
        screen.announce.connect(self.controls.say)
        bar = self._make_bar(look, engine is not None and engine.can_go_back)
        banner = self._make_banner(look)
        speech = self._make_speech_strip(look) if self.controls.speech_open else None
        self.desk.restyle(look, lang)
        fill(self.frame.bottom, look.theme.muted_bg)  # the staff control sits in the bar's colour
        self.setUpdatesEnabled(False)
        if self.desk.entry.parent() is self.bar_column:
            self.desk.entry.setParent(self.frame.bottom)  # out of the column before it goes
        for old in (self.banner, self.current, self.bar, self.speech, self.bar_column):
            if old is not None:
                self.frame.take_out(old)
        self.banner, self.current, self.bar, self.speech = banner, screen, bar, speech
        self.bar_column = bar.column
        self.frame.place(banner, screen, bar, speech, self.bar_column)
        self._place_entry()
        self._entry_last()
        for new in (banner, screen, bar, speech, self.bar_column):
            if new is not None:
                new.show()  # at once, not on the next event loop turn (the layout's way)
        self.frame.place_side(self.desk.side, self.current, self.bar_column, self.width())
        for keypad in screen.findChildren(Keypad):  # a staff PIN never lands in the resident's
            keypad.setEnabled(not self.desk.helper.pad_open)
        if self.isVisible():
            # Laid out now, not on the next turn: a table's page (what is said) follows its
            # height, and what is said is decided below.
            self.frame.layout_.activate()
        self.setUpdatesEnabled(True)
        self.touch_policy.armed = None
        self._after_render(screen)

    def _make_bar(self, look: Look, can_go_back: bool) -> ControlBar:
        bar = ControlBar(look, self.prefs.lang, can_go_back=can_go_back)
        c = self.controls
        for signal, slot in (
            (bar.home, self.go_home),
            (bar.back, self.visit.back),
            (bar.repeat, c.repeat),
            (bar.text_size, c.next_size),
            (bar.contrast, c.next_theme),
            (bar.language, c.switch_language),
            (bar.call_staff, self.desk.call),
            (bar.sound, c.toggle_speech_strip),
        ):
            signal.connect(slot)
        return bar

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
            offer.accepted.connect(self.desk.call)
            offer.declined.connect(self.visit.dismiss_help_offer)
            return offer
        return None

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
        strip.pause_resume.connect(self.controls.pause_or_resume)
        strip.rate.connect(self.controls.next_rate)
        strip.quieter.connect(self.controls.quieter)
        strip.louder.connect(self.controls.louder)
        strip.where.connect(self.controls.where_am_i)
        return strip

    def _place_entry(self) -> None:
        shown = self.desk.entry_shown and self.ready
        self.frame.place_entry(self.desk.entry, self.bar_column, shown)

    def _entry_last(self) -> None:
        """The staff control is the last stop of the focus chain, after everything the
        resident uses: a first Tab never lands on it (nor Space opens the PIN pad)."""
        entry, nodes = self.desk.entry, []
        node = self.nextInFocusChain()
        while node is not self and node is not None:
            if node is not entry and self.isAncestorOf(node):
                nodes.append(node)
            node = node.nextInFocusChain()
        if len(nodes) >= 2:
            # Qt ignores setTabOrder(last, entry) when ``last`` ends the chain: put the entry
            # before the last widget, then that widget before the entry.
            QWidget.setTabOrder(nodes[-2], entry)
            QWidget.setTabOrder(nodes[-2], nodes[-1])

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
        self.show_blank(self.prefs.blank)
        said = screen.speech()
        if isinstance(self.banner, Banner):
            said = self.banner.accessibleName() + "\n" + said
        self.controls.say_screen(said)

    def out_of_service(self) -> OutOfService:
        """The kiosk cannot serve (its store did not open): no tile, no bar, nothing that looks
        alive; where to find a person instead, in both languages. Keys do nothing but the lock."""
        self.ready = False
        self.ticker.stop()
        self.done_timer.stop()
        self.keys.actions = KeyActions.none()
        for part in (self.frame.middle, self.frame.bottom, self.desk.banner, self.desk.strip):
            part.hide()
        if self.banner is not None:
            self.banner.hide()
        notice = OutOfService(self, self.settings, self.look)
        notice.setGeometry(self.rect())
        notice.show()
        notice.raise_()
        self.notice = notice
        return notice

    def show_blank(self, on: bool) -> None:
        self.blank.setGeometry(self.rect())
        self.blank.setVisible(on)
        self.blank.raise_()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.blank.setGeometry(self.rect())
        if self.notice is not None:
            self.notice.setGeometry(self.rect())

    def say(self, text: str, *, force: bool = False) -> None:
        self.controls.say(text, force=force)

    # -- visits and time ---------------------------------------------------------------------

    def start_service(self, service_id: str) -> None:
        if not self.ready:
            self.queued_service = service_id  # started by attach_api, a moment from now
            return
        p = self.prefs
        self.visit.start(service_id, p.lang, elder=p.elder, audio=p.audio_mode)
        if self.visit.engine is not None:
            self.desk.visit_started(self.visit.engine)

    def go_home(self) -> None:
        engine = self.visit.engine
        if engine is None:
            self.redraw()
            return
        outcome = engine.state.outcome.value if engine.ended and engine.state.outcome else ""
        self.visit.finish(outcome or Outcome.CANCELLED.value)

    def _visit_ended(self, outcome: str) -> None:
        if self._closing:
            return
        self.voice.stop()
        self.desk.visit_ended(outcome)
        if outcome and Outcome(outcome) in RESET_AFTER:
            self.controls.reset()
        self._take_catalogue()
        self.redraw()

    def _take_catalogue(self) -> bool:
        """Between visits only: a catalogue the watcher offered becomes the one served."""
        if self.api is None or self.visit.engine is not None:
            return False
        new = self.catalogues.idle()
        if new is None:
            return False
        self.catalogue = new  # home draws it
        self.api.use_catalogue(new)  # new visits start on it; an ended one kept its own
        return True

    def tick(self) -> None:
        """Once a second: the engine's clock; the warning's countdown; an idle home resets;
        an idle staff sign-in ends."""
        if self.ready:
            self.desk.tick()
        engine = self.visit.engine
        if engine is None:
            idle = self.clock() - self.last_input
            if idle >= HOME_QUIET_S and self._take_catalogue():
                self.redraw()  # home shows the services as published
                return
            if (
                self.prefs != Prefs.defaults(self.settings)
                and idle >= self.settings.timing.step_timeout_s
            ):
                self.controls.reset()
                self.redraw()
            return
        self.visit.tick()
        if isinstance(self.banner, TimeoutBanner) and self.visit.engine is not None:
            self.banner.update_seconds(round(self.visit.engine.seconds_left()))

    def _activity(self) -> None:
        self.last_input = self.clock()
        self.desk.activity()
        target = self.keys.target
        on_controls = (
            self.speech is not None
            and isinstance(target, QWidget)
            and (target is self.speech or self.speech.isAncestorOf(target))
        )
        if not on_controls:  # the speech controls act on the speech; anything else stops it
            self.voice.stop()  # barge-in: speech stops when the resident acts
        engine = self.visit.engine
        if engine is not None and engine.state.phase is Phase.WARNING:
            return  # the warning is ended by its button, so a stray touch does not use one up
        self.visit.touch()

    # -- a staged start (ui.kiosk.app): the parts that open after the first paint ------------

    def attach_screens(self, screens: Screens) -> None:
        self.screens = screens

    def attach_api(self, api: KioskApi) -> None:
        self.api = api
        self.visit.attach_api(api)
        self.ready = self.screens is not None
        self.desk.entry.setVisible(self.desk.entry_shown)
        self.desk.api_ready()
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
        self.desk.shutdown()
        self.bridge.close()

    def release_lock(self) -> None:
        """The operator's stop (a signal): the window may close; residents' keys never could."""
        self.locked = False
        self.keys.locked = False

    def leave_kiosk_mode(self, reason: str) -> None:
        """A helper left kiosk mode (audited by the takeover). Full screen: the kiosk lock ends
        and the app exits to the desktop; a development window only notes it."""
        self.left_kiosk = reason
        staff = self.desk.helper.staff.label if self.desk.helper.staff is not None else "staff"
        if not self.locked:
            log.warning("leave kiosk mode asked by %s (%s); a windowed kiosk stays", staff, reason)
            return
        log.warning("kiosk: leaving kiosk mode to the desktop at %s's request: %s", staff, reason)
        self.release_lock()
        self.shutdown()
        app = QApplication.instance()
        if app is not None:
            app.quit()
