"""Words kept whole across lines, and where they are still broken ("呼叫工作人/员", "标/准").

Qt wraps at word boundaries or, when a word does not fit, anywhere; and between any two Chinese
characters. With no dictionary at hand, Chinese words are approximated: a short run of Chinese
characters between punctuation (a label, a word, a short phrase) is one word, and a longer run
may break anywhere but never leave its last character alone on a line. ``keep_words`` joins
them with WORD JOINER (U+2060, honoured by Qt's line breaking) for display; what still breaks
is measured for the tour (ui.tour.broken).
"""

from __future__ import annotations

SHORT_RUN = 6  # Chinese characters in a run (between punctuation) that make a word or a label
JOIN = "\u2060"  # WORD JOINER: no line break here


def keep_words(text: str) -> str:
    """``text`` for display: short Chinese runs unbreakable, no last character alone."""
    out: list[str] = []
    i = 0
    while i < len(text):
        if not is_han(text[i]):
            out.append(text[i])
            i += 1
            continue
        end = i
        while end < len(text) and is_han(text[end]):
            end += 1
        run = text[i:end]
        if len(run) <= SHORT_RUN:
            out.append(JOIN.join(run))
        else:
            out.append(run[:-1] + JOIN + run[-1])
        i = end
    return "".join(out)


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
