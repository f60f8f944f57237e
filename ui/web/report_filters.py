"""What a manager page shows, from its query string: the dates (a week up to today unless
given), the hall, service, kiosk, language and mode, and the breakdown of the measures. Every
link between the pages, and every CSV link, carries the same query so the figures agree."""

from __future__ import annotations

import datetime as dt
import urllib.parse
from collections.abc import Mapping
from dataclasses import dataclass

from kiosk.api.reports import DIMENSIONS, Period, Reports

MAX_DAYS = 366  # a year at most: a longer question is the command line's (kiosk report)
MODES = ("elder", "standard")
TEXT_FIELDS = ("hall", "service", "kiosk", "language")


@dataclass(frozen=True)
class Filters:
    first: dt.date
    last: dt.date
    hall: str = ""
    service: str = ""
    kiosk: str = ""
    language: str = ""
    mode: str = ""  # "", elder or standard
    by: str = "service"  # the breakdown the measures page shows

    @property
    def elder(self) -> bool | None:
        return {"elder": True, "standard": False}.get(self.mode)

    def period(self, reports: Reports) -> Period:
        return reports.period(
            self.first,
            self.last,
            hall=self.hall,
            service=self.service,
            kiosk=self.kiosk,
            language=self.language,
            elder=self.elder,
        )

    def query(self) -> str:
        """The query string that gives these filters back (defaults left out)."""
        values = {
            "from": self.first.isoformat(),
            "to": self.last.isoformat(),
            **{name: getattr(self, name) for name in (*TEXT_FIELDS, "mode")},
            "by": "" if self.by == "service" else self.by,
        }
        return urllib.parse.urlencode({k: v for k, v in values.items() if v})

    def narrowed(self) -> bool:
        return any(getattr(self, name) for name in (*TEXT_FIELDS, "mode"))


def parse(params: Mapping[str, str], today: dt.date) -> tuple[Filters, str]:
    """The filters asked for, and what was wrong with them ("" if nothing): a wrong field is
    reset to its default and named, so the page still shows figures."""
    problems = []

    def day(name: str, default: dt.date) -> dt.date:
        text = params.get(name, "").strip()
        if not text:
            return default
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            problems.append(f"日期“{text[:20]}”不是 年-月-日")
            return default

    last = day("to", today)
    first = day("from", last - dt.timedelta(days=6))
    if first > last:
        problems.append("开始日期晚于结束日期，已改为结束日期前一周")
        first = last - dt.timedelta(days=6)
    if (last - first).days >= MAX_DAYS:
        problems.append(f"一次最多查看 {MAX_DAYS} 天，已从结束日期往前取")
        first = last - dt.timedelta(days=MAX_DAYS - 1)
    texts = {name: params.get(name, "").strip()[:64] for name in TEXT_FIELDS}
    mode = params.get("mode", "")
    by = params.get("by", "service")
    filters = Filters(
        first,
        last,
        **texts,
        mode=mode if mode in MODES else "",
        by=by if by in DIMENSIONS else "service",
    )
    return filters, "；".join(problems)
