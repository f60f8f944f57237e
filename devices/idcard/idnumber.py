"""Resident ID numbers (GB 11643): check digit, embedded birth date, masking for logs."""

from __future__ import annotations

import re
from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"  # indexed by the weighted sum mod 11
_FORM = re.compile(r"^\d{17}[\dX]$")


def check_digit(first17: str) -> str:
    return CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def birth_date(number: str) -> date | None:
    try:
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return None


def problem(number: str) -> str | None:
    """Why this is not a valid ID number, or None when it is."""
    if not _FORM.match(number):
        return "not 17 digits and a check character"
    if check_digit(number[:17]) != number[17]:
        return "check digit does not match"
    if birth_date(number) is None:
        return "birth date is not a date"
    return None


def mask(number: str) -> str:
    """First 6 and last 4 kept: enough for staff to match, never the full number in a log."""
    if len(number) <= 10:
        return "*" * len(number)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]
