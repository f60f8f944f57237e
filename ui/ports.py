"""What the UI needs from the outside world, as small protocols, with fakes for tests and tours.

The window talks to a ``Core`` (kiosk.core.KioskCore), a ``Voice`` (ui.audio's Speaker, through
ui/voice.py) and ``Devices`` (kiosk.hardware, through ui/devices.py). Screens and tests depend on
these shapes only, so neither waits for a real synthesiser or printer.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # names for annotations only: importing this module stays cheap at start
    from sqlalchemy.orm import Session, sessionmaker

    from kiosk.backends.base import Answer
    from kiosk.catalog.schema import Catalogue, Lang
    from kiosk.config import Settings
    from kiosk.flow.engine import FlowEngine, Task
    from kiosk.identity import Resident


class Core(Protocol):
    """The part of kiosk.core.KioskCore the UI calls."""

    settings: Settings
    catalogue: Catalogue
    context: dict[str, str]
    kiosk_id: str
    sessions: sessionmaker[Session]  # for kiosk.assist calls, made on worker threads

    def start_visit(
        self, service_id: str, language: Lang, *, elder: bool = False, audio: bool = False
    ) -> FlowEngine: ...
    def run_task(self, engine: FlowEngine, task: Task) -> Answer: ...
    def resident_from_number(self, number: str, method: str = "keypad") -> Resident: ...
    def resident_from_card(self, fields: Mapping[str, str]) -> Resident: ...
    def card_problem(self, fields: Mapping[str, str]) -> str | None: ...
    def resident_from_qr(self, token: str) -> Resident | None: ...
    def document_for(self, engine: FlowEngine) -> Any: ...
    def document_text(self, engine: FlowEngine, columns: int = 32) -> str: ...
    def phone_content(self, engine: FlowEngine) -> dict[str, Any]: ...
    def phone_link(
        self, visit_id: str, service_id: str, language: str, content: Mapping[str, Any]
    ) -> str: ...
    def ticket_document(self, values: Mapping[str, str], lang: Lang) -> Any: ...
    def help_snapshot(self, engine: FlowEngine | None, reason: str) -> FlowEngine | None: ...
    def send_help(self, snapshot: FlowEngine | None, reason: str) -> int: ...
    def print_job_started(self, engine: FlowEngine | None, title: str) -> int: ...
    def print_job_finished(self, job_id: int, ok: bool, reason: str, warning: str) -> None: ...
    def record_device_event(self, device: str, state: str, media: str, detail: str) -> None: ...
    def demo_residents(self) -> list[tuple[str, str]]: ...
    def demo_resident(self, service_id: str) -> tuple[str, str]: ...
    def close(self) -> None: ...


class Voice(Protocol):
    def speak(self, text: str, lang: Lang) -> None:
        """Say this now, cutting off whatever was being said."""

    def stop(self) -> None: ...


class SpeechControls(Protocol):
    """The resident's controls over the voice (issue 4); a ``Voice`` may also offer them.

    ``rate_step`` is "slow", "normal" or "fast"; ``volume_step`` an index into
    kiosk.speech.controls.VOLUME_STEPS_DB; ``reset`` puts both back (the end of a visit).
    """

    rate_step: str
    volume_step: int
    paused: bool

    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def set_rate_step(self, step: str) -> None: ...
    def volume_up(self) -> None: ...
    def volume_down(self) -> None: ...
    def reset(self) -> None: ...


def controls_of(voice: Voice) -> SpeechControls | None:
    """The voice's controls, when it has them (the silent stand-in at start does too)."""
    needed = ("pause", "resume", "set_rate_step", "volume_up", "volume_down", "reset")
    if all(callable(getattr(voice, name, None)) for name in needed):
        return voice  # type: ignore[return-value]
    return None


