"""The printed and text report's parts, as the hall server's pages have them: one for each of
the four measures (便利 convenience, 可及 reach, 及时 timeliness, 温度 warmth), then where
residents give up and the devices. Each opens with one line that gives its headline figure."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from kiosk.report import figures as f
from kiosk.report import words as w
from kiosk.report.people import Shown, shown
from kiosk.report.tables import SECTIONS, Table, show

CONVENIENCE = ("key", "visits", "completed", "completion_rate", "p50_s", "p90_s",
               "card_retries", "print_retries")  # fmt: skip
REACH = ("key", "visits", "elder_share", "audio_share", "assisted_share", "counter_share")
# Reach by who the residents are and what they came for; the calendar is convenience's.
REACH_TABLES = ("overall", "by_language", "by_elder", "by_service", "by_kiosk", "by_hall")


@dataclass(frozen=True)
class Part:
    id: str
    title: str
    headline: str
    charts: str  # which of ``SECTIONS``' charts it shows ("": none)
    tables: list[Shown]
    alerts: dict[str, list[bool]]  # table id -> per row: does it need someone's attention


def project(t: Table, columns: tuple[str, ...]) -> Table:
    keep = [t.columns.index(c) for c in columns]
    kinds = tuple(t.kinds[i] for i in keep) if t.kinds else ()
    rows = [tuple(row[i] for i in keep) for row in t.rows]
    return Table(t.id, t.section, t.title, columns, rows, kinds, t.keys)


def _share(value: float | None) -> str:
    return show(value, "share")


def _convenience(r: f.Report) -> str:
    o = r.overall
    return (
        f"完成率 {_share(o.completion_rate)}：{o.visits} 次办理中办完 {o.completed} 次，"
        f"办完用时中位数 {w.duration(o.p50_s)}。"
    )


def _reach(r: f.Report) -> str:
    o = r.overall
    return (
        f"长者模式 {_share(o.elder_share)}，语音模式 {_share(o.audio_share)}，"
        f"协助办完 {_share(o.assisted_share)}，转到窗口 {_share(o.counter_share)}"
        f"（共 {o.visits} 次办理）。"
    )


def _timeliness(r: f.Report) -> str:
    t = r.timeliness
    return (
        f"求助 {t.overall.calls} 次，响应中位数 {w.duration(t.overall.acknowledged_p50_s)}；"
        f"好差评工单 {t.cases_open} 件未办结，其中 {t.cases_overdue} 件已超期。"
    )


def _warmth(r: f.Report) -> str:
    everyone = [x for x in r.warmth.ratings if x.key == "all"]
    if not everyone:
        return "这段时间内没有评价。"
    a = everyone[0]
    rated = sum(a.levels.values())
    return f"满意率 {_share(a.satisfaction)}（{rated} 条评价，{a.not_rated} 次未评价）。"


def _funnel(r: f.Report) -> str:
    worst = [x for x in r.funnel if x.entered and (x.gave_up or x.timed_out)]
    if not worst:
        return "这段时间内没有居民中途放弃。"
    x = worst[0]
    return (
        f"流失最多的一步：{x.service} / {x.step}，流失率 {_share(x.loss_rate)}"
        f"（进入 {x.entered} 次，放弃 {x.gave_up} 次，超时 {x.timed_out} 次）。"
    )


def _devices(r: f.Report) -> str:
    d = r.devices
    down = sum(x.down_s for x in d.downtime)
    return (
        f"停机合计 {w.duration(down)}，故障 {sum(x.faults for x in d.downtime)} 次；"
        f"{len(d.unseen)} 台终端超过 {d.unseen_after_min} 分钟没有上报。"
    )


def alerting(t: Table, row: tuple[Any, ...]) -> bool:
    """Does this row need someone's attention (an overdue case, a silent kiosk, cases due)?
    Marked in words as well as colour, in the files and on the manager pages alike."""
    if t.id in ("cases_overdue", "unseen"):
        return True
    return t.id == "cases_due" and isinstance(row[1], int) and row[1] > 0


def _alerts(t: Table) -> list[bool]:
    return [alerting(t, row) for row in t.rows]


def parts(report: f.Report) -> list[Part]:
    zone = dt.timezone(dt.timedelta(hours=report.utc_offset_hours))
    visits = SECTIONS["visits"][1](report)
    by_id = {t.id: t for t in visits}

    def part(
        id_: str, title: str, headline: Callable[[f.Report], str], charts: str, ts: list[Table]
    ) -> Part:
        extra = {"unseen": w.TITLES["unseen"].format(minutes=report.devices.unseen_after_min)}
        shown_ = [shown(t, zone, extra.get(t.id, "")) for t in ts]
        return Part(id_, title, headline(report), charts, shown_, {t.id: _alerts(t) for t in ts})

    def of(section: str) -> list[Table]:
        return SECTIONS[section][1](report)

    reach = [project(by_id[i], REACH) for i in REACH_TABLES if i in by_id]
    return [
        part("convenience", "便利", _convenience, "visits",
             [project(t, CONVENIENCE) for t in visits]),
        part("reach", "可及", _reach, "", reach),
        part("timeliness", "及时", _timeliness, "timeliness", of("timeliness")),
        part("warmth", "温度", _warmth, "warmth", of("warmth")),
        part("funnel", "居民在哪一步放弃", _funnel, "funnel", of("funnel")),
        part("devices", "设备", _devices, "devices", of("devices")),
    ]  # fmt: skip


def period_words(report: f.Report) -> str:
    """The days asked for, as the hall reads them, and the filters: "2026-11-06 至 2026-12-05"."""
    first, last = report.days()
    zone = w.zone(report.utc_offset_hours)
    filters = "".join(
        f" · {w.FILTERS.get(name, name)} {w.MODES.get(value, value)}"
        for name, value in report.period.filters()
    )
    made = report.local(report.generated_at)
    return f"{first} 至 {last}（{zone}）{filters} · 生成于 {made:%Y-%m-%d %H:%M}"


def notes(report: f.Report) -> list[str]:
    return [w.NOTES.get(n, n) for n in report.notes]
