"""Speech that reads as people say things: the cases residents hear on real screens."""

from __future__ import annotations

import re

import pytest

from kiosk import i18n
from kiosk.catalog.loader import load_catalogue
from kiosk.config import DEFAULT_SERVICES_DIR
from kiosk.speech.normalize import speak_code, speak_table, speakable
from kiosk.text import language_codes


def three(text: str) -> tuple[str, str, str]:
    return speakable(text, "zh"), speakable(text, "yue"), speakable(text, "en")


def test_currency_named_twice_is_said_once() -> None:
    assert three("¥1,234.50元") == (
        "一千二百三十四元五角",
        "一千二百三十四元五角",
        "one thousand two hundred thirty-four yuan fifty",
    )
    assert speakable("应缴 RMB 300", "en") == "应缴 three hundred yuan"


def test_thousands_with_zero_cents_are_said_as_people_say_them() -> None:
    assert speakable("5,000.00", "en") == "five thousand"
    assert speakable("5,000", "en") == "five thousand"
    assert speakable("5,000.00", "zh") == "五千"
    assert speakable("12.50", "en") == "twelve point five zero"


def test_a_money_column_says_its_amounts_as_money() -> None:
    headers = ["月份", "基数(元)", "个人(元)"]
    rows = [["2025-01", "9150.00", "732.00"]]
    assert speak_table(headers, rows, "zh") == (
        "第一条：月份，二零二五年一月；基数，九千一百五十元；个人，七百三十二元。"
    )
    assert speak_table(["Month", "Base ¥"], [["2025-01", "9150.00"]], "en") == (
        "Row one: Month, January twenty twenty-five; Base, nine thousand one hundred fifty yuan."
    )
    # A column that is not money keeps its plain number.
    assert speak_table(["缴费月数"], [["12"]], "zh") == "第一条：缴费月数，十二。"


@pytest.mark.parametrize(
    ("code", "zh", "en"),
    [
        ("GS6B1DD308", "G S 六 B，幺 D D 三，零 八", "G S six B, one D D three, zero eight"),
        (
            "3F9A0B12C4D5",
            "三 F 九 A，零 B 幺 二，C 四 D 五",
            "three F nine A-, zero B one two, C four D five",
        ),
        ("ESSC-0001", "E S S C，零 零 零 幺", "E S S C, zero zero zero one"),
    ],
)
def test_reference_codes_are_spelled_never_quantities(code: str, zh: str, en: str) -> None:
    assert speakable(f"挂失编号 {code}", "zh") == f"挂失编号 {zh}"
    assert speakable(f"Report number {code}.", "en") == f"Report number {en}."
    for said in three(code):
        assert "百" not in said and "hundred" not in said


def test_a_lone_last_character_joins_the_group_before() -> None:
    assert speak_code("A10000001", "en") == "A- one zero zero, zero zero zero zero one"


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("123******456", "尾号四五六", "ending in four five six"),
        ("A10***001", "尾号零零幺", "ending in zero zero one"),
        ("138****5678", "尾号五六七八", "ending in five six seven eight"),
        ("******1234", "尾号幺二三四", "ending in one two three four"),
    ],
)
def test_masked_numbers_say_only_their_shown_tail(text: str, zh: str, en: str) -> None:
    assert speakable(text, "zh") == zh
    assert speakable(text, "en") == en
    assert speakable(text, "yue") == zh.replace("幺", "一")


def test_masked_digits_are_never_asterisks() -> None:
    for text in ["**", "••••", "1381234****", "A10***", "您的密码 ****"]:
        for said in three(text):
            assert not re.search("[*•●＊]|asterisk", said), (text, said)
    assert three("**") == ("星号星号", "星号星号", "star star")
    assert three("1381234****") == (
        "幺三八幺，二三四，四位隐藏",
        "一三八一，二三四，四位隐藏",
        "one three eight one, two three four, four hidden",
    )


@pytest.mark.parametrize(
    ("text", "zh", "yue", "en"),
    [
        ("90 s", "九十秒", "九十秒", "ninety seconds"),
        ("1 s", "一秒", "一秒", "one second"),
        ("2 s", "两秒", "两秒", "two seconds"),
        ("5 min", "五分钟", "五分钟", "five minutes"),
        ("58 mm", "五十八毫米", "五十八毫米", "fifty-eight millimetres"),
    ],
)
def test_units(text: str, zh: str, yue: str, en: str) -> None:
    assert three(text) == (zh, yue, en)


def test_staff_were_told_seconds_ago() -> None:
    assert speakable("Staff were told 0 s ago", "en") == "Staff were told zero seconds ago"


@pytest.mark.parametrize(
    ("text", "zh", "en"),
    [
        ("3-5", "三至五", "three to five"),
        ("3~5", "三至五", "three to five"),
        ("3-5号窗口", "三至五号窗口", None),
        ("counters 3-5", None, "counters three to five"),
    ],
)
def test_ranges(text: str, zh: str | None, en: str | None) -> None:
    if zh:
        assert speakable(text, "zh") == zh
        assert speakable(text, "yue") == zh
    if en:
        assert speakable(text, "en") == en


def test_ranges_leave_dates_and_phones_alone() -> None:
    assert speakable("2025-01-2025-12", "zh") == "二零二五年一月 至 二零二五年十二月"
    assert speakable("010-12345678", "en").startswith("zero one zero, ")


def test_two_is_liang_as_a_count_and_er_as_an_ordinal() -> None:
    assert speakable("共2份", "zh") == "共两份"
    assert speakable("前面还有 2 人", "zh") == "前面还有 两人"
    assert speakable("第2条", "zh") == "第二条"
    assert speakable("2000", "zh") == "两千"
    assert speakable("200", "zh") == "二百"


def test_compound_words_keep_their_hyphen() -> None:
    assert speakable("An 11-digit mobile number", "en") == "An eleven-digit mobile number"


def test_a_chinese_colon_stays_chinese() -> None:
    assert speakable("去哪里：一楼 3 号窗口", "zh") == "去哪里：一楼 三 号窗口"
    assert speakable("8：30", "zh") == "上午八点三十分"


def test_every_shipped_prompt_reads_without_digits_or_masks_in_every_language() -> None:
    catalogue = load_catalogue(DEFAULT_SERVICES_DIR)
    for lang in language_codes():
        texts = catalogue.spoken_texts(lang) + i18n.all_texts(lang)
        for text in texts:
            said = speakable(text, lang)
            assert not re.search(r"[0-9*•●＊¥]", said), (lang, text, said)
