"""Sizes and colours of the console: large type for a tablet held at arm's length.

Colours are the kiosk's standard theme (contrast checked in ui/theme.py); state is never told by
colour alone: every card also says it in words.
"""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtWidgets import QWidget

from ui.theme import STANDARD as T

W = TypeVar("W", bound=QWidget)

BODY_PX = 22
TITLE_PX = 30
BUTTON_H = 64
FLASH_BG = "#FFE08A"  # with T.text: 15:1
ESCALATED_BORDER = T.staff_bg

SHEET = f"""
QWidget {{ background: {T.background}; color: {T.text}; font-size: {BODY_PX}px;
           font-family: "Noto Sans CJK SC"; }}
QFrame#card {{ background: {T.button_bg}; border: 3px solid {T.border}; border-radius: 10px; }}
QFrame#card[escalated="true"] {{ border: 6px solid {ESCALATED_BORDER}; }}
QFrame#card[flash="true"] {{ background: {FLASH_BG}; }}
QFrame#panel {{ background: {T.muted_bg}; border-radius: 10px; }}
QLabel {{ background: transparent; }}
QLabel#title {{ font-size: {TITLE_PX}px; font-weight: bold; }}
QLabel#badge {{ font-weight: bold; padding: 4px 10px; border: 2px solid {T.border};
                border-radius: 6px; }}
QLabel#badge[urgent="true"] {{ background: {T.staff_bg}; color: {T.staff_text}; }}
QPushButton {{ min-height: {BUTTON_H}px; padding: 0 20px; background: {T.button_bg};
               color: {T.button_text}; border: 3px solid {T.border}; border-radius: 8px; }}
QPushButton#primary {{ background: {T.primary_bg}; color: {T.primary_text};
                       border-color: {T.primary_bg}; font-weight: bold; }}
QPushButton:focus, QLineEdit:focus, QComboBox:focus {{ border: 4px solid {T.focus}; }}
QLineEdit, QComboBox {{ min-height: {BUTTON_H - 8}px; padding: 0 10px; background: white;
                        border: 3px solid {T.border}; border-radius: 8px; }}
QScrollArea {{ border: none; }}
"""


def named(widget: W, name: str) -> W:
    """An object name for the style sheet (the typed constructors do not take it)."""
    widget.setObjectName(name)
    return widget
