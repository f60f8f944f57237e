"""Resident ID numbers (GB 11643-1999) as typed: checked and masked, with no key and no hash.

What a screen needs to tell a resident what is wrong with a number they typed; ``kiosk.identity``
adds the keyed hash a number is kept as. Apart so the kiosk's window holds these before its first
paint without loading hashing (hashlib, OpenSSL).
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from devices.idcard import idnumber
from devices.idcard.idnumber import check_digit

__all__ = ["IdProblem", "check_digit", "mask", "normalise", "validate", "wrong_span"]


class IdProblem(StrEnum):
    """Why a number was refused; the UI words each one for the resident."""

    LENGTH = "length"
    CHARACTERS = "characters"
    BIRTH_DATE = "birth_date"
    CHECK_DIGIT = "check_digit"


def normalise(number: str) -> str:
    """Strip spaces and make a trailing x upper case, as residents type it either way."""
    return "".join(number.split()).upper()


def validate(number: str, today: dt.date | None = None) -> IdProblem | None:
    """None when the number is a well-formed 18-character ID number, else what is wrong."""
    number = normalise(number)
    if len(number) != 18:
        return IdProblem.LENGTH
    if not (number[:17].isascii() and number[:17].isdigit()) or number[17] not in "0123456789X":
        return IdProblem.CHARACTERS
    born = idnumber.birth_date(number)
    if born is None:
        return IdProblem.BIRTH_DATE
    today = today or dt.date.today()
    if born > today or born.year < 1900:
        return IdProblem.BIRTH_DATE
    if check_digit(number[:17]) != number[17]:
        return IdProblem.CHECK_DIGIT
    return None


def wrong_span(number: str, problem: IdProblem) -> tuple[int, int] | None:
    """Where in a wrong ID number the mistake is, as 1-based first and last positions, when it
    can be told: the first character that is not a digit (nor a final X), or the date of birth
    (7th to 14th). A wrong check digit cannot say which character was mistyped: None."""
    number = normalise(number)
    if problem is IdProblem.CHARACTERS:
        for i, ch in enumerate(number, 1):
            if not (ch.isascii() and ch.isdigit()) and not (i == 18 and ch == "X"):
                return i, i
        return None
    if problem is IdProblem.BIRTH_DATE:
        return 7, 14
    return None


def mask(number: str) -> str:
    """First six and last four shown, the rest as asterisks: 110105********123X."""
    return idnumber.mask(normalise(number))
