"""Visits and time in the kiosk window: a visit started, the way home, what follows a visit's
end, and the window's clock.

Once a second the clock moves the flow engine's time limits and the warning's countdown; at an
idle home it resets the resident's choices and takes a newly published catalogue; a staff
sign-in left idle ends. Time runs only while the kiosk is silent: the engine hears when the
voice speaks, and home's idle time counts from the end of its welcome. A touch or a key is
activity: speech stops (barge-in) and the visit's time limit starts again; during the "are you
still there?" warning it is the answer, and does nothing else. A finished visit's last screen
goes home by itself on the same clock, once it has been up and the voice silent for the
warning's length, unless an ID card is left on the reader (``card_left``). Half a second after a
visit ends, the free pages inside the C heaps are handed back on a worker. While paper is being
printed, or a change made in the resident's name, the way home and back waits (``held``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.allocator import give_back
from kiosk.catalog.kinds import StepKind
from kiosk.catalog.pending import PendingCatalogue
from kiosk.flow.phases import Outcome, Phase
from kiosk.i18n import t
from ui.kiosk.card_left import CardReminder
from ui.kiosk.prefs import Prefs
from ui.speech.port import speaking
from ui.widgets.banner import TimeoutBanner

if TYPE_CHECKING:
    from ui.kiosk.session import VisitSession
    from ui.kiosk.window import KioskWindow

log = logging.getLogger(__name__)

# Home is rebuilt with a newly published catalogue only once nobody has touched it for this
# long: someone finding their way along the tiles (by keys, by ear) keeps their place.
HOME_QUIET_S = 5.0

# A visit's end is the kiosk's quiet moment: once its screens are deleted (the loop's next
# turns), the free pages left inside the C heaps go back to the system (malloc_trim, a few
# milliseconds: on a worker, not the GUI thread).
GIVE_BACK_AFTER_MS = 500

# Outcomes after which the next person may be someone else: their choices are reset.
RESET_AFTER = {
    Outcome.COMPLETED,
    Outcome.COMPLETED_WITH_HELP,
    Outcome.TIMED_OUT,
    Outcome.ENDED_BY_STAFF,
}


class Visits(QObject):
    # A QObject for the reason ui.kiosk.controls.ResidentControls gives.
    def __init__(self, window: KioskWindow, clock: Callable[[], float]) -> None:
        super().__init__(window)
        self.window, self.clock = window, clock
        # Versions published to the hall wait here (offered from the watcher's thread) until
        # no visit runs: home at the next tick, or the end of the visit under way.
        self.catalogues = PendingCatalogue()
        self.last_input = clock()
        self.last_speech = self.last_input  # when the voice was last heard saying something
        self.ticker = QTimer(window)
        self.ticker.setInterval(1000)
        self.ticker.timeout.connect(self.tick)
        self.ticker.start()
        # When a finished visit's last screen was drawn; the tick takes it home (the window's
        # clock, like every other time limit: tests and the tour move it by hand).
        self.done_since: float | None = None
        # Owned here and stopped with the window: never fires into a bridge already closed.
        self.trim_timer = QTimer(self)
        self.trim_timer.setSingleShot(True)
        self.trim_timer.timeout.connect(self._give_back)
        window.visit.ended.connect(self._ended)
        # A ticket asked for again in the visit: the one taken, said whoever asked.
        window.visit.tickets.handed_back.connect(self._ticket_again)
        self.card = CardReminder(window, clock)
        self.reset_waiting = False  # the defaults come back once the card is taken
        self.home_waiting = False  # the last screen goes home once the card is taken

    def start(self, service_id: str) -> None:
        w = self.window
        p = w.prefs
        self.card.stop()  # someone starts anew: they have seen the card, or it is not theirs
        self.reset_waiting = self.home_waiting = False
        w.visit.start(service_id, p.lang, elder=p.elder, audio=p.audio_mode)
        if w.visit.engine is not None and w.desk is not None:
            w.desk.visit_started(w.visit.engine)

    def go_home(self) -> None:
        w = self.window
        engine = w.visit.engine
        if engine is None:
            w.redraw()
            return
        if self.held():
            return
        outcome = engine.state.outcome.value if engine.ended and engine.state.outcome else ""
        w.visit.finish(outcome or Outcome.CANCELLED.value)

    def _done_shown(self) -> None:
        """The last screen has been up a while: home, unless an ID card lies on the reader
        (then once it is taken)."""
        self.done_since = None
        if self.card.active:
            self.home_waiting = True
        else:
            self.go_home()

    def _ticket_again(self, words: str) -> None:
        self.window.controls.say_status(words)

    def _ended(self, outcome: str) -> None:
        w = self.window
        if w.closing:
            return
        w.voice.stop()
        if w.desk is not None:
            w.desk.visit_ended(outcome)
        reset = bool(outcome) and Outcome(outcome) in RESET_AFTER
        if self.card.check():
            self.reset_waiting = self.reset_waiting or reset
        elif reset:
            w.controls.reset()
        self.home_waiting = False
        self.take_catalogue()
        w.redraw()
        self.trim_timer.start(GIVE_BACK_AFTER_MS)

    def _give_back(self) -> None:
        self.window.bridge.run(give_back, on_done=_given_back)

    def take_catalogue(self) -> bool:
        """Between visits only: a catalogue the watcher offered becomes the one served."""
        w = self.window
        if w.api is None or w.visit.engine is not None:
            return False
        new = self.catalogues.idle()
        if new is None:
            return False
        w.catalogue = new  # home draws it
        w.api.use_catalogue(new)  # new visits start on it; an ended one kept its own
        return True

    def shown(self) -> None:
        """A screen was drawn: the last step of a finished visit goes home after a while."""
        w = self.window
        engine = w.visit.engine
        if engine is not None and engine.step.kind is StepKind.DONE:
            self.done_since = self.clock()  # drawn again (a choice changed): counted afresh
        else:
            self.done_since = None

    def tick(self) -> None:
        """Once a second: the engine's clock; the warning's countdown; an idle home resets;
        an idle staff sign-in ends."""
        w = self.window
        if w.ready and w.desk is not None:
            w.desk.tick()
        talking = speaking(w.voice)
        if talking:
            self.last_speech = self.clock()
        if self.card.tick():
            self._card_taken()
            return
        engine = w.visit.engine
        calling = w.desk is not None and w.desk.following  # a call for staff is open
        if engine is None:
            idle = self.clock() - self.last_input
            if idle >= HOME_QUIET_S and self.take_catalogue():
                w.redraw()  # home shows the services as published
                return
            stale = w.prefs != Prefs.defaults(w.settings)
            tickets = w.visit.tickets
            ticket = tickets.taken is not None  # taken at home: no visit forgets it
            # Not while a call is open: the resident waits for a person in their language. A
            # call a ticket taken here answered waits for nobody (they went to the counter with
            # it), unless a person said they are coming. Nor before what is said has ended
            # (home's welcome is long), nor while a card left on the reader is asked for in the
            # visit's language, nor while a ticket is being taken (its answer is someone's).
            quiet = self.clock() - max(self.last_input, self.last_speech)
            answered = ticket and not (w.desk is not None and w.desk.holds_visit)
            held = (calling and not answered) or self.card.active or tickets.being_taken
            if (stale or ticket) and quiet >= w.settings.timing.step_timeout_s and not held:
                self.rest()
            return
        if self._done_waited(talking):
            self._done_shown()
            return
        if w.desk is not None and w.desk.holds_visit and engine.state.phase is Phase.ACTIVE:
            w.visit.touch()  # a person is on the way: the visit waits for them, untimed
        w.visit.tick(speaking=talking)
        if isinstance(w.banner, TimeoutBanner) and w.visit.engine is not None:
            w.banner.update_seconds(round(w.visit.engine.seconds_left()))

    def rest(self) -> None:
        """Home back at rest for whoever comes next: the defaults, and a counter ticket taken
        at home, with the call it answered, no one's any more (the next resident who asks is
        never handed it, shown it or told its number)."""
        w = self.window
        w.controls.reset()
        if w.visit.engine is None and w.visit.tickets.taken is not None:
            w.visit.tickets.forget()
            if w.desk is not None:
                w.desk.forget_call()
        w.redraw()

    def _done_waited(self, talking: bool) -> bool:
        """The last screen has been up for the warning's length, counted as every other time
        limit is: only once what is said has ended (its words, or a Repeat of them). While a
        card left on the reader is called for, its calls hold home anyway: the screen's time
        alone is counted, so the card taken after it is home at once."""
        if self.done_since is None:
            return False
        if self.card.active:
            since = self.done_since
        elif talking:
            return False
        else:
            since = max(self.done_since, self.last_speech)
        return self.clock() - since >= self.window.settings.timing.warning_s

    def _card_taken(self) -> None:
        """The reminder ended: what it held follows now."""
        w = self.window
        if self.home_waiting:
            self.home_waiting = False
            self.go_home()  # the visit's end resets the defaults as it would have
            return
        if self.reset_waiting:
            self.reset_waiting = False
            w.controls.reset()
        w.redraw()

    def activity(self) -> bool:
        """Any touch or key. True when it answered the inactivity warning: more time, and
        the touch or key does nothing else (an Enter meant as "I am here" never presses the
        button that has the focus)."""
        w = self.window
        self.last_input = self.clock()
        if w.desk is not None:
            w.desk.activity()
        target = w.keys.target
        on_controls = (
            w.speech is not None
            and isinstance(target, QWidget)
            and (target is w.speech or w.speech.isAncestorOf(target))
        )
        if not on_controls:  # the speech controls act on the speech; anything else stops it
            w.voice.stop()  # barge-in: speech stops when the resident acts
        engine = w.visit.engine
        if engine is not None and engine.state.phase is Phase.WARNING:
            return self.more_time()
        w.visit.touch()
        return False

    def more_time(self) -> bool:
        """ "I need more time": the same screen, the focus where it was, said in a few words;
        False once the extensions are used up."""
        w = self.window
        if not w.visit.more_time():
            return False
        w.redraw(keep_focus=True, said=t("timeout.extended", w.prefs.lang))
        return True

    def back(self) -> None:
        """Escape or the bar's Back: one step back; where a step had an effect (a ticket, a
        print, a change) the resident is told it cannot be, shown and said, and nothing is
        done again."""
        w = self.window
        engine = w.visit.engine
        if self.held():
            return
        if engine is not None and engine.can_go_back:
            w.visit.back()
            return
        # Home has no step before it; a step that had an effect cannot be undone. Either way
        # the key is answered, shown and said: a key that seems to do nothing is a dead end.
        w.refusal = t("back.at_home" if engine is None else "back.not_here", w.prefs.lang)
        w.redraw(keep_focus=True, said=w.refusal)

    def held(self) -> bool:
        """While paper is being printed, or a change made in the resident's name, the visit is
        not left (the paper would come out for nobody, the change be done unheard): Escape,
        Back and Home answer, shown and said, that it is under way and to wait, and do nothing
        else. A helper's end of the visit goes through the session, never held here."""
        w = self.window
        reason = leaving_held(w.visit)
        if not reason:
            return False
        w.refusal = t(f"hold.{reason}", w.prefs.lang)
        w.redraw(keep_focus=True, said=w.refusal)
        return True

    def stop(self) -> None:
        self.ticker.stop()
        self.trim_timer.stop()
        self.done_since = None


def leaving_held(visit: VisitSession) -> str:
    """Why the visit under way may not be left now ("printing", "working"), else "": its
    step's own work (``FlowEngine.leaving_held``), paper the visit printed besides (a
    handoff's guide, a counter ticket) still coming out, or a counter ticket still being
    taken (its number would be called for nobody)."""
    engine = visit.engine
    if engine is None or engine.ended:
        return ""
    if engine.leaving_held:
        return engine.leaving_held
    if "printing" in (visit.guide_print, visit.tickets.paper):
        return "printing"
    return "working" if visit.tickets.being_taken else ""


def _given_back(freed: object) -> None:
    log.debug("heap pages given back: %s", freed)
