"""The kiosk-side staff widgets' style, from the resident's theme: the kiosk's own minimums (16 mm
targets, 7:1 text, a focus ring of 3:1), every colour from the theme, Qt's defaults none."""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLineEdit, QWidget

from ui.assist.picker import Picker
from ui.theme import STANDARD, Look, Theme
from ui.widgets.text import Label

# The staff panels' own sizes, whatever the resident's text size: standard text on a 4 px/mm
# panel; the resident's theme gives the colours. Their wrapping labels (ui.widgets.text.Label)
# take this look, so a label's font is the sheet's.
LOOK = Look(STANDARD, "standard", elder=False, pixels_per_mm=4.0)
PANEL = "staffPanel"  # every staff panel's object name: the sheet's, and the tour's, selector
BODY_PX = LOOK.body_px  # 28
KEY_PX = 80  # 20 mm at 4 px/mm
# The helper's actions and fields at the kiosk's minimum target, 16 mm (the sheet's min-height
# is less the 3 px border above and below): the actions panel then fits beside the task with
# its instructions in full at the largest text size.
ACTION_PX = LOOK.mm(16)


def sheet(theme: Theme = STANDARD) -> str:
    t = theme
    ring_on_primary = t.focus_on(t.primary_bg)
    return f"""
QWidget {{ font-size: {BODY_PX}px; font-family: "Noto Sans CJK SC"; color: {t.text}; }}
QFrame#{PANEL} {{ background: {t.muted_bg}; border: 3px solid {t.border};
                    border-radius: 12px; }}
QLabel {{ background: transparent; color: {t.text}; }}
QLabel#heading {{ font-size: {round(BODY_PX * 1.3)}px; font-weight: bold; }}
QLabel#banner {{ background: {t.staff_bg}; color: {t.staff_text}; font-weight: bold;
                 padding: 10px 20px; }}
QFrame#strip {{ background: {t.primary_bg}; }}
QFrame#strip QLabel {{ color: {t.primary_text}; }}
QPushButton {{ min-height: {KEY_PX}px; min-width: {KEY_PX}px; padding: 0 16px;
               background: {t.button_bg}; color: {t.button_text};
               border: 3px solid {t.border}; border-radius: 10px; }}
QPushButton#primary {{ background: {t.primary_bg}; color: {t.primary_text};
                       border-color: {t.primary_bg}; font-weight: bold; }}
QPushButton#staffEntry {{ min-height: {KEY_PX}px; min-width: {KEY_PX}px;
                          font-size: {round(BODY_PX * 0.8)}px; }}
QPushButton:disabled {{ color: {t.text}; background: {t.muted_bg};
                        border: 3px dashed {t.border}; }}
QPushButton:focus, QLineEdit:focus, QComboBox:focus {{ border: 5px solid {t.focus}; }}
QPushButton#primary:focus {{ border: 5px solid {ring_on_primary}; }}
QLineEdit, QComboBox {{ min-height: {KEY_PX - 10}px; padding: 0 12px;
                        background: {t.button_bg}; color: {t.button_text};
                        selection-background-color: {t.primary_bg};
                        selection-color: {t.primary_text};
                        border: 3px solid {t.border}; border-radius: 10px; }}
QLineEdit {{ placeholder-text-color: {t.button_text}; }}
QFrame#{PANEL}[kind="actions"] QPushButton,
QFrame#{PANEL}[kind="actions"] QLineEdit,
QFrame#{PANEL}[kind="actions"] QComboBox {{ min-height: {ACTION_PX - 6}px; }}
QComboBox {{ padding-right: 72px; }}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: top right;
                        width: 60px; border: none; border-left: 3px solid {t.border};
                        background: {t.muted_bg}; border-top-right-radius: 8px;
                        border-bottom-right-radius: 8px; }}
QComboBox::down-arrow {{ image: none; width: 0; height: 0; }}
QComboBox QAbstractItemView {{ background: {t.button_bg}; color: {t.button_text};
                               selection-background-color: {t.primary_bg};
                               selection-color: {t.primary_text};
                               border: 3px solid {t.border}; }}
"""


SHEET = sheet()


def apply_theme(widget: QWidget, theme: Theme) -> None:
    """The sheet, and what a sheet cannot set: the placeholder and selection colours."""
    widget.setStyleSheet(sheet(theme))
    palette = widget.palette()
    palette.setColor(QPalette.ColorRole.PlaceholderText, QColor(theme.button_text))
    palette.setColor(QPalette.ColorRole.Highlight, QColor(theme.primary_bg))
    palette.setColor(QPalette.ColorRole.HighlightedText, QColor(theme.primary_text))
    widget.setPalette(palette)
    for field in widget.findChildren(QLineEdit):  # a sheet's polish would keep Qt's grey
        field.setPalette(palette)
    for picker in widget.findChildren(Picker):
        picker.arrow = theme.text
    for label in widget.findChildren(Label):  # the colours the sheet draws them in
        label.fg, label.bg = theme.text, theme.muted_bg
