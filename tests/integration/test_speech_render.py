"""Real speech: pyttsx3 + espeak-ng render Mandarin and English WAVs that hold speech."""

from __future__ import annotations

import array
import ctypes.util
import math
import re
import shutil
import subprocess
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.cli import main
from kiosk.speech.normalize import speakable
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


# ---- Cantonese -------------------------------------------------------------------------------

YUE = "请到三至五号窗口办理，应缴¥1,234.50，二零二六年十一月二十六号。"


def pcm(path: Path) -> bytes:
    with wave.open(str(path), "rb") as wav:
        return wav.readframes(wav.getnframes())


def espeak_wav(voice: str, rate: int, text: str, out: Path) -> Path:
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(out), text], check=True)
    return out


def phonemes(voice: str, text: str) -> str:
    return subprocess.run(
        ["espeak-ng", "-q", "-x", "-v", voice, text], capture_output=True, text=True, check=True
    ).stdout


def test_cantonese_wav_is_espeak_cantonese_not_mandarin(synth: Synthesizer, tmp_path: Path) -> None:
    path = synth.request(YUE, "yue").result(30)
    assert path is not None
    seconds, rms = duration_and_rms(path)
    assert seconds > 3.0 and rms > 0.02
    spoken = speakable(YUE, "yue")
    # pyttsx3 drives the same libespeak-ng: the WAV lasts what the sit/yue voice makes of the
    # text (samples differ a little after other renders), and the Mandarin voice takes far longer.
    ours = len(pcm(path))
    yue = len(pcm(espeak_wav("sit/yue", synth.rate_wpm, spoken, tmp_path / "y.wav")))
    cmn = len(pcm(espeak_wav(PINYIN_VOICE, synth.rate_wpm, spoken, tmp_path / "c.wav")))
    assert abs(ours - yue) / yue < 0.02, (ours, yue)
    assert abs(ours - cmn) / cmn > 0.10, (ours, cmn)


@pytest.mark.parametrize(
    ("text", "jyutping"),
    [
        ("一千二百三十四元五角", ["j'a1t", "c'i1n", "j'yu4n", "g'o3k"]),
        ("两点正", ["l'oeng5", "d'i2m", "z'ing3"]),
        ("二十六号", ["j'i6", "s'a6p", "h'ou6"]),
        ("参保缴费", []),
        ("星号星号", ["s'ing1", "h'ou6"]),
    ],
)
def test_cantonese_words_are_read_in_cantonese(text: str, jyutping: list[str]) -> None:
    said = phonemes("sit/yue", text)
    # Cantonese carries one tone digit (1 to 6) a syllable; Mandarin's voice writes tone contours
    # (55, 35, 214, 51); a switch to English reads "(en)".
    assert "(en)" not in said and any(c.isdigit() for c in said), said
    assert not re.search(r"[0-9]{2}", said), said
    for syllable in jyutping:
        assert syllable in said, said


def test_kiosk_say_show_prints_the_cantonese_spoken_form(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["say", "¥1,234.50元 3-5号窗口 2026-11-26", "--lang", "yue", "--show"]) == 0
    assert capsys.readouterr().out.strip() == (
        "一千二百三十四元五角 三至五号窗口 二零二六年十一月二十六号"
    )


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
