"""What home is drawn with, made without Qt's namespace.

PySide6 makes the ``Qt`` namespace's 93 Python enums all at once, the first time any of them is
used: about 15 ms, an eighth of a bare window's whole start. Home is drawn first, so nothing it
draws with may use them (docs/architecture.md, "The start of kiosk run"; held by
tests/ui/test_start_namespace.py): not ``Qt.AlignmentFlag``, and not a call whose overloads
take one either, such as ``QPainter.setPen`` and ``setBrush``, ``QPen(QColor)`` and
``QBrush(QColor)``: PySide6 looks at every overload's enum while it picks one. So text flags
are numbers here (``drawText`` and ``boundingRect`` take an int), and shapes are filled and
stroked through ``fillPath`` and ``strokePath``, which have one overload each, with the brushes
and pens made below.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QBrush, QColor, QPainter, QPainterPath, QPen

# Qt::AlignmentFlag and Qt::TextFlag, as the ints QPainter.drawText takes.
ALIGN_LEFT = 0x0001
ALIGN_HCENTER = 0x0004
ALIGN_TOP = 0x0020
TEXT_WORD_WRAP = 0x1000
DASHES = [4.0, 2.0]  # Qt::DashLine's, in pen widths


def pen(colour: str, width: float) -> QPen:
    """A solid pen of ``colour``, ``width`` pixels wide, with square ends."""
    made = QPen()
    made.setColor(QColor(colour))
    made.setWidthF(width)
    return made


def brush(colour: str) -> QBrush:
    """A solid brush of ``colour``: a pen's (``QBrush``'s constructors take Qt's enums too)."""
    return pen(colour, 1).brush()


class Strokes:
    """The part of QPainter's drawing API the icons use, drawn with round line ends.

    A round end needs ``QPen.setCapStyle`` and Qt's namespace, so it is drawn the other way:
    an open line or curve is stroked (square ends) short of each end by half the pen's width,
    and a dot as wide as the pen is put at each end; the square end then stops at the line's
    end, and the dot rounds it, which is what a round cap draws. Closed shapes have no ends."""

    def __init__(self, painter: QPainter, colour: str, width: float) -> None:
        self.painter, self.width = painter, width
        self.pen, self.fill = pen(colour, width), brush(colour)

    def drawPath(self, path: QPainterPath) -> None:
        """A closed shape."""
        self.painter.strokePath(path, self.pen)

    def drawRect(self, rect: QRectF) -> None:
        path = QPainterPath()
        path.addRect(rect)
        self.drawPath(path)

    def drawRoundedRect(self, rect: QRectF, rx: float, ry: float) -> None:
        path = QPainterPath()
        path.addRoundedRect(rect, rx, ry)
        self.drawPath(path)

    def drawEllipse(self, centre: QPointF | QRectF, rx: float = 0, ry: float = 0) -> None:
        path = QPainterPath()
        if isinstance(centre, QRectF):
            path.addEllipse(centre)
        else:
            path.addEllipse(centre, rx, ry)
        self.drawPath(path)

    def drawPoint(self, at: QPointF) -> None:
        dot = QPainterPath()
        dot.addEllipse(at, self.width / 2, self.width / 2)
        self.painter.fillPath(dot, self.fill)

    def drawLine(self, start: QPointF, end: QPointF) -> None:
        path = QPainterPath(start)
        path.lineTo(end)
        self.drawOpen(path)

    def drawArc(self, rect: QRectF, start: int, span: int) -> None:
        """In sixteenths of a degree, as QPainter.drawArc."""
        path = QPainterPath()
        path.arcMoveTo(rect, start / 16)
        path.arcTo(rect, start / 16, span / 16)
        self.drawOpen(path)

    def drawOpen(self, path: QPainterPath) -> None:
        """An open line or curve, with round ends."""
        half, length = self.width / 2, path.length()
        if length > self.width:
            first, last = path.percentAtLength(half), path.percentAtLength(length - half)
            steps = 1 if path.elementCount() == 2 else 24  # a straight line, or a curve
            short = QPainterPath(path.pointAtPercent(first))
            for step in range(1, steps + 1):
                short.lineTo(path.pointAtPercent(first + (last - first) * step / steps))
            self.painter.strokePath(short, self.pen)
        self.drawPoint(path.pointAtPercent(0))
        self.drawPoint(path.pointAtPercent(1))
