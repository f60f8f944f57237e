"""The report's words for people, in Chinese (the managers' language): column headings, the
titles of tables and measures, and the values of coded cells. The printable report, ``kiosk
report`` in text and the hall server's manager pages all read them here, so they never drift
apart (``ui`` imports ``kiosk``, never the reverse)."""

from __future__ import annotations

LEVEL_TITLES = {
    "very_satisfied": "非常满意",
    "satisfied": "满意",
    "basically_satisfied": "基本满意",
    "dissatisfied": "不满意",
    "very_dissatisfied": "非常不满意",
}
# The devices as staff name them: the charts and the tables.
DEVICE_NAMES = {"printer": "打印机", "idcard": "读卡器", "scanner": "扫码器", "audio": "音频"}

# Column ids are the JSON export's field names; these are their headings.
COLUMNS = {
    "key": "分组",
    "visits": "办理次数",
    "completed": "办完",
    "completion_rate": "完成率",
    "p50_s": "用时中位数",
    "p90_s": "用时 P90",
    "card_retries": "读卡重试",
    "print_retries": "打印重试",
    "elder_share": "长者模式",
    "audio_share": "语音模式",
    "assisted_share": "协助办完",
    "counter_share": "转到窗口",
    "who": "工作人员",
    "calls": "呼叫",
    "acknowledged_p50_s": "响应 P50",
    "acknowledged_p90_s": "响应 P90",
    "arrived_p50_s": "到场 P50",
    "arrived_p90_s": "到场 P90",
    "resolved_p50_s": "解决 P50",
    "resolved_p90_s": "解决 P90",
    "escalations": "升级",
    "cases_open": "未办结",
    "cases_overdue": "已超期",
    "case": "工单",
    "service": "事项",
    "kiosk": "终端",
    "level": "评价",
    "category": "分类",
    "status": "状态",
    "due_on": "期限",
    **LEVEL_TITLES,
    "not_rated": "未评价",
    "withdrawn": "已撤销",
    "satisfaction": "满意率",
    "reason": "原因",
    "count": "次数",
    "takeovers": "接管",
    "takeovers_completed": "接管后办完",
    "completed_share": "其中办完",
    "step": "步骤",
    "entered": "进入",
    "gave_up": "放弃",
    "timed_out": "超时",
    "went_back": "返回",
    "help_calls": "呼叫帮助",
    "loss_rate": "流失率",
    "device": "设备",
    "down_s": "停机时长",
    "faults": "故障次数",
    "paper_outs": "缺纸次数",
    "name": "名称",
    "hall": "大厅",
    "last_seen": "最后上报",
    "minutes": "分钟",
}
DIMENSIONS = {
    "service": "按事项",
    "kiosk": "按终端",
    "hall": "按大厅",
    "day": "按日",
    "week": "按周",
    "month": "按月",
    "language": "按语言",
    "elder": "按长者模式",
}
MODES = {"elder": "长者模式", "standard": "标准模式"}
FILTERS = {"hall": "大厅", "service": "事项", "kiosk": "终端", "language": "语言", "elder": "模式"}
CATEGORIES = {
    "service": "服务",
    "device": "设备",
    "staff": "工作人员",
    "policy": "政策",
    "other": "其他",
}
STATUSES = {
    "open": "待回访",
    "contacted": "已回访",
    "rectified": "已整改",
    "closed": "已办结",
    "withdrawn": "评价已撤销",
}
# The tables' titles, in Chinese alone.
TITLES = {
    "overall": "全部办理",
    "help": "求助响应",
    "cases_due": "好差评回访",
    "cases_overdue": "超期工单",
    "ratings": "好差评",
    "reasons": "不满意原因",
    "case_categories": "工单分类",
    "takeovers": "协助接管",
    "funnel": "放弃漏斗（最需要改进的步骤在前）",
    "downtime": "设备停机",
    "unseen": "超过 {minutes} 分钟没有上报的终端",
}
# A poor rating given with no reason is "(none)" in the data: said here in words, so it is
# never mistaken for an empty table.
NO_REASON = "(none)"
REASONS = {
    "slow": "等候或操作太慢",
    "hard": "操作太难",
    "unsolved": "问题没有解决",
    "other": "其他原因",
    NO_REASON: "未说明原因",
}
LANGUAGES = {"zh": "中文", "yue": "粤语", "en": "English"}
ALL = "全部"
# The report's notes (``build.NOTES``), said for managers.
NOTES = {
    "Percentiles are nearest-rank; times to complete count completed visits only.": (
        "中位数和 P90 取最接近的实际记录；办理用时只计办完的。"
    ),
    "Withdrawn ratings and skipped ratings (not rated) are not levels.": (
        "已撤销的评价和未评价的办理不计入满意度。"
    ),
}
# Units of a time column, chosen per column: minutes once its longest time is 10 minutes.
SECONDS, MINUTES = "秒", "分钟"


def time_unit(values: list[float]) -> str:
    return MINUTES if values and max(values) >= 600 else SECONDS


def in_unit(seconds: float, unit: str) -> str:
    return f"{scaled(seconds, unit):.1f}" if unit == MINUTES else f"{seconds:.0f}"


def scaled(seconds: float, unit: str) -> float:
    """A time as a number in ``unit``: what a chart draws beside a table in that unit."""
    return seconds / 60 if unit == MINUTES else seconds


def zone(hours: float) -> str:
    """The hall's time zone as a person reads it: "当地时间 UTC+8"."""
    sign = "+" if hours >= 0 else "-"
    h, m = divmod(round(abs(hours) * 60), 60)
    return f"当地时间 UTC{sign}{h}" + (f":{m:02d}" if m else "")


def duration(seconds: float | None) -> str:
    """One time on its own, with its unit: "67 秒", "10.2 分钟"."""
    if seconds is None:
        return "–"
    unit = time_unit([seconds])
    return f"{in_unit(seconds, unit)} {unit}"
