"""One kind of value read aloud, per normaliser family (zh Mandarin, yue Cantonese, en): digits
in groups, reference codes, PINs, money, dates, months and times. Each returns words with no
digits left, which is what lets the text rules run one after another."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from kiosk.speech.numbers import (
    EN_MONTHS,
    digit_words,
    en_int,
    en_ordinal,
    en_year,
    zh_count,
    zh_int,
    zh_year,
)
from kiosk.text import NORMALISERS, language

FAMILIES = ("zh", "yue", "en")
assert FAMILIES == NORMALISERS, "kiosk.text.NORMALISERS must name the families defined here"


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


def sep(fam: str) -> str:
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
    return sep(fam).join(digit_words(p, fam) for p in _groups(digits, groups))


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
        return sep(fam).join(speak_code(part, fam) for part in code.split("-") if part)
    parts = []
    for group in _groups(code, _code_groups(len(code))):
        chars = [digit_words(c, fam) for c in group]
        if fam == "en":
            chars = ["A-" if c == "A" else c for c in chars]
        parts.append(" ".join(chars))
    return sep(fam).join(parts)


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
