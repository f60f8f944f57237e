"""The console's words: states, reasons, outcomes and devices, in Chinese for the hall staff."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.api.errors import AlreadyTaken, CallTaken, RequestClosed
from kiosk.assist.vocabulary import call_taken_words
from kiosk.report.words import DEVICE_NAMES

STATUS = {
    "requested": "待响应",
    "escalated": "已超时",
    "acknowledged": "正在前往",
    "assisting": "协助中",
}
REASONS = {
    "resident": "居民按了呼叫",
    "rejected_inputs": "多次输入有误",
    "timeout_warnings": "多次超时提醒",
    "device_failed": "设备故障",
    "back_and_forth": "反复返回",
    "identify_failed": "身份核验未通过",
    "device:printer": "打印机需要处理",
    "device:idcard": "读卡器需要处理",
    "device:scanner": "扫码器需要处理",
    "device:audio": "音频设备需要处理",
    "print_interrupted": "打印中断，请核对是否已交给居民",
}
OUTCOMES = {
    "completed_with_help": "已协助办完",
    "sent_to_counter": "已转人工窗口",
    "resident_left": "居民已离开",
    "device_fixed": "设备已修好",
}
# The sign-in page after a sign-out, by its reason.
SIGNED_OUT = {
    "signed_out": "已退出登录",
    "idle": "长时间无操作，已退出登录",
    "account_disabled": "此工号已停用，已退出登录",
    "pin_changed": "密码已更改，请用新密码重新登录",
}
DEVICES = DEVICE_NAMES  # one list of device names, the reports' (also the web pages')
DEVICE_STATES = {
    "online": "正常",
    "offline": "离线",
    "busy": "忙",
    "hardware_error": "硬件故障",
    "no_device": "未连接",
    "unknown": "未知",
    "disabled_by_staff": "已停用",
    "interrupted": "打印中断",
}
MEDIA = {"low": "纸将用完", "out": "缺纸", "jammed": "卡纸", "cover_open": "盖未关"}
EVENTS = {
    "visit_started": "开始办理",
    "step_entered": "进入步骤",
    "identified": "已核验身份",
    "chosen": "已选择",
    "input_accepted": "已输入",
    "input_rejected": "输入有误",
    "confirmed": "已确认",
    "backend_answered": "查询成功",
    "backend_failed": "查询失败",
    "printed": "已打印",
    "print_failed": "打印失败",
    "help_requested": "呼叫工作人员",
    "assisted": "工作人员接管",
    "handed_back": "交还居民",
    "staff_action": "工作人员操作",
    "visit_ended": "办理结束",
    "rated": "已评价",
}


def duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds} 秒"
    return f"{seconds // 60} 分 {seconds % 60:02d} 秒"


def where(service: str, step: str, context: Mapping[str, Any]) -> str:
    """Where the resident was when they called: the service, the step's place among the steps
    (the most there can be while undecided, as the kiosk says it) and its title; a call from
    a finished visit's last screen says the visit was done, with no step's number."""
    if not service:
        return "未在办理业务"
    if context.get("at_end"):
        return f"{service} · 已办理完成，在结束页"
    if "step_number" not in context:
        return f"{service} · {step}"
    number, count = context["step_number"], context.get("step_count", "?")
    if context.get("step_count_known", True):
        return f"{service} · 第 {number}/{count} 步 · {step}"
    return f"{service} · 第 {number} 步，最多 {count} 步 · {step}"


def context_line(context: dict[str, Any]) -> str:
    """The facts a helper wants before walking over; never an unmasked ID (none is stored)."""
    parts = []
    if context.get("device"):
        state = DEVICE_STATES.get(str(context.get("state")), str(context.get("state")))
        media = MEDIA.get(str(context.get("media")), "")
        parts.append("，".join(p for p in (state, media, str(context.get("detail", ""))) if p))
    if context.get("elder_mode"):
        parts.append("长者模式")
    if context.get("audio_mode"):
        parts.append("语音模式")
    troubles = context.get("troubles") or {}
    if troubles.get("rejects"):
        parts.append(f"输错 {troubles['rejects']} 次")
    if troubles.get("warnings"):
        parts.append(f"超时提醒 {troubles['warnings']} 次")
    if troubles.get("backs"):
        parts.append(f"返回 {troubles['backs']} 次")
    if context.get("print_error"):
        parts.append(f"打印故障：{context['print_error']}")
    if context.get("resident"):
        parts.append(f"居民 {context['resident']}")
    if context.get("seconds_in_visit") is not None:
        parts.append(f"已办理 {duration(float(context['seconds_in_visit']))}")
    if context.get("reference"):
        parts.append(f"查询码 {context['reference']}")
    return " · ".join(parts)


def refusal(error: BaseException) -> str:
    """Why a helper's action on a call was not done."""
    if isinstance(error, CallTaken):
        return call_taken_words(error.staff_name)
    if isinstance(error, AlreadyTaken):
        return "已有同事前往处理这个呼叫"
    if isinstance(error, RequestClosed):
        return "这个呼叫已经结束"
    return "操作没有成功，请再试一次"
