"""Where a resident's identity comes from on an identify step: the ID card reader, the scanner
(an e-social-security-card QR code) and the ID number typed on the keypad.

``IdentitySources`` listens to the devices while an identify step is shown (those a helper has
not switched off), checks a typed number, and turns what it gets into a ``Resident`` (looked up
off the GUI thread, as each needs the store) or a refusal code. It never writes the visit: the
session does (``VisitSession.identify``, ``VisitSession.reject_identity``), so it stays the
flow engine's only writer. While the staff PIN pad is open, scans go to the pad instead.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from kiosk import id_numbers
from kiosk.catalog.kinds import StepKind
from kiosk.i18n import t

if TYPE_CHECKING:
    from kiosk.identity import Resident
    from kiosk.text import Lang
    from ui.kiosk.session import VisitSession

log = logging.getLogger(__name__)


def typed_problem(number: str, lang: Lang) -> tuple[str, str] | None:
    """What is wrong with a typed ID number: the refusal's code and where to look (how many
    digits were typed, or which ones are wrong), in words; None when it is a valid number."""
    problem = id_numbers.validate(number)
    if problem is None:
        return None
    where = ""
    span = id_numbers.wrong_span(number, problem)
    if problem is id_numbers.IdProblem.LENGTH:
        where = t("problem.id_typed", lang, n=len(id_numbers.normalise(number)))
    elif span is not None:
        first, last = span
        key = "problem.id_at" if first == last else "problem.id_span"
        where = t(key, lang, first=first, last=last)
    return f"id_{problem.value}", where


class IdentitySources(QObject):
    # A QObject for the reason ui.kiosk.controls.ResidentControls gives: the identify screen's
    # keypad is connected to ``typed``.
    def __init__(self, session: VisitSession) -> None:
        super().__init__(session)
        self.session = session
        self._scan_route: Callable[[str], None] | None = None  # the staff PIN pad, while open

    def shown(self) -> bool:
        """An identify step waits for the resident."""
        engine = self.session.engine
        return engine is not None and not engine.ended and engine.step.kind is StepKind.IDENTIFY

    # -- the card reader and the scanner ----------------------------------------------------

    def listen(self, on: bool) -> None:
        """Listen to the reader and the scanner (those not switched off) for an identify step;
        while the staff PIN pad is open, scans go to it instead."""
        session = self.session
        call, devices, off = session.bridge.call_soon, session.devices, session.switched_off
        route = self._scan_route
        if route is not None:
            devices.watch_identity(
                lambda _fields: None,
                lambda code: call(route, code),
                lambda _code: None,
            )
        elif on and not {"idcard", "scanner"} <= off:
            card_on, scan_on = "idcard" not in off, "scanner" not in off
            devices.watch_identity(
                (lambda fields: call(self._card, fields)) if card_on else (lambda _f: None),
                (lambda token: call(self._qr, token)) if scan_on else (lambda _t: None),
                lambda code: call(session.reject_identity, code),
            )
        else:
            devices.stop_watching()

    def refresh(self) -> None:
        """Listen again as the step and the devices switched off now call for."""
        self.listen(self.shown())

    def route_scans(self, to: Callable[[str], None] | None) -> None:
        """Scanner payloads to ``to`` (the staff PIN pad's badge_scanned) until called with
        None; then back to the identify step, if one is shown."""
        self._scan_route = to
        self.refresh()

    def _card(self, fields: Mapping[str, str]) -> None:
        api = self.session.api
        try:
            problem = api.card_problem(fields)
            resident = None if problem else api.resident_from_card(fields)
        except Exception:  # a card the domain cannot use is a problem to word, not a crash
            log.warning("card fields not usable", exc_info=True)
            problem, resident = "card_unreadable", None
        if resident is None:
            self.session.reject_identity(problem or "card_unreadable")
            return
        self.session.identify(resident)

    def _qr(self, token: str) -> None:
        session = self.session

        def done(resident: Resident | None) -> None:
            if resident is None:
                session.reject_identity("qr_unknown")
            else:
                session.identify(resident)

        session.bridge.run(
            session.api.resident_from_qr,
            token,
            on_done=done,
            on_error=lambda _e: session.reject_identity("qr_unknown"),
        )

    @property
    def demo_ways(self) -> tuple[str, ...]:
        """Ways the demo can identify through simulated devices ("card", "qr"); none with
        real devices."""
        return self.session.devices.demo_ways

    def demo(self, way: str) -> None:
        """Present the demo's sample card or e-card code; the reader or scanner answers."""
        if self.shown():
            self.session.devices.demo(way)

    # -- the keypad ---------------------------------------------------------------------------

    def typed(self, number: str) -> None:
        """A typed ID number: a wrong one stays on the keypad with what to check; a good one
        is looked up (the backend gives the name a card read would) off the GUI thread."""
        session = self.session
        problem = typed_problem(number, session.lang)
        if problem is not None:
            code, where = problem
            session.reject_identity(code, keep=number, where=where)
            return
        api = session.api

        def done(resident: Resident | None) -> None:
            if resident is None:  # well formed, but the records know no such number
                session.reject_identity("id_unknown", keep=number)
            else:
                session.identify(resident)

        session.bridge.run(
            api.typed_resident,
            number,
            on_done=done,
            on_error=lambda _e: session.identify(api.resident_without_name(number)),
        )
