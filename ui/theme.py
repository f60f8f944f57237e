"""Colours and sizes: three themes, three text sizes, every length from the panel's pixels per mm.

The numbers come from shared/reference/accessibility.md: capital letters at least 4.8 mm (6.1 mm
in the large steps), line spacing at least 1.3, targets at least 16 mm (19 mm in elder mode) and
2.5 mm apart, text contrast 7:1 and control borders 3:1. Contrast is computed here (WCAG 2.2
relative luminance) so a test can check every theme rather than trusting an eye.
"""

from __future__ import annotations

import math
from typing import Literal, NamedTuple

from PySide6.QtGui import QColor, QFont

ThemeName = Literal["standard", "dark", "light"]
SizeName = Literal["standard", "large", "largest"]
THEMES: tuple[ThemeName, ...] = ("standard", "dark", "light")
SIZES: tuple[SizeName, ...] = ("standard", "large", "largest")

FACE = "Noto Sans CJK SC"
# Noto Sans CJK's capital H is 0.733 em tall; sizes are chosen by cap height, as the rules are.
CAP_RATIO = 0.733
# Body text cap height in mm per size step; the smallest text on screen is body text.
CAP_MM: dict[SizeName, float] = {"standard": 5.0, "large": 6.3, "largest": 7.8}
MIN_TARGET_MM = 16.0
ELDER_TARGET_MM = 19.0
GAP_MM = 4.0  # between targets; the rule is 2.5 mm, a little more helps unsteady hands
LINE_SPACING = 1.3  # the minimum; Noto CJK's own line height (about 1.45) is above it


class Theme(NamedTuple):
    name: ThemeName
    background: str
    text: str
    muted_bg: str  # panels (the bar, tables) behind normal text
    button_bg: str
    button_text: str
    border: str  # every control's border: at least 3:1 against the background
    primary_bg: str  # the main action of a screen
    primary_text: str
    staff_bg: str  # Call staff: distinct on every screen
    staff_text: str
    error_bg: str
    error_text: str
    focus: str  # the focus ring's outer stroke: 3:1 against the page and the panels
    focus_contrast: str  # its inner stroke where a control's fill is too close to ``focus``

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """Every (text, background) pair the screens use, by role."""
        return {
            "body": (self.text, self.background),
            "panel": (self.text, self.muted_bg),
            "button": (self.button_text, self.button_bg),
            "primary": (self.primary_text, self.primary_bg),
            "staff": (self.staff_text, self.staff_bg),
            "error": (self.error_text, self.error_bg),
        }

    def focus_on(self, fill: str) -> str:
        """The ring's inner stroke on a control of this fill: at least 3:1 against it."""
        if contrast(self.focus, fill) >= 3.0:
            return self.focus
        return self.focus_contrast

    def focus_pairs(self) -> dict[str, tuple[str, str]]:
        """The focus ring against what touches it (WCAG 2.2 1.4.11, 2.4.13): the outer stroke
        against the page and the panels, the inner stroke against each kind of control."""
        pairs = {"page": (self.focus, self.background), "panel": (self.focus, self.muted_bg)}
        for role, fill in (
            ("button", self.button_bg),
            ("primary", self.primary_bg),
            ("staff", self.staff_bg),
        ):
            pairs[role] = (self.focus_on(fill), fill)
        return pairs

    def border_pairs(self) -> dict[str, tuple[str, str]]:
        """Non-text contrast: borders, icons and the focus ring against what surrounds them."""
        return {
            "border": (self.border, self.background),
            "border_panel": (self.border, self.muted_bg),
            "focus": (self.focus, self.background),
            "focus_panel": (self.focus, self.muted_bg),
            "icon": (self.text, self.background),
        }


STANDARD = Theme(
    "standard",
    background="#F7F5EF",
    text="#1B1B1B",
    muted_bg="#E6E2D6",
    button_bg="#FFFFFF",
    button_text="#1B1B1B",
    border="#4A4A4A",
    primary_bg="#0A4A80",
    primary_text="#FFFFFF",
    staff_bg="#8A2B00",
    staff_text="#FFFFFF",
    error_bg="#FFE9E6",
    error_text="#7A0012",
    focus="#B34700",
    focus_contrast="#FFFFFF",
)
DARK = Theme(
    "dark",
    background="#000000",
    text="#FFFFFF",
    muted_bg="#1A1A1A",
    button_bg="#000000",
    button_text="#FFEB3B",
    border="#FFEB3B",
    primary_bg="#FFEB3B",
    primary_text="#000000",
    staff_bg="#00E5FF",
    staff_text="#000000",
    error_bg="#000000",
    error_text="#FF9E9E",
    focus="#00E5FF",
    focus_contrast="#000000",
)
LIGHT = Theme(
    "light",
    background="#FFFFFF",
    text="#000000",
    muted_bg="#EDEDED",
    button_bg="#FFFFFF",
    button_text="#000000",
    border="#000000",
    primary_bg="#000000",
    primary_text="#FFFFFF",
    staff_bg="#00307A",
    staff_text="#FFFFFF",
    error_bg="#FFFFFF",
    error_text="#8B0000",
    focus="#0040C0",
    focus_contrast="#FFFFFF",
)
THEME_BY_NAME: dict[ThemeName, Theme] = {"standard": STANDARD, "dark": DARK, "light": LIGHT}


def luminance(colour: str | QColor) -> float:
    """WCAG 2.2 relative luminance of an sRGB colour."""
    c = QColor(colour)

    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())


def contrast(a: str | QColor, b: str | QColor) -> float:
    la, lb = luminance(a), luminance(b)
    hi, lo = max(la, lb), min(la, lb)
    return (hi + 0.05) / (lo + 0.05)


class Look(NamedTuple):
    """Everything a widget needs to draw itself: theme, text size, elder mode, panel density."""

    theme: Theme
    size: SizeName
    elder: bool
    pixels_per_mm: float
    portrait: bool = False

    def mm(self, value: float) -> int:
        """Pixels for a length, rounded up: a minimum must stay a minimum."""
        return math.ceil(value * self.pixels_per_mm - 1e-9)

    @property
    def body_px(self) -> int:
        """Font pixel size whose capital letters are CAP_MM tall."""
        return int(CAP_MM[self.size] * self.pixels_per_mm / CAP_RATIO + 0.999)

    @property
    def title_px(self) -> int:
        return round(self.body_px * 1.3)

    @property
    def big_px(self) -> int:
        """Ticket numbers and the countdown."""
        return round(self.body_px * 2.4)

    @property
    def target_px(self) -> int:
        """Smallest side of a touch target; grows with the text so labels still fit."""
        mm = ELDER_TARGET_MM if self.elder else MIN_TARGET_MM
        return max(self.mm(mm), round(self.body_px * 2.2))

    @property
    def gap_px(self) -> int:
        return self.mm(GAP_MM)

    @property
    def border_px(self) -> int:
        return max(2, self.mm(0.6))

    @property
    def margin_px(self) -> int:
        return self.mm(6)

    def font(self, px: int | None = None, *, bold: bool = False) -> QFont:
        font = QFont(FACE)
        font.setPixelSize(px or self.body_px)
        font.setBold(bold)
        return font
