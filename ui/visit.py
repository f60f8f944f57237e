"""One resident's visit as the UI drives it: the engine, plus the work it waits on.

Screens ask the visit to act; the visit calls the engine on the GUI thread (it is plain data and
fast), runs backend calls, QR look-ups and help requests on the bridge's workers, and listens to
the card reader and the scanner while an identify step is shown (first to answer wins). When
anything changed it emits ``changed`` and the window draws the step again.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal

from kiosk import identity
from kiosk.catalog.schema import Lang, StepKind
from kiosk.flow.state import Outcome
from kiosk.i18n import t
from ui.bridge import Bridge
from ui.ports import Core, Devices, PrintOutcome

if TYPE_CHECKING:
    # The engine's module loads with the first visit, not before home is on the screen.
    from kiosk.backends.base import Answer
    from kiosk.flow.engine import FlowEngine, Tick
    from kiosk.identity import Resident

log = logging.getLogger(__name__)

PRINT_WAIT_S = 120.0  # the drivers bound every exchange; this only guards against a hang


class Visit(QObject):
    changed = Signal()  # draw the current step again
    ended = Signal(str)  # the visit is over (an Outcome value) and the window goes home
    warning = Signal()  # the inactivity warning starts
    help_answer = Signal(bool)  # a help request was recorded (True) or could not be (False)
    # kiosk.assist.delivery.Delivery and the visit's reference (for a ticket made locally)
    help_delivered = Signal(object, str)

    def __init__(self, core: Core, devices: Devices, bridge: Bridge) -> None:
        super().__init__()
        self.core, self.devices, self.bridge = core, devices, bridge
        self.engine: FlowEngine | None = None
        # Devices a helper switched off (kiosk.assist.takeover.DEVICES): not used until restart.
        self.switched_off: set[str] = set()
        self._scan_route: Callable[[str], None] | None = None  # the staff PIN pad, while open
        self._clear_step()

    def _clear_step(self) -> None:
        self.problem = ""  # what went wrong on this step, in words
        self.notice = ""  # a neutral note ("type it once more")
        self.draft = ""  # the keypad's buffer, kept across a change of text size
        self.phone_copy = ""  # after a failed print: the document as text for a QR code
        self.counter_ticket: Answer | None = None
        self.rating = ""  # a face chosen, reason still to come
        self._task_running = False

    # -- life --------------------------------------------------------------------------------

    def start(self, service_id: str, lang: Lang, *, elder: bool, audio: bool) -> None:
        self.engine = self.core.start_visit(service_id, lang, elder=elder, audio=audio)
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
        from kiosk.flow.engine import FlowError

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
            self._watch(engine.step.kind is StepKind.IDENTIFY and not engine.ended)
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
        self._watch(False)
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

    def touch(self) -> None:
        if self.engine is not None and not self.engine.ended:
            self.engine.touch()

    def more_time(self) -> None:
        if self.engine is not None and self.engine.extend():
            self.changed.emit()

    def dismiss_help_offer(self) -> None:
        if self.engine is not None:
            self.engine.dismiss_help_offer()
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
        self.changed.emit()

    def identify_number(self, number: str) -> None:
        problem = identity.validate(number)
        if problem is not None:
            self._reject(f"id_{problem.value}")
            return
        self._identified(self.core.resident_from_number(number))

    def _identified(self, resident: Resident) -> None:
        engine = self.engine
        if engine is None or engine.ended or engine.step.kind is not StepKind.IDENTIFY:
            return  # a second source answered after the first had won
        self._act(engine.identify, resident)

    def _reject(self, code: str) -> None:
        engine = self.engine
        if engine is None or engine.ended or engine.step.kind is not StepKind.IDENTIFY:
            return
        engine.reject_identity(code)
        self.problem = t(f"problem.{code}", self.lang)
        self.draft = ""
        self.changed.emit()

    # -- the card reader and the scanner --------------------------------------------------------

    def use_devices(self, devices: Devices) -> None:
        """Devices opened after the window (a staged start); a waiting identify step moves its
        listening over to them."""
        engine = self.engine
        waiting = engine is not None and not engine.ended and engine.step.kind is StepKind.IDENTIFY
        if waiting:
            self._watch(False)
        self.devices = devices
        if waiting:
            self._watch(True)

    def _watch(self, on: bool) -> None:
        """Listen to the reader and the scanner (those not switched off) for an identify step;
        while the staff PIN pad is open, scans go to it instead."""
        call = self.bridge.call_soon
        route = self._scan_route
        off = self.switched_off
        if route is not None:
            self.devices.watch_identity(
                lambda _fields: None,
                lambda code: call(route, code),
                lambda _code: None,
            )
        elif on and not {"idcard", "scanner"} <= off:
            card_on, scan_on = "idcard" not in off, "scanner" not in off
            self.devices.watch_identity(
                (lambda fields: call(self._card, fields)) if card_on else (lambda _f: None),
                (lambda token: call(self._qr, token)) if scan_on else (lambda _t: None),
                lambda code: call(self._reject, code),
            )
        else:
            self.devices.stop_watching()

    def _identify_shown(self) -> bool:
        engine = self.engine
        return engine is not None and not engine.ended and engine.step.kind is StepKind.IDENTIFY

    def route_scans(self, to: Callable[[str], None] | None) -> None:
        """Scanner payloads to ``to`` (the staff PIN pad's badge_scanned) until called with
        None; then back to the identify step, if one is shown."""
        self._scan_route = to
        self._watch(self._identify_shown())

    def switch_off(self, device: str) -> None:
        """A helper switched a failed device off: the kiosk stops using it."""
        self.switched_off.add(device)
        self._watch(self._identify_shown())
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

    def staff_changed(self) -> None:
        """A helper's action changed the visit (kiosk.assist.takeover): draw what follows."""
        self._settle(-1)

    def _card(self, fields: Mapping[str, str]) -> None:
        try:
            problem = self.core.card_problem(fields)
            resident = None if problem else self.core.resident_from_card(fields)
        except Exception:  # a card the domain cannot use is a problem to word, not a crash
            log.warning("card fields not usable", exc_info=True)
            problem, resident = "card_unreadable", None
        if resident is None:
            self._reject(problem or "card_unreadable")
            return
        self._identified(resident)

    @property
    def demo_ways(self) -> tuple[str, ...]:
        """Ways the demo can identify through simulated devices ("card", "qr"); none with
        real devices."""
        return self.devices.demo_ways

    def demo(self, way: str) -> None:
        """Present the demo's sample card or e-card code; the reader or scanner answers."""
        engine = self.engine
        if engine is not None and not engine.ended and engine.step.kind is StepKind.IDENTIFY:
            self.devices.demo(way)

    def _qr(self, token: str) -> None:
        def done(resident: Resident | None) -> None:
            if resident is None:
                self._reject("qr_unknown")
            else:
                self._identified(resident)

        self.bridge.run(
            self.core.resident_from_qr,
            token,
            on_done=done,
            on_error=lambda _e: self._reject("qr_unknown"),
        )

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

        self.bridge.run(self.core.run_task, engine, task, on_done=done)

    def retry(self) -> None:
        self._act(self._engine().retry)

    def print_now(self) -> None:
        """Print the step's document. On a worker: the job goes on record, the printer gets
        it, the record gets the outcome; then the engine hears it on the GUI thread."""
        engine = self._engine()
        self.phone_copy = ""
        if self._printer_off(engine):
            self.changed.emit()
            return
        self._act(engine.print_started)
        document = self.core.document_for(engine)
        step = engine.state.step_index
        core, devices = self.core, self.devices

        def job() -> PrintOutcome:
            title = str(getattr(document, "title", "") or engine.service.id)
            try:
                job_id: int | None = core.print_job_started(engine, title)
            except Exception:  # the resident still gets the paper; the log says what is missing
                log.error("print job could not be recorded before printing", exc_info=True)
                job_id = None
            try:
                outcome = devices.print_document(document).result(timeout=PRINT_WAIT_S)
            except Exception as error:  # no answer in time, or a driver fault
                log.error("printing failed", exc_info=error)
                outcome = PrintOutcome(False, "unknown", detail="no reply")
            if job_id is not None:
                try:
                    core.print_job_finished(
                        job_id,
                        outcome.ok,
                        outcome.detail if not outcome.ok else "",
                        outcome.warning,
                    )
                except Exception:
                    log.error("print job %s outcome not recorded", job_id, exc_info=True)
            return outcome

        def done(outcome: PrintOutcome) -> None:
            if self.engine is engine and engine.state.step_index == step:
                self._act(engine.print_done, outcome.ok, outcome.reason, outcome.warning)

        def failed(error: BaseException) -> None:
            log.error("printing failed", exc_info=error)
            done(PrintOutcome(False, "unknown"))

        self.bridge.run(job, on_done=done, on_error=failed)

    def receipt_text(self) -> str:
        engine = self.engine
        return self.core.document_text(engine) if engine else ""

    def keep_on_phone(self) -> None:
        self.phone_copy = self.receipt_text()
        self.changed.emit()

    def take_counter_ticket(self, on_ready: Callable[[Answer], None] | None = None) -> None:
        """A counter ticket carrying the visit's summary; ``on_ready`` hears the answer too."""
        from kiosk.flow.engine import Task

        engine = self._engine()
        task = Task("ticket", "counter_ticket", {"business": engine.service.id})

        def done(answer: Answer) -> None:
            if self.engine is engine:
                self.counter_ticket = answer
                if on_ready is not None:
                    on_ready(answer)
                self.changed.emit()

        self.bridge.run(self.core.run_task, engine, task, on_done=done)

    # -- time and help ----------------------------------------------------------------------

    def tick(self) -> Tick | None:
        engine = self.engine
        if engine is None:
            return None
        from kiosk.flow.engine import Tick

        result = engine.tick()
        if result is Tick.WARNING:
            self.warning.emit()
        elif result is Tick.TIMED_OUT:
            self.finish(Outcome.TIMED_OUT.value)
        elif result is Tick.BACKEND_TIMEOUT:
            self._task_running = False  # the hung call is given up; a retry may start anew
            self.changed.emit()
        return result

    def request_help(self) -> None:
        """The visit is marked on the GUI thread (a snapshot of it is taken), and the request
        is written from a worker while the resident carries on. Delivery is bounded
        (``[assist] delivery_timeout_s``): past it the resident is sent to a person instead."""
        from kiosk.assist import delivery

        engine = self.engine if self.engine is not None and not self.engine.ended else None
        snapshot = self.core.help_snapshot(engine, "resident")
        reference = engine.state.reference if engine else uuid.uuid4().hex[:8].upper()
        core, timeout = self.core, self.core.settings.assist.delivery_timeout_s

        def attempt() -> delivery.Delivery:
            return delivery.deliver(lambda: core.send_help(snapshot, "resident"), timeout)

        def done(result: delivery.Delivery) -> None:
            if not result.delivered:
                log.error("help request not delivered in %.1f s (%s)", timeout, result.error)
            self.help_delivered.emit(result, reference)
            self.help_answer.emit(result.delivered)

        self.bridge.run(attempt, on_done=done, on_error=self._help_failed(reference))

    def _help_failed(self, reference: str) -> Callable[[BaseException], None]:
        def failed(error: BaseException) -> None:
            from kiosk.assist.delivery import Delivery

            log.error("help request not recorded", exc_info=error)
            self.help_delivered.emit(Delivery(None, False, type(error).__name__), reference)
            self.help_answer.emit(False)

        return failed

    def _engine(self) -> FlowEngine:
        assert self.engine is not None
        return self.engine
