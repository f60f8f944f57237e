"""The manager pages' words: column headings, the values of a table's key cells (a service's
title for its id, a language's own name for its code), case states, and the refusal page in
the staff member's language (from their browser's Accept-Language)."""

from __future__ import annotations

import datetime as dt

from kiosk.api.report_views import (
    DEVICE_NAMES,
    LEVEL_TITLES,
    NOTHING_HTML,
    Cell,
    Names,
    Table,
    show,
    words,
)
from kiosk.catalog.schema import Catalogue, RateStep

# What a table with no rows says: the printable report's own words and markup (ours, not
# escaped), so the two never drift apart.
NOTHING = NOTHING_HTML

# The report's own words (``kiosk.report.words``), so the pages and the file agree.
COLUMNS = words.COLUMNS
DIMENSIONS = words.DIMENSIONS
MODES = words.MODES
CATEGORIES = words.CATEGORIES
STATUSES = words.STATUSES
WITHDRAW_KINDS = {"mistaken": "误评", "malicious": "恶意评价"}
ACTIONS = {
    "open": "开单",
    "categorize": "分类",
    "contact": "回访",
    "rectify": "整改",
    "close": "办结",
    "withdraw": "撤销评价",
}
TITLES = words.TITLES
REASONS = words.REASONS
ALL = words.ALL

REFUSED = {
    "zh": {
        "title": "没有权限",
        "body": "服务评价页面只对服务大厅的管理人员开放。这次访问已记录。",
        "back": "回到呼叫列表",
    },
    "en": {
        "title": "Not permitted",
        "body": "The service evaluation pages are for the hall's managers. This attempt has "
        "been recorded.",
        "back": "Back to the calls",
    },
}


def staff_language(accept_language: str) -> str:
    """zh or en, the first of the browser's languages that the pages have (zh otherwise)."""
    ranked = []
    for i, part in enumerate(accept_language.split(",")):
        tag, _, weight = part.strip().partition(";q=")
        try:
            q = float(weight) if weight else 1.0
        except ValueError:
            q = 0.0
        ranked.append((-q, i, tag.strip().lower()))
    for _, _, tag in sorted(ranked):
        if tag.startswith("en"):
            return "en"
        if tag.startswith(("zh", "yue")):
            return "zh"
    return "zh"


class Labels:
    """A table's cells for people: ids become titles and names, numbers take their units."""

    def __init__(
        self, catalogue: Catalogue, languages: dict[str, str], utc_offset_hours: float = 8.0
    ) -> None:
        # Times in the hall's own, never the server's: "当地时间 UTC+8" says which.
        self.zone = dt.timezone(dt.timedelta(hours=utc_offset_hours))
        self.zone_words = words.zone(utc_offset_hours)
        # Titles; a step's filled in per visit as it reads outside one ("您的缴费记录：…").
        self.names = Names.of(catalogue, "zh")
        self.services = dict(self.names.services)
        self.languages = languages
        self.reasons = dict(REASONS)
        for service in catalogue.services:
            for step in service.steps:
                if isinstance(step, RateStep):
                    self.reasons.update({r.value: r.label.get("zh") for r in step.reasons})

    def service(self, service_id: str) -> str:
        return self.names.service(service_id)

    def step(self, service_id: str, step_id: str) -> str:
        return self.names.step(service_id, step_id)

    def when(self, moment: dt.datetime | str) -> str:
        """A moment as every page shows one: in the hall's time, "12-05 11:12"."""
        if isinstance(moment, str):
            try:
                moment = dt.datetime.fromisoformat(moment)
            except ValueError:
                return str(moment)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=dt.UTC)  # the store's times are UTC
        return moment.astimezone(self.zone).strftime("%m-%d %H:%M")

    def cell(self, table: Table, index: int, row: tuple[Cell, ...], unit: str = "") -> str:
        """``unit``: the column's, said in its heading (a number alone); a time on its own, as
        a key figure, says its unit itself."""
        column, value = table.columns[index], row[index]
        kind = table.kinds[index] if table.kinds else ""
        if value is None:
            return "–"
        text = str(value)
        if index == 0 and text == "all":
            return ALL
        if column == "key":
            if table.id == "by_service":
                return self.service(text)
            if table.id == "by_language":
                return self.languages.get(text, text)
            if table.id == "by_elder":
                return MODES.get(text, text)
            return text
        named = {
            "service": self.services,
            "device": DEVICE_NAMES,
            "level": LEVEL_TITLES,
            "category": CATEGORIES,
            "status": STATUSES,
            "reason": self.reasons,
        }.get(column)
        if named is not None:
            return named.get(text, text)
        if column == "step":
            return self.step(str(row[0]), text)
        if column == "last_seen":
            return self.when(text)
        if kind == "seconds" and isinstance(value, int | float):
            return words.in_unit(float(value), unit) if unit else words.duration(float(value))
        return show(value, kind)


def trail_text(action: str, detail: dict[str, object]) -> str:
    """What one change of a case did, in a sentence."""
    if action == "categorize":
        before, after = str(detail.get("from", "")), str(detail.get("to", ""))
        return f"{CATEGORIES.get(before, before)} → {CATEGORIES.get(after, after)}"
    if action == "contact":
        return str(detail.get("result", ""))
    if action == "rectify":
        return str(detail.get("rectification", ""))
    if action == "close":
        return str(detail.get("closure", ""))
    if action == "withdraw":
        kind = str(detail.get("kind", ""))
        return f"{WITHDRAW_KINDS.get(kind, kind)}：{detail.get('reason', '')}"
    if action == "open":
        due = detail.get("due_on")
        return f"期限 {due}" if due else ""
    return ""
