"""The document model: what the domain asks to print, independent of any printer.

Build a :class:`Document` from the elements below; the ESC/POS encoder lays it out for the paper
width, and ``layout.document_text`` gives the same layout as plain text (to speak it, to
test it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Align = Literal["left", "center", "right"]
ALIGNS: tuple[Align, ...] = ("left", "center", "right")


@dataclass(frozen=True)
class Title:
    """Large, bold, centred text."""

    text: str


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool = False
    align: Align = "left"

    def __post_init__(self) -> None:
        if self.align not in ALIGNS:
            raise ValueError(f"align must be one of {ALIGNS}, not {self.align!r}")


@dataclass(frozen=True)
class KeyValue:
    """A label on the left and its value on the right of the same line (wrapped if too long)."""

    key: str
    value: str


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]

    def __post_init__(self) -> None:
        for row in self.rows:
            if len(row) != len(self.headers):
                raise ValueError(
                    f"table row {row!r} has {len(row)} cells, headers have {len(self.headers)}"
                )


@dataclass(frozen=True)
class QRCode:
    data: str

    def __post_init__(self) -> None:
        if not self.data or len(self.data.encode("utf-8")) > 7089:
            raise ValueError("QR data must be 1 to 7089 bytes")


@dataclass(frozen=True)
class Separator:
    pass


@dataclass(frozen=True)
class Feed:
    lines: int = 1

    def __post_init__(self) -> None:
        if not 0 <= self.lines <= 255:
            raise ValueError("feed lines must be 0 to 255")


@dataclass(frozen=True)
class Cut:
    pass


Element = Title | Line | KeyValue | Table | QRCode | Separator | Feed | Cut


@dataclass(frozen=True)
class Document:
    elements: list[Element] = field(default_factory=list)
    title: str = ""
