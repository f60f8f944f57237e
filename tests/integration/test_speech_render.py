"""Real speech: pyttsx3 + espeak-ng render Mandarin and English WAVs that hold speech."""

from __future__ import annotations

import array
import ctypes.util
import math
import shutil
import subprocess
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.speech.synth import Synthesizer

HAVE_ESPEAK = bool(ctypes.util.find_library("espeak-ng")) and bool(shutil.which("espeak-ng"))
pytestmark = [
    pytest.mark.speech,
    pytest.mark.skipif(not HAVE_ESPEAK, reason="espeak-ng is not installed"),
]

ZH = "请将身份证放在读卡区，参保缴费证明打印请找工作人员。"
EN = "Please place your ID card on the reader."
PINYIN_VOICE = "sit/cmn-latn-pinyin"


def duration_and_rms(path: Path) -> tuple[float, float]:
    with wave.open(str(path)) as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        samples = array.array("h", wav.readframes(wav.getnframes()))
        seconds = wav.getnframes() / wav.getframerate()
    rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples))) / 32768
    return seconds, rms


@pytest.fixture(scope="module")
def synth(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Synthesizer]:
    with Synthesizer(tmp_path_factory.mktemp("speech-cache")) as s:
        assert s.ready.wait(10) and s.available, s.fault_message
        yield s


@pytest.mark.parametrize(
    ("text", "lang", "lo", "hi"), [(ZH, "zh", 3.0, 15.0), (EN, "en", 1.2, 6.0)]
)
def test_real_wav_holds_speech_of_plausible_length(
    synth: Synthesizer, text: str, lang: str, lo: float, hi: float
) -> None:
    path = synth.request(text, lang).result(30)
    assert path is not None
    seconds, rms = duration_and_rms(path)
    assert lo < seconds < hi, seconds
    assert rms > 0.02, rms  # not silence


def test_slow_is_longer_than_fast(synth: Synthesizer) -> None:
    slow = synth.request(EN, "en", rate=synth.rate_for("slow")).result(30)
    fast = synth.request(EN, "en", rate=synth.rate_for("fast")).result(30)
    assert slow is not None and fast is not None
    assert duration_and_rms(slow)[0] > duration_and_rms(fast)[0] * 1.2


def test_normalised_money_and_dates_are_spoken(synth: Synthesizer) -> None:
    path = synth.request("应缴¥1,234.50，截止2026-11-26", "zh").result(30)
    assert path is not None
    assert duration_and_rms(path)[0] > 3.0  # words, not "one two three four"


@pytest.mark.parametrize(
    "word", ["参保", "缴费", "证明", "打印", "工作人员", "身份证", "社保卡", "尾号幺二三四", "星号"]
)
def test_kiosk_words_are_read_as_mandarin_not_letters(word: str) -> None:
    phonemes = subprocess.run(
        ["espeak-ng", "-q", "-x", "-v", PINYIN_VOICE, word],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    # Mandarin syllables carry tone numbers; a switch to English reads "(en)" and letter names.
    assert "(en)" not in phonemes and any(c.isdigit() for c in phonemes), phonemes


def test_kiosk_say_renders_to_a_file(tmp_path: Path, synth: Synthesizer) -> None:
    synth.close()  # one live espeak engine per process: the command makes its own
    out = tmp_path / "say.wav"
    assert (
        main(
            [
                "say",
                "Ticket A023",
                "--lang",
                "en",
                "--out",
                str(out),
                "--data-dir",
                str(tmp_path / "data"),
            ]
        )
        == 0
    )
    seconds, rms = duration_and_rms(out)
    assert seconds > 1.0 and rms > 0.02
