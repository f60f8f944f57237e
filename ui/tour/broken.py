"""Where words are still broken across lines: Qt's own line breaking of a text as shown
(ui.widgets.wrap.keep_words), measured for the tour's manifest and its tests."""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextLayout, QTextOption

from ui.widgets.wrap import JOIN, SHORT_RUN, is_han, keep_words, segments


def lines(text: str, font: QFont, width: float) -> list[tuple[int, float]]:
    """Each line's start and natural width, as Qt lays the text out at ``width`` with word
    wrap (what QLabel and QPainter's TextWordWrap do: a Latin word too long runs over)."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    out: list[tuple[int, float]] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        out.append((line.textStart(), line.naturalTextWidth()))
    layout.endLayout()
    return out


def line_starts(text: str, font: QFont, width: float) -> list[int]:
    """Where each line after the first starts."""
    return [start for start, _w in lines(text, font, width) if start > 0]


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def broken_at(text: str, at: int) -> bool:
    if at <= 0 or at >= len(text):
        return False
    before, after = text[at - 1], text[at]
    if _latin(before) and _latin(after):
        return True
    if not (is_han(before) and is_han(after)):
        return False
    start = at
    while start > 0 and is_han(text[start - 1]):
        start -= 1
    end = at
    while end < len(text) and is_han(text[end]):
        end += 1
    if end - at == 1:
        return True  # the last character alone on a line
    if end - start <= SHORT_RUN:
        return at - start != 1  # a first character ("或", "秒" after a number) is mostly a word
    cut, inside = start, False  # a long run: broken inside one of the vocabulary's words?
    for word in segments(text[start:end]):
        inside = inside or cut < at < cut + len(word)
        cut += len(word)
    return inside


def broken_words(text: str, font: QFont, width: float) -> list[str]:
    """Each broken word of ``text`` shown as displayed (``keep_words``) at ``width``, with a
    slash where the line breaks ("呼叫工作人/员"), and each line too wide for the room, ending
    in a bar where it is cut off ("呼叫工作人员|")."""
    shown = keep_words(text)
    out = []
    laid = lines(shown, font, width)
    for i, (start, natural) in enumerate(laid):
        if natural > width + 1:  # a word wider than the room: cut off at the edge
            end = laid[i + 1][0] if i + 1 < len(laid) else len(shown)
            out.append(shown[start:end].replace(JOIN, "").strip() + "|")
    for shown_at in (start for start, _w in laid if start > 0):
        at = shown_at - shown[:shown_at].count(JOIN)
        if broken_at(text, at):
            lo, hi = max(0, at - 6), min(len(text), at + 6)
            out.append(f"{text[lo:at]}/{text[at:hi]}".strip())
    return out
