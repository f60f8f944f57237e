"""Resident ID numbers (GB 11643-1999): checked, masked, and kept only as a keyed hash.

A full number lives in memory for the length of one visit (the backend needs it) and is never
written to a log, an event or the database: those get the masked form and the keyed hash.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from devices.idcard import idnumber
from devices.idcard.idnumber import check_digit
from kiosk.errors import ConfigError

__all__ = ["IdProblem", "Resident", "check_digit", "mask", "normalise", "validate"]


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


def mask_name(name: str) -> str:
    """The first character shown, the rest as asterisks: 王小明 becomes 王**."""
    name = name.strip()
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""


KEY_BYTES = 32


def load_secret(path: Path) -> bytes:
    """The per-installation key for ID hashes; made once, readable only by its owner.

    A key file of the wrong size is refused rather than used: hashes made with a damaged key
    would silently stop matching the residents already on record.
    """
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(KEY_BYTES)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first: use theirs
            return load_secret(path)
        with os.fdopen(fd, "wb") as f:
            f.write(key)
        return key
    if len(key) != KEY_BYTES:
        raise ConfigError(
            f"the identity key {path} has {len(key)} bytes, not {KEY_BYTES}: "
            "restore it from the hall's copy (a new key would not match the "
            "residents on record)"
        )
    return key


def keyed_hash(number: str, secret: bytes) -> str:
    return hmac.new(secret, normalise(number).encode(), hashlib.sha256).hexdigest()


@dataclass
class Resident:
    """Who is being served in this visit. ``number`` is private: it never leaves memory."""

    masked: str
    id_hash: str
    name: str = ""
    method: str = "keypad"  # card, qr, keypad, staff
    number: str = field(default="", repr=False)
    token: str = field(default="", repr=False)  # e-card QR payload, opaque

    @classmethod
    def from_number(
        cls, number: str, secret: bytes, *, name: str = "", method: str = "keypad"
    ) -> Resident:
        number = normalise(number)
        return cls(
            masked=mask(number),
            id_hash=keyed_hash(number, secret),
            name=name,
            method=method,
            number=number,
        )

    def public(self) -> dict[str, str]:
        """What may be stored or handed on: no full number, no token, no name."""
        return {
            "masked": self.masked,
            "id_hash": self.id_hash,
            "method": self.method,
        }

    def clear(self) -> None:
        self.number = ""
        self.token = ""
        self.name = ""
