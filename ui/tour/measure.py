"""Measurements of a screen as drawn: what it shows, its smallest target and gap, its smallest
capital letters and its lowest contrast, how near a control comes to the panel's edge and
whether one is cut off. The tour writes them to the manifest; tests assert them.

The smallest capitals are the resident's text, which follows the size they chose; the staff
panels' words keep the staff's own size (ui.assist.style.LOOK) and are left out of that figure,
not out of the others (cut off, broken, contrast).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QAbstractButton, QWidget

from ui.assist.style import PANEL
from ui.theme import contrast
from ui.tour.broken import broken_words
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
    lowest_focus_contrast: float  # the focus ring against the control and what surrounds it
    clipped: list[str]  # texts given less height than they need: cut off on the screen
    broken: list[str]  # words broken across lines ("呼叫工作人/员")
    smallest_edge_mm: float  # the nearest any control comes to the panel's edge
    nearest_edge: str  # that control's words
    cut_off: list[str]  # controls partly outside what holds them: not all of them is drawn

    def as_dict(self) -> dict[str, object]:
        return {
            "text_shown": self.texts,
            "smallest_target_mm": round(self.smallest_target_mm, 1),
            "smallest_gap_mm": round(self.smallest_gap_mm, 1),
            "smallest_capital_mm": round(self.smallest_capital_mm, 2),
            "lowest_text_contrast": round(self.lowest_text_contrast, 2),
            "lowest_border_contrast": round(self.lowest_border_contrast, 2),
            "lowest_focus_contrast": round(self.lowest_focus_contrast, 2),
            "clipped": self.clipped,
            "broken_words": self.broken,
            "smallest_edge_mm": round(self.smallest_edge_mm, 1),
            "nearest_edge": self.nearest_edge,
            "cut_off": self.cut_off,
        }


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget.isVisibleTo(root) and widget.width() > 0


def _rect(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


def _gap(a: QRect, b: QRect) -> float:
    dx = max(b.left() - a.right() - 1, a.left() - b.right() - 1, 0)
    dy = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1, 0)
    return float(max(dx, dy))


def _edge(rect: QRect, root: QWidget) -> int:
    """Pixels between the rectangle and the nearest edge of the panel (negative: past it)."""
    return min(
        rect.left(), rect.top(), root.width() - 1 - rect.right(), root.height() - 1 - rect.bottom()
    )


def _cut_off(widget: QWidget, root: QWidget) -> bool:
    """Part of the control lies outside one of the widgets holding it, the window included:
    that part is not drawn (a layout that ran out of room, a margin of zero at an edge)."""
    rect = _rect(widget, root)
    drawn = rect
    node = widget.parentWidget()
    while node is not None:
        drawn = drawn.intersected(_rect(node, root))
        if node is root:
            break
        node = node.parentWidget()
    return drawn != rect


def _in_staff_panel(widget: QWidget, root: QWidget) -> bool:
    node: QWidget | None = widget
    while node is not None:
        if node.objectName() == PANEL:
            return True
        if node is root:
            return False
        node = node.parentWidget()
    return False


def _words(control: QAbstractButton) -> str:
    return control.text() or control.accessibleName()


def focus_contrast(button: BigButton) -> float:
    """The lowest contrast of the button's focus ring, as drawn: its outer stroke against the
    page and the panels, its inner stroke against the button's fill."""
    theme = button.look.theme
    _text, fill = button.colours()
    pairs = [(theme.focus, theme.background), (theme.focus, theme.muted_bg)]
    pairs.append((theme.focus_on(fill), fill))
    return min(contrast(a, b) for a, b in pairs)


def measure(root: QWidget, pixels_per_mm: float) -> Measures:
    buttons = [b for b in root.findChildren(BigButton) if _shown(b, root)]
    labels = [lb for lb in root.findChildren(Label) if _shown(lb, root) and lb.text().strip()]
    texts = [lb.text() for lb in labels]
    for b in buttons:
        texts.append(b.text() + (f" / {b.sub}" if b.sub else ""))
    rects = [_rect(b, root) for b in buttons]
    smallest = min((min(r.width(), r.height()) for r in rects), default=0)
    gaps = [_gap(a, b) for i, a in enumerate(rects) for b in rects[i + 1 :] if not a.intersects(b)]
    caps = [QFontMetricsF(lb.font()).capHeight() for lb in labels if not _in_staff_panel(lb, root)]
    caps += [QFontMetricsF(b.look.font()).capHeight() for b in buttons]
    text_contrasts = [contrast(lb.fg, lb.bg) for lb in labels]
    text_contrasts += [contrast(*b.colours()) for b in buttons]
    borders = [
        contrast(b.look.theme.border, b.look.theme.background) for b in buttons if b.role == "plain"
    ]
    focus = [focus_contrast(b) for b in buttons]
    clipped = [b.text() for b in buttons if b.height() + 1 < b.heightForWidth(b.width())]
    clipped += [
        lb.text()
        for lb in labels
        if lb.wordWrap() and lb.height() + 1 < lb.heightForWidth(lb.width())
    ]
    # Every control, the staff panels' and the staff control (plain push buttons) too.
    controls = [c for c in root.findChildren(QAbstractButton) if _shown(c, root)]
    edges = sorted(((_edge(_rect(c, root), root), _words(c)) for c in controls), key=lambda e: e[0])
    cut_off = [_words(c) for c in controls if _cut_off(c, root)]
    broken: list[str] = []
    for b in buttons:
        width = b.text_width()
        broken += broken_words(b.text(), b.look.font(bold=True), width)
        if b.sub:
            broken += broken_words(b.sub, b.look.font(), width)
    for lb in labels:
        if lb.wordWrap():
            broken += broken_words(lb.text(), lb.font(), lb.contentsRect().width())
    return Measures(
        texts=texts,
        smallest_target_mm=smallest / pixels_per_mm,
        smallest_gap_mm=(min(gaps) if gaps else 0.0) / pixels_per_mm,
        smallest_capital_mm=(min(caps) if caps else 0.0) / pixels_per_mm,
        lowest_text_contrast=min(text_contrasts, default=21.0),
        lowest_border_contrast=min(borders, default=21.0),
        lowest_focus_contrast=min(focus, default=21.0),
        clipped=clipped,
        broken=broken,
        smallest_edge_mm=(edges[0][0] if edges else 0) / pixels_per_mm,
        nearest_edge=edges[0][1] if edges else "",
        cut_off=cut_off,
    )
