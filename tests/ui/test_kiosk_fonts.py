"""The kiosk's fonts: bold text drawn from Noto Sans CJK SC's regular face, emboldened, so one
CJK collection is read into the kiosk's memory instead of two; an operator's FONTCONFIG_FILE
wins."""

from __future__ import annotations

import os
import textwrap

from tests.helpers.child import run_python
from ui.kiosk.app import KIOSK_FONTS, use_kiosk_fonts

CHILD = textwrap.dedent(
    """
    import os
    from PySide6.QtGui import QFont, QFontInfo
    from PySide6.QtWidgets import QLabel
    from ui.kiosk.app import application, check_font

    app = application()
    label = QLabel("呼叫工作人员 参保缴费查询")
    font = QFont(check_font())
    font.setPixelSize(48)
    font.setBold(True)
    label.setFont(font)
    label.show()
    label.grab()  # drawn
    info = QFontInfo(font)
    with open("/proc/self/maps") as maps:
        files = {line.split()[-1].rsplit("/", 1)[-1] for line in maps if ".tt" in line}
    print("bold:", info.bold(), info.styleName(), sorted(f for f in files if "CJK" in f))
    print("config:", os.environ.get("FONTCONFIG_FILE", ""))
    """
)


def test_bold_text_is_drawn_from_the_regular_collection() -> None:
    env = {k: v for k, v in os.environ.items() if k != "FONTCONFIG_FILE"}
    done = run_python(CHILD, env={**env, "QT_QPA_PLATFORM": "offscreen"})
    assert "bold: True Regular ['NotoSansCJK-Regular.ttc']" in done.stdout, done.stderr[-2000:]
    assert f"config: {KIOSK_FONTS}" in done.stdout


def test_a_fontconfig_file_set_by_the_operator_is_kept() -> None:
    environ = {"FONTCONFIG_FILE": "/etc/kiosk/fonts.conf"}
    use_kiosk_fonts(environ)
    assert environ == {"FONTCONFIG_FILE": "/etc/kiosk/fonts.conf"}
    unset: dict[str, str] = {}
    use_kiosk_fonts(unset)
    assert unset == {"FONTCONFIG_FILE": str(KIOSK_FONTS)}
