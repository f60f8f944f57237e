"""Mixed-language speech: a text cut where its script changes, each part for a voice that reads it.

The Mandarin voice reads English words as pinyin ("English" becomes nonsense) and the English
voice spells Chinese characters out as "Chinese letter"; so a Chinese text's English words
(two letters or more: "English", "Call staff", "PIN") go to the English voice, and an English
text's Chinese (a helper's name) to the Mandarin voice. Words marked as in a language
(``kiosk.text.in_language``: a language's own name, 粤语 or 中文, and its words) go to that
language's voice whatever their script: the script cannot tell Cantonese from Mandarin. Single
letters stay with the text's voice: a ticket's "B" or a code's "G S" are said as Chinese people
say letters. The parts are rendered one by one and
joined into one WAV (``join_wavs``), the silence that ends each part but the last cut short.
"""

from __future__ import annotations

import re
import sys
import wave
from array import array
from collections.abc import Mapping, Sequence
from pathlib import Path

from kiosk.text import VOICED

_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Words in Latin letters, two or more letters to the first word, with what joins them.
LATIN = re.compile(r"[A-Za-z][A-Za-z'’]+(?:[ \t,.:;!?'’&/-]+[A-Za-z][A-Za-z'’]*)*")
# Chinese characters, with the spaces and punctuation between them.
HAN = re.compile(f"[{_HAN}]+(?:[\\s,，、。：:;；·]*[{_HAN}]+)*")
_SAYABLE = re.compile(f"[A-Za-z0-9{_HAN}]")
KEEP_SILENCE_S = 0.08  # between two parts: a short breath, not espeak-ng's sentence pause
QUIET = 64  # a sample quieter than this is silence


def voice_parts(text: str, family: str, voices: Mapping[str, str]) -> list[tuple[str, str]]:
    """``text`` as (voice, words) parts in order, for a text of normaliser ``family``.

    ``voices``: each language code's voice (``zh``, ``yue``, ``en``, ...). Words marked with
    their language (``kiosk.text.in_language``) go to its voice, without their marks; the rest
    is cut where its script changes. A text all in its own script is one part; an empty text,
    none.
    """
    own = voices.get(family, "")
    parts: list[tuple[str, str]] = []
    at = 0
    for match in VOICED.finditer(text):
        _by_script(parts, text[at : match.start()], family, voices)
        _add(parts, voices.get(match.group(1)) or own, match.group(2))
        at = match.end()
    _by_script(parts, text[at:], family, voices)
    return parts


def _by_script(
    parts: list[tuple[str, str]], text: str, family: str, voices: Mapping[str, str]
) -> None:
    """Append ``text``'s parts: in the other script (English in Chinese, Chinese in English)
    to the voice that reads it, the rest to the text's own."""
    own = voices.get(family, "")
    if family == "en":
        pattern, other = HAN, voices.get("zh", "")
    else:
        pattern, other = LATIN, voices.get("en", "")
    if not other or other == own:
        _add(parts, own, text)
        return
    at = 0
    for match in pattern.finditer(text):
        _add(parts, own, text[at : match.start()])
        _add(parts, other, match.group(0))
        at = match.end()
    _add(parts, own, text[at:])


def _add(parts: list[tuple[str, str]], voice: str, words: str) -> None:
    """Append a part; what it starts with that says nothing (a full stop, a space) ends the
    part before, and two of the same voice become one."""
    if not words:
        return
    first = _SAYABLE.search(words)
    lead = words[: first.start()] if first else words
    if parts and lead:
        parts[-1] = (parts[-1][0], parts[-1][1] + lead)
        words = words[len(lead) :]
        if not words:
            return
    if parts and (parts[-1][0] == voice or not _SAYABLE.search(words)):
        parts[-1] = (parts[-1][0], parts[-1][1] + words)
    elif _SAYABLE.search(words) or not parts:
        parts.append((voice, words))


def join_wavs(pieces: Sequence[Path], out: Path) -> bool:
    """The WAVs ``pieces`` one after another in ``out``; the silence at the end of each but the
    last cut to a breath. False (nothing written) when their formats differ."""
    frames: list[bytes] = []
    params = None
    for n, piece in enumerate(pieces):
        with wave.open(str(piece), "rb") as wav:
            these = (wav.getnchannels(), wav.getsampwidth(), wav.getframerate())
            if params is None:
                params = these
            elif these != params:
                return False
            data = wav.readframes(wav.getnframes())
        if n < len(pieces) - 1:
            data = _trim_end(data, *these)
        frames.append(data)
    if params is None:
        return False
    channels, width, rate = params
    with wave.open(str(out), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(width)
        wav.setframerate(rate)
        wav.writeframes(b"".join(frames))
    return True


def _trim_end(data: bytes, channels: int, width: int, rate: int) -> bytes:
    """16-bit audio with its trailing silence cut to ``KEEP_SILENCE_S``; other widths kept."""
    if width != 2:
        return data
    samples = array("h")
    samples.frombytes(data[: len(data) - len(data) % 2])
    if sys.byteorder == "big":  # a WAV's samples are little-endian
        samples.byteswap()
    end = len(samples)
    while end > 0 and abs(samples[end - 1]) < QUIET:
        end -= 1
    keep = min(len(samples), end + int(KEEP_SILENCE_S * rate) * channels)
    keep -= keep % channels
    kept = samples[:keep]
    if sys.byteorder == "big":
        kept.byteswap()
    return kept.tobytes()
