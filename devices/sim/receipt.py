"""What the simulated printer has put on paper, as text and as a picture (Pillow).

Rows keep the printer's grid: a character printed in double-byte mode takes two cells of the
12 x 24 font, a double-size row takes twice as much each way.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import qrcode
from PIL import Image, ImageDraw, ImageOps

from devices import fonts

CELL_W, CELL_H, LINE_H = 12, 24, 30  # font cell and line pitch, in printer dots


@dataclass
class TextOut:
    chars: list[tuple[str, int]]  # (character, cells)
    align: int = 0  # 0 left, 1 centre, 2 right
    bold: bool = False
    wide: int = 1
    high: int = 1

    @property
    def text(self) -> str:
        return "".join(ch for ch, _ in self.chars)

    @property
    def cells(self) -> int:
        return sum(n for _, n in self.chars)


@dataclass
class ImageOut:
    image: Image.Image  # mode "1", ink is 1
    align: int = 0
    label: str = ""


Row = TextOut | ImageOut


@dataclass
class Receipt:
    rows: list[Row] = field(default_factory=list)
    complete: bool = True  # False when the paper ran out or the printer dropped the job
    cut: bool = False
    png: Path | None = None

    def text(self, columns: int) -> str:
        lines = []
        for row in self.rows:
            if isinstance(row, TextOut):
                space = max(0, columns - row.cells)
                left = (0, space // 2, space)[row.align]
                lines.append((" " * left + row.text).rstrip())
            elif row.label:
                lines.append((" " * max(0, (columns - len(row.label)) // 2) + row.label).rstrip())
        return "\n".join(lines) + "\n"

    def render(self, width_dots: int) -> Image.Image:
        heights = [_row_height(row) for row in self.rows]
        page = Image.new("L", (width_dots + 32, sum(heights) + 48), 255)
        y = 24
        for row, height in zip(self.rows, heights, strict=True):
            if isinstance(row, TextOut):
                _draw_text(page, row, 16, y, width_dots)
            else:
                ink = ImageOps.invert(row.image.convert("L"))
                space = max(0, width_dots - ink.width)
                page.paste(ink, (16 + (0, space // 2, space)[row.align], y))
            y += height
        if not self.complete:
            ImageDraw.Draw(page).line((0, y, page.width, y), fill=128, width=3)
        return page


def _row_height(row: Row) -> int:
    if isinstance(row, TextOut):
        return LINE_H + CELL_H * (row.high - 1)
    return row.image.height + 6


def _draw_text(page: Image.Image, row: TextOut, x0: int, y: int, width_dots: int) -> None:
    draw = ImageDraw.Draw(page)
    cell_w, size = CELL_W * row.wide, CELL_H * row.high
    space = max(0, width_dots - row.cells * cell_w)
    x = x0 + (0, space // 2, space)[row.align]
    for ch, cells in row.chars:
        font = fonts.font_for(ch, size, row.bold) or fonts.default_font(size, row.bold)
        if row.wide == row.high:
            draw.text((x, y), ch, fill=0, font=font)
        else:  # a stretched mode: draw at the height, squeeze or widen into the cells
            glyph = Image.new("L", (cells * CELL_W * row.high, size + size // 4), 255)
            ImageDraw.Draw(glyph).text((0, 0), ch, fill=0, font=font)
            glyph = glyph.resize((cells * cell_w, glyph.height))
            page.paste(glyph, (x, y), ImageOps.invert(glyph))
        x += cells * cell_w


def qr_image(data: bytes, module: int, ec: int) -> Image.Image:
    levels = {
        0x30: qrcode.constants.ERROR_CORRECT_L,
        0x31: qrcode.constants.ERROR_CORRECT_M,
        0x32: qrcode.constants.ERROR_CORRECT_Q,
        0x33: qrcode.constants.ERROR_CORRECT_H,
    }
    code = qrcode.QRCode(
        error_correction=levels.get(ec, qrcode.constants.ERROR_CORRECT_M),
        box_size=max(1, module),
        border=1,
    )
    code.add_data(data)
    code.make(fit=True)
    picture = code.make_image(fill_color="black", back_color="white").get_image().convert("L")
    return ImageOps.invert(picture).convert("1")
