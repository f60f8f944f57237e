"""Fonts for raster text (printer fallback) and for the simulator's receipt pictures.

A monospaced CJK face keeps the receipt's grid: a Chinese character is exactly two columns.
"""

from __future__ import annotations

import functools
from pathlib import Path

from PIL import ImageFont

Font = ImageFont.FreeTypeFont

_NOTO = "/usr/share/fonts/opentype/noto/NotoSansCJK-{weight}.ttc"
# (path, face index): Noto Sans Mono CJK SC is face 7 of the collection.
_CANDIDATES = (
    (_NOTO, 7),
    ("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc", 1),
    ("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc", 1),
    ("/usr/share/fonts/truetype/dejavu/DejaVuSansMono{bold}.ttf", 0),
)
_MISSING = "\U0010fffd"  # a private-use code point no font draws: its mask is the .notdef box


@functools.cache
def fonts(size: int, bold: bool = False) -> tuple[Font, ...]:
    """Every available face at this size, the preferred first (may be empty)."""
    found: list[Font] = []
    for pattern, index in _CANDIDATES:
        path = pattern.format(weight="Bold" if bold else "Regular", bold="-Bold" if bold else "")
        if not Path(path).exists():
            continue
        try:
            found.append(ImageFont.truetype(path, size, index=index))
        except OSError:
            continue
    return tuple(found)


@functools.cache
def _notdef(font: Font) -> bytes:
    return bytes(font.getmask(_MISSING))


def has_glyph(font: Font, ch: str) -> bool:
    if ch.isspace():
        return True
    return bytes(font.getmask(ch)) != _notdef(font)


def font_for(ch: str, size: int, bold: bool = False) -> Font | None:
    """The first face that draws ``ch``; None when none does."""
    for font in fonts(size, bold):
        if has_glyph(font, ch):
            return font
    return None


def default_font(size: int, bold: bool = False) -> Font | ImageFont.ImageFont:
    faces = fonts(size, bold)
    return faces[0] if faces else ImageFont.load_default()
