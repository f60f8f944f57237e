"""Services, steps and reasons named as people know them, for a report that people read (the
HTML and text reports, the manager pages): each service by its title and each step by its
title in one language, a title filled in per visit as it reads outside one
(``Text.outline``: "您的缴费记录：…").
An id the catalogue does not know stays as it is; the machine formats (CSV, JSON) keep ids."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.catalog.schema import Catalogue, RateStep
from kiosk.report import figures as f
from kiosk.text import Lang


@dataclass(frozen=True)
class Names:
    services: Mapping[str, str]
    steps: Mapping[tuple[str, str], str]
    reasons: Mapping[str, str] = dataclasses.field(default_factory=dict)  # of poor ratings

    @classmethod
    def of(cls, catalogue: Catalogue, lang: Lang = "zh") -> Names:
        steps = [(s, st) for s in catalogue.services for st in s.steps]
        return cls(
            {s.id: s.title.get(lang) for s in catalogue.services},
            {(s.id, st.id): st.title.outline(lang) for s, st in steps},
            {
                r.value: r.label.get(lang)
                for _, st in steps
                if isinstance(st, RateStep)
                for r in st.reasons
            },
        )

    def service(self, service_id: str) -> str:
        return self.services.get(service_id, service_id)

    def step(self, service_id: str, step_id: str) -> str:
        return self.steps.get((service_id, step_id), step_id)


def named(report: f.Report, names: Names) -> f.Report:
    """The report with its services, steps and reasons named: the per-service breakdown, the
    ratings and their reasons, the overdue cases and the funnel (its tables and its charts)."""
    r = dataclasses.replace
    breakdowns = dict(report.breakdowns)
    if "service" in breakdowns:
        breakdowns["service"] = [r(v, key=names.service(v.key)) for v in breakdowns["service"]]
    funnel = [
        r(row, service=names.service(row.service), step=names.step(row.service, row.step))
        for row in report.funnel
    ]
    ratings = [
        v if v.key == "all" else r(v, key=names.service(v.key)) for v in report.warmth.ratings
    ]
    overdue = [r(c, service=names.service(c.service)) for c in report.timeliness.overdue]
    reasons = [r(c, key=names.reasons.get(c.key, c.key)) for c in report.warmth.reasons]
    return r(
        report,
        breakdowns=breakdowns,
        funnel=funnel,
        warmth=r(report.warmth, ratings=ratings, reasons=reasons),
        timeliness=r(report.timeliness, overdue=overdue),
    )
