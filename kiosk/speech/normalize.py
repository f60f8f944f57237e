"""Screen text to speakable text, per normaliser family: zh (Mandarin), yue (Cantonese), en.

Each rule turns what it matches into words with no digits left, so later rules cannot match
its output again; that lets the rules run one after another, most specific first.
Pure Python: the screen shows the original text, speech says ``speakable(text, lang)``. ``lang``
is a language code of the language list (its normaliser family is used) or a family itself.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from decimal import Decimal, InvalidOperation

from kiosk.speech.numbers import (
    EN_MONTHS,
    digit_words,
    en_int,
    en_ordinal,
    en_year,
    fraction_words,
    int_words,
    zh_count,
    zh_int,
    zh_year,
)
from kiosk.text import NORMALISERS, language

FAMILIES = ("zh", "yue", "en")
assert FAMILIES == NORMALISERS, "kiosk.text.NORMALISERS must name the families defined here"
MASK = "*•●＊"
_FULLWIDTH = str.maketrans("０１２３４５６７８９￥", "0123456789¥")
_EDGE = "(?<![0-9A-Za-z])(?<![0-9][.,])"  # a number starts here: not inside a word or number
_END = "(?![0-9A-Za-z])"


def family(lang: str) -> str:
    """The normaliser family of a language code ("yue" -> "yue", "zh" -> "zh")."""
    if lang in FAMILIES:
        return lang
    try:
        return language(lang).normaliser
    except ValueError:
        raise ValueError(
            f"language {lang!r} not supported; expected a code of the language list"
        ) from None


def _sep(fam: str) -> str:
    return ", " if fam == "en" else "，"


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
    fam = family(lang)
    digits = digits.replace(" ", "").replace("-", "")
    if groups is None:
        # up to six digits are heard in one breath (12333); longer ones in fours.
        groups = [len(digits)] if len(digits) <= 6 else [4] * (len(digits) // 4 + 1)
    return _sep(fam).join(digit_words(p, fam) for p in _groups(digits, groups))


def _code_groups(n: int) -> list[int]:
    """Fours, a lone last character joining the group before (9 -> 4, 5; 10 -> 4, 4, 2)."""
    sizes, rest = [4] * (n // 4), n % 4
    if rest == 1 and sizes:
        sizes[-1] += 1
    elif rest:
        sizes.append(rest)
    return sizes


def speak_code(code: str, lang: str) -> str:
    """A reference code, character by character in fours: GS6B1DD308 -> G S 六 B，幺 D D 三，零 八.

    Spaces keep letters apart (espeak reads "DD" or "GS" as a word otherwise); in English a lone
    "A" is read as the article, so it is written "A-", which espeak says as the letter. Hyphens
    (ESSC-0001) mark the groups where the code has them.
    """
    fam = family(lang)
    code = code.upper()
    if "-" in code:
        return _sep(fam).join(speak_code(part, fam) for part in code.split("-") if part)
    parts = []
    for group in _groups(code, _code_groups(len(code))):
        chars = [digit_words(c, fam) for c in group]
        if fam == "en":
            chars = ["A-" if c == "A" else c for c in chars]
        parts.append(" ".join(chars))
    return _sep(fam).join(parts)


def speak_pin(length: int, lang: str) -> str:
    """What a PIN entry says: never a digit, one "star" per digit typed."""
    fam = family(lang)
    return " ".join(["star"] * length) if fam == "en" else "星号" * length


def speak_money(amount: Decimal | str | int, lang: str) -> str:
    """¥1234.50: 一千二百三十四元五角 / one thousand two hundred thirty-four yuan fifty.

    Cantonese says the official 元, 角, 分 too (as its news and the screen do), not the
    colloquial 蚊 and 毫; a count of two is 两 in both Chinese readings (两元).
    """
    fam = family(lang)
    value = Decimal(str(amount).replace(",", "")).quantize(Decimal("0.01"))
    sign = value < 0
    cents_total = int(abs(value) * 100)
    yuan, cents = divmod(cents_total, 100)
    jiao, fen = divmod(cents, 10)
    if fam != "en":
        out = zh_count(yuan, fam) + "元" if yuan or not cents else ""
        if jiao:
            out += zh_count(jiao, fam) + "角"
        if fen:
            out += ("零" if yuan and not jiao else "") + zh_count(fen, fam) + "分"
        return ("负" if sign else "") + out
    if not yuan and cents:
        out = en_int(cents) + " fen"
    else:
        out = en_int(yuan) + " yuan"
        if cents:
            out += " " + (en_int(cents) if cents >= 10 else "oh " + en_int(cents))
    return ("minus " if sign else "") + out


def speak_date(date: dt.date, lang: str) -> str:
    """2026-11-26: 二零二六年十一月二十六日 (yue: 二十六号) / twenty-sixth November …

    Cantonese says the day of the month with 号 (二十六号), as people say it; 日 is the written
    form Mandarin reads aloud.
    """
    fam = family(lang)
    if fam == "en":
        return f"{en_ordinal(date.day)} {EN_MONTHS[date.month - 1]} {en_year(date.year)}"
    day = "号" if fam == "yue" else "日"
    return f"{zh_year(date.year)}年{zh_int(date.month)}月{zh_int(date.day)}{day}"


def speak_month(year: int, month: int, lang: str) -> str:
    """2026-11: 二零二六年十一月 / November twenty twenty-six."""
    if family(lang) == "en":
        return f"{EN_MONTHS[month - 1]} {en_year(year)}"
    return f"{zh_year(year)}年{zh_int(month)}月"


# Parts of the day, by the hour they start: a 24-hour "17:00" is said "下午五点", as people say
# the time (and as English says "five p.m."). Cantonese says 上昼, 下昼 and 夜晚.
_DAY_PARTS = {
    "zh": ((0, "凌晨"), (6, "上午"), (12, "中午"), (13, "下午"), (18, "晚上")),
    "yue": ((0, "凌晨"), (6, "上昼"), (12, "中午"), (13, "下昼"), (18, "夜晚")),
}


def speak_time(hour: int, minute: int, lang: str) -> str:
    """09:30: 上午九点三十分 / nine thirty a.m.; 14:00: 下午两点整, in Cantonese 下昼两点正."""
    fam = family(lang)
    if fam != "en":
        part = [name for start, name in _DAY_PARTS[fam] if hour >= start][-1]
        head = part + (zh_count(hour % 12 or 12, fam) if hour else "零") + "点"
        if minute == 0:
            return head + ("正" if fam == "yue" else "整")
        return head + ("零" if minute < 10 else "") + zh_int(minute, fam) + "分"
    h12 = hour % 12 or 12
    suffix = "a.m." if hour < 12 else "p.m."
    if minute == 0:
        return f"{en_int(h12)} {suffix}"
    mins = en_int(minute) if minute >= 10 else "oh " + en_int(minute)
    return f"{en_int(h12)} {mins} {suffix}"


# Column headers that say their cells are money: a plain "9150.00" there is said as an amount.
_MONEY_HEADER = re.compile(r"元|¥|￥|\byuan\b|\bRMB\b|金额|费用|\bamount\b|\bfee\b", re.I)
_UNIT_IN_HEADER = re.compile(r"\s*(?:[(（]\s*(?:元|¥|￥|yuan|RMB)\s*[)）]|[¥￥])\s*", re.I)
_PLAIN_AMOUNT = re.compile(r"-?[0-9][0-9,]*(?:\.[0-9]{1,2})?")


def _cell(header: str, cell: str, lang: str) -> tuple[str, str]:
    """A header and its cell as said; in a money column the amount says its unit, the header not."""
    if _MONEY_HEADER.search(header) and _PLAIN_AMOUNT.fullmatch(cell.strip()):
        try:
            said = speak_money(cell.strip(), lang)
        except InvalidOperation:
            said = speakable(cell, lang)
        name = _UNIT_IN_HEADER.sub(" ", header).strip() or header
        return speakable(name, lang), said
    return speakable(header, lang), speakable(cell, lang)


def speak_table(headers: Sequence[str], rows: Sequence[Sequence[object]], lang: str) -> str:
    """Row by row, each cell with its column name; empty cells are left out."""
    fam = family(lang)
    sentences = []
    for number, row in enumerate(rows, start=1):
        cells = [
            _cell(str(h), str(c), lang)
            for h, c in zip(headers, row, strict=False)
            if c is not None and str(c).strip()
        ]
        if fam != "en":
            body = "；".join(f"{h}，{c}" for h, c in cells)
            sentences.append(f"第{zh_int(number, fam)}条：{body}。")
        else:
            body = "; ".join(f"{h}, {c}" for h, c in cells)
            sentences.append(f"Row {en_int(number)}: {body}.")
    return ("" if fam != "en" else " ").join(sentences)


# ---- the text rules -------------------------------------------------------------------------

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
    return _sep(fam).join(said)


def _money(m: re.Match[str], fam: str) -> str:
    sign, amount = m.group("sign") or "", m.group("amount")
    return speak_money(("-" if sign else "") + amount.replace(",", ""), fam)


def _digits_as_written(m: re.Match[str], fam: str) -> str:
    parts = re.split(r"[- ]", m.group(0))
    return _sep(fam).join(speak_digits(p, fam) for p in parts)


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
    _rule(rf"(?<![0-9A-Za-z])([A-Z])-?([0-9]{{2,4}}){_END}", _ticket),
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


def speakable(text: str, lang: str) -> str:
    """Screen text as it should be said in ``lang``: numbers, money, dates, codes in words."""
    fam = family(lang)
    text = text.translate(_FULLWIDTH)
    for pattern, handler in RULES:
        text = pattern.sub(_replacer(handler, fam), text)
    if fam == "en":
        text = re.sub(r"[ \t]{2,}", " ", text)
        text = re.sub(r" ([,.;:!?)])", r"\1", text)
        text = re.sub(r"(\w) -(?=[A-Za-z])", r"\1-", text).strip()  # "eleven-digit"
    return text


def _replacer(handler: Handler, fam: str) -> Callable[[re.Match[str]], str]:
    # English words replace digits: pad them so "Fee:¥5" does not glue into "Fee:five".
    pad = " " if fam == "en" else ""

    def replace(m: re.Match[str]) -> str:
        return pad + handler(m, fam) + pad

    return replace
