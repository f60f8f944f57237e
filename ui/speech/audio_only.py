"""Qt Multimedia for sound output alone, without the FFmpeg media backend.

The player needs QMediaDevices and QAudioSink, which Qt Multimedia implements itself (PulseAudio,
PipeWire, ALSA). At its first use Qt Multimedia also loads a media backend for players, cameras
and recording; PySide6 ships FFmpeg's, and with it come Qt Quick, QML, OpenGL and FFmpeg's
libraries and a probe of hardware decoders: about 12 MiB of the kiosk's memory for nothing the
kiosk does. Qt looks for that backend in its library paths when Qt Multimedia is first used,
once a process: used here first with no paths, it finds none, keeps sound output, and says so
once on stderr ("No QtMultimedia backends found. Only QMediaDevices, ... are available"), which
is expected. No Python message handler is installed to hide it: Qt's audio thread logs during
that first use, and a Python handler would wait there for the GIL the GUI thread holds.
"""

from __future__ import annotations

import functools
import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtMultimedia import QMediaDevices

log = logging.getLogger(__name__)


@functools.cache  # once a process: Qt Multimedia's integration is made once
def open_audio_only() -> None:
    """Start Qt Multimedia without a media backend; call before any other use of it."""
    log.info("sound output only: Qt Multimedia starts without a media backend (no FFmpeg)")
    paths = QCoreApplication.libraryPaths()
    QCoreApplication.setLibraryPaths([])
    try:
        QMediaDevices.audioOutputs()  # Qt Multimedia's integration is made now, without one
    finally:
        QCoreApplication.setLibraryPaths(paths)
