"""A kiosk's paper and phone links: a print step's receipt (read on the GUI thread, printed with
its 掌上办 link on a worker), a handoff step's guide, the counter ticket, a print job on record
before its first byte and after its outcome, the devices' changes of state; and 掌上办 links to
the hall server, none for a kiosk alone (no ``[server] base_url``)."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from typing import Any

from devices.printer.document import Document
from devices.printer.layout import document_text
from kiosk.api.errors import StoreUnavailable
from kiosk.api.handoff import PhoneLinks, link_url, phone_content
from kiosk.api.records import KioskRecords
from kiosk.catalog.schema import ChooseStep, HandoffStep, PrintStep
from kiosk.config import Settings
from kiosk.flow.engine import FlowEngine
from kiosk.heartbeat import DeviceStates
from kiosk.peripherals.port import Devices, PrintOutcome
from kiosk.printouts import (
    PhoneQr,
    PrintedReceipt,
    Receipt,
    build_document,
    guide_document,
    phone_receipt,
    read_receipt,
    ticket_document,
)
from kiosk.text import Lang, fill

log = logging.getLogger(__name__)

PRINT_WAIT_S = 120.0  # the drivers bound every exchange; this only guards against a hang


class PrintingCalls:
    """Part of ``KioskApi``, which sets these."""

    settings: Settings
    links: PhoneLinks
    kiosk_id: str
    records: KioskRecords
    device_states: DeviceStates

    @property
    def hall_url(self) -> str:
        """The hall server's address for phones (``[server] base_url``), or "" when none is
        configured: a kiosk alone never guesses one (a phone could not reach it)."""
        return self.settings.server.base_url.strip().rstrip("/")

    def phone_link(
        self, visit_id: str, service_id: str, language: str, content: Mapping[str, Any]
    ) -> str:
        """BLOCKING: a 掌上办 link to this visit on the hall server, or "" when there is no
        hall server or the store cannot make one (the resident then has the paper or the
        screen, not a broken code)."""
        if not self.hall_url:
            return ""
        try:
            token = self.links.issue(
                visit_id, self.kiosk_id, content, service_id=service_id, language=language
            )
        except StoreUnavailable:
            log.warning("no phone link: the store did not answer")
            return ""
        return link_url(self.hall_url, token)

    def phone_content(self, engine: FlowEngine) -> dict[str, Any]:
        """What the visit's phone page shows (masked facts, the ticket, the guide topic; on a
        print step the receipt too, masked: a failed print's code shows what the paper would
        have); fast and pure, so it is read on the GUI thread and the link made on a worker."""
        content = phone_content(engine)
        if isinstance(engine.step, PrintStep):
            content["receipt"] = phone_receipt(engine.step.document, engine)
        return content

    def ticket_document(self, values: Mapping[str, str], lang: Lang) -> Document:
        """The counter ticket to print (``run_task``'s answer values)."""
        return ticket_document(values, lang, dt.date.today().isoformat())

    def document_for(self, engine: FlowEngine) -> Document:
        """The print step's paper as it is read aloud (without its 掌上办 part)."""
        return build_document(self._print_step(engine).document, engine, engine.state.language)

    def receipt_for(self, engine: FlowEngine) -> Receipt:
        """GUI thread (fast, pure): the print step's paper as the visit stands, and, where the
        document carries a 掌上办 code, what that page will show (masked: the receipt's rows
        with the name masked, the backends' facts, the ticket)."""
        spec = self._print_step(engine).document
        return read_receipt(spec, engine, self.phone_content(engine) if spec.phone_qr else None)

    def print_receipt(
        self, visit: FlowEngine, receipt: Receipt, devices: Devices
    ) -> PrintedReceipt:
        """BLOCKING: make the receipt's 掌上办 link (if it has one, and a hall server is
        configured), then print it (``print_visit``). No link, no code: the paper says so, and
        the answer says so for the screen."""
        qr = None
        if receipt.phone is not None:
            url = self.phone_link(receipt.visit_id, receipt.service_id, receipt.lang, receipt.phone)
            until = (self.links.now() + self.links.lifetime).astimezone()
            qr = PhoneQr(url, until.strftime("%Y-%m-%d %H:%M") if url else "")
        outcome = self.print_visit(visit, receipt.document(qr), devices)
        return PrintedReceipt(outcome, no_phone_code=qr is not None and not qr.url)

    def guide_document(self, engine: FlowEngine) -> Document | None:
        """GUI thread (pure): the guide a handoff step offers (``detail_from``: the chosen
        option's paragraphs) as paper, with its page's code when that is on a hall server;
        None when the step has nothing to print."""
        step = engine.step
        if not isinstance(step, HandoffStep) or not step.detail_from:
            return None
        chosen = engine.state.values.get(step.detail_from, "")
        lang = engine.state.language
        for other in engine.service.steps:
            if isinstance(other, ChooseStep) and other.field == step.detail_from:
                option = next((o for o in other.options if o.value == chosen), None)
                if option is None or not option.detail:
                    return None
                values = engine.values(lang)
                url = fill(step.url, values)
                return guide_document(
                    option.label.get(lang),
                    [p.format(lang, values) for p in option.detail],
                    url if url.startswith(("https://", "http://")) else "",
                    lang,
                    f"{self.settings.kiosk.hall} {self.settings.kiosk.name}",
                    dt.date.today().isoformat(),
                )
        return None

    @staticmethod
    def _print_step(engine: FlowEngine) -> PrintStep:
        step = engine.step
        if not isinstance(step, PrintStep):
            raise ValueError(f"step '{step.id}' is not a print step")
        return step

    def document_text(self, engine: FlowEngine, columns: int = 32) -> str:
        return document_text(self.document_for(engine), columns)

    def print_visit(
        self, visit: FlowEngine | None, document: Document, devices: Devices
    ) -> PrintOutcome:
        """BLOCKING: print a visit's document (None: a counter ticket taken from home). The job
        is on record before its first byte, the outcome after; a record that cannot be written
        never stops the paper."""
        title = str(document.title or (visit.service.id if visit is not None else "document"))
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
