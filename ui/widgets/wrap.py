"""Words kept whole across lines, and where they are still broken ("呼叫工作人/员", "标/准").

Qt wraps at word boundaries or, when a word does not fit, anywhere; and between any two Chinese
characters. With no dictionary at hand, Chinese words are approximated: a short run of Chinese
characters between punctuation (a label, a word, a short phrase) is one word, and a longer run
may break anywhere but never leave its last character alone on a line. ``keep_words`` joins
them with WORD JOINER (U+2060, honoured by Qt's line breaking) for display; ``broken_words``
measures what still breaks, as the tour reports it.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QTextLayout, QTextOption

SHORT_RUN = 6  # Chinese characters in a run (between punctuation) that make a word or a label
JOIN = "\u2060"  # WORD JOINER: no line break here


def keep_words(text: str) -> str:
    """``text`` for display: short Chinese runs unbreakable, no last character alone."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if not _han(text[i]):
            out.append(text[i])
            i += 1
            continue
        end = i
        while end < len(text) and _han(text[end]):
            end += 1
        run = text[i:end]
        if len(run) <= SHORT_RUN:
            out.append(JOIN.join(run))
        else:
            out.append(run[:-1] + JOIN + run[-1])
        i = end
    return "".join(out)


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
    if end - at == 1:
        return True  # the last character alone on a line
    if at - start == 1:
        return False  # a first character ("或", "秒" after a number) is mostly a word itself
    return end - start <= SHORT_RUN


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
