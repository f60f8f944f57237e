"""The staff panels at the kiosk: in the session's language, every colour from the theme (text
at 7:1, selections and placeholders too), pickers that look like pickers, the PIN's instruction
shown whole at the largest size, and the resident's keypad out of use while the staff PIN pad
is open."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontInfo, QPalette
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.api.kiosk import KioskApi
from kiosk.assist import staff
from kiosk.text import Lang
from tests.helpers.help_calls import desk_of
from tests.helpers.staff import PIN, open_pad, open_pad_and_sign_in, sign_in_on_open_pad
from ui.assist.words import word
from ui.kiosk.window import KioskWindow
from ui.theme import FACE, THEME_BY_NAME, ThemeName, contrast
from ui.tour.autopilot import Autopilot
from ui.tour.measure import measure
from ui.widgets.keypad import Keypad


@pytest.fixture
def helper(core: KioskApi) -> None:
    staff.add_staff(core.store.sessions, "1024", "王芳", PIN, badge="BADGE-1024")


def _words(panel: QWidget) -> list[str]:
    words = [w.text() for w in panel.findChildren(QLabel) + panel.findChildren(QPushButton)]
    words += [w.accessibleName() for w in panel.findChildren(QWidget)]
    for combo in panel.findChildren(QComboBox):
        words += [combo.itemText(i) for i in range(combo.count())]
    words += [w.placeholderText() for w in panel.findChildren(QLineEdit)]
    return [w for w in words if w]


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def test_staff_panels_follow_an_english_session(
    kiosk: KioskWindow, pilot: Autopilot, qtbot: QtBot, helper: None
) -> None:
    pilot.press("language.en")
    assert kiosk.prefs.lang == "en"
    open_pad(kiosk)
    at_kiosk = desk_of(kiosk).helper
    assert at_kiosk.pad is not None
    pad_words = _words(at_kiosk.pad)
    assert "Staff sign-in" in pad_words
    assert not [w for w in pad_words if _chinese(w)], pad_words
    sign_in_on_open_pad(kiosk, qtbot)
    assert at_kiosk.actions is not None
    words = _words(at_kiosk.actions)
    # The helper's own name stays as it is written; every other word is English.
    assert not [w for w in words if _chinese(w.replace("王芳", "").replace("工号", ""))], words
    assert "Hand back" in words


@pytest.mark.parametrize("theme", ["standard", "dark", "light"])
def test_staff_panel_colours_come_from_the_theme_at_7_to_1(
    kiosk: KioskWindow, qtbot: QtBot, helper: None, theme: ThemeName
) -> None:
    while kiosk.prefs.theme != theme:
        kiosk.controls.next_theme()
    open_pad_and_sign_in(kiosk, qtbot)
    panel = desk_of(kiosk).helper.actions
    assert panel is not None
    t = THEME_BY_NAME[theme]
    edit = panel.reason.lineEdit()
    assert edit is not None
    for field in (edit, panel.id_number):
        pal = field.palette()
        selected = pal.color(QPalette.ColorRole.HighlightedText).name()
        selection = pal.color(QPalette.ColorRole.Highlight).name()
        assert contrast(selected, selection) >= 7.0, (field, selected, selection)
    # The ID field's placeholder as drawn: its strongest ink against the field at 7:1.
    field = panel.id_number
    image = field.grab().toImage()
    inks = [
        image.pixelColor(x, y).name()
        for x in range(24, image.width() - 24)
        for y in range(12, image.height() - 12)
    ]
    assert max(contrast(ink, t.button_bg) for ink in inks) >= 7.0
    # What is drawn: the panel's fill is the theme's, not Qt's grey.
    panel.resize(panel.sizeHint())
    image = panel.grab().toImage()
    assert image.pixelColor(image.width() // 2, 8).name().upper() == t.muted_bg.upper()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pin_instruction_is_shown_whole_at_the_largest_size(
    kiosk: KioskWindow, qtbot: QtBot, helper: None, lang: Lang
) -> None:
    """What the PIN typed again is for, in words that wrap above the field and stay while
    digits are typed: not a placeholder cut short ("…前再次…") that the first digit hides."""
    kiosk.prefs = kiosk.prefs._replace(size="largest", lang=lang)
    kiosk.redraw()
    open_pad_and_sign_in(kiosk, qtbot)
    panel = desk_of(kiosk).helper.actions
    assert panel is not None
    qtbot.waitUntil(panel.isVisible)
    instruction = word("act.pin_hint", lang)
    found = measure(panel, kiosk.look.pixels_per_mm)
    assert instruction in found.texts, found.texts
    assert found.clipped == [] and found.broken == [], (found.clipped, found.broken)
    shown = next(lb for lb in panel.findChildren(QLabel) if lb.text() == instruction)
    where = QRect(shown.mapTo(panel, QPoint(0, 0)), shown.size())
    field = QRect(panel.pin.mapTo(panel, QPoint(0, 0)), panel.pin.size())
    assert panel.rect().contains(where) and where.bottom() < field.top(), (where, field)
    assert panel.pin.accessibleName() == word("act.pin", lang)
    assert panel.pin.accessibleDescription() == instruction
    panel.pin.setText("24")
    assert shown.isVisible()  # the first digit hides nothing
    # No field's placeholder is cut short either.
    for edit in panel.findChildren(QLineEdit):
        room = edit.contentsRect().width() - 24  # the sheet's padding, the cursor's margin
        assert edit.fontMetrics().horizontalAdvance(edit.placeholderText()) <= room, edit


def test_pickers_have_a_drop_down_button_with_an_arrow(
    kiosk: KioskWindow, qtbot: QtBot, helper: None
) -> None:
    open_pad_and_sign_in(kiosk, qtbot)
    panel = desk_of(kiosk).helper.actions
    assert panel is not None
    t = THEME_BY_NAME["standard"]
    combo = panel.device
    image = combo.grab().toImage()
    h, w = image.height(), image.width()
    # The right end of the field is a button of its own, in the panel's colour, with an arrow
    # in the text colour at its middle: a picker, not a text field.
    button_colour = image.pixelColor(w - 10, 10).name().upper()
    assert button_colour == t.muted_bg.upper(), button_colour
    arrow = [image.pixelColor(x, h // 2).name().upper() for x in range(w - 60, w)]
    assert t.text.upper() in arrow, arrow


def test_the_residents_keypad_is_out_of_use_while_the_staff_pin_pad_is_open(
    kiosk: KioskWindow, pilot: Autopilot, helper: None
) -> None:
    pilot.start("change-phone")
    open_pad(kiosk)
    assert kiosk.current is not None
    keypad = kiosk.current.findChild(Keypad)
    assert keypad is not None and not keypad.isEnabled()
    pilot.tap(pilot.button("key.7"))
    assert kiosk.visit.draft == ""
    pad = desk_of(kiosk).helper.pad
    assert pad is not None  # still open
    pad.cancel_button.click()
    keypad = kiosk.current.findChild(Keypad)
    assert keypad is not None and keypad.isEnabled()


def test_the_staff_control_is_set_in_the_kiosk_s_face_like_every_other_control(
    kiosk: KioskWindow,
) -> None:
    """Its words were bold by a style sheet alone, and fontconfig then drew Latin words in
    another family's bold ("Staff sign-in" beside the bar's Noto Sans)."""
    Autopilot(kiosk).press("language.en")
    entry = desk_of(kiosk).entry
    entry.ensurePolished()
    shown = QFontInfo(entry.font())
    assert shown.family() == FACE and entry.font().bold()
    assert shown.pixelSize() == kiosk.look.body_px
