"""The report as titled tables of plain values: what text, CSV and HTML all lay out.

Each section is a function of the ``Report`` alone, so a live page can show one section.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk.report import figures as f

Cell = str | int | float | None

DIMENSION_TITLES = {
    "service": "按事项 by service",
    "kiosk": "按终端 by kiosk",
    "hall": "按大厅 by hall",
    "day": "按日 by day",
    "week": "按周 by week (Monday)",
    "month": "按月 by month",
    "language": "按语言 by language",
    "elder": "按长者模式 by elder mode",
}


@dataclass(frozen=True)
class Table:
    id: str  # stable, for CSV and anchors
    section: str  # convenience, reach, timeliness, warmth, funnel, devices
    title: str
    columns: tuple[str, ...]
    rows: list[tuple[Cell, ...]]
    kinds: tuple[str, ...] = ()  # per column: "", "share" or "seconds" (how to show a number)
    # How many leading columns name a row (a funnel row is a service and a step); 0: the
    # table's one row is about everything. Columns are named as the JSON export's fields.
    keys: int = 1


VISIT_COLUMNS = (
    "key",
    "visits",
    "completed",
    "completion_rate",
    "p50_s",
    "p90_s",
    "card_retries",
    "print_retries",
    "elder_share",
    "audio_share",
    "assisted_share",
    "counter_share",
)
VISIT_KINDS = (
    "",
    "",
    "",
    "share",
    "seconds",
    "seconds",
    "",
    "",
    "share",
    "share",
    "share",
    "share",
)


def _visit_row(r: f.VisitRow) -> tuple[Cell, ...]:
    return (
        r.key,
        r.visits,
        r.completed,
        r.completion_rate,
        r.p50_s,
        r.p90_s,
        r.card_retries,
        r.print_retries,
        r.elder_share,
        r.audio_share,
        r.assisted_share,
        r.counter_share,
    )


def visits(report: f.Report) -> list[Table]:
    out = [
        Table(
            "overall",
            "convenience",
            "全部 all visits",
            VISIT_COLUMNS,
            [_visit_row(report.overall)],
            VISIT_KINDS,
        )
    ]
    for name, rows in report.breakdowns.items():
        section = "reach" if name in ("language", "elder") else "convenience"
        out.append(
            Table(
                f"by_{name}",
                section,
                DIMENSION_TITLES.get(name, name),
                VISIT_COLUMNS,
                [_visit_row(r) for r in rows],
                VISIT_KINDS,
            )
        )
    return out


HELP_COLUMNS = (
    "who",
    "calls",
    "acknowledged_p50_s",
    "acknowledged_p90_s",
    "arrived_p50_s",
    "arrived_p90_s",
    "resolved_p50_s",
    "resolved_p90_s",
    "escalations",
)
HELP_KINDS = ("", "", *(["seconds"] * 6), "")


def _help_row(r: f.HelpRow) -> tuple[Cell, ...]:
    return (
        r.key,
        r.calls,
        r.acknowledged_p50_s,
        r.acknowledged_p90_s,
        r.arrived_p50_s,
        r.arrived_p90_s,
        r.resolved_p50_s,
        r.resolved_p90_s,
        r.escalations,
    )


def timeliness(report: f.Report) -> list[Table]:
    t = report.timeliness
    return [
        Table(
            "help",
            "timeliness",
            "求助响应 help calls",
            HELP_COLUMNS,
            [_help_row(t.overall)] + [_help_row(h) for h in t.helpers],
            HELP_KINDS,
        ),
        Table(
            "cases_due",
            "timeliness",
            "好差评回访 follow-up cases",
            ("cases_open", "cases_overdue"),
            [(t.cases_open, t.cases_overdue)],
            keys=0,
        ),
        Table(
            "cases_overdue",
            "timeliness",
            "超期工单 overdue cases",
            ("case", "service", "kiosk", "level", "category", "status", "due_on"),
            [
                (
                    c.id,
                    c.service,
                    c.kiosk,
                    c.level,
                    c.category,
                    c.status,
                    c.due_on.isoformat(),
                )
                for c in t.overdue
            ],
        ),
    ]


def warmth(report: f.Report) -> list[Table]:
    w = report.warmth
    columns = (
        "service",
        *f.LEVELS,
        "not_rated",
        "withdrawn",
        "satisfaction",
    )
    rows = [
        (r.key, *(r.levels[lv] for lv in f.LEVELS), r.not_rated, r.withdrawn, r.satisfaction)
        for r in w.ratings
    ]
    return [
        Table(
            "ratings",
            "warmth",
            "好差评 ratings",
            columns,
            rows,
            ("",) * (len(columns) - 1) + ("share",),
        ),
        Table(
            "reasons",
            "warmth",
            "不满意原因 reasons of poor ratings",
            ("reason", "count"),
            [(c.key, c.count) for c in w.reasons],
        ),
        Table(
            "case_categories",
            "warmth",
            "工单分类 cases by category",
            ("category", "count"),
            [(c.key, c.count) for c in w.categories],
        ),
        Table(
            "takeovers",
            "warmth",
            "协助接管 takeovers",
            ("takeovers", "takeovers_completed", "completed_share"),
            [
                (
                    w.takeovers,
                    w.takeovers_completed,
                    w.takeovers_completed / w.takeovers if w.takeovers else None,
                )
            ],
            ("", "", "share"),
            keys=0,
        ),
    ]


def funnel(report: f.Report) -> list[Table]:
    return [
        Table(
            "funnel",
            "funnel",
            "放弃漏斗 where residents give up (worst first)",
            (
                "service",
                "step",
                "entered",
                "gave_up",
                "timed_out",
                "went_back",
                "help_calls",
                "loss_rate",
            ),
            [
                (
                    r.service,
                    r.step,
                    r.entered,
                    r.gave_up,
                    r.timed_out,
                    r.went_back,
                    r.help_calls,
                    r.loss_rate,
                )
                for r in report.funnel
            ],
            ("",) * 7 + ("share",),
            keys=2,
        ),
    ]


def devices(report: f.Report) -> list[Table]:
    d = report.devices
    return [
        Table(
            "downtime",
            "devices",
            "设备停机 downtime",
            ("kiosk", "device", "down_s", "faults", "paper_outs"),
            [(r.kiosk, r.device, r.down_s, r.faults, r.paper_outs) for r in d.downtime],
            ("", "", "seconds", "", ""),
            keys=2,
        ),
        Table(
            "unseen",
            "devices",
            f"未上报终端 kiosks not seen for {d.unseen_after_min} min",
            ("kiosk", "name", "hall", "last_seen", "minutes"),
            [
                (k.kiosk, k.name, k.hall, k.last_seen.isoformat(timespec="seconds"), k.minutes)
                for k in d.unseen
            ],
        ),
    ]


SECTIONS: dict[str, tuple[str, Callable[[f.Report], list[Table]]]] = {
    "visits": ("便利与可及 convenience and reach", visits),
    "timeliness": ("及时 timeliness", timeliness),
    "warmth": ("温度 warmth", warmth),
    "funnel": ("放弃在哪一步 where residents give up", funnel),
    "devices": ("设备 devices", devices),
}


def all_tables(report: f.Report) -> list[Table]:
    return [t for _, (_, make) in SECTIONS.items() for t in make(report)]


def show(value: Cell, kind: str = "") -> str:
    """One cell for people: shares as percentages, seconds as seconds, nothing as a dash."""
    if value is None:
        return "–"
    if kind == "share" and isinstance(value, float | int):
        return f"{value * 100:.1f}%"
    if kind == "seconds" and isinstance(value, float | int):
        return f"{value:.0f}s" if value < 600 else f"{value / 60:.1f}min"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)
