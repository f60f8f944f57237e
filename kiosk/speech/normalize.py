"""Screen text to speakable text, per language ("zh", "en").

Each rule turns what it matches into words with no digits left, so later rules cannot match
its output again; that lets the rules run one after another, most specific first.
Pure Python, no I/O: the screen shows the original text, speech says ``speakable(text, lang)``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal

from kiosk.speech.numbers import (
    EN_MONTHS,
    digit_words,
    en_int,
    en_ordinal,
    en_year,
    fraction_words,
    int_words,
    zh_int,
    zh_year,
)

LANGS = ("zh", "en")
MASK = "*•●＊"
_FULLWIDTH = str.maketrans("０１２３４５６７８９￥：", "0123456789¥:")
_EDGE = "(?<![0-9A-Za-z])"  # a number starts here: not inside a word or another number
_END = "(?![0-9A-Za-z])"


def _check(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"language {lang!r} not supported; expected one of {LANGS}")


def _groups(text: str, sizes: Sequence[int]) -> list[str]:
    out, start = [], 0
    for size in sizes:
        if start >= len(text):
            break
        out.append(text[start : start + size])
        start += size
    if start < len(text):
        out.append(text[start:])
    return out


def speak_digits(digits: str, lang: str, groups: Sequence[int] | None = None) -> str:
    """A number read digit by digit, a short pause between groups (default: fours)."""
    _check(lang)
    digits = digits.replace(" ", "").replace("-", "")
    if groups is None:
        # up to six digits are heard in one breath (12333); longer ones in fours.
        groups = [len(digits)] if len(digits) <= 6 else [4] * (len(digits) // 4 + 1)
    parts = _groups(digits, groups)
    return ("，" if lang == "zh" else ", ").join(digit_words(p, lang) for p in parts)


def speak_pin(length: int, lang: str) -> str:
    """What a PIN entry says: never a digit, one "star" per digit typed."""
    _check(lang)
    return "星号" * length if lang == "zh" else " ".join(["star"] * length)


def speak_money(amount: Decimal | str | int, lang: str) -> str:
    """¥1234.50: 一千二百三十四元五角 / one thousand two hundred thirty-four yuan fifty."""
    _check(lang)
    value = Decimal(str(amount).replace(",", "")).quantize(Decimal("0.01"))
    sign = value < 0
    cents_total = int(abs(value) * 100)
    yuan, cents = divmod(cents_total, 100)
    jiao, fen = divmod(cents, 10)
    if lang == "zh":
        out = zh_int(yuan) + "元" if yuan or not cents else ""
        if jiao:
            out += zh_int(jiao) + "角"
        if fen:
            out += ("零" if yuan and not jiao else "") + zh_int(fen) + "分"
        return ("负" if sign else "") + out
    if not yuan and cents:
        out = en_int(cents) + " fen"
    else:
        out = en_int(yuan) + " yuan"
        if cents:
            out += " " + (en_int(cents) if cents >= 10 else "oh " + en_int(cents))
    return ("minus " if sign else "") + out


def speak_date(date: dt.date, lang: str) -> str:
    """2026-11-26: 二零二六年十一月二十六日 / twenty-sixth November twenty twenty-six."""
    _check(lang)
    if lang == "zh":
        return f"{zh_year(date.year)}年{zh_int(date.month)}月{zh_int(date.day)}日"
    return f"{en_ordinal(date.day)} {EN_MONTHS[date.month - 1]} {en_year(date.year)}"


def speak_month(year: int, month: int, lang: str) -> str:
    """2026-11: 二零二六年十一月 / November twenty twenty-six."""
    _check(lang)
    if lang == "zh":
        return f"{zh_year(year)}年{zh_int(month)}月"
    return f"{EN_MONTHS[month - 1]} {en_year(year)}"


def speak_time(hour: int, minute: int, lang: str) -> str:
    """09:30: 九点三十分 / nine thirty a.m."""
    _check(lang)
    if lang == "zh":
        head = "两点" if hour == 2 else zh_int(hour) + "点"
        if minute == 0:
            return head + "整"
        return head + ("零" if minute < 10 else "") + zh_int(minute) + "分"
    h12 = hour % 12 or 12
    suffix = "a.m." if hour < 12 else "p.m."
    if minute == 0:
        return f"{en_int(h12)} {suffix}"
    mins = en_int(minute) if minute >= 10 else "oh " + en_int(minute)
    return f"{en_int(h12)} {mins} {suffix}"


def speak_table(headers: Sequence[str], rows: Sequence[Sequence[object]], lang: str) -> str:
    """Row by row, each cell with its column name; empty cells are left out."""
    _check(lang)
    sentences = []
    for number, row in enumerate(rows, start=1):
        cells = [
            (speakable(str(h), lang), speakable(str(c), lang))
            for h, c in zip(headers, row, strict=False)
            if c is not None and str(c).strip()
        ]
        if lang == "zh":
            body = "；".join(f"{h}，{c}" for h, c in cells)
            sentences.append(f"第{zh_int(number)}条：{body}。")
        else:
            body = "; ".join(f"{h}, {c}" for h, c in cells)
            sentences.append(f"Row {en_int(number)}: {body}.")
    return ("" if lang == "zh" else " ").join(sentences)


# ---- the text rules -------------------------------------------------------------------------

Handler = Callable[[re.Match[str], str], str]
Rule = tuple[re.Pattern[str], Handler]

_DATE = r"([12][0-9]{3})[-/.年]([01]?[0-9])[-/.月]([0-3]?[0-9])日?"
_MONTH = r"([12][0-9]{3})[-/年]([01]?[0-9])月?"
# "-" joins two periods only when a year follows it (2025-01-2025-12).
_RANGE = r"\s*(?:至|到|~|～|–|—|\s-\s|\bto\b|-(?=[12][0-9]{3}[-/.年]))\s*"
_PERIOD = r"[12][0-9]{3}[-/.年][01]?[0-9](?:[-/.月][0-3]?[0-9]日?|月)?"
_TIME = r"([01]?[0-9]|2[0-3])[:]([0-5][0-9])"


def _date_or_none(y: str, m: str, d: str | None = None) -> dt.date | None:
    try:
        return dt.date(int(y), int(m), int(d or 1))
    except ValueError:
        return None


def _one_period(text: str, lang: str) -> str | None:
    if m := re.fullmatch(_DATE, text):
        date = _date_or_none(*m.groups())
        return None if date is None else speak_date(date, lang)
    if m := re.fullmatch(_MONTH, text):
        date = _date_or_none(*m.groups())
        return None if date is None else speak_month(date.year, date.month, lang)
    return None


def _period(m: re.Match[str], lang: str) -> str:
    """One date or month, or a range of them; left as written if it is not a real date."""
    parts = [p for p in (m.group("a"), m.group("b")) if p]
    spoken = [_one_period(p, lang) for p in parts]
    if None in spoken:
        return m.group(0)
    return (" 至 " if lang == "zh" else " to ").join(s for s in spoken if s)


def _times(m: re.Match[str], lang: str) -> str:
    spans = [
        speak_time(int(t.group(1)), int(t.group(2)), lang) for t in re.finditer(_TIME, m.group(0))
    ]
    return ("至" if lang == "zh" else " to ").join(spans)


def _masked(m: re.Match[str], lang: str) -> str:
    last4 = digit_words(m.group(1), lang)
    return f"尾号{last4}" if lang == "zh" else f"ending in {last4}"


def _pin(m: re.Match[str], lang: str) -> str:
    return speak_pin(len(m.group(0)), lang)


def _money(m: re.Match[str], lang: str) -> str:
    sign, amount = m.group("sign") or "", m.group("amount")
    return speak_money(("-" if sign else "") + amount.replace(",", ""), lang)


def _digits_as_written(m: re.Match[str], lang: str) -> str:
    parts = re.split(r"[- ]", m.group(0))
    return ("，" if lang == "zh" else ", ").join(speak_digits(p, lang) for p in parts)


def _id_number(m: re.Match[str], lang: str) -> str:
    text = m.group(0)
    return speak_digits(text, lang, [6, 8, 4] if len(text) == 18 else [6, 6, 3])


def _mobile(m: re.Match[str], lang: str) -> str:
    return speak_digits(m.group(0), lang, [3, 4, 4])


def _long_digits(m: re.Match[str], lang: str) -> str:
    return speak_digits(m.group(0), lang)


def _ticket(m: re.Match[str], lang: str) -> str:
    digits = digit_words(m.group(2), lang)
    # espeak reads a lone capital "A" as the article; a comma makes it the letter.
    return f"{m.group(1)}{digits}" if lang == "zh" else f"{m.group(1)}, {digits}"


def _percent(m: re.Match[str], lang: str) -> str:
    number = _decimal(m, lang)
    return "百分之" + number if lang == "zh" else number + " percent"


def _decimal(m: re.Match[str], lang: str) -> str:
    whole, _, frac = m.group(1).replace(",", "").partition(".")
    words = int_words(int(whole), lang)
    if frac:
        words += ("点" if lang == "zh" else " point ") + fraction_words(frac, lang)
    return words


def _year_zh(m: re.Match[str], lang: str) -> str:
    return zh_year(int(m.group(1))) + "年" if lang == "zh" else m.group(0)


def _year_en(m: re.Match[str], lang: str) -> str:
    return f"{m.group(1)} {en_year(int(m.group(2)))}" if lang == "en" else m.group(0)


def _two(m: re.Match[str], lang: str) -> str:
    # a count of two before a measure word is said 两 (两份, 两个), not 二.
    return "两" + m.group(1) if lang == "zh" else m.group(0)


def _rule(pattern: str, handler: Callable[[re.Match[str], str], str]) -> Rule:
    return re.compile(pattern), handler


_NUMBER = r"([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
RULES: tuple[Rule, ...] = (
    _rule(rf"(?<![0-9A-Za-z{MASK}])[0-9Xx]*[{MASK}]{{3,}}([0-9]{{3}}[0-9Xx]){_END}", _masked),
    _rule(rf"{_EDGE}[{MASK}]{{4,}}{_END}", _pin),
    _rule(r"(?P<sign>[-−])?[¥]\s?(?P<amount>[0-9][0-9,]*(?:\.[0-9]{1,2})?)", _money),
    _rule(
        r"(?<![0-9.])(?P<sign>)(?P<amount>[0-9][0-9,]*(?:\.[0-9]{1,2})?)\s?(?:元|yuan\b|RMB\b)",
        _money,
    ),
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
    _rule(rf"{_EDGE}(?:123[0-9]{{2}}|95[0-9]{{3}}|0[0-9]{{2,}}|[0-9]{{7,}}){_END}", _long_digits),
    _rule(rf"(?<![0-9A-Za-z])([A-Z])-?([0-9]{{2,4}}){_END}", _ticket),
    _rule(rf"{_NUMBER}\s?[%％]", _percent),
    _rule(r"(?<![0-9])2(?![0-9.,])([个份张次位项天本页条种名])", _two),
    _rule(_NUMBER, _decimal),
)


def speakable(text: str, lang: str) -> str:
    """Screen text as it should be said in ``lang``: numbers, money, dates, codes in words."""
    _check(lang)
    text = text.translate(_FULLWIDTH)
    for pattern, handler in RULES:
        text = pattern.sub(_replacer(handler, lang), text)
    if lang == "en":
        text = re.sub(r"[ \t]{2,}", " ", text)
        text = re.sub(r" ([,.;:!?)])", r"\1", text).strip()
    return text


def _replacer(handler: Handler, lang: str) -> Callable[[re.Match[str]], str]:
    # English words replace digits: pad them so "Fee:¥5" does not glue into "Fee:five".
    pad = " " if lang == "en" else ""

    def replace(m: re.Match[str]) -> str:
        return pad + handler(m, lang) + pad

    return replace
