"""Measurements of a screen as drawn: what it shows, its smallest target and gap, its smallest
capital letters and its lowest contrast. The tour writes them to the manifest; tests assert them.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QWidget

from ui.theme import contrast
from ui.widgets.button import BigButton
from ui.widgets.text import Label


@dataclass(frozen=True)
class Measures:
    texts: list[str]
    smallest_target_mm: float
    smallest_gap_mm: float
    smallest_capital_mm: float
    lowest_text_contrast: float
    lowest_border_contrast: float
    clipped: list[str]  # texts given less height than they need: cut off on the screen

    def as_dict(self) -> dict[str, object]:
        return {
            "text_shown": self.texts,
            "smallest_target_mm": round(self.smallest_target_mm, 1),
            "smallest_gap_mm": round(self.smallest_gap_mm, 1),
            "smallest_capital_mm": round(self.smallest_capital_mm, 2),
            "lowest_text_contrast": round(self.lowest_text_contrast, 2),
            "lowest_border_contrast": round(self.lowest_border_contrast, 2),
            "clipped": self.clipped,
        }


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0


def _rect(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


def _gap(a: QRect, b: QRect) -> float:
    dx = max(b.left() - a.right() - 1, a.left() - b.right() - 1, 0)
    dy = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1, 0)
    return float(max(dx, dy))


def measure(root: QWidget, pixels_per_mm: float) -> Measures:
    buttons = [b for b in root.findChildren(BigButton) if _shown(b, root)]
    labels = [lb for lb in root.findChildren(Label) if _shown(lb, root) and lb.text().strip()]
    texts = [lb.text() for lb in labels]
    for b in buttons:
        texts.append(b.text() + (f" / {b.sub}" if b.sub else ""))
    rects = [_rect(b, root) for b in buttons]
    smallest = min((min(r.width(), r.height()) for r in rects), default=0)
    gaps = [_gap(a, b) for i, a in enumerate(rects) for b in rects[i + 1 :] if not a.intersects(b)]
    caps = [QFontMetricsF(lb.font()).capHeight() for lb in labels]
    caps += [QFontMetricsF(b.look.font()).capHeight() for b in buttons]
    text_contrasts = [contrast(lb.fg, lb.bg) for lb in labels]
    text_contrasts += [contrast(*b.colours()) for b in buttons]
    borders = [
        contrast(b.look.theme.border, b.look.theme.background) for b in buttons if b.role == "plain"
    ]
    clipped = [b.text() for b in buttons if b.height() + 1 < b.heightForWidth(b.width())]
    clipped += [
        lb.text()
        for lb in labels
        if lb.wordWrap() and lb.height() + 1 < lb.heightForWidth(lb.width())
    ]
    return Measures(
        texts=texts,
        smallest_target_mm=smallest / pixels_per_mm,
        smallest_gap_mm=(min(gaps) if gaps else 0.0) / pixels_per_mm,
        smallest_capital_mm=(min(caps) if caps else 0.0) / pixels_per_mm,
        lowest_text_contrast=min(text_contrasts, default=21.0),
        lowest_border_contrast=min(borders, default=21.0),
        clipped=clipped,
    )
