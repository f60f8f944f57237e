"""Cantonese readings: what an older resident in Zhuhai hears for numbers, money, dates, times."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.speech.normalize import (
    family,
    speak_date,
    speak_digits,
    speak_money,
    speak_time,
    speakable,
)
from kiosk.speech.numbers import digit_words, zh_int


@pytest.mark.parametrize(
    ("n", "yue", "zh"),
    [
        (2, "二", "二"),
        (12, "十二", "十二"),
        (20, "二十", "二十"),
        (200, "两百", "二百"),
        (2000, "两千", "两千"),
        (2200, "两千二百", "两千二百"),
        (20000, "两万", "两万"),
        (12000, "一万二千", "一万二千"),
        (1005, "一千零五", "一千零五"),
    ],
)
def test_cantonese_says_liang_for_a_leading_two_before_hundreds(n: int, yue: str, zh: str) -> None:
    assert zh_int(n, "yue") == yue
    assert zh_int(n, "zh") == zh


def test_digit_strings_say_yat_not_yao() -> None:
    assert digit_words("101", "yue") == "一零一"
    assert digit_words("101", "zh") == "幺零幺"
    assert speakable("请拨打 12333", "yue") == "请拨打 一二三三三"
    assert speak_digits("13812345678", "yue", [3, 4, 4]) == "一三八，一二三四，五六七八"


@pytest.mark.parametrize(
    ("amount", "said"),
    [
        ("1234.50", "一千二百三十四元五角"),
        ("2", "两元"),
        ("0.20", "两角"),
        ("200", "两百元"),
        ("9150.00", "九千一百五十元"),
        ("1234.05", "一千二百三十四元零五分"),
    ],
)
def test_money_in_official_yuan_and_jiao(amount: str, said: str) -> None:
    assert speak_money(amount, "yue") == said


def test_dates_say_hou_for_the_day() -> None:
    assert speak_date(dt.date(2026, 11, 26), "yue") == "二零二六年十一月二十六号"
    assert speakable("2026-01-01至2026-06-30", "yue") == (
        "二零二六年一月一号 至 二零二六年六月三十号"
    )
    assert speakable("2026-11", "yue") == "二零二六年十一月"


def test_times_say_the_part_of_the_day_and_jing_on_the_hour() -> None:
    assert speak_time(14, 0, "yue") == "下昼两点正"
    assert speak_time(12, 0, "yue") == "中午十二点正"
    assert speak_time(9, 5, "yue") == "上昼九点零五分"
    assert speak_time(19, 30, "yue") == "夜晚七点三十分"
    assert speakable("8:30-17:00", "yue") == "上昼八点三十分至下昼五点正"


def test_a_busy_sentence_has_no_digit_left() -> None:
    text = "2026-11-26 A023 ¥1,234.50 13812345678 110105********1234 8:30 3.5% 42 3-5号"
    assert not any(c.isdigit() for c in speakable(text, "yue"))


def test_language_codes_map_to_their_normaliser() -> None:
    assert family("yue") == "yue" and family("zh") == "zh" and family("en") == "en"
    with pytest.raises(ValueError, match="fr"):
        family("fr")
