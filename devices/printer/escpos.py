"""ESC/POS encoder for 58 mm (32 columns) and 80 mm (48 columns) receipt printers.

Chinese goes in double-byte mode (FS & ... FS .) as GB18030; the mode is switched off before any
code-page byte of 0x80 or more, which the printer would otherwise take as half of a Chinese
character. A line holding a character the printer cannot encode is printed as a raster image.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from devices.printer.charset import DEFAULT_CHARSET, Charset, Route
from devices.printer.document import Document
from devices.printer.layout import CutRow, FeedRow, QrRow, Row, TextRow, layout
from devices.printer.raster import raster_command, render_text

ESC, GS, FS = b"\x1b", b"\x1d", b"\x1c"
INIT = ESC + b"@"
CHINESE_ON, CHINESE_OFF = FS + b"&", FS + b"."
ALIGN = {"left": ESC + b"a\x00", "center": ESC + b"a\x01", "right": ESC + b"a\x02"}
BOLD_ON, BOLD_OFF = ESC + b"E\x01", ESC + b"E\x00"
SIZE_2X, SIZE_1X = GS + b"!\x11", GS + b"!\x00"
FEED_CUT = GS + b"VA"  # + n: feed n lines so the last text clears the cutter, then cut

PAPER = {58: (32, 384), 80: (48, 576)}  # columns of the 12 x 24 font, printable dots
QR_EC = {"L": 0x30, "M": 0x31, "Q": 0x32, "H": 0x33}


def qr_command(data: str, size: int = 3, ec: str = "L", model: int = 2) -> bytes:
    """Native QR (GS ( k, cn 31): model, module size, error correction, store, print."""
    payload = data.encode("utf-8")
    store_len = len(payload) + 3
    return (
        GS
        + b"(k\x04\x001A"
        + bytes([0x30 + model, 0])
        + GS
        + b"(k\x03\x001C"
        + bytes([size])
        + GS
        + b"(k\x03\x001E"
        + bytes([QR_EC[ec]])
        + GS
        + b"(k"
        + store_len.to_bytes(2, "little")
        + b"1P0"
        + payload
        + GS
        + b"(k\x03\x001Q0"
    )


@dataclass
class Encoded:
    data: bytes
    warnings: list[str] = field(default_factory=list)
    raster_lines: int = 0


class _Writer:
    """Tracks the printer's Chinese mode so each switch is sent once, only when needed."""

    def __init__(self, charset: Charset) -> None:
        self.charset = charset
        self.out = bytearray()
        self.chinese = False

    def command(self, data: bytes) -> None:
        self.out += data

    def chinese_mode(self, on: bool) -> None:
        if on != self.chinese:
            self.out += CHINESE_ON if on else CHINESE_OFF
            self.chinese = on

    def text(self, text: str) -> None:
        for ch in text:
            route = self.charset.route(ch)
            if route is Route.ASCII:
                self.out += ch.encode("ascii")  # below 0x81: single bytes in either mode
            elif route is Route.CODEPAGE:
                self.chinese_mode(False)
                self.out += ch.encode(self.charset.codepage)
            elif route is Route.DOUBLE_BYTE:
                self.chinese_mode(True)
                self.out += ch.encode(self.charset.double_byte)
            else:
                raise ValueError(f"cannot encode {ch!r} as text")


class EscPosEncoder:
    def __init__(
        self,
        paper_mm: int = 80,
        charset: Charset = DEFAULT_CHARSET,
        qr_size: int | None = None,
        qr_ec: str = "M",
        cut_feed: int = 3,
    ) -> None:
        if paper_mm not in PAPER:
            raise ValueError(f"paper_mm must be one of {sorted(PAPER)}")
        self.paper_mm = paper_mm
        self.columns, self.dots = PAPER[paper_mm]
        self.charset = charset
        self.qr_size = qr_size or (6 if paper_mm == 80 else 4)
        self.qr_ec = qr_ec
        self.cut_feed = cut_feed

    def layout(self, document: Document) -> list[Row]:
        rows = layout(document, self.columns, self.charset)
        if not rows or not isinstance(rows[-1], CutRow):
            rows.append(CutRow())  # a receipt always ends cut off
        return rows

    def encode(self, document: Document) -> Encoded:
        w = _Writer(self.charset)
        result = Encoded(b"")
        # Initialise, choose the code page, and leave Chinese mode: many printers start in it.
        w.command(INIT + ESC + b"t" + bytes([self.charset.codepage_number]) + CHINESE_OFF)
        for row in self.layout(document):
            if isinstance(row, TextRow):
                self._text_row(w, row, result)
            elif isinstance(row, QrRow):
                w.command(
                    ALIGN["center"] + qr_command(row.data, self.qr_size, self.qr_ec) + ALIGN["left"]
                )
            elif isinstance(row, FeedRow):
                w.command(ESC + b"d" + bytes([row.lines]))
            elif isinstance(row, CutRow):
                w.command(FEED_CUT + bytes([self.cut_feed]))
        w.chinese_mode(False)
        result.data = bytes(w.out)
        return result

    def _text_row(self, w: _Writer, row: TextRow, result: Encoded) -> None:
        if any(self.charset.route(ch) is Route.RASTER for ch in row.text):
            image, missing = render_text(row.text, self.dots, row.align, row.bold, row.big)
            w.command(ALIGN["left"] + raster_command(image))
            result.raster_lines += 1
            if missing:
                codes = ", ".join(f"U+{ord(ch):04X}" for ch in missing)
                result.warnings.append(f"no font draws {codes}; printed as a box")
            return
        w.command(ALIGN[row.align])
        if row.bold:
            w.command(BOLD_ON)
        if row.big:
            w.command(SIZE_2X)
        w.text(row.text)
        w.command(b"\n")
        if row.big:
            w.command(SIZE_1X)
        if row.bold:
            w.command(BOLD_OFF)
        if row.align != "left":
            w.command(ALIGN["left"])
