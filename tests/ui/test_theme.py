"""Sizes and contrast computed from the theme, not judged by eye."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontMetricsF
from pytestqt.qtbot import QtBot

from ui.theme import SIZES, THEME_BY_NAME, THEMES, Look, SizeName, ThemeName, contrast, luminance
from ui.widgets.button import BigButton, Role


def test_luminance_matches_wcag_reference_values() -> None:
    assert luminance("#FFFFFF") == pytest.approx(1.0)
    assert luminance("#000000") == pytest.approx(0.0)
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("name", THEMES)
def test_every_text_pair_is_at_least_7_to_1(name: ThemeName) -> None:
    theme = THEME_BY_NAME[name]
    for role, (fg, bg) in theme.text_pairs().items():
        assert contrast(fg, bg) >= 7.0, f"{name} {role}: {contrast(fg, bg):.2f}"


@pytest.mark.parametrize("name", THEMES)
def test_borders_focus_and_icons_are_at_least_3_to_1(name: ThemeName) -> None:
    theme = THEME_BY_NAME[name]
    for role, (fg, bg) in theme.border_pairs().items():
        assert contrast(fg, bg) >= 3.0, f"{name} {role}: {contrast(fg, bg):.2f}"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("ppmm", [4.0, 3.2, 6.0])
def test_capitals_lines_and_targets_follow_pixels_per_mm(
    qtbot: QtBot, size: SizeName, ppmm: float
) -> None:
    for elder in (False, True):
        look = Look(THEME_BY_NAME["standard"], size, elder, ppmm)
        metrics = QFontMetricsF(look.font())
        cap_mm = metrics.capHeight() / ppmm
        assert cap_mm >= (4.8 if size == "standard" else 6.1), (size, cap_mm)
        assert metrics.lineSpacing() / look.body_px >= 1.3
        assert look.target_px / ppmm >= (19.0 if elder else 16.0)
        assert look.gap_px / ppmm >= 2.5


@pytest.mark.parametrize("name", THEMES)
@pytest.mark.parametrize("role", ["plain", "primary", "staff"])
def test_the_focus_ring_as_drawn_is_3_to_1_against_the_control_and_the_page(
    qtbot: QtBot, name: ThemeName, role: Role
) -> None:
    theme = THEME_BY_NAME[name]
    look = Look(theme, "standard", False, 4.0)
    button = BigButton(look, "OK", role=role)
    qtbot.addWidget(button)
    button.resize(300, 120)
    button.show()
    button.setFocus()
    qtbot.waitUntil(button.hasFocus)
    image = button.grab().toImage()
    b, y = look.border_px, button.height() // 2
    fill = button.colours()[1]
    outer = image.pixelColor(b + b // 2, y).name()  # where the border was: beside the page
    inner = image.pixelColor(b * 3 + b // 2, y).name()  # beside the control's fill
    assert contrast(inner, fill) >= 3.0, f"{name} {role}: ring {inner} on {fill}"
    for around in (theme.background, theme.muted_bg):
        assert contrast(outer, around) >= 3.0, f"{name} {role}: ring {outer} by {around}"
    for pair, (a, c) in theme.focus_pairs().items():
        assert contrast(a, c) >= 3.0, f"{name} {pair}"
