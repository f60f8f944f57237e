"""espeak-ng is driven from one thread: the synthesis worker's."""

from __future__ import annotations

import ctypes.util
import shutil
import threading
from pathlib import Path

import pytest

from kiosk.speech.synth import Synthesizer
from kiosk.speech.tts import EspeakRenderer

HAVE_ESPEAK = bool(ctypes.util.find_library("espeak-ng")) and bool(shutil.which("espeak-ng"))
pytestmark = [
    pytest.mark.speech,
    pytest.mark.skipif(not HAVE_ESPEAK, reason="espeak-ng is not installed"),
]


def test_espeak_ng_calls_back_on_the_worker_thread_alone(tmp_path: Path) -> None:
    # In espeak-ng's asynchronous mode (pyttsx3's engine) the library's own thread called back
    # while the worker changed the voice or started the next text: now and then a segfault.
    # Voices switch within one text (mixed scripts) and between texts, as a visit's speech does.
    made: list[EspeakRenderer] = []

    def renderer() -> EspeakRenderer:
        made.append(EspeakRenderer())
        return made[-1]

    texts = [("请到窗口办理", "zh"), ("请到窗口办理手续", "yue"), ("Please wait here.", "en")]
    texts += [("请出示 PIN 码", "zh"), ("Ticket A023, 粤语", "en")]
    with Synthesizer(tmp_path / "speech-cache", engine_factory=renderer) as synth:
        assert synth.ready.wait(10) and synth.available, synth.fault_message
        for n, (text, lang) in enumerate(texts * 4):
            assert synth.request(f"{text} {n}", lang).result(30) is not None, (text, lang)
        worker = synth._thread.ident
    assert len(made) == 1 and made[0].callback_threads == {worker}


def test_a_renderer_is_driven_from_its_own_thread_only(tmp_path: Path) -> None:
    renderer = EspeakRenderer()
    try:
        errors: list[Exception] = []

        def elsewhere() -> None:
            try:
                renderer.render("你好", "cmn", 165, tmp_path / "x.wav")
            except RuntimeError as exc:
                errors.append(exc)

        thread = threading.Thread(target=elsewhere)
        thread.start()
        thread.join(10)
        assert errors and not (tmp_path / "x.wav").exists()
        renderer.render("你好", "cmn", 165, tmp_path / "y.wav")
        assert (tmp_path / "y.wav").stat().st_size > 1000
    finally:
        renderer.close()