@dataclass
class RecordingVoice:
    """Says nothing; remembers what it was asked to say (tests, the tour, no audio device).
    Its controls keep their state, so the window draws them as a real voice's."""

    said: list[tuple[str, Lang]] = field(default_factory=list)
    stops: int = 0
    rate_step: str = "normal"
    volume_step: int = 5
    paused: bool = False
    default_volume_step: int = 5
    resets: int = 0

    def speak(self, text: str, lang: Lang) -> None:
        self.paused = False
        self.said.append((text, lang))

    def stop(self) -> None:
        self.paused = False
        self.stops += 1

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False

    def set_rate_step(self, step: str) -> None:
        self.rate_step = step

    def volume_up(self) -> None:
        from kiosk.speech.controls import clamp_volume_step

        self.volume_step = clamp_volume_step(self.volume_step + 1)

    def volume_down(self) -> None:
        from kiosk.speech.controls import clamp_volume_step

        self.volume_step = clamp_volume_step(self.volume_step - 1)

    def reset(self) -> None:
        self.resets += 1
        self.paused = False
        self.rate_step, self.volume_step = "normal", self.default_volume_step

    @property
    def last(self) -> str:
        return self.said[-1][0] if self.said else ""


@dataclass(frozen=True)
class PrintOutcome:
    ok: bool
    # paper_out, cover_open, offline, jammed, hardware_error, interrupted, unknown
    # (i18n print.reason.*)
    reason: str = ""
    warning: str = ""  # e.g. paper_low: printed, but staff should know
    detail: str = ""  # the driver's own words ("paper out"), for the print job's record


CardCallback = Callable[[Mapping[str, str]], None]
QrCallback = Callable[[str], None]
ProblemCallback = Callable[[str], None]  # an i18n problem code: card_unreadable, ...


class Devices(Protocol):
    """Printer, ID card reader and QR scanner. Callbacks may come from any thread.

    ``demo_ways`` names what a demo can present on a simulated device ("card", "qr"); it is
    empty whenever real devices are configured, and ``demo(way)`` then does nothing.
    """

    @property
    def demo_ways(self) -> tuple[str, ...]: ...
    def demo(self, way: str) -> None: ...
    def print_document(self, document: Any) -> Future[PrintOutcome]: ...
    def watch_identity(
        self, on_card: CardCallback, on_qr: QrCallback, on_problem: ProblemCallback
    ) -> None: ...
    def stop_watching(self) -> None: ...
    def close(self) -> None: ...


class FakeDevices:
    """Devices that answer at once: a printer that works unless told otherwise, and a card or
    a QR code presented by the test (from another thread, as real drivers call back)."""

    def __init__(self) -> None:
        self.print_outcome = PrintOutcome(True)
        self.printed: list[Any] = []
        self.watching = False
        self.demo_ways: tuple[str, ...] = ()
        self.demos: list[str] = []
        self._callbacks: tuple[CardCallback, QrCallback, ProblemCallback] | None = None

    def demo(self, way: str) -> None:
        self.demos.append(way)

    def print_document(self, document: Any) -> Future[PrintOutcome]:
        self.printed.append(document)
        future: Future[PrintOutcome] = Future()
        threading.Thread(target=future.set_result, args=(self.print_outcome,)).start()
        return future

    def watch_identity(
        self, on_card: CardCallback, on_qr: QrCallback, on_problem: ProblemCallback
    ) -> None:
        self.watching = True
        self._callbacks = (on_card, on_qr, on_problem)

    def stop_watching(self) -> None:
        self.watching = False
        self._callbacks = None

    def present_card(self, fields: Mapping[str, str]) -> None:
        if self._callbacks:
            self._from_thread(self._callbacks[0], dict(fields))

    def present_qr(self, token: str) -> None:
        if self._callbacks:
            self._from_thread(self._callbacks[1], token)

    def fail_card(self, problem: str = "card_unreadable") -> None:
        if self._callbacks:
            self._from_thread(self._callbacks[2], problem)

    @staticmethod
    def _from_thread(fn: Callable[[Any], None], arg: Any) -> None:
        thread = threading.Thread(target=fn, args=(arg,))
        thread.start()
        thread.join()

    def close(self) -> None:
        self.stop_watching()
