"""Mixed-language speech: a Chinese text's English words in the English voice, an English text's
Chinese in the Mandarin voice, a language's own name (marked so) in its own voice whatever the
script, joined into one WAV."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest

from kiosk.speech.normalize import speakable
from kiosk.speech.segments import join_wavs, voice_parts
from kiosk.speech.synth import Synthesizer
from kiosk.text import in_language, languages, sentences, unvoiced
from tests.helpers.synth import WAIT, FakeEngine

VOICES = {lang.code: lang.voice for lang in languages()}
CMN, YUE, EN = VOICES["zh"], VOICES["yue"], VOICES["en"]


def test_english_words_in_chinese_go_to_the_english_voice() -> None:
    assert voice_parts("按钮：English。切换中文或英文", "zh", VOICES) == [
        (CMN, "按钮："),
        (EN, "English。"),
        (CMN, "切换中文或英文"),
    ]
    assert voice_parts("第二项，English，Switch to English", "zh", VOICES) == [
        (CMN, "第二项，"),
        (EN, "English，Switch to English"),
    ]
    assert voice_parts("请输入PIN码", "yue", VOICES) == [
        (YUE, "请输入"),
        (EN, "PIN"),
        (YUE, "码"),
    ]


def test_single_letters_stay_with_the_chinese_voice() -> None:
    for text in ("您的号码是 B零零一", "核验码 G S 六 B，幺 D D 三", "按 F三"):
        assert voice_parts(text, "zh", VOICES) == [(CMN, text)]


def test_chinese_in_english_goes_to_a_chinese_voice() -> None:
    assert voice_parts("李师傅 is on the way", "en", VOICES) == [
        (CMN, "李师傅 "),
        (EN, "is on the way"),
    ]
    home = "Item 1: 中文, 改用中文\nItem 2: Elder mode"
    assert voice_parts(home, "en", VOICES) == [
        (EN, "Item 1: "),
        (CMN, "中文, 改用中文\n"),
        (EN, "Item 2: Elder mode"),
    ]
    assert voice_parts("Plain English.", "en", VOICES) == [(EN, "Plain English.")]
    assert voice_parts("", "zh", VOICES) == []


def _item(name: str, about: str, code: str, lang: str) -> str:
    """A language's button as a screen in ``lang`` says it: its words marked with ``code``."""
    role = "Button: " if lang == "en" else "按钮："
    return sentences([role + in_language(name, code), in_language(about, code), "End"], lang)


def test_a_languages_own_name_is_said_in_its_voice_whatever_the_script() -> None:
    # On a Mandarin screen 粤语 is Cantonese, though both are Chinese script.
    assert voice_parts(_item("粤语", "改用粤语", "yue", "zh"), "zh", VOICES) == [
        (CMN, "按钮："),
        (YUE, "粤语。改用粤语。"),
        (EN, "End。"),
    ]
    # On a Cantonese screen 中文 is Mandarin.
    assert voice_parts(_item("中文", "改用中文", "zh", "yue"), "yue", VOICES) == [
        (YUE, "按钮："),
        (CMN, "中文。改用中文。"),
        (EN, "End。"),
    ]
    # On an English screen each Chinese name in its own language's voice.
    assert voice_parts(_item("粤语", "改用粤语", "yue", "en"), "en", VOICES) == [
        (EN, "Button: "),
        (YUE, "粤语. 改用粤语. "),
        (EN, "End."),
    ]
    assert voice_parts(_item("中文", "改用中文", "zh", "en"), "en", VOICES)[1] == (
        CMN,
        "中文. 改用中文. ",
    )
    # A name in the screen's own language and voice is one part with the rest.
    assert voice_parts("Button: " + in_language("English", "en") + ".", "en", VOICES) == [
        (EN, "Button: English.")
    ]


def test_the_marks_survive_the_normaliser_and_are_never_said(tmp_path: Path) -> None:
    text = "按钮：" + in_language("粤语", "yue") + "。第3项"
    assert unvoiced(speakable(text, "zh")) == "按钮：粤语。第三项"
    engine = FakeEngine()
    with Synthesizer(tmp_path / "cache", engine_factory=lambda: engine) as synth:
        synth.request(text, "zh").result(WAIT)
    assert engine.rendered == [("按钮：", CMN, 165), ("粤语。", YUE, 165), ("第三项", CMN, 165)]


def test_the_synthesiser_renders_each_part_in_its_voice(tmp_path: Path) -> None:
    engine = FakeEngine()
    with Synthesizer(tmp_path / "cache", engine_factory=lambda: engine) as synth:
        path = synth.request("按钮：English", "zh").result(WAIT)
        assert engine.rendered == [("按钮：", CMN, 165), ("English", EN, 165)]
        assert path is not None and path.parent == synth.cache.folder
        with wave.open(str(path)) as wav:
            assert wav.getnframes() > 2205  # both parts, joined
        assert list(synth.cache.folder.glob(".tmp-*")) == []  # the parts are gone
        engine.rendered.clear()
        assert synth.request("按钮：English", "zh").result(WAIT) == path  # cached whole
        assert engine.rendered == []


def _tone(path: Path, frames: int, silence: int, rate: int = 22050) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(b"\x00\x10" * frames + b"\x00\x00" * silence)


def test_parts_are_joined_with_a_short_breath(tmp_path: Path) -> None:
    a, b, out = tmp_path / "a.wav", tmp_path / "b.wav", tmp_path / "out.wav"
    _tone(a, 1000, 10000)
    _tone(b, 1000, 10000)
    assert join_wavs([a, b], out)
    with wave.open(str(out)) as wav:
        # the first part's long silence cut to 80 ms; the last part's end kept
        assert wav.getnframes() == 1000 + int(0.08 * 22050) + 1000 + 10000
    _tone(b, 1000, 0, rate=16000)
    assert not join_wavs([a, b], out)  # formats differ: nothing joined


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
def test_real_voices_join(tmp_path: Path) -> None:
    with Synthesizer(tmp_path / "cache") as synth:
        mixed = synth.request("请按 English 按钮", "zh").result(30)
        alone = synth.request("请按按钮", "zh").result(30)
    assert mixed is not None and alone is not None
    with wave.open(str(mixed)) as m, wave.open(str(alone)) as a:
        assert m.getframerate() == a.getframerate()
        assert m.getnframes() > a.getnframes()  # the English word is in it, not skipped
