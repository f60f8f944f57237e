"""Text the printer cannot encode, drawn with Pillow and sent as a GS v 0 raster image."""

from __future__ import annotations

from PIL import Image, ImageDraw

from devices import fonts
from devices.printer.document import Align

DOT_ROW = 24  # dots in a text line of the printer's 12 x 24 font


def render_text(
    text: str, width_dots: int, align: Align, bold: bool, big: bool
) -> tuple[Image.Image, list[str]]:
    """One line of text as a 1-bit image of the printable width; also the chars no font has."""
    size = DOT_ROW * (2 if big else 1)
    height = size * 5 // 4  # room for descenders: the glyph box is taller than the font size
    image = Image.new("1", (width_dots, height), 0)
    draw = ImageDraw.Draw(image)
    missing: list[str] = []
    pieces = []
    for ch in text:
        font = fonts.font_for(ch, size, bold)
        if font is None:
            missing.append(ch)
            font = fonts.fonts(size, bold)[0] if fonts.fonts(size, bold) else None
        pieces.append((ch, font))
    advance = sum(_advance(ch, font, size) for ch, font in pieces)
    x = {"left": 0, "center": (width_dots - advance) // 2, "right": width_dots - advance}[align]
    for ch, font in pieces:
        if font is not None:
            draw.text((max(0, x), height // 2), ch, fill=1, font=font, anchor="lm")
        else:  # no face at all: an outlined box, so the gap is visible rather than silent
            draw.rectangle((x + 1, 1, x + size // 2 - 2, height - 2), outline=1)
        x += _advance(ch, font, size)
    return image, missing


def _advance(ch: str, font: fonts.Font | None, size: int) -> int:
    return int(font.getlength(ch)) if font is not None else size // 2


def raster_command(image: Image.Image) -> bytes:
    """GS v 0 m xL xH yL yH data: 1 bits are ink, rows padded to whole bytes."""
    bitmap = image.convert("1")
    width_bytes = (bitmap.width + 7) // 8
    data = bitmap.tobytes()  # mode "1" packs MSB first, rows padded to bytes; 1 = ink here
    return (
        b"\x1d\x76\x30\x00"
        + width_bytes.to_bytes(2, "little")
        + bitmap.height.to_bytes(2, "little")
        + data
    )
