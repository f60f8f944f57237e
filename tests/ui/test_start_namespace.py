"""Home is drawn before PySide6 makes Qt's namespace (its 93 Python enums, about 15 ms of the
start): how it draws without them (ui.widgets.paint) and that nothing on home's way makes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPen
from pytestqt.qtbot import QtBot

from tests.helpers.first_paint import at_first_paint
from ui.theme import THEME_BY_NAME, Look
from ui.widgets import paint
from ui.widgets.button import BigButton
from ui.widgets.icons import ICONS, paint_icon


def test_home_is_drawn_before_qt_s_namespace_is_made(tmp_path: Path) -> None:
    """``kiosk run`` itself until the turn of the event loop after its first paint, when every
    widget of home has drawn. Should the namespace be made on the way, the failure shows the
    call that made it."""
    watch = """
        import traceback

        def made():
            core = sys.modules.get("PySide6.QtCore")
            return core is not None and "Qt" in vars(core)

        def watch(frame, event, arg):
            if made():
                sys.setprofile(None)
                print("Qt's namespace made here:", flush=True)
                traceback.print_stack(frame, limit=12, file=sys.stdout)
                os._exit(3)

        sys.setprofile(watch)
    """
    out = at_first_paint(tmp_path, "print('drawn; namespace made:', made())", before=watch)
    assert "drawn; namespace made: False" in out, out[-4000:]


def test_the_numbers_drawn_with_are_qt_s_own() -> None:
    assert Qt.AlignmentFlag.AlignLeft.value == paint.ALIGN_LEFT
    assert Qt.AlignmentFlag.AlignHCenter.value == paint.ALIGN_HCENTER
    assert Qt.AlignmentFlag.AlignTop.value == paint.ALIGN_TOP
    assert Qt.TextFlag.TextWordWrap.value == paint.TEXT_WORD_WRAP
    dashed = QPen()
    dashed.setStyle(Qt.PenStyle.DashLine)
    assert dashed.dashPattern() == paint.DASHES


def _image() -> QImage:
    image = QImage(120, 60, QImage.Format.Format_ARGB32)
    image.fill(QColor("#ffffff"))
    return image


def _differing(a: QImage, b: QImage) -> int:
    """Pixels whose colours differ by more than antialiasing's rounding."""
    count = 0
    for y in range(a.height()):
        for x in range(a.width()):
            p, q = a.pixelColor(x, y), b.pixelColor(x, y)
            if max(abs(p.red() - q.red()), abs(p.green() - q.green())) > 40:
                count += 1
    return count


@pytest.mark.parametrize("shape", ["line", "arc", "point"])
def test_strokes_end_round_as_a_round_capped_pen_does(shape: str) -> None:
    width = 12.0
    drawn, reference = _image(), _image()
    for image, strokes in ((drawn, True), (reference, False)):
        p = QPainter(image)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        if strokes:
            s = paint.Strokes(p, "#000000", width)
        else:
            pen = QPen(QColor("#000000"))
            pen.setWidthF(width)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
        target = s if strokes else p
        if shape == "line":
            target.drawLine(QPointF(15, 15), QPointF(100, 45))
        elif shape == "arc":
            target.drawArc(QRectF(20, 10, 80, 80), 0, 180 * 16)
        else:
            target.drawPoint(QPointF(60, 30))
        p.end()
    ink = sum(drawn.pixelColor(x, y).red() < 128 for y in range(drawn.height()) for x in range(120))
    assert ink > 100  # something was drawn
    # The ends, square in a plain stroke, are round: only antialiased edge pixels differ.
    assert _differing(drawn, reference) <= ink // 25


def test_every_icon_draws_with_no_pen_set(qtbot: QtBot) -> None:
    """Icons draw through ``Strokes`` alone: the painter's own pen (white here) is never used."""
    for name in ICONS:
        image = _image()
        image.fill(QColor("#ffffff"))
        p = QPainter(image)
        p.setPen(QColor("#ffffff"))
        paint_icon(p, name, QRect(0, 0, 60, 60), "#000000")
        p.end()
        dark = sum(image.pixelColor(x, y).red() < 100 for y in range(60) for x in range(60))
        assert dark > 30, name


@pytest.mark.parametrize("role", ["plain", "primary", "staff"])
def test_a_button_s_words_are_drawn_in_its_colour_and_pressed_in_the_text_colour(
    qtbot: QtBot, role: str
) -> None:
    look = Look(THEME_BY_NAME["standard"], "standard", False, 4.0)
    button = BigButton(look, "████", role=role)  # type: ignore[arg-type]
    qtbot.addWidget(button)
    button.resize(400, 140)
    button.show()
    qtbot.waitExposed(button)
    fg, _bg = button.colours()

    def ink() -> set[str]:
        image = button.grab().toImage()
        y = button.height() // 2
        return {image.pixelColor(x, y).name() for x in range(150, 250)}

    assert QColor(fg).name() in ink()
    button.setDown(True)
    assert QColor(look.theme.text).name() in ink()
    button.setDown(False)
    assert QColor(fg).name() in ink()


def test_a_button_needs_no_second_paint_for_its_colours() -> None:
    """Its words' colour is in its palette from the start: the first paint asks for no other."""
    look = Look(THEME_BY_NAME["dark"], "standard", False, 4.0)
    button = BigButton(look, "OK", role="primary")
    text = button.palette().color(button.palette().ColorRole.ButtonText)
    assert text.name() == QColor(button.colours()[0]).name()


def test_a_stroked_shape_is_one_path(qtbot: QtBot) -> None:
    """Closed shapes are stroked whole, without ends to round (no dots at their corners)."""
    image = _image()
    p = QPainter(image)
    s = paint.Strokes(p, "#000000", 4.0)
    path = QPainterPath()
    path.addRect(QRectF(20, 10, 60, 40))
    s.drawPath(path)
    p.end()
    assert image.pixelColor(50, 30).name() == "#ffffff"  # hollow
    assert image.pixelColor(20, 30).name() == "#000000"  # its edge
