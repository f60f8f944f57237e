"""The text rules: each finds one kind of value in screen text (a masked number, money, a date
or period, a time, an ID or phone number, a ticket, a code, a percentage, a range, a unit, a
plain number) and says it in words. They run in order, most specific first; ``speakable`` in
``normalize`` applies them."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from kiosk.speech.numbers import (
    EN_MONTHS,
    digit_words,
    en_int,
    en_year,
    fraction_words,
    int_words,
    zh_count,
    zh_year,
)
from kiosk.speech.readings import (
    sep,
    speak_code,
    speak_date,
    speak_digits,
    speak_money,
    speak_month,
    speak_pin,
    speak_time,
)

MASK = "*•●＊"  # what hides the digits of a masked number
_EDGE = "(?<![0-9A-Za-z])(?<![0-9][.,])"  # a number starts here: not inside a word or number
_END = "(?![0-9A-Za-z])"

Handler = Callable[[re.Match[str], str], str]
Rule = tuple[re.Pattern[str], Handler]

_DATE = r"([12][0-9]{3})[-/.年]([01]?[0-9])[-/.月]([0-3]?[0-9])日?"
_MONTH = r"([12][0-9]{3})[-/年]([01]?[0-9])月?"
# "-" joins two periods only when a year follows it (2025-01-2025-12).
_RANGE = r"\s*(?:至|到|~|～|–|—|\s-\s|\bto\b|-(?=[12][0-9]{3}[-/.年]))\s*"
_PERIOD = r"[12][0-9]{3}[-/.年][01]?[0-9](?:[-/.月][0-3]?[0-9]日?|月)?"
_TIME = r"([01]?[0-9]|2[0-3])[:：]([0-5][0-9])"


def _date_or_none(y: str, m: str, d: str | None = None) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d or 1))
    except ValueError:
        return None


def _one_period(text: str, fam: str) -> str | None:
    if m := re.fullmatch(_DATE, text):
        date = _date_or_none(*m.groups())
        return None if date is None else speak_date(date, fam)
    if m := re.fullmatch(_MONTH, text):
        date = _date_or_none(*m.groups())
        return None if date is None else speak_month(date.year, date.month, fam)
    return None


def _period(m: re.Match[str], fam: str) -> str:
    """One date or month, or a range of them; left as written if it is not a real date."""
    parts = [p for p in (m.group("a"), m.group("b")) if p]
    spoken = [_one_period(p, fam) for p in parts]
    if None in spoken:
        return m.group(0)
    return (" to " if fam == "en" else " 至 ").join(s for s in spoken if s)


def _times(m: re.Match[str], fam: str) -> str:
    spans = [
        speak_time(int(t.group(1)), int(t.group(2)), fam) for t in re.finditer(_TIME, m.group(0))
    ]
    return (" to " if fam == "en" else "至").join(spans)


def _masked(m: re.Match[str], fam: str) -> str:
    """A number with hidden digits: only what is shown is said, the hidden part never as
    "asterisk". With a short tail (ID, phone, card) only the tail: "尾号1234" / "ending in …"."""
    head, stars, tail = m.group("head"), m.group("stars"), m.group("tail") or ""
    if not head and not tail:
        return speak_pin(len(stars), fam)  # a PIN as typed: a star for each digit
    if 2 <= len(tail) <= 4:
        last = digit_words(tail, fam)
        return f"ending in {last}" if fam == "en" else f"尾号{last}"
    hidden = len(stars)
    said = [f"{en_int(hidden)} hidden" if fam == "en" else f"{zh_count(hidden, fam)}位隐藏"]
    if head:
        said.insert(
            0, speak_code(head, fam) if re.search("[A-Z]", head) else speak_digits(head, fam)
        )
    if tail:
        said.append(speak_digits(tail, fam))
    return sep(fam).join(said)


def _money(m: re.Match[str], fam: str) -> str:
    sign, amount = m.group("sign") or "", m.group("amount")
    return speak_money(("-" if sign else "") + amount.replace(",", ""), fam)


def _digits_as_written(m: re.Match[str], fam: str) -> str:
    parts = re.split(r"[- ]", m.group(0))
    return sep(fam).join(speak_digits(p, fam) for p in parts)


def _id_number(m: re.Match[str], fam: str) -> str:
    text = m.group(0)
    return speak_digits(text, fam, [6, 8, 4] if len(text) == 18 else [6, 6, 3])


def _mobile(m: re.Match[str], fam: str) -> str:
    return speak_digits(m.group(0), fam, [3, 4, 4])


def _long_digits(m: re.Match[str], fam: str) -> str:
    return speak_digits(m.group(0), fam)


def _code(m: re.Match[str], fam: str) -> str:
    return speak_code(m.group(0), fam)


def _ticket(m: re.Match[str], fam: str) -> str:
    digits = digit_words(m.group(2), fam)
    # espeak reads a lone capital "A" as the article; a comma makes it the letter.
    return f"{m.group(1)}, {digits}" if fam == "en" else f"{m.group(1)}{digits}"


def _percent(m: re.Match[str], fam: str) -> str:
    number = _decimal(m, fam)
    return number + " percent" if fam == "en" else "百分之" + number


def _decimal(m: re.Match[str], fam: str) -> str:
    whole, _, frac = m.group(1).replace(",", "").partition(".")
    words = int_words(int(whole), fam)
    # "5,000.00" is an amount with its cents shown: people say "five thousand".
    if frac and frac.strip("0"):
        words += (" point " if fam == "en" else "点") + fraction_words(frac, fam)
    return words


def _range(m: re.Match[str], fam: str) -> str:
    """3-5, 3~5: 三至五 / three to five; "3-5号窗口" is then a place, 三至五号窗口."""
    a, b = (int_words(int(x), fam) for x in (m.group(1), m.group(2)))
    return f"{a} to {b}" if fam == "en" else f"{a}至{b}"


# Units after a number: (pattern, Chinese, English singular, English plural).
_UNITS: tuple[tuple[str, str, str, str], ...] = (
    ("ms", "毫秒", "millisecond", "milliseconds"),
    ("s|sec|secs", "秒", "second", "seconds"),
    ("min|mins", "分钟", "minute", "minutes"),
    ("h|hr|hrs", "小时", "hour", "hours"),
    ("mm", "毫米", "millimetre", "millimetres"),
    ("cm", "厘米", "centimetre", "centimetres"),
    ("km", "公里", "kilometre", "kilometres"),
    ("kg", "公斤", "kilogram", "kilograms"),
    ("dB", "分贝", "decibel", "decibels"),
)
_UNIT_WORDS = {u: (zh, one, many) for pattern, zh, one, many in _UNITS for u in pattern.split("|")}


def _unit(m: re.Match[str], fam: str) -> str:
    zh, one, many = _UNIT_WORDS[m.group(2)]
    number = m.group(1)
    if "." in number:
        words = _decimal(m, fam)
        return f"{words} {many}" if fam == "en" else words + zh
    n = int(number.replace(",", ""))
    if fam == "en":
        return f"{en_int(n)} {one if n == 1 else many}"
    return zh_count(n, fam) + zh


def _year_zh(m: re.Match[str], fam: str) -> str:
    return m.group(0) if fam == "en" else zh_year(int(m.group(1))) + "年"


def _year_en(m: re.Match[str], fam: str) -> str:
    return f"{m.group(1)} {en_year(int(m.group(2)))}" if fam == "en" else m.group(0)


def _two(m: re.Match[str], fam: str) -> str:
    # a count of two before a measure word is said 两 (两份, 两个), not 二; 第2 stays 第二.
    return m.group(0) if fam == "en" else "两" + m.group(1)


def _rule(pattern: str, handler: Callable[[re.Match[str], str], str]) -> Rule:
    return re.compile(pattern), handler


_NUMBER = r"([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
_AMOUNT = r"(?P<amount>[0-9][0-9,]*(?:\.[0-9]{1,2})?)"
_CURRENCY_AFTER = r"(?:\s?(?:元|yuan\b|RMB\b))"
_MEASURE = "个份张次位项天本页条种名人岁年周件台遍"
RULES: tuple[Rule, ...] = (
    _rule(
        rf"(?<![0-9A-Za-z{MASK}])(?P<head>[0-9A-Z]*)(?P<stars>[{MASK}]{{2,}})"
        rf"(?P<tail>[0-9]*[0-9Xx])?(?![0-9A-Za-z{MASK}])",
        _masked,
    ),
    # "¥1,234.50元" names its currency twice; it is said once.
    _rule(rf"(?P<sign>[-−])?(?:[¥]|\b(?:RMB|CNY)\s?)\s?{_AMOUNT}{_CURRENCY_AFTER}?", _money),
    _rule(rf"(?<![0-9.])(?P<sign>){_AMOUNT}{_CURRENCY_AFTER}", _money),
    _rule(rf"(?<![0-9])(?P<a>{_PERIOD})(?:{_RANGE}(?P<b>{_PERIOD}))?(?![0-9])", _period),
    _rule(rf"(?<![0-9:]){_TIME}(?:\s*(?:-|–|~|～|至|到|to)\s*{_TIME})?(?![0-9:])", _times),
    _rule(r"(?<![0-9])([12][0-9]{3})年", _year_zh),
    _rule(r"\b(" + "|".join(EN_MONTHS) + r")\s+([12][0-9]{3})(?![0-9])", _year_en),
    _rule(rf"{_EDGE}[0-9]{{17}}[0-9Xx]{_END}|{_EDGE}[0-9]{{15}}{_END}", _id_number),
    _rule(rf"{_EDGE}1[3-9][0-9]{{9}}{_END}", _mobile),
    _rule(
        rf"{_EDGE}(?:0[0-9]{{2,3}}-[0-9]{{7,8}}|[0-9]{{3,4}}[- ][0-9]{{4}}[- ][0-9]{{4}}){_END}",
        _digits_as_written,
    ),
    # A ticket (A001), not the head of a longer code joined by a dash (L1138-0615E0AF).
    _rule(rf"(?<![0-9A-Za-z])([A-Z])-?([0-9]{{2,4}}){_END}(?!-[0-9A-Z])", _ticket),
    # Reference and verification codes: capitals and digits mixed, never quantities.
    _rule(
        r"(?<![0-9A-Za-z-])(?=[0-9A-Z-]*[0-9])(?=[0-9A-Z-]*[A-Z])"
        r"(?:[0-9A-Z]{4,}|[0-9A-Z]+(?:-[0-9A-Z]+)+)(?![0-9A-Za-z-])",
        _code,
    ),
    _rule(rf"{_EDGE}(?:123[0-9]{{2}}|95[0-9]{{3}}|0[0-9]{{2,}}|[0-9]{{7,}}){_END}", _long_digits),
    _rule(rf"{_NUMBER}\s?[%％]", _percent),
    _rule(rf"{_EDGE}([0-9]{{1,4}})\s*(?:-|–|~|～)\s*([0-9]{{1,4}}){_END}(?![.,][0-9])", _range),
    _rule(rf"{_EDGE}{_NUMBER}\s?({'|'.join(_UNIT_WORDS)})(?![A-Za-z0-9])", _unit),
    _rule(rf"(?<![0-9第])(?<!第\s)2(?![0-9.,])\s?([{_MEASURE}])", _two),
    _rule(_NUMBER, _decimal),
)
