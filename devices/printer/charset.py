"""How each character reaches the paper, and how many columns it takes.

ASCII goes as is; a character of the printer's code page goes as one byte with the Chinese mode
off (in that mode every byte from 0x81 starts a two-byte character); a character with a two-byte
GB18030 code goes in Chinese mode and takes two columns; anything else is drawn as a raster image.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from enum import Enum


class Route(Enum):
    ASCII = "ascii"
    CODEPAGE = "codepage"
    DOUBLE_BYTE = "double_byte"
    RASTER = "raster"


@dataclass(frozen=True)
class Charset:
    codepage: str = "cp437"  # Python codec of the printer's single-byte code page
    codepage_number: int = 0  # its number for ESC t n (0 = PC437 on Epson-compatible printers)
    double_byte: str = "gb18030"  # "gb2312" for printers with the smaller font

    def route(self, ch: str) -> Route:
        code = ord(ch)
        if 0x20 <= code < 0x7F:
            return Route.ASCII
        if code < 0x20 or 0x7F <= code < 0xA0:
            return Route.RASTER  # never reaches here through the layout, which escapes controls
        try:
            if ch.encode(self.codepage)[0] >= 0x80:
                return Route.CODEPAGE
        except UnicodeEncodeError:
            pass
        try:
            if len(ch.encode(self.double_byte)) == 2:
                return Route.DOUBLE_BYTE
        except UnicodeEncodeError:
            pass
        return Route.RASTER

    def width(self, ch: str) -> int:
        route = self.route(ch)
        if route is Route.DOUBLE_BYTE:
            return 2
        if route is Route.RASTER:
            return 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
        return 1

    def text_width(self, text: str) -> int:
        return sum(self.width(ch) for ch in text)


DEFAULT_CHARSET = Charset()


def visible(text: str) -> str:
    """Control characters shown as escapes: never sent raw (they would be printer commands)."""
    out = []
    for ch in text:
        code = ord(ch)
        if ch == "\t":
            out.append(" ")
        elif code < 0x20 or 0x7F <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        else:
            out.append(ch)
    return "".join(out)
