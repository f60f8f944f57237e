"""Simple line icons painted with QPainter, so they scale with the text and take the theme colour.

No image files and no emoji font: every icon is a few strokes, thick enough to read at 3:1.
An unknown name paints a plain circle rather than nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from ui.widgets.paint import Strokes

Draw = Callable[[Strokes, QRectF], None]


def _record(p: Strokes, r: QRectF) -> None:
    p.drawRoundedRect(r.adjusted(r.width() * 0.15, 0, -r.width() * 0.15, 0), 4, 4)
    for i in range(3):
        y = r.top() + r.height() * (0.3 + 0.2 * i)
        p.drawLine(QPointF(r.left() + r.width() * 0.3, y), QPointF(r.right() - r.width() * 0.3, y))


def _certificate(p: Strokes, r: QRectF) -> None:
    _record(p, r)
    p.drawEllipse(
        QPointF(r.right() - r.width() * 0.22, r.bottom() - r.height() * 0.18),
        r.width() * 0.12,
        r.width() * 0.12,
    )


def _card(p: Strokes, r: QRectF) -> None:
    card = r.adjusted(0, r.height() * 0.18, 0, -r.height() * 0.18)
    p.drawRoundedRect(card, 4, 4)
    y = card.top() + card.height() * 0.3
    p.drawLine(QPointF(card.left(), y), QPointF(card.right(), y))
    p.drawRect(
        QRectF(
            card.left() + card.width() * 0.1,
            card.top() + card.height() * 0.55,
            card.width() * 0.25,
            card.height() * 0.25,
        )
    )


def _pension(p: Strokes, r: QRectF) -> None:
    p.drawEllipse(
        r.adjusted(r.width() * 0.1, r.height() * 0.1, -r.width() * 0.1, -r.height() * 0.1)
    )
    c = r.center()
    p.drawLine(QPointF(c.x() - r.width() * 0.15, c.y() - r.height() * 0.2), c)
    p.drawLine(QPointF(c.x() + r.width() * 0.15, c.y() - r.height() * 0.2), c)
    p.drawLine(c, QPointF(c.x(), c.y() + r.height() * 0.25))
    p.drawLine(QPointF(c.x() - r.width() * 0.15, c.y()), QPointF(c.x() + r.width() * 0.15, c.y()))


def _phone(p: Strokes, r: QRectF) -> None:
    body = r.adjusted(r.width() * 0.28, 0, -r.width() * 0.28, 0)
    p.drawRoundedRect(body, 4, 4)
    p.drawLine(
        QPointF(body.center().x() - 3, body.bottom() - r.height() * 0.1),
        QPointF(body.center().x() + 3, body.bottom() - r.height() * 0.1),
    )


def _ticket(p: Strokes, r: QRectF) -> None:
    body = r.adjusted(0, r.height() * 0.2, 0, -r.height() * 0.2)
    p.drawRect(body)
    x = body.left() + body.width() * 0.3
    p.drawLine(QPointF(x, body.top()), QPointF(x, body.bottom()))


def _guide(p: Strokes, r: QRectF) -> None:
    c = r.center()
    p.drawEllipse(
        r.adjusted(r.width() * 0.1, r.height() * 0.1, -r.width() * 0.1, -r.height() * 0.1)
    )
    p.drawLine(QPointF(c.x(), c.y() - r.height() * 0.05), QPointF(c.x(), c.y() + r.height() * 0.25))
    p.drawPoint(QPointF(c.x(), c.y() - r.height() * 0.22))


def _warning(p: Strokes, r: QRectF) -> None:
    path = QPainterPath()
    path.moveTo(r.center().x(), r.top() + 2)
    path.lineTo(r.right() - 2, r.bottom() - 2)
    path.lineTo(r.left() + 2, r.bottom() - 2)
    path.closeSubpath()
    p.drawPath(path)
    c = r.center()
    p.drawLine(
        QPointF(c.x(), r.top() + r.height() * 0.35), QPointF(c.x(), r.top() + r.height() * 0.65)
    )
    p.drawPoint(QPointF(c.x(), r.top() + r.height() * 0.8))


def _check(p: Strokes, r: QRectF) -> None:
    p.drawLine(
        QPointF(r.left() + r.width() * 0.15, r.center().y()),
        QPointF(r.left() + r.width() * 0.42, r.bottom() - r.height() * 0.2),
    )
    p.drawLine(
        QPointF(r.left() + r.width() * 0.42, r.bottom() - r.height() * 0.2),
        QPointF(r.right() - r.width() * 0.1, r.top() + r.height() * 0.2),
    )


def _info(p: Strokes, r: QRectF) -> None:
    _guide(p, r)


def _person(p: Strokes, r: QRectF) -> None:
    p.drawEllipse(
        QPointF(r.center().x(), r.top() + r.height() * 0.28), r.width() * 0.18, r.width() * 0.18
    )
    p.drawArc(
        r.adjusted(r.width() * 0.15, r.height() * 0.52, -r.width() * 0.15, r.height() * 0.4),
        0,
        180 * 16,
    )


def _face(level: int) -> Draw:
    """Five faces, 0 = very satisfied ... 4 = very dissatisfied: the mouth bends with the level."""

    def draw(p: Strokes, r: QRectF) -> None:
        p.drawEllipse(r.adjusted(2, 2, -2, -2))
        eye = r.width() * 0.06
        for dx in (-0.17, 0.17):
            p.drawEllipse(
                QPointF(r.center().x() + r.width() * dx, r.top() + r.height() * 0.38), eye, eye
            )
        bend = (2 - level) * 0.09 * r.height()
        y = r.top() + r.height() * 0.66
        path = QPainterPath()
        path.moveTo(r.left() + r.width() * 0.3, y)
        path.quadTo(QPointF(r.center().x(), y + bend * 2), QPointF(r.right() - r.width() * 0.3, y))
        p.drawOpen(path)

    return draw


def _circle(p: Strokes, r: QRectF) -> None:
    p.drawEllipse(r)


ICONS: dict[str, Draw] = {
    "record": _record,
    "certificate": _certificate,
    "card": _card,
    "pension": _pension,
    "phone": _phone,
    "ticket": _ticket,
    "guide": _guide,
    "warning": _warning,
    "check": _check,
    "info": _info,
    "person": _person,
    **{f"face{i}": _face(i) for i in range(5)},
}


def paint_icon(p: QPainter, name: str, rect: QRect, colour: str) -> None:
    p.save()
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    strokes = Strokes(p, colour, max(2.0, rect.width() / 14))
    ICONS.get(name, _circle)(strokes, QRectF(rect).adjusted(2, 2, -2, -2))
    p.restore()


class Icon(QWidget):
    """An icon on its own (beside an error or a result); decorative, so it takes no focus."""

    def __init__(self, name: str, colour: str, px: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name, self.colour = name, colour
        self.setFixedSize(px, px)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        paint_icon(p, self.name, self.rect(), self.colour)
        p.end()
