"""Checks for typed input. Each returns the value as stored, or the problem as a code."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal, InvalidOperation

from kiosk import identity
from kiosk.catalog.schema import InputStep, Validator

Check = Callable[[str], tuple[str, str | None]]

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def _id_number(raw: str) -> tuple[str, str | None]:
    value = identity.normalise(raw)
    problem = identity.validate(value)
    return value, (f"id_{problem.value}" if problem else None)


def _phone(raw: str) -> tuple[str, str | None]:
    value = "".join(raw.split()).replace("-", "")
    return value, (None if MOBILE.match(value) else "phone")


def _date(raw: str) -> tuple[str, str | None]:
    digits = re.sub(r"\D", "", raw)
    try:
        day = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return raw, "date"
    if len(digits) != 8:
        return raw, "date"
    return day.isoformat(), None


def _amount(raw: str) -> tuple[str, str | None]:
    try:
        value = Decimal(raw.strip().replace(",", ""))
    except InvalidOperation:
        return raw, "amount"
    if value < 0 or value != value.quantize(Decimal("0.01")) or value > Decimal("1000000"):
        return raw, "amount"
    return f"{value:.2f}", None


def _digits(raw: str) -> tuple[str, str | None]:
    value = raw.strip()
    return value, (None if value.isascii() and value.isdigit() else "digits")


CHECKS: dict[Validator, Check] = {
    Validator.ID_NUMBER: _id_number,
    Validator.PHONE: _phone,
    Validator.DATE: _date,
    Validator.AMOUNT: _amount,
    Validator.DIGITS: _digits,
}


def check(step: InputStep, raw: str) -> tuple[str, str | None]:
    """The stored value and None, or the raw value and a problem code for the message."""
    if not raw.strip():
        return raw, "empty"
    value, problem = CHECKS[step.validator](raw)
    if (
        problem is None
        and step.validator is Validator.DIGITS
        and not (step.min_length <= len(value) <= step.max_length)
    ):
        problem = "length"
    return value, problem
