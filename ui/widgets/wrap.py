"""Words kept whole across lines, and where they are still broken ("呼叫工作人/员", "标/准").

Qt wraps at word boundaries or, when a word does not fit, anywhere; and between any two Chinese
characters. With no full dictionary, Chinese words are approximated: a short run of Chinese
characters between punctuation (a label, a word, a short phrase) is one word; a longer run is
cut into the words of a small vocabulary of the kiosk's own (assets/words-zh.txt: 身份证号码,
工作人员, 不需要...) and single characters, may break between them, and never leaves its last
character alone on a line. ``keep_words`` joins what must stay together with WORD JOINER
(U+2060, honoured by Qt's line breaking) for display; what still breaks is measured for the
tour (ui.tour.broken).
"""

from __future__ import annotations

from pathlib import Path

SHORT_RUN = 6  # Chinese characters in a run (between punctuation) that make a word or a label
JOIN = "\u2060"  # WORD JOINER: no line break here
WORDS_FILE = Path(__file__).resolve().parents[2] / "assets" / "words-zh.txt"


def _vocabulary(path: Path = WORDS_FILE) -> dict[str, tuple[str, ...]]:
    """The vocabulary by first character, longest words first."""
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    words = sorted({w.strip() for w in lines if w.strip() and not w.startswith("#")}, key=len)
    by_first: dict[str, tuple[str, ...]] = {}
    for word in reversed(words):
        by_first[word[0]] = (*by_first.get(word[0], ()), word)
    return by_first


VOCABULARY = _vocabulary()


def segments(run: str) -> list[str]:
    """A run of Chinese characters cut into the vocabulary's words (the longest that fits,
    from the left) and single characters."""
    out: list[str] = []
    i = 0
    while i < len(run):
        word = next((w for w in VOCABULARY.get(run[i], ()) if run.startswith(w, i)), run[i])
        out.append(word)
        i += len(word)
    return out


def keep_words(text: str) -> str:
    """``text`` for display: short Chinese runs and known words unbreakable, no last
    character alone."""
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
            parts = [JOIN.join(word) for word in segments(run)]
            if (
                len(parts) > 1 and len(parts[-1]) == 1
            ):  # a last character alone: with the one before
                parts[-2:] = [parts[-2] + JOIN + parts[-1]]
            out.append("".join(parts))
        i = end
    return "".join(out)


def is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"
