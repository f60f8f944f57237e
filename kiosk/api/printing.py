"""A kiosk's paper: the document a print step makes, the counter ticket, a print job on record
before its first byte and after its outcome, and the devices' changes of state."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping

from devices.printer.document import Document
from devices.printer.layout import document_text
from kiosk.api.records import KioskRecords
from kiosk.catalog.schema import PrintStep
from kiosk.flow.engine import FlowEngine
from kiosk.heartbeat import DeviceStates
from kiosk.peripherals.port import Devices, PrintOutcome
from kiosk.printouts import build_document, ticket_document
from kiosk.text import Lang

log = logging.getLogger(__name__)

PRINT_WAIT_S = 120.0  # the drivers bound every exchange; this only guards against a hang


class PrintingCalls:
    """Part of ``KioskApi``: what it needs is its records and the devices' last states."""

    records: KioskRecords
    device_states: DeviceStates

    def ticket_document(self, values: Mapping[str, str], lang: Lang) -> Document:
        """The counter ticket to print (``run_task``'s answer values)."""
        return ticket_document(values, lang, dt.date.today().isoformat())

    def document_for(self, engine: FlowEngine) -> Document:
        step = engine.step
        if not isinstance(step, PrintStep):
            raise ValueError(f"step '{step.id}' is not a print step")
        return build_document(step.document, engine, engine.state.language)

    def document_text(self, engine: FlowEngine, columns: int = 32) -> str:
        return document_text(self.document_for(engine), columns)

    def print_visit(self, visit: FlowEngine, document: Document, devices: Devices) -> PrintOutcome:
        """BLOCKING: print a visit's document. The job is on record before its first byte, the
        outcome after; a record that cannot be written never stops the paper."""
        title = str(document.title or visit.service.id)
        try:
            job_id: str | None = self.records.print_started(visit, title)
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
                self.records.print_finished(
                    job_id, outcome.ok, outcome.detail if not outcome.ok else "", outcome.warning
                )
            except Exception:
                log.error("print job %s outcome not recorded", job_id, exc_info=True)
        return outcome

    def record_device_event(
        self, device: str, state: str, media: str = "", detail: str = ""
    ) -> None:
        """BLOCKING: a device's change of state, for the staff console."""
        self.device_states.update(device, state, media)  # the next heartbeat carries it
        self.records.device_event(device, state, media, detail)
