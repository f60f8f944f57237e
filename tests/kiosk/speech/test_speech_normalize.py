"""Every rule of the normaliser, in both languages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kiosk.speech.normalize import (
    speak_date,
    speak_digits,
    speak_money,
    speak_month,
    speak_pin,
    speak_table,
    speak_time,
    speakable,
)


def both(text: str) -> tuple[str, str]:
    return speakable(text, "zh"), speakable(text, "en")


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("¥1,234.50", "一千二百三十四元五角", "one thousand two hundred thirty-four yuan fifty"),
        (
            "￥1234.56",
            "一千二百三十四元五角六分",
            "one thousand two hundred thirty-four yuan fifty-six",
        ),
        (
            "¥1,234.05",
            "一千二百三十四元零五分",
            "one thousand two hundred thirty-four yuan oh five",
        ),
        ("¥300.00", "三百元", "three hundred yuan"),
        ("¥0.50", "五角", "fifty fen"),
        ("-¥12", "负十二元", "minus twelve yuan"),
        ("120.5元", "一百二十元五角", "one hundred twenty yuan fifty"),
    ],
)
def test_money(text: str, zh: str, en: str) -> None:
    assert both(text) == (zh, en)


def test_money_inside_a_sentence() -> None:
    assert speakable("本次应缴¥1,234.50。", "zh") == "本次应缴一千二百三十四元五角。"
    assert speakable("Amount due:¥1,234.50.", "en") == (
        "Amount due: one thousand two hundred thirty-four yuan fifty."
    )


def test_speak_money_takes_decimals() -> None:
    assert speak_money(Decimal("2.3"), "zh") == "两元三角"  # a count of two is 两
    assert speak_money(7, "en") == "seven yuan"


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("2026-11-26", "二零二六年十一月二十六日", "twenty-sixth November twenty twenty-six"),
        ("2026/1/5", "二零二六年一月五日", "fifth January twenty twenty-six"),
        ("2026年11月26日", "二零二六年十一月二十六日", "twenty-sixth November twenty twenty-six"),
        ("2026-11", "二零二六年十一月", "November twenty twenty-six"),
        ("2026年3月", "二零二六年三月", "March twenty twenty-six"),
    ],
)
def test_dates_and_months(text: str, zh: str, en: str) -> None:
    assert both(text) == (zh, en)


@pytest.mark.parametrize(
    "text",
    [
        "2025-01 至 2025-12",
        "2025-01 to 2025-12",
        "2025-01~2025-12",
        "2025-01-2025-12",
        "2025-01 - 2025-12",
    ],
)
def test_periods(text: str) -> None:
    assert both(text) == (
        "二零二五年一月 至 二零二五年十二月",
        "January twenty twenty-five to December twenty twenty-five",
    )


def test_date_ranges() -> None:
    assert speakable("2026-01-01至2026-06-30", "zh") == (
        "二零二六年一月一日 至 二零二六年六月三十日"
    )


def test_impossible_dates_are_not_read_as_dates() -> None:
    assert "月" not in speakable("2026-13-40", "zh")


def test_month_name_and_year_in_english() -> None:
    assert speakable("Paid for November 2026", "en") == "Paid for November twenty twenty-six"
    assert speakable("2026年起", "zh") == "二零二六年起"


def test_speak_date_and_month() -> None:
    assert speak_date(dt.date(2026, 11, 26), "zh") == "二零二六年十一月二十六日"
    assert speak_month(2025, 1, "en") == "January twenty twenty-five"


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        (
            "110105194912310021",
            "幺幺零幺零五，幺九四九幺二三幺，零零二幺",
            "one one zero one zero five, one nine four nine one two three one, zero zero two one",
        ),
        (
            "11010519491231002X",
            "幺幺零幺零五，幺九四九幺二三幺，零零二X",
            "one one zero one zero five, one nine four nine one two three one, zero zero two X",
        ),
    ],
)
def test_id_numbers_in_groups(text: str, zh: str, en: str) -> None:
    assert both(text) == (zh, en)


@pytest.mark.parametrize(
    "text", ["110105********1234", "110105••••••••1234", "110105●●●●●●●●1234", "******1234"]
)
def test_masked_id_says_only_the_last_four(text: str) -> None:
    assert both(text) == ("尾号幺二三四", "ending in one two three four")


def test_masked_id_in_a_sentence_never_says_the_head() -> None:
    zh = speakable("身份证号110105********123X，请核对", "zh")
    assert zh == "身份证号尾号幺二三X，请核对"


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        (
            "13812345678",
            "幺三八，幺二三四，五六七八",
            "one three eight, one two three four, five six seven eight",
        ),
        (
            "138-1234-5678",
            "幺三八，幺二三四，五六七八",
            "one three eight, one two three four, five six seven eight",
        ),
        (
            "010-12345678",
            "零幺零，幺二三四，五六七八",
            "zero one zero, one two three four, five six seven eight",
        ),
        ("12333", "幺二三三三", "one two three three three"),
    ],
)
def test_phone_numbers(text: str, zh: str, en: str) -> None:
    assert both(text) == (zh, en)


def test_masked_phone_says_the_last_four() -> None:
    assert both("138****5678") == ("尾号五六七八", "ending in five six seven eight")


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("A023", "A零二三", "A, zero two three"),
        ("请到B105号窗口", "请到B幺零五号窗口", None),
    ],
)
def test_ticket_numbers(text: str, zh: str, en: str | None) -> None:
    assert speakable(text, "zh") == zh
    if en:
        assert speakable(text, "en") == en


def test_ticket_in_an_english_sentence() -> None:
    assert speakable("Your ticket is A023.", "en") == "Your ticket is A, zero two three."


@pytest.mark.parametrize("text", ["****", "••••••", "●●●●"])
def test_pin_mask_says_star_per_digit(text: str) -> None:
    n = len(text)
    assert both(text) == ("星号" * n, " ".join(["star"] * n))


def test_speak_pin() -> None:
    assert speak_pin(3, "zh") == "星号星号星号"
    assert speak_pin(2, "en") == "star star"
    assert speak_pin(0, "en") == ""


def test_speak_digits_groups() -> None:
    assert speak_digits("123456789", "en", [3, 3, 3]) == (
        "one two three, four five six, seven eight nine"
    )
    assert speak_digits("12345678", "zh") == "幺二三四，五六七八"


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("8:30", "上午八点三十分", "eight thirty a.m."),
        ("09:05", "上午九点零五分", "nine oh five a.m."),
        ("17:00", "下午五点整", "five p.m."),
        (
            "8:30-17:00",
            "上午八点三十分至下午五点整",
            "eight thirty a.m. to five p.m.",
        ),
    ],
)
def test_times(text: str, zh: str, en: str) -> None:
    assert both(text) == (zh, en)


def test_speak_time_two_oclock_is_liang() -> None:
    assert speak_time(14, 0, "zh") == "下午两点整"
    assert speak_time(12, 0, "zh") == "中午十二点整"
    assert speak_time(0, 5, "zh") == "凌晨零点零五分"


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("3.5%", "百分之三点五", "three point five percent"),
        ("第3步", "第三步", None),
        ("共2份", "共两份", None),
        ("12", "十二", "twelve"),
        ("1,500", "一千五百", "one thousand five hundred"),
        ("0.25", "零点二五", "zero point two five"),
    ],
)
def test_plain_numbers(text: str, zh: str, en: str | None) -> None:
    assert speakable(text, "zh") == zh
    if en:
        assert speakable(text, "en") == en


def test_fullwidth_digits() -> None:
    assert speakable("第３步", "zh") == "第三步"


def test_text_without_numbers_is_unchanged() -> None:
    assert speakable("请将身份证放在读卡区。", "zh") == "请将身份证放在读卡区。"
    assert speakable("Please place your ID card on the reader.", "en") == (
        "Please place your ID card on the reader."
    )


def test_no_digit_survives_a_busy_sentence() -> None:
    text = "2026-11-26 A023 ¥1,234.50 13812345678 110105********1234 8:30 3.5% 42"
    for lang in ("zh", "en"):
        assert not any(c.isdigit() for c in speakable(text, lang))


def test_table_row_by_row_with_column_names() -> None:
    headers = ["月份", "金额"]
    rows = [["2025-01", "¥300.00"], ["2025-02", ""]]
    assert speak_table(headers, rows, "zh") == (
        "第一条：月份，二零二五年一月；金额，三百元。第二条：月份，二零二五年二月。"
    )
    assert speak_table(["Month", "Amount"], [["2025-01", "¥300.00"]], "en") == (
        "Row one: Month, January twenty twenty-five; Amount, three hundred yuan."
    )


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="fr"):
        speakable("x", "fr")
