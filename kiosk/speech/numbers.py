"""Numbers as words: Mandarin and Cantonese (characters) and English.

Functions that differ between the two Chinese readings take a normaliser family ("zh" Mandarin,
"yue" Cantonese, "en" English). Both Chinese readings write characters; the voice says them in
its own language (espeak-ng's sit/yue reads 二 as ji6, 两 as loeng5).

The normaliser turns every digit into words before espeak-ng sees it, so what is heard does not
depend on how a voice happens to read digits (espeak's pinyin voice reads 2026 as 两千零二十六,
not the 二零二六 people say for a year).
"""

from __future__ import annotations

ZH_DIGITS = "零一二三四五六七八九"
# Digit strings (phone, ID, ticket) are read with 幺 for 1, as hotlines and counters say them.
ZH_DIGITS_SPELLED = "零幺二三四五六七八九"
EN_DIGITS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
EN_TEENS = (
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
EN_SCALES = ((10**12, "trillion"), (10**9, "billion"), (10**6, "million"), (1000, "thousand"))
EN_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
EN_ORDINAL_ENDINGS = {
    "one": "first",
    "two": "second",
    "three": "third",
    "five": "fifth",
    "eight": "eighth",
    "nine": "ninth",
    "twelve": "twelfth",
}


def _zh_below_10000(n: int) -> str:
    """0 < n < 10000, with 零 for inner gaps (1005 一千零五)."""
    out = ""
    zero_gap = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            zero_gap = bool(out)
            continue
        if zero_gap:
            out += "零"
            zero_gap = False
        out += ZH_DIGITS[digit] + unit
    return out


# A leading 2 before these units is said 两 (两千, 两万); Cantonese also says 两百.
_LIANG_UNITS = {"zh": "千万亿", "yue": "百千万亿"}


def zh_int(n: int, family: str = "zh") -> str:
    """Cardinal in characters: 1234 一千二百三十四, 10 十, 100010 十万零一十, 2000 两千."""
    if n < 0:
        return "负" + zh_int(-n, family)
    out = _zh_plain(n)
    if len(out) > 1 and out[0] == "二" and out[1] in _LIANG_UNITS.get(family, ""):
        out = "两" + out[1:]
    return out


def zh_count(n: int, family: str = "zh") -> str:
    """A count before a measure word or unit: 2 is 两 (两份, 两秒, 两元), in both readings."""
    return "两" if n == 2 else zh_int(n, family)


def _zh_plain(n: int) -> str:
    if n == 0:
        return "零"
    groups: list[int] = []
    while n:
        groups.append(n % 10000)
        n //= 10000
    units = ("", "万", "亿", "万亿")
    out = ""
    need_zero = False
    for i in range(len(groups) - 1, -1, -1):
        group = groups[i]
        if group == 0:
            need_zero = bool(out)
            continue
        if out and (need_zero or group < 1000):
            out += "零"
        out += _zh_below_10000(group) + units[i]
        need_zero = False
    # 10 to 19 at the head is said 十, 十五, not 一十五.
    return out[1:] if out.startswith("一十") else out


def en_int(n: int) -> str:
    """Cardinal in words, no "and": 1234 one thousand two hundred thirty-four."""
    if n < 0:
        return "minus " + en_int(-n)
    if n < 10:
        return EN_DIGITS[n]
    if n < 20:
        return EN_TEENS[n - 10]
    if n < 100:
        tens, ones = divmod(n, 10)
        return EN_TENS[tens] + ("-" + EN_DIGITS[ones] if ones else "")
    if n < 1000:
        hundreds, rest = divmod(n, 100)
        return EN_DIGITS[hundreds] + " hundred" + (" " + en_int(rest) if rest else "")
    for value, name in EN_SCALES:
        if n >= value:
            head, rest = divmod(n, value)
            return en_int(head) + " " + name + (" " + en_int(rest) if rest else "")
    raise AssertionError("unreachable")


def en_ordinal(n: int) -> str:
    """26 twenty-sixth, 1 first, 12 twelfth."""
    words = en_int(n)
    head, sep, last = words.rpartition("-" if "-" in words else " ")
    if last in EN_ORDINAL_ENDINGS:
        last = EN_ORDINAL_ENDINGS[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def en_year(year: int) -> str:
    """Years as people say them: 2026 twenty twenty-six, 2005 two thousand five, 1990 nineteen
    ninety."""
    century, rest = divmod(year, 100)
    if year < 1000 or 2000 <= year < 2010 or (rest == 0 and century % 10 == 0):
        return en_int(year)
    if rest == 0:
        return en_int(century) + " hundred"
    if rest < 10:
        return en_int(century) + " oh " + EN_DIGITS[rest]
    return en_int(century) + " " + en_int(rest)


def zh_year(year: int) -> str:
    """Years digit by digit: 2026 二零二六."""
    return "".join(ZH_DIGITS[int(d)] for d in str(year))


def int_words(n: int, family: str) -> str:
    return en_int(n) if family == "en" else zh_int(n, family)


def digit_words(digits: str, family: str) -> str:
    """Each character on its own: zh 幺二三 (no spaces), yue 一二三, en "one two three";
    letters are kept. Cantonese has no 幺: a digit string is said with 一."""
    if family == "en":
        return " ".join(EN_DIGITS[int(c)] if c.isdigit() else c.upper() for c in digits)
    table = ZH_DIGITS if family == "yue" else ZH_DIGITS_SPELLED
    return "".join(table[int(c)] if c.isdigit() else c.upper() for c in digits)


def fraction_words(digits: str, family: str) -> str:
    """Digits after a decimal point, one by one: 05 零五 / zero five."""
    if family == "en":
        return " ".join(EN_DIGITS[int(c)] for c in digits)
    return "".join(ZH_DIGITS[int(c)] for c in digits)
