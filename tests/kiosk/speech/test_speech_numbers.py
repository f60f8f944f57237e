"""Number words: the building blocks of every spoken amount, date and code."""

from __future__ import annotations

import pytest

from kiosk.speech.numbers import digit_words, en_int, en_ordinal, en_year, zh_int, zh_year


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "零"),
        (7, "七"),
        (10, "十"),
        (15, "十五"),
        (20, "二十"),
        (105, "一百零五"),
        (110, "一百一十"),
        (1005, "一千零五"),
        (1234, "一千二百三十四"),
        (10000, "一万"),
        (10010, "一万零一十"),
        (100010, "十万零一十"),
        (120000, "十二万"),
        (100000000, "一亿"),
        (100001000, "一亿零一千"),
        (-3, "负三"),
    ],
)
def test_zh_int(n: int, words: str) -> None:
    assert zh_int(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (0, "zero"),
        (13, "thirteen"),
        (40, "forty"),
        (42, "forty-two"),
        (100, "one hundred"),
        (1234, "one thousand two hundred thirty-four"),
        (1_000_000, "one million"),
        (2_000_005, "two million five"),
        (-7, "minus seven"),
    ],
)
def test_en_int(n: int, words: str) -> None:
    assert en_int(n) == words


@pytest.mark.parametrize(
    ("n", "words"),
    [
        (1, "first"),
        (2, "second"),
        (3, "third"),
        (12, "twelfth"),
        (20, "twentieth"),
        (26, "twenty-sixth"),
        (31, "thirty-first"),
    ],
)
def test_en_ordinal(n: int, words: str) -> None:
    assert en_ordinal(n) == words


@pytest.mark.parametrize(
    ("year", "words"),
    [
        (2026, "twenty twenty-six"),
        (2005, "two thousand five"),
        (2000, "two thousand"),
        (1990, "nineteen ninety"),
        (1905, "nineteen oh five"),
        (1900, "nineteen hundred"),
    ],
)
def test_en_year(year: int, words: str) -> None:
    assert en_year(year) == words


def test_zh_year_is_digit_by_digit() -> None:
    assert zh_year(2026) == "二零二六"


def test_digit_words_say_yao_for_one_in_mandarin() -> None:
    assert digit_words("A103", "zh") == "A幺零三"
    assert digit_words("a103", "en") == "A one zero three"
