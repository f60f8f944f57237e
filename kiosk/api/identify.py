"""A kiosk's identity calls: a resident from a typed number, an ID card or an e-card code (the
backend names them where it can), why a card read cannot be used, and the demonstration's
fictional residents. ID numbers become ``Resident`` values here: checked, masked, hashed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from kiosk import identity
from kiosk.api.errors import StoreUnavailable
from kiosk.api.store import Store
from kiosk.backends.base import Backend
from kiosk.demo.residents import PEOPLE
from kiosk.identity import Resident


class IdentityCalls:
    """Part of ``KioskApi``: what it needs is its identity secret, backend and store."""

    secret: bytes
    backend: Backend
    store: Store

    def resident_from_number(self, number: str, method: str = "keypad") -> Resident:
        """BLOCKING (the backend is asked): a typed number, with the resident's name where the
        backend knows it, as a card read would give it."""
        resident = Resident.from_number(number, self.secret, method=method)
        finder = getattr(self.backend, "resident_name", None)
        if finder is None:
            return resident
        try:
            with self.store.guard("find a resident's name"):
                name: str = finder(resident)
        except StoreUnavailable:
            return resident
        return replace(resident, name=name) if name else resident

    def typed_resident(self, number: str) -> Resident | None:
        """BLOCKING: a typed number as ``resident_from_number`` makes it, or None when the
        backend can tell and knows no such resident (said on the identify step, where the
        number can be corrected). A backend that cannot tell, or a store away: the number
        goes on, and the lookup answers for it."""
        resident = self.resident_from_number(number)
        known = getattr(self.backend, "resident_known", None)
        if known is None:
            return resident
        try:
            with self.store.guard("check a typed ID number"):
                found: bool = known(resident)
        except StoreUnavailable:
            return resident
        return resident if found else None

    def resident_without_name(self, number: str) -> Resident:
        """A typed number when the backend could not be asked for the name."""
        return Resident.from_number(number, self.secret, method="keypad")

    def resident_from_card(self, fields: Mapping[str, str]) -> Resident:
        return Resident.from_number(
            fields["id_number"], self.secret, name=fields.get("name", ""), method="card"
        )

    def card_problem(self, fields: Mapping[str, str], today: dt.date | None = None) -> str | None:
        """Why a card that was read cannot be used, as an i18n problem code, or None."""
        if identity.validate(fields.get("id_number", "")) is not None:
            return "card_invalid"  # read, but its number fails its checks
        valid_to = fields.get("valid_to", "").replace("-", "")
        if valid_to in ("", "长期"):
            return None
        try:
            until = dt.date(int(valid_to[:4]), int(valid_to[4:6]), int(valid_to[6:8]))
        except ValueError:
            return "card_invalid"
        return "card_expired" if until < (today or dt.date.today()) else None

    def resident_from_qr(self, token: str) -> Resident | None:
        """BLOCKING: the backend resolves an e-card code; None when it does not know it."""
        finder = getattr(self.backend, "resident_by_token", None)
        if finder is None:
            return None
        try:
            with self.store.guard("check an e-card code"):
                found: Resident | None = finder(token)
        except StoreUnavailable:
            return None
        return found

    def demo_residents(self) -> list[tuple[str, str]]:
        return [(p.name, p.id_number) for p in PEOPLE]

    def demo_resident(self, service_id: str) -> tuple[str, str]:
        """A fictional resident who can complete this service: a pensioner for the pension
        check, someone still paying in for everything else."""
        wanted = service_id == "pension-certification"
        person = next(p for p in PEOPLE if p.pensioner == wanted)
        return person.name, person.id_number
