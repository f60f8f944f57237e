"""The kiosk window: banners on top, the screen of the moment, the bar at the bottom.

It lays out what the visit's state and the resident's choices call for, built afresh on each
change so no widget outlives the personal data it showed; where each part goes is the frame's
(``frame``). Everything else has a module of its own, and the window holds one of each: the
visit (``session.VisitSession``, the only writer of the visit), the help desk
(``ui.assist.desk.HelpDesk``, all help state; given after the first paint), the resident's
controls (``controls``), the keys (``keys``), visits and the clock (``visits``), the parts of a
staged start (``arrivals``) and the kiosk lock (``lock``).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.catalog.kinds import StepKind
from kiosk.flow.phases import Phase
from kiosk.i18n import t
from kiosk.peripherals.port import Devices
from ui.bridge import Bridge
from ui.kiosk.arrivals import Arrivals
from ui.kiosk.blank import Blank
from ui.kiosk.controls import ResidentControls
from ui.kiosk.frame import Frame
from ui.kiosk.heard import banner_words
from ui.kiosk.keys import KeyActions, KeyFilter, KeyRouter, focused_name, key_of, named
from ui.kiosk.lock import KioskLock
from ui.kiosk.order import arrange, first_answer, put_last
from ui.kiosk.out_of_service import OutOfService
from ui.kiosk.prefs import Prefs
from ui.kiosk.session import VisitSession
from ui.kiosk.visits import Visits
from ui.screens.base import Context, Screen, Screens
from ui.screens.home import HomeScreen
from ui.speech.port import Voice
from ui.theme import THEME_BY_NAME, Look
from ui.widgets.banner import Banner, HelpOfferBanner, TimeoutBanner
from ui.widgets.bar import ControlBar, edge_margin
from ui.widgets.button import TouchPolicy
from ui.widgets.keypad import Keypad
from ui.widgets.speech import SpeechStrip
from ui.widgets.text import fill

if TYPE_CHECKING:
    from kiosk.api.kiosk import KioskApi
    from kiosk.catalog.schema import Catalogue
    from kiosk.catalog.snapshot import Home
    from kiosk.config import Settings
    from kiosk.flow.engine import FlowEngine
    from ui.assist.desk import HelpDesk
    from ui.kiosk.arrivals import DeskMaker


class KioskWindow(QWidget):
    def __init__(
        self,
        api: KioskApi | None,
        voice: Voice,
        devices: Devices,
        *,
        settings: Settings | None = None,
        catalogue: Home | Catalogue | None = None,
        screens: Screens | None = None,
        desk: DeskMaker | None = None,
        locked: bool = False,
        portrait: bool = False,
        clock: Callable[[], float] = time.monotonic,
        keys_at_first_paint: bool = False,
    ) -> None:
        """``api`` None: a staged start (ui.kiosk.app). Home is drawn from ``settings`` and
        ``catalogue`` alone; the screens, the desk and the API come after (``arrivals``).
        ``desk``: how to build the help desk now (ui.assist.desk.HelpDesk; tests, the tour).
        ``keys_at_first_paint``: the key filter is installed by ``listen_to_keys``, which the
        staged start calls at the first paint: an application-wide filter has every event of
        every object converted for Python, about 8 ms of the start before anything is on the
        screen to press (QStyle's enums are made for the style's events alone)."""
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
        self.portrait = portrait
        self.setObjectName("kiosk")
        self.setWindowTitle(t("app.title", "zh"))
        self.controls = ResidentControls(self)
        self.touch_policy = TouchPolicy(announce=self.controls.announce)
        self.bridge = Bridge(self)
        self.visit = VisitSession(api, devices, self.bridge)
        self.visit.changed.connect(self._visit_changed)
        # The warning comes and goes on the same screen: the focus stays where it was.
        self.visit.warning.connect(lambda: self.redraw(keep_focus=True))
        self.refusal = ""  # shown above the screen until the next redraw
        self._refusals_said = 0  # the visit's refusals (VisitSession.refusals) said so far
        self.prefs = Prefs.defaults(settings)
        self.drawing = False  # inside redraw: focus changes are not announced
        self._drawn_step: tuple[str, int, str] | None = None  # the step last drawn, and how
        self.closing = False
        self.current: Screen | None = None
        self.banner: QWidget | None = None
        self.bar: ControlBar | None = None
        self.bar_column: QWidget | None = None  # sound and staff beside the task (ui.widgets.bar)
        self.speech: SpeechStrip | None = None
        self.strip: QWidget | None = None  # above the bar: the sound settings or the languages
        self.blank = Blank(self)
        self.blank.hide()
        self.notice: OutOfService | None = None  # the out-of-service screen, once shown
        self.frame = Frame(self, portrait)
        self.lock = KioskLock(self, locked)
        self.visits = Visits(self, clock)
        self.arrivals = Arrivals(self)
        # The human path: banner and help strip above the task, the staff panel beside it
        # (below in portrait), the staff control at the end of the bar.
        self.desk: HelpDesk | None = None
        if desk is not None:
            self.arrivals.desk(desk(self, self.visit, self.bridge))
        router = KeyRouter(self)
        self.keys = KeyFilter(
            KeyActions(
                back=router.escape,
                help=self.controls.speak_help,
                audio_mode=self.controls.cycle_audio_mode,
                move=router.move,
                enter=router.enter,
                typed=router.typed,
                activity=self.visits.activity,
                where=self.controls.where_am_i,
                name_key=self.controls.name_key,
            ),
            key_of(settings.display.audio_mode_key),
            locked,
        )
        self.listening = False
        if not keys_at_first_paint:
            self.listen_to_keys()
        self.redraw()

    def listen_to_keys(self) -> None:
        """Every key and touch to the application goes through ``keys`` from now on."""
        app = QApplication.instance()
        if app is not None and not self.listening:
            app.installEventFilter(self.keys)
            self.listening = self.touch_policy.keys = True

    # -- drawing -----------------------------------------------------------------------------

    @property
    def look(self) -> Look:
        p = self.prefs
        pixels_per_mm = self.settings.display.pixels_per_mm
        return Look(THEME_BY_NAME[p.theme], p.size, p.elder, pixels_per_mm, self.portrait)

    @property
    def help_status(self) -> str:
        return self.desk.help_status if self.desk is not None else ""

    @property
    def last_spoken(self) -> str:
        return self.controls.last_spoken

    def redraw(self, *, keep_focus: bool = False, said: str | None = None) -> None:
        """Build the window afresh. ``keep_focus``: the control of the same name keeps the
        focus (a setting changed, the warning came or went) instead of the screen's first;
        ``said``: what to say instead of the screen's words (which then count as said)."""
        focus = focused_name(self) if keep_focus else ""
        self.drawing = True
        try:
            self._redraw(focus, said)
        finally:
            self.drawing = False

    def _visit_changed(self) -> None:
        """Still on the step drawn last with the focus on the task (a way forward chosen on the
        print-failure screen): the control of that name keeps it (gone: the screen's first).
        A keypad screen places it itself (OK, or the first key when the number is cleared)."""
        focused, screen = QApplication.focusWidget(), self.current
        keep = screen is not None and focused is not None and screen.isAncestorOf(focused)
        keep = keep and screen is not None and not screen.findChildren(Keypad)
        same = self.visit.engine is not None and self.controls.place() == self._drawn_step
        self.redraw(keep_focus=keep and same)

    def _redraw(self, focus: str, said: str | None) -> None:
        look, lang, desk = self.look, self.prefs.lang, self.desk
        fill(self, look.theme.background)
        engine = self.visit.engine
        self._drawn_step = self.controls.place()
        ctx = Context(look, lang, self.visit, self.arrivals.call_staff)
        if engine is None:
            home = HomeScreen(ctx, self.catalogue.services, self.prefs)
            home.start.connect(self.arrivals.start_service)
            home.language.connect(self.controls.set_language)
            home.elder.connect(self.controls.toggle_elder)
            home.voice.connect(self.controls.toggle_voice)
            screen: Screen = home
        else:
            assert self.screens is not None  # no visit starts before they are attached
            screen = self.screens[engine.step.kind](ctx)
        screen.announce.connect(self.controls.say)
        bar = self._make_bar(look, engine is not None and engine.can_go_back)
        banner, before = self._make_banner(look, screen), self.banner
        speech = self.controls.speech_strip(look)
        strip = speech or self.controls.language_strip(look)
        if desk is not None:
            desk.restyle(look, lang)
        fill(self.frame.bottom, look.theme.muted_bg)  # the staff control sits in the bar's colour
        self.setUpdatesEnabled(False)
        if desk is not None and desk.entry.parent() is self.bar_column:
            desk.entry.setParent(self.frame.bottom)  # out of the column before it goes
        for old in (self.banner, self.current, self.bar, self.strip, self.bar_column):
            if old is not None:
                self.frame.take_out(old)
        self.banner, self.current, self.bar, self.speech = banner, screen, bar, speech
        self.strip, self.bar_column = strip, bar.column
        self.frame.place(banner, screen, bar, strip, self.bar_column)
        arrange(screen, banner, bar, strip, desk.strip if desk is not None else None)
        offer = first_answer(before, banner, screen)  # an offer just made: Enter answers it
        self._place_entry()
        for new in (banner, screen, bar, strip, self.bar_column):
            if new is not None:
                new.show()  # at once, not on the next event loop turn (the layout's way)
        side = desk.side if desk is not None else None
        self.frame.place_side(side, self.current, self.bar_column, self.width())
        pad_open = desk is not None and desk.helper.pad_open
        for keypad in screen.findChildren(Keypad):  # a staff PIN never lands in the resident's
            keypad.setEnabled(not pad_open)
        if self.isVisible():
            # Laid out now, not on the next turn: a table's page (what is said) follows its
            # height, and what is said is decided below.
            self.frame.layout_.activate()
        self.setUpdatesEnabled(True)
        self.touch_policy.armed = None
        self._after_render(screen, focus, said, offer)

    def _make_bar(self, look: Look, can_go_back: bool) -> ControlBar:
        bar = ControlBar(look, self.prefs.lang, can_go_back=can_go_back)
        c = self.controls
        for signal, slot in (
            (bar.home, self.visits.go_home),
            (bar.back, self.visits.back),
            (bar.repeat, c.repeat),
            (bar.text_size, c.next_size),
            (bar.contrast, c.next_theme),
            (bar.language, c.toggle_language_strip),
            (bar.call_staff, self.arrivals.call_staff),
            (bar.sound, c.toggle_speech_strip),
        ):
            signal.connect(slot)
        return bar

    def _make_banner(self, look: Look, screen: Screen) -> QWidget | None:
        engine, lang = self.visit.engine, self.prefs.lang
        refusal, self.refusal = self.refusal, ""
        if engine is not None and engine.step.kind is StepKind.DONE:
            self.visits.card.check()  # the business is over: a card left on the reader?
        if self.visits.card.active:
            return Banner(look, self.visits.card.words, icon="card")
        if engine is not None and engine.state.phase is Phase.WARNING:
            warning = TimeoutBanner(
                look, lang, round(engine.seconds_left()), engine.extensions_left
            )
            warning.more_time.connect(self.visits.more_time)
            return warning
        if engine is not None and self._offers_help(engine, screen):
            offer = HelpOfferBanner(look, lang)
            offer.accepted.connect(self.arrivals.call_staff)
            offer.declined.connect(self.controls.decline_help)
            return offer
        return Banner(look, refusal) if refusal else None

    def _offers_help(self, engine: FlowEngine, screen: Screen) -> bool:
        """The visit's offer of a person, shown with this screen: not while a call is on, not
        on a screen that waits (nothing to answer yet), and not on one whose own ways forward
        already call staff (a failed print, a lookup gone wrong): one call for staff, one way
        on, and nothing said between its "you can:" and its list."""
        state = engine.state
        if not state.help_offer or self.help_status or state.phase is Phase.WAITING:
            return False
        return not screen.calls_staff()

    def place_desk(self, desk: HelpDesk) -> None:
        """The help desk's rows above the task and its staff control (hidden until the store
        is open), without drawing the screen again."""
        self.desk = desk
        self.frame.above_task(desk.banner)
        self.frame.above_task(desk.strip)
        desk.restyle(self.look, self.prefs.lang)
        self._place_entry()

    def _place_entry(self) -> None:
        """The staff control, the last stop of the focus chain, after everything the resident
        uses: a first Tab never lands on it (nor Space opens the PIN pad)."""
        if self.desk is None:
            return
        entry = self.desk.entry
        shown = self.desk.entry_shown and self.ready
        self.frame.place_entry(entry, self.bar_column, shown, edge_margin(self.look))
        put_last(self, entry)

    def _after_render(
        self, screen: Screen, focus: str, said: str | None, offer: QWidget | None
    ) -> None:
        self.visits.shown()
        # A screen that waits (printing, looking up) holds the focus itself: Enter then presses
        # nothing, not what came next in the chain (the staff sign-in). Not a Tab reason: a new
        # screen's first focus is not announced on its own.
        kept = named(self, focus)
        target = kept or offer or screen.first_focus() or screen
        if self.listening:
            target.setFocus(QtCore.Qt.FocusReason.ActiveWindowFocusReason)
        else:  # home, before it is drawn: no reason given (Qt's namespace is made after)
            target.setFocus()
        self.show_blank(self.prefs.blank)
        words = screen.speech(None if kept else offer)
        if isinstance(self.banner, TimeoutBanner):
            self.controls.say_screen(self.banner.spoken())  # the warning, not the screen again
        elif said is not None:
            self.controls.last_spoken = words  # Repeat says the screen
            self.controls.say(said)
        else:
            words = "\n".join(part for part in (banner_words(self.banner), words) if part)
            self.controls.say_screen(words, answer=self.visit.refusals != self._refusals_said)
        self._refusals_said = self.visit.refusals

    def out_of_service(self) -> OutOfService:
        """The kiosk cannot serve (its store did not open): no tile, no bar, nothing that looks
        alive; where to find a person instead, in both languages. Keys do nothing but the lock."""
        self.ready = False
        self.visits.stop()
        self.keys.actions = KeyActions.none()
        parts = [self.frame.middle, self.frame.bottom, self.banner]
        if self.desk is not None:
            parts += [self.desk.banner, self.desk.strip]
        for part in parts:
            if part is not None:
                part.hide()
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

    # -- the end ---------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.lock.locked:
            event.ignore()  # Alt+F4 and the like reach here; the kiosk stays
            return
        self.shutdown()
        event.accept()

    def shutdown(self) -> None:
        if self.closing:
            return
        self.closing = True
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.keys)
        self.visits.stop()
        self.visit.finish()
        if self.desk is not None:
            self.desk.shutdown()
        self.bridge.close()
