"""The pages' words. Staff pages are in Chinese, with the console's vocabulary (shared, so a
state reads the same on the desk and on a phone); the resident's pages follow the visit's
language."""

from __future__ import annotations

import re
from typing import Any

from kiosk.assist.vocabulary import call_taken_words
from kiosk.catalog.schema import Catalogue, Step
from kiosk.flow.phases import Outcome
from kiosk.i18n import ticket_ahead
from ui.console.words import (
    DEVICE_STATES,
    DEVICES,
    EVENTS,
    MEDIA,
    OUTCOMES,
    REASONS,
    STATUS,
    context_line,
    duration,
    where,
)

__all__ = [
    "DEVICES",
    "DEVICE_STATES",
    "EVENTS",
    "MEDIA",
    "OUTCOMES",
    "REASONS",
    "STATUS",
    "call_taken_words",
    "context_line",
    "counters",
    "duration",
    "resident",
    "step_title",
    "titles",
    "unbroken",
    "where",
]

# Every outcome a visit can be written with (``Outcome``; a test holds the two together).
VISIT_OUTCOMES: dict[str, str] = {
    Outcome.COMPLETED: "已办完",
    Outcome.COMPLETED_WITH_HELP: "在工作人员协助下办完",
    Outcome.CANCELLED: "中途离开",
    Outcome.TIMED_OUT: "超时结束",
    Outcome.ENDED_BY_STAFF: "工作人员结束",
    Outcome.ABANDONED: "终端中途停止，未办完",
}
ID_NUMBER = re.compile(r"^[0-9*]{17}[0-9Xx*]$")
FIGURE = re.compile(r"^[¥￥$€]?\s?-?[0-9][0-9,]*(\.[0-9]+)?\s?(元|%)?$")
COUNTER_RANGE = re.compile(r"^\s*(\d+)\s*[-–—~～]\s*(\d+)\s*$")
PROBLEMS = {
    "rejects": "输入有误",
    "warnings": "超时提醒",
    "backs": "反复返回",
}

RESIDENT: dict[str, dict[str, str]] = {
    "zh": {
        "title": "掌上办",
        "result": "办理结果",
        "ticket": "您的排队号",
        "counter": "请到 {counter} 号窗口",
        "served": "这个号已经办理过了",
        "next": "下一步",
        "guide": "办事指南",
        "guide_link": "办事指南：{label}",
        "print": "打印这一页",
        "expires": "这个链接在 {at} 后失效。",
        "gone": "这个链接已经失效",
        "gone_help": "链接只能在一段时间内打开，工作人员也可以把它关掉。"
        "请到咨询台或窗口，工作人员会帮您。",
        "print_failed": "打印没有成功，这里是同样的内容。需要纸质件请到咨询台。",
        "privacy": "这个页面只显示经过遮挡的信息。",
        "other_lang": "English",
        "done_default": "还有疑问，请到咨询台。",
        "outcome_completed": "已办完",
        "not_found": "没有这份指南",
        "back_to": "返回：{title}",
        "missing": "没有这个页面",
        "missing_help": "地址可能输错了，或者页面已经不在了。"
        "请看下面的办事指南，或到咨询台问工作人员。",
        "start": "服务大厅首页",
        "guides": "办事指南",
        "hall": "服务大厅",
        "hall_lead": "在这里可以看办事指南。办完事后，扫描自助机或回执上的二维码，"
        "就能在手机上看到办理结果。",
        "staff_signin": "工作人员请在这里登录",
    },
    "en": {
        "title": "On your phone",
        "result": "Result",
        "ticket": "Your number",
        "counter": "Go to counter {counter}",
        "served": "This number has been served",
        "next": "Next step",
        "guide": "Service guide",
        "guide_link": "Service guide: {label}",
        "print": "Print this page",
        "expires": "This link stops working after {at}.",
        "gone": "This link no longer works",
        "gone_help": "Links open for a limited time, and staff can close them. Please ask at "
        "the information desk or a counter.",
        "print_failed": "Printing did not work; here is the same content. For paper, ask at "
        "the information desk.",
        "privacy": "This page shows masked information only.",
        "other_lang": "中文",
        "done_default": "If you have questions, ask at the information desk.",
        "outcome_completed": "Done",
        "not_found": "There is no such guide",
        "back_to": "Back to: {title}",
        "missing": "There is no such page",
        "missing_help": "The address may be mistyped, or the page is no longer there. See the "
        "service guides below, or ask at the information desk.",
        "start": "The hall's start page",
        "guides": "Service guides",
        "hall": "Service hall",
        "hall_lead": "Read the service guides here. After your visit, scan the QR code on the "
        "kiosk or on your receipt to see the result on your phone.",
        "staff_signin": "Staff sign in here",
    },
}


def resident(lang: str, key: str, **values: Any) -> str:
    if key == "ahead":  # the kiosk's own words: "no one ahead", "1 person", "n people"
        return ticket_ahead(int(values["n"]), "en" if lang == "en" else "zh")
    table = RESIDENT.get(lang, RESIDENT["zh"])
    if key == "counter" and table is RESIDENT["zh"]:
        values = {**values, "counter": counters(str(values["counter"]))}
    return table[key].format(**values)


def unbroken(text: str) -> list[str]:
    """The pieces of a value that a line must not break inside: an ID number (masked or not)
    in its groups (area 6, birth date 8, the rest 4), a sum of money or a number whole; none
    for words, which break as they will."""
    if ID_NUMBER.match(text):
        return [text[:6], text[6:14], text[14:]]
    if FIGURE.match(text):
        return [text]
    return []


def counters(text: str) -> str:
    """A ticket's counters as said: "3-5" reads "3 至 5" (a dash reads as a minus)."""
    found = COUNTER_RANGE.match(text)
    return f"{found.group(1)} 至 {found.group(2)}" if found else text


def step_title(step: Step) -> str:
    """A step's title in Chinese as it reads outside a visit: "您的缴费记录：…", never the
    raw placeholder ("{period.label}") a visit fills in."""
    return step.title.outline("zh")


def titles(catalogue: Catalogue, service_id: str, step_id: str = "") -> tuple[str, str]:
    """Service and step titles in Chinese (the staff's language); the ids when unknown."""
    try:
        service = catalogue.get(service_id)
    except KeyError:
        return service_id, step_id
    step = next((step_title(s) for s in service.steps if s.id == step_id), step_id)
    return service.title.get("zh"), step
