"""Screen text to speakable text, per normaliser family: zh (Mandarin), yue (Cantonese), en.

Each rule (``rules``) turns what it matches into words with no digits left (``readings``), so
later rules cannot match its output again; that lets the rules run one after another, most
specific first. Pure Python: the screen shows the original text, speech says
``speakable(text, lang)``. ``lang`` is a language code of the language list (its normaliser
family is used) or a family itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from decimal import InvalidOperation

from kiosk.speech.codes import read_codes
from kiosk.speech.numbers import en_int, zh_int
from kiosk.speech.private import strip_marks
from kiosk.speech.readings import (
    FAMILIES,
    family,
    speak_code,
    speak_date,
    speak_digits,
    speak_money,
    speak_month,
    speak_pin,
    speak_time,
)
from kiosk.speech.rules import RULES, Handler

# What callers read a value with, besides whole texts and tables.
__all__ = [
    "FAMILIES",
    "family",
    "speak_code",
    "speak_date",
    "speak_digits",
    "speak_money",
    "speak_month",
    "speak_pin",
    "speak_table",
    "speak_time",
    "speakable",
]

_FULLWIDTH = str.maketrans("０１２３４５６７８９￥", "0123456789¥")


def speakable(text: str, lang: str) -> str:
    """Screen text as it should be said in ``lang``: numbers, money, dates, codes in words."""
    fam = family(lang)
    text = strip_marks(text).translate(_FULLWIDTH)  # a privacy mark is never said
    # A marked code is read as a code, before any rule can take its digits for a number.
    pad = " " if fam == "en" else ""
    text = read_codes(text, lambda c: pad + speak_code(c, fam) + pad)
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
