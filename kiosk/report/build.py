"""The one call a front end makes for a report: dates in, a ``Report`` out, domain errors only."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from kiosk.api.errors import StoreUnavailable
from kiosk.catalog.loader import CatalogueError, load_catalogue
from kiosk.catalog.schema import StepKind
from kiosk.config import Settings
from kiosk.errors import ConfigError
from kiosk.report import figures as f
from kiosk.report import queries
from kiosk.report.cases import CasePolicy

NOTES = (
    "Percentiles are nearest-rank; times to complete count completed visits only.",
    "Withdrawn ratings and skipped ratings (not rated) are not levels.",
)
StepFacts = tuple[frozenset[str], dict[tuple[str, str], int]]


def period_for(
    first: dt.date,
    last: dt.date,
    policy: CasePolicy,
    hall: str | None = None,
    *,
    service: str | None = None,
    kiosk: str | None = None,
    language: str | None = None,
    elder: bool | None = None,
) -> f.Period:
    """From the start of the hall's ``first`` day to the end of its ``last`` day, in UTC; an
    empty filter is no filter."""
    if last < first:
        raise ConfigError(f"--to {last} is before --from {first}")
    offset = dt.timedelta(hours=policy.utc_offset_hours)
    start = dt.datetime.combine(first, dt.time(), dt.UTC) - offset
    end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time(), dt.UTC) - offset
    return f.Period(
        start, end, hall or None, service or None, kiosk or None, language or None, elder
    )


def catalogue_facts(services_dir: Path | None) -> StepFacts:
    """Steps where a card is read (their rejected inputs are card-read retries) and where each
    step stands in its service (the funnel's order)."""
    unknown: StepFacts = (frozenset({"identify"}), {})
    if services_dir is None:
        return unknown
    try:
        catalogue = load_catalogue(services_dir)
    except (CatalogueError, OSError):
        return unknown
    ids = {s.id for svc in catalogue.services for s in svc.steps if s.kind is StepKind.IDENTIFY}
    order = {(svc.id, s.id): i for svc in catalogue.services for i, s in enumerate(svc.steps)}
    return frozenset(ids or {"identify"}), order


@dataclass
class ReportSetup:
    """How a hall reads its figures: its calendar, when a kiosk counts as silent, and its
    services' steps (read from the catalogue once, when the first report needs them)."""

    policy: CasePolicy = field(default_factory=CasePolicy)
    unseen_after_min: int = 10
    services_dir: Path | None = None
    _facts: StepFacts | None = field(default=None, repr=False)

    @classmethod
    def from_settings(cls, settings: Settings) -> ReportSetup:
        return cls(
            CasePolicy.from_settings(settings),
            settings.report.unseen_after_min,
            settings.services_dir,
        )

    def facts(self) -> StepFacts:
        if self._facts is None:  # two threads may both read it: the same answer either way
            self._facts = catalogue_facts(self.services_dir)
        return self._facts


def build_report(
    engine: Engine,
    setup: ReportSetup,
    period: f.Period,
    *,
    now: dt.datetime | None = None,
    dimensions: tuple[str, ...] = f.DIMENSIONS,
) -> f.Report:
    now = now or dt.datetime.now(dt.UTC)
    scope = queries.Scope(period, setup.policy.utc_offset_hours, *setup.facts())
    try:
        with engine.connect() as conn:
            report = queries.build(
                conn,
                scope,
                now=now,
                today=setup.policy.today(now),
                unseen_after_min=setup.unseen_after_min,
                dimensions=dimensions,
            )
    except SQLAlchemyError as exc:
        raise StoreUnavailable(f"the report could not be read: {exc.__class__.__name__}") from exc
    report.notes.extend(NOTES)
    return report


def make_report(
    engine: Engine,
    settings: Settings,
    period: f.Period,
    *,
    now: dt.datetime | None = None,
    dimensions: tuple[str, ...] = f.DIMENSIONS,
) -> f.Report:
    return build_report(
        engine, ReportSetup.from_settings(settings), period, now=now, dimensions=dimensions
    )
