"""Resident ID numbers (GB 11643-1999): checked, masked, and kept only as a keyed hash.

A full number lives in memory for the length of one visit (the backend needs it) and is never
written to a log, an event or the database: those get the masked form and the keyed hash.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from kiosk.errors import ConfigError
from kiosk.id_numbers import IdProblem, check_digit, mask, normalise, validate, wrong_span

# The checks are kiosk.id_numbers', named here too: callers that hash read them from here.
__all__ = [
    "IdProblem",
    "Resident",
    "check_digit",
    "keyed_hash",
    "load_secret",
    "mask",
    "normalise",
    "validate",
    "wrong_span",
]


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
