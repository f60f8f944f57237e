"""The 256-byte text block of a resident ID card (UCS-2 little endian, padded with spaces).

:func:`parse` accepts a block only when every field is well formed and the ID number's check
digit and birth date agree; anything else is a :class:`TextBlockError` naming the field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from devices.idcard import idnumber
from devices.idcard.nations import nation_name

TEXT_LEN = 256
LONG_TERM = "长期"
# field: (first byte, end byte), from the GA 467 layout
FIELDS = {
    "name": (0, 30),
    "sex": (30, 32),
    "nation": (32, 36),
    "birth_date": (36, 52),
    "address": (52, 122),
    "id_number": (122, 158),
    "authority": (158, 188),
    "valid_from": (188, 204),
    "valid_to": (204, 220),
}
SEXES = {"1": "男", "2": "女"}


class TextBlockError(ValueError):
    def __init__(self, field_name: str, problem: str) -> None:
        super().__init__(f"{field_name}: {problem}")
        self.field = field_name


@dataclass(frozen=True)
class IdCard:
    name: str
    sex_code: str
    nation_code: str
    birth_date: date
    address: str
    id_number: str
    authority: str
    valid_from: date
    valid_to: date | None  # None: 长期, no expiry
    photo: bytes = field(default=b"", repr=False)  # WLT, licensed format: kept undecoded

    @property
    def sex(self) -> str:
        return SEXES.get(self.sex_code, self.sex_code)

    @property
    def nation(self) -> str:
        return nation_name(self.nation_code) or self.nation_code

    @property
    def masked_id(self) -> str:
        return idnumber.mask(self.id_number)

    def __repr__(self) -> str:  # a card in a log line shows the masked number only
        return f"IdCard(name={self.name!r}, id_number={self.masked_id!r})"

    def to_dict(self) -> dict[str, Any]:
        """The fields as the card shows them; the full ID number (for an explicit request)."""
        return {
            "name": self.name,
            "sex": self.sex,
            "nation": self.nation,
            "birth_date": self.birth_date.isoformat(),
            "address": self.address,
            "id_number": self.id_number,
            "authority": self.authority,
            "valid_from": self.valid_from.isoformat(),
            "valid_to": self.valid_to.isoformat() if self.valid_to else LONG_TERM,
        }


def _date(text: str, name: str) -> date:
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        raise TextBlockError(name, "not YYYYMMDD")
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise TextBlockError(name, "not a date") from None


def _fields(block: bytes) -> dict[str, str]:
    out = {}
    for name, (start, end) in FIELDS.items():
        try:
            text = block[start:end].decode("utf-16-le")
        except UnicodeDecodeError:
            raise TextBlockError(name, "not UCS-2 text") from None
        out[name] = text.strip(" \x00")
    return out


def parse(block: bytes, photo: bytes = b"") -> IdCard:
    if len(block) != TEXT_LEN:
        raise TextBlockError("block", f"{len(block)} bytes, expected {TEXT_LEN}")
    f = _fields(block)
    for name in ("name", "address", "authority"):
        if not f[name] or not f[name].isprintable():
            raise TextBlockError(name, "empty or not printable")
    if f["sex"] not in SEXES:
        raise TextBlockError("sex", "not 1 or 2")
    if nation_name(f["nation"]) is None:
        raise TextBlockError("nation", "not a GB/T 3304 code")
    birth = _date(f["birth_date"], "birth_date")
    problem = idnumber.problem(f["id_number"])
    if problem:
        raise TextBlockError("id_number", problem)
    if idnumber.birth_date(f["id_number"]) != birth:
        raise TextBlockError("id_number", "birth date differs from the card's")
    valid_from = _date(f["valid_from"], "valid_from")
    valid_to = None if f["valid_to"] == LONG_TERM else _date(f["valid_to"], "valid_to")
    if valid_to is not None and valid_to < valid_from:
        raise TextBlockError("valid_to", "before valid_from")
    return IdCard(
        f["name"],
        f["sex"],
        f["nation"],
        birth,
        f["address"],
        f["id_number"],
        f["authority"],
        valid_from,
        valid_to,
        photo,
    )


def encode(card: IdCard) -> bytes:
    """The text block for a card (the simulator's side, and tests')."""
    values = {
        "name": card.name,
        "sex": card.sex_code,
        "nation": card.nation_code,
        "birth_date": card.birth_date.strftime("%Y%m%d"),
        "address": card.address,
        "id_number": card.id_number,
        "authority": card.authority,
        "valid_from": card.valid_from.strftime("%Y%m%d"),
        "valid_to": card.valid_to.strftime("%Y%m%d") if card.valid_to else LONG_TERM,
    }
    block = bytearray(" ".encode("utf-16-le") * (TEXT_LEN // 2))
    for name, (start, end) in FIELDS.items():
        raw = values[name].encode("utf-16-le")[: end - start]
        block[start : start + len(raw)] = raw
    return bytes(block)
