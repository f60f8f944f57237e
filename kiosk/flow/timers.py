"""The flow engine's time: inactivity warns, then times the visit out (a rating walked away from
is skipped, not a failure); a hanging backend fails its step; the resident may ask for more.

Inactivity is counted only while the kiosk is silent: a step's limit starts once its prompt has
been said, and a long reading (a results table) never meets the warning half way. The warning's
countdown too starts once the warning has been said (within ``warning_said_within_s`` of its
appearing, however long the voice goes on). The front end
says when speech starts and ends; the engine stays free of any audio.
"""

from __future__ import annotations

from kiosk.backends.base import Answer, AnswerError
from kiosk.catalog.schema import StepKind
from kiosk.flow.actions import ResidentActions
from kiosk.flow.calls import Tick
from kiosk.flow.events import EventKind
from kiosk.flow.state import Outcome, Phase
from kiosk.flow.work import OutsideWork


class Timers(OutsideWork, ResidentActions):
    def touch(self) -> None:
        """Any touch or key: the resident is there."""
        if self.state.phase is Phase.WARNING:
            self.extend()
        elif not self.ended:
            self._activity()

    def speech_started(self) -> None:
        """The kiosk began to say something: the step's time limit waits until it ends."""
        self.speaking = True

    def speech_ended(self) -> None:
        """The kiosk fell silent (finished, stopped or paused): the limit starts from now."""
        if not self.speaking:
            return
        self.speaking = False
        if self.state.phase is Phase.ACTIVE:
            self._activity()
        elif self.state.phase is Phase.WARNING:
            self._warning_said()

    def _warning_said(self) -> None:
        """The warning's countdown starts now (its words are being said or have just been),
        unless the warning has waited for its words as long as it may."""
        s, now = self.state, self.clock()
        if self.warning_shown is None:  # a visit restored mid-warning: from what it kept
            self.warning_shown = s.warning_started
        shown = self.warning_shown
        if shown is not None and now - shown < self.timings.warning_said_within_s:
            s.warning_started = now

    def tick(self, speaking: bool | None = None) -> Tick | None:
        """Called about once a second; warns, then times the visit out. ``speaking``: whether
        the kiosk is saying something now (None: as last told)."""
        if speaking:
            self.speech_started()
        elif speaking is not None:
            self.speech_ended()
        s = self.state
        now = self.clock()
        if s.phase is Phase.WAITING and self.step.kind in (StepKind.LOOKUP, StepKind.TICKET):
            if now - s.last_activity < self.timings.backend_timeout_s:
                return None
            # A backend that hangs must not hold the resident: the step shows what a failure
            # shows (try again, a person, home). A late answer still replaces this one.
            self.task_done(Answer(error=AnswerError.UNAVAILABLE))
            return Tick.BACKEND_TIMEOUT
        if s.phase in (Phase.ENDED, Phase.WAITING) or s.assisted_by:
            return None
        if s.phase is Phase.ACTIVE and self.speaking:
            return None  # still being said: the resident has not had their turn yet
        if s.phase is Phase.WARNING and self.speaking:
            self._warning_said()  # the warning's own words: its time counts once they end
        if s.phase is Phase.ACTIVE and now - s.last_activity >= self.timings.step_timeout_s:
            s.phase, s.warning_started = Phase.WARNING, now
            self.warning_shown = now
            s.warnings += 1
            self._record(
                EventKind.TIMEOUT_WARNING,
                step=self.step.id,
                count=s.warnings,
                seconds=self.timings.warning_s,
            )
            if s.warnings >= self.timings.help_after_warnings:
                self.offer_help("timeouts")
            return Tick.WARNING
        if (
            s.phase is Phase.WARNING
            and s.warning_started is not None
            and (now - s.warning_started >= self.timings.warning_s)
        ):
            if self.step.kind is StepKind.RATE:  # walked away after the business was done
                self.skip_rating()
                return Tick.TIMED_OUT
            self._record(EventKind.TIMED_OUT, step=self.step.id)
            self._end(Outcome.TIMED_OUT)
            return Tick.TIMED_OUT
        return None

    def seconds_left(self) -> float:
        """Of the warning's countdown, for the screen and the voice."""
        s = self.state
        if s.phase is not Phase.WARNING or s.warning_started is None:
            return self.timings.warning_s
        return max(0.0, self.timings.warning_s - (self.clock() - s.warning_started))

    @property
    def extensions_left(self) -> int:
        return self.timings.max_extensions - self.state.extensions

    def extend(self) -> bool:
        """ "I need more time": False once the extensions are used up."""
        s = self.state
        if s.phase is not Phase.WARNING or self.extensions_left <= 0:
            return False
        s.extensions += 1
        s.phase, s.warning_started = Phase.ACTIVE, None
        self._activity()
        self._record(EventKind.EXTENDED, step=self.step.id, count=s.extensions)
        return True
