"""Sizes for the kiosk-side staff widgets: the kiosk's own minimums (16 mm targets, 7:1 text)."""

from __future__ import annotations

from ui.theme import STANDARD as T

BODY_PX = 28
KEY_PX = 80  # 20 mm at 4 px/mm

SHEET = f"""
QWidget {{ font-size: {BODY_PX}px; font-family: "Noto Sans CJK SC"; color: {T.text}; }}
QFrame#staffPanel {{ background: {T.muted_bg}; border: 3px solid {T.border};
                    border-radius: 12px; }}
QLabel {{ background: transparent; }}
QLabel#heading {{ font-size: {round(BODY_PX * 1.3)}px; font-weight: bold; }}
QLabel#banner {{ background: {T.staff_bg}; color: {T.staff_text}; font-weight: bold;
                 padding: 10px 20px; }}
QFrame#strip {{ background: {T.primary_bg}; }}
QFrame#strip QLabel {{ color: {T.primary_text}; }}
QPushButton {{ min-height: {KEY_PX}px; min-width: {KEY_PX}px; padding: 0 16px;
               background: {T.button_bg}; color: {T.button_text};
               border: 3px solid {T.border}; border-radius: 10px; }}
QPushButton#primary {{ background: {T.primary_bg}; color: {T.primary_text};
                       border-color: {T.primary_bg}; font-weight: bold; }}
QPushButton#staffEntry {{ min-height: {KEY_PX}px; min-width: {KEY_PX}px;
                          font-size: {round(BODY_PX * 0.8)}px; }}
QPushButton:focus, QLineEdit:focus {{ border: 5px solid {T.focus}; }}
QLineEdit, QComboBox {{ min-height: {KEY_PX - 10}px; background: white; padding: 0 12px;
                        border: 3px solid {T.border}; border-radius: 10px; }}
"""
