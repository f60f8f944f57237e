"""One resident's visit as the kiosk drives it: the session controller.

``VisitSession`` is the only writer of the visit's flow engine. Screens ask it to act, the help
desk marks a call through it, and a helper's actions (kiosk.assist.takeover) run through
``staff_action``; each call is followed by settling what follows from it (a new step's device
listening, the backend work it waits on). Engine calls run on the GUI thread (plain data, fast);
backend calls, QR look-ups and printing run on the bridge's workers. When anything changed it
emits ``changed`` and the window draws the step again. Where a resident's identity comes from
(the card reader, the scanner, the keypad) is ``identity.IdentitySources``: it hands a resident
or a refusal to ``identify`` and ``reject_identity``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from kiosk.catalog.kinds import StepKind
from kiosk.flow.calls import FlowError, Tick
from kiosk.flow.phases import Outcome
from kiosk.i18n import t
from kiosk.peripherals.port import Devices, PrintOutcome
from kiosk.text import Lang, sentences
from ui.bridge import Bridge
from ui.kiosk.identity import IdentitySources
from ui.kiosk.tickets import CounterTickets

if TYPE_CHECKING:
    from devices.printer.document import Document
    from kiosk.api.kiosk import KioskApi
    from kiosk.backends.base import Answer
    from kiosk.flow.engine import FlowEngine
    from kiosk.identity import Resident
    from kiosk.printouts import PrintedReceipt  # not at first paint: it brings the backends

log = logging.getLogger(__name__)


class VisitSession(QObject):
    changed = Signal()  # draw the current step again
    ended = Signal(str)  # the visit is over (an Outcome value) and the window goes home
    warning = Signal()  # the inactivity warning starts

    def __init__(self, api: KioskApi | None, devices: Devices, bridge: Bridge) -> None:
        """``api`` is None while the store opens (a staged start); no visit starts before."""
        super().__init__()
        self._api, self.devices, self.bridge = api, devices, bridge
        self.engine: FlowEngine | None = None
        # Devices a helper switched off (kiosk.assist.vocabulary.DEVICES): not used until restart.
        self.switched_off: set[str] = set()
        self.identity = IdentitySources(self)
        self.paper = self.card_read = False
        self.counter_ticket: Answer | None = None  # the visit's one ticket (CounterTickets)
        self.tickets = CounterTickets(self)
        # Who was just identified: name, masked number, and whether the number was typed.
        self._confirming: tuple[str, str, bool] | None = None
        self.confirmed: tuple[str, str, bool] | None = None
        # Answers to what the resident entered that were not a yes, counted: each is said,
        # even in the same words as the one before (the same wrong number typed again).
        self.refusals = 0
        self._clear_step()

    def _clear_step(self) -> None:
        # Who was just identified (name, masked ID number): said and shown on the step that
        # follows the identification, then gone.
        self.confirmed, self._confirming = self._confirming, None
        self.problem = ""  # what went wrong on this step, in words
        self.problem_code = ""  # which problem it is (an i18n problem.* key's end)
        self.notice = ""  # a neutral note ("type it once more")
        self.draft = ""  # the keypad's buffer, kept across a change of text size
        self.phone_copy = ""  # after a failed print: the 掌上办 link for a QR code
        self.no_phone_code = False  # the receipt printed without the 掌上办 code it was to carry
        self.guide_print = ""  # a handoff step's guide on paper: printing, printed, failed
        self.rating = ""  # a face chosen, reason still to come
        self._task_running = False

    # -- life --------------------------------------------------------------------------------

    @property
    def api(self) -> KioskApi:
        if self._api is None:
            raise RuntimeError("the kiosk's domain API is still opening")
        return self._api

    @property
    def ready(self) -> bool:
        return self._api is not None

    def attach_api(self, api: KioskApi) -> None:
        self._api = api

    def start(self, service_id: str, lang: Lang, *, elder: bool, audio: bool) -> None:
        self.engine = self.api.start_visit(service_id, lang, elder=elder, audio=audio)
        # What the done step reminds the resident to take: paper printed, the card they placed.
        self.paper = self.card_read = False
        self.tickets.forget()  # a ticket taken at home was no visit's
        self._clear_step()
        self._settle(-1)

    @property
    def lang(self) -> Lang:
        return self.engine.state.language if self.engine else "zh"

    def _act(self, fn: Any, *args: Any) -> Any:
        """Run one engine call and then settle what follows from it."""
        engine = self.engine
        if engine is None or engine.ended:
            return None
        before = engine.state.step_index
        try:
            result = fn(*args)
        except FlowError:
            # A late or doubled action (say, a tap that raced a step change): nothing to do.
            log.info("action %s ignored on step %s", getattr(fn, "__name__", fn), engine.step.id)
            return None
        self._settle(before)
        return result

    def _settle(self, before: int) -> None:
        engine = self.engine
        if engine is None:
            return
        if engine.state.step_index != before:
            self._clear_step()
            self.identity.listen(engine.step.kind is StepKind.IDENTIFY and not engine.ended)
            if engine.step.kind is StepKind.PRINT and not engine.ended:
                self._printer_off(engine)
        if engine.ended and not (
            engine.step.kind is StepKind.DONE
            and engine.state.outcome in (Outcome.COMPLETED, Outcome.COMPLETED_WITH_HELP)
        ):
            self.finish(engine.state.outcome.value if engine.state.outcome else "")
            return
        self._run_pending()
        self.changed.emit()

    def finish(self, outcome: str = "") -> None:
        """Forget the visit: stop listening, drop late answers, clear what was typed."""
        self.identity.listen(False)
        self.bridge.forget()
        engine, self.engine = self.engine, None
        if engine is not None and not engine.ended:
            engine.home()
        self._clear_step()
        self.ended.emit(outcome)

    # -- what the resident does ---------------------------------------------------------------

    def advance(self) -> None:
        self._act(self._engine().advance)

    def choose(self, value: str) -> None:
        self._act(self._engine().choose, value)

    def confirm(self, yes: bool) -> None:
        self._act(self._engine().confirm, yes)

    def rate(self, level: str, reason: str = "") -> None:
        self._act(self._engine().rate, level, reason)

    def skip_rating(self) -> None:
        """The resident gives no rating: recorded as not rated, and the visit goes on."""
        self.rating = ""
        self._act(self._engine().skip_rating)

    def back(self) -> None:
        engine = self.engine
        if engine is not None and engine.can_go_back:
            self._act(engine.back)

    def home_after_done(self) -> None:
        engine = self.engine
        if engine is not None:
            self.finish(engine.state.outcome.value if engine.state.outcome else "")

    def home(self) -> None:
        if self.engine is not None:
            self.finish(Outcome.CANCELLED.value)

    def set_language(self, lang: Lang) -> None:
        """The resident switched language mid-visit: later words and records follow it."""
        if self.engine is not None:
            self.engine.set_language(lang)

    def touch(self) -> None:
        if self.engine is not None and not self.engine.ended:
            self.engine.touch()

    def more_time(self) -> bool:
        """More time (the warning's button, any key or touch); False once all are used."""
        return self.engine is not None and self.engine.extend()

    def dismiss_help_offer(self, *, redraw: bool = True) -> None:
        """The offer declined; ``redraw`` False: the caller draws the window (with its words)."""
        if self.engine is not None:
            self.engine.dismiss_help_offer()
            if redraw:
                self.changed.emit()

    def submit(self, raw: str) -> None:
        engine = self._engine()
        result = self._act(engine.submit, raw)
        if result is None or result.accepted:
            return
        if result.again:
            self.notice, self.problem, self.draft = t("problem.again", self.lang), "", ""
        else:
            self.problem, self.notice = t(f"problem.{result.problem}", self.lang), ""
            if result.problem == "mismatch":
                self.draft = ""
        self.refusals += 1
        self.changed.emit()

    # -- identity, from the sources of ui.kiosk.identity ------------------------------------

    def identify(self, resident: Resident) -> None:
        engine = self.engine
        if engine is None or engine.ended or engine.step.kind is not StepKind.IDENTIFY:
            return  # a second source answered after the first had won
        self._confirming = (resident.name, resident.masked, resident.method == "keypad")
        self.card_read = resident.method == "card"
        self._act(engine.identify, resident)
        self._confirming = None

    def reject_identity(self, code: str, keep: str = "", where: str = "") -> None:
        """``keep``: what the resident typed stays on the keypad, to be corrected; ``where``:
        which part of it to check, in words."""
        engine = self.engine
        if engine is None or engine.ended or engine.step.kind is not StepKind.IDENTIFY:
            return
        engine.reject_identity(code)
        self.problem_code = code
        self.problem = sentences((t(f"problem.{code}", self.lang), where), self.lang)
        self.draft = keep
        self.refusals += 1
        self.changed.emit()

    # -- devices ------------------------------------------------------------------------------

    def use_devices(self, devices: Devices) -> None:
        """Devices opened after the window (a staged start); a waiting identify step moves its
        listening over to them."""
        waiting = self.identity.shown()
        if waiting:
            self.identity.listen(False)
        self.devices = devices
        if waiting:
            self.identity.listen(True)

    def switch_off(self, device: str) -> None:
        """A helper switched a failed device off: the kiosk stops using it."""
        self.switched_off.add(device)
        self.identity.refresh()
        engine = self.engine
        if engine is not None and not engine.ended and engine.step.kind is StepKind.PRINT:
            self._printer_off(engine)
        self.changed.emit()

    def _printer_off(self, engine: FlowEngine) -> bool:
        """With the printer switched off a print step offers its ways forward at once."""
        if "printer" not in self.switched_off or engine.state.printed:
            return False
        if engine.state.print_error != "switched_off":
            engine.print_started()
            engine.print_done(False, "switched_off")
        return True

    def staff_action(self, action: Callable[[], object]) -> None:
        """A helper's action (a ``Takeover`` call, which may change the visit) runs here, so
        this session stays the engine's only writer; what follows is settled at once. The
        action's refusal (``TakeoverError``, ``ValueError``) goes back to the caller."""
        action()
        self._settle(-1)

    def mark_help(self, reason: str = "resident") -> FlowEngine | None:
        """The visit notes the call (a help offer stops) and a detached copy of it is made for
        the request, which a worker writes while the resident carries on; None from home. From
        a finished visit's last screen the copy says the visit was at its end."""
        return self.api.help_snapshot(self.engine, reason)

    # -- backend work and printing -----------------------------------------------------------

    def _run_pending(self) -> None:
        engine = self.engine
        task = engine.pending_task() if engine else None
        if engine is None or task is None or self._task_running:
            return
        self._task_running = True
        step = engine.state.step_index

        def done(answer: Answer) -> None:
            self._task_running = False
            if self.engine is engine and engine.state.step_index == step and not engine.ended:
                self._act(engine.task_done, answer)
                if task.kind == "ticket":
                    self.tickets.step_answered(answer)

        # One ticket a visit: a ticket step shows the one taken already, and takes none.
        self.bridge.run(self.tickets.step_task(task), engine, task, on_done=done)

    def retry(self) -> None:
        self._act(self._engine().retry)

    def print_now(self) -> None:
        """Print the step's document on a worker (``KioskApi.print_receipt``: its 掌上办 link,
        the job on record, the paper, the outcome on record); the engine hears it here."""
        engine, self.phone_copy = self._engine(), ""
        if self._printer_off(engine):
            self.changed.emit()
            return
        self._act(engine.print_started)
        receipt = self.api.receipt_for(engine)  # read here; its phone link made on the worker
        step = engine.state.step_index

        def done(printed: PrintedReceipt | PrintOutcome) -> None:  # the latter: it raised
            if self.engine is engine and engine.state.step_index == step:
                outcome = printed if isinstance(printed, PrintOutcome) else printed.outcome
                self.no_phone_code = not isinstance(printed, PrintOutcome) and printed.no_phone_code
                self.paper = self.paper or outcome.ok
                self._act(engine.print_done, outcome.ok, outcome.reason, outcome.warning)

        self.print_on_worker(self.api.print_receipt, engine, receipt, done)

    def print_guide(self) -> None:
        """A handoff step's guide on paper (a resident without a smartphone), on record like
        any print; the screen says how it went."""
        engine = self._engine()
        document = self.api.guide_document(engine)
        if document is None:
            return
        step = engine.state.step_index
        self.guide_print = "printing"

        def done(outcome: PrintOutcome) -> None:
            if self.engine is engine and engine.state.step_index == step:
                self.guide_print = "printed" if outcome.ok else "failed"
                self.paper = self.paper or outcome.ok
                self.changed.emit()

        if "printer" in self.switched_off:
            done(PrintOutcome(False, "switched_off"))
            return
        self.changed.emit()
        self.print_on_worker(self.api.print_visit, engine, document, done)

    def print_on_worker(
        self, call: Callable[..., Any], engine: FlowEngine | None, what: Any, done: Any
    ) -> None:
        """On a worker ``call`` prints ``what`` (on record like any print); ``done`` hears the
        outcome, a failure included, on the GUI thread."""

        def failed(error: BaseException) -> None:
            log.error("printing failed", exc_info=error)
            done(PrintOutcome(False, "unknown"))

        self.bridge.run(call, engine, what, self.devices, on_done=done, on_error=failed)

    def receipt_document(self) -> Document | None:
        """The print step's document, to be said as it reads on paper."""
        engine = self.engine
        return self.api.document_for(engine) if engine else None

    def keep_on_phone(self) -> None:
        """After a failed print: a QR with a 掌上办 link to the same result on the hall server
        (nothing personal in the code itself). The link is written to the store on a worker."""
        engine = self._engine()
        s = engine.state
        content = self.api.phone_content(engine)

        def done(url: str) -> None:
            if self.engine is engine:
                self.phone_copy = url
                self.changed.emit()

        self.bridge.run(
            self.api.phone_link, s.visit_id, s.service_id, s.language, content, on_done=done
        )

    # -- time ----------------------------------------------------------------------

    def tick(self, speaking: bool = False) -> Tick | None:
        engine = self.engine
        if engine is None:
            return None
        result = engine.tick(speaking)
        if result is Tick.WARNING:
            self.warning.emit()
        elif result is Tick.TIMED_OUT:
            self.finish(Outcome.TIMED_OUT.value)
        elif result is Tick.BACKEND_TIMEOUT:
            self._task_running = False  # the hung call is given up; a retry may start anew
            self.changed.emit()
        return result

    def _engine(self) -> FlowEngine:
        assert self.engine is not None
        return self.engine
