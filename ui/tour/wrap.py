"""Where words are broken across lines: "呼叫工作人/员", "对比度：标/准", "挂/失", "Extens/ions".

Qt wraps at word boundaries or, when a word does not fit, anywhere; and between any two Chinese
characters. A line break is taken as breaking a word when it splits letters or digits of one
Latin word, or splits a short run of Chinese characters (a word or a short phrase such as a
button's label), or leaves a single character of a longer run alone on a line.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextLayout, QTextOption

SHORT_RUN = 6  # Chinese characters in a run (between punctuation) that make a word or a label


def line_starts(text: str, font: QFont, width: float) -> list[int]:
    """Where each line after the first starts, as Qt lays the text out at ``width``."""
    layout = QTextLayout(text, font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    layout.setTextOption(option)
    starts: list[int] = []
    layout.beginLayout()
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        if line.textStart() > 0:
            starts.append(line.textStart())
    layout.endLayout()
    return starts


def _han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def _latin(ch: str) -> bool:
    return ch.isascii() and ch.isalnum()


def broken_at(text: str, at: int) -> bool:
    if at <= 0 or at >= len(text):
        return False
    before, after = text[at - 1], text[at]
    if _latin(before) and _latin(after):
        return True
    if not (_han(before) and _han(after)):
        return False
    start = at
    while start > 0 and _han(text[start - 1]):
        start -= 1
    end = at
    while end < len(text) and _han(text[end]):
        end += 1
    run = end - start
    return run <= SHORT_RUN or at - start == 1 or end - at == 1


def broken_words(text: str, font: QFont, width: float) -> list[str]:
    """Each broken word shown with a slash where the line breaks ("呼叫工作人/员")."""
    out = []
    for at in line_starts(text, font, width):
        if broken_at(text, at):
            lo, hi = max(0, at - 6), min(len(text), at + 6)
            out.append(f"{text[lo:at]}/{text[at:hi]}".strip())
    return out
