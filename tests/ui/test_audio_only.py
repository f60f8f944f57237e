"""The voice's player starts Qt Multimedia for sound output alone: no FFmpeg backend (and with it
no Qt Quick, QML or FFmpeg libraries) in the kiosk's process; the library paths stay as they
were, and sound output is still there."""

from __future__ import annotations

import os
import textwrap

from tests.helpers.child import run_python

CHILD = textwrap.dedent(
    """
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtMultimedia import QAudioFormat, QAudioSink, QMediaDevices
    from PySide6.QtWidgets import QApplication

    from ui.speech.player import SpeechPlayer

    app = QApplication([])
    paths = QCoreApplication.libraryPaths()
    player = SpeechPlayer()
    fmt = QAudioFormat()
    fmt.setSampleRate(22050)
    fmt.setChannelCount(1)
    fmt.setSampleFormat(QAudioFormat.SampleFormat.Int16)
    sink = QAudioSink(QMediaDevices.defaultAudioOutput(), fmt)  # sound output is there
    with open("/proc/self/maps") as maps:
        loaded = {line.split()[-1].rsplit("/", 1)[-1] for line in maps if ".so" in line}
    print("backend:", sorted(n for n in loaded if "mediaplugin" in n or "Quick" in n
                              or n.startswith("libav")))
    print("paths kept:", QCoreApplication.libraryPaths() == paths)
    """
)


def test_the_player_loads_no_media_backend() -> None:
    done = run_python(CHILD, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert "backend: []" in done.stdout, done.stdout + done.stderr[-2000:]
    assert "paths kept: True" in done.stdout
