"""What a report covers, as WHERE clauses: the period and the filters (hall, service, kiosk,
language, elder mode) applied alike to visits, help calls, ratings and devices.

Visits carry every filter themselves. A help call carries its kiosk, service and language; a
rating its kiosk and service; the rest is read from the visit they belong to. Devices belong to
a kiosk only, so the service, language and mode filters do not narrow them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, select

from kiosk.report import figures as f
from kiosk.store.models import DeviceEvent, HelpRequest, Kiosk, Rating, Visit

Conditions = list[ColumnElement[bool]]


@dataclass(frozen=True)
class Scope:
    """What a report covers, and how it reads the calendar."""

    period: f.Period
    offset_hours: float = 8.0
    identify_steps: frozenset[str] = field(default_factory=lambda: frozenset({"identify"}))
    step_order: dict[tuple[str, str], int] = field(default_factory=dict)  # from the catalogue

    def _hall(self) -> Conditions:
        """Needs the query joined to ``Kiosk``."""
        return [Kiosk.hall == self.period.hall] if self.period.hall else []

    def _visit_only(self) -> Conditions:
        """The filters only a visit knows (its mode), or also its language."""
        p = self.period
        conds: Conditions = []
        if p.language:
            conds.append(Visit.language == p.language)
        if p.elder is not None:
            conds.append(Visit.elder_mode == p.elder)
        return conds

    def visits(self) -> Conditions:
        """For a query over ``Visit`` joined to ``Kiosk``."""
        p = self.period
        conds = [Visit.started_at >= p.start, Visit.started_at < p.end, *self._hall()]
        if p.service:
            conds.append(Visit.service_id == p.service)
        if p.kiosk:
            conds.append(Visit.kiosk_id == p.kiosk)
        return conds + self._visit_only()

    def calls(self) -> Conditions:
        """For a query over ``HelpRequest`` joined to ``Kiosk``."""
        p = self.period
        conds = [HelpRequest.requested_at >= p.start, HelpRequest.requested_at < p.end]
        conds += self._hall()
        if p.service:
            conds.append(HelpRequest.service_id == p.service)
        if p.kiosk:
            conds.append(HelpRequest.kiosk_id == p.kiosk)
        if p.language:
            conds.append(HelpRequest.language == p.language)
        if p.elder is not None:  # a call made outside a visit has no mode: left out
            elder = select(Visit.id).where(Visit.elder_mode == p.elder)
            conds.append(HelpRequest.visit_id.in_(elder))
        return conds

    def rated(self) -> Conditions:
        """Ratings of any time that match the filters; for a query joined to ``Kiosk``."""
        p = self.period
        conds = self._hall()
        if p.service:
            conds.append(Rating.service_id == p.service)
        if p.kiosk:
            conds.append(Rating.kiosk_id == p.kiosk)
        if self._visit_only():
            conds.append(Rating.visit_id.in_(select(Visit.id).where(*self._visit_only())))
        return conds

    def ratings(self) -> Conditions:
        """Ratings given in the period that match the filters."""
        p = self.period
        return [Rating.at >= p.start, Rating.at < p.end, *self.rated()]

    def devices(self, column: Any = DeviceEvent.kiosk_id) -> Conditions:
        """Kiosks' devices by hall and kiosk; for a query joined to ``Kiosk``."""
        conds = self._hall()
        if self.period.kiosk:
            conds.append(column == self.period.kiosk)
        return conds
