"""Qt Multimedia for sound output alone, without the FFmpeg media backend.

The player needs QMediaDevices and QAudioSink, which Qt Multimedia implements itself (PulseAudio,
PipeWire, ALSA). At its first use Qt Multimedia also loads a media backend for players, cameras
and recording; PySide6 ships FFmpeg's, and with it come Qt Quick, QML, OpenGL and FFmpeg's
libraries and a probe of hardware decoders: about 12 MiB of the kiosk's memory for nothing the
kiosk does. Qt looks for that backend in its library paths when Qt Multimedia is first used,
once a process: used here first with no paths, it finds none, keeps sound output, and says so
once (a notice dropped here; anything else said meanwhile passes on).
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable

from PySide6.QtCore import (
    QCoreApplication,
    QMessageLogContext,
    QtMsgType,
    qFormatLogMessage,
    qInstallMessageHandler,
)
from PySide6.QtMultimedia import QMediaDevices

NO_BACKEND_NOTICE = "No QtMultimedia backends found"
Handler = Callable[[QtMsgType, QMessageLogContext, str], None]


@functools.cache  # once a process: Qt Multimedia's integration is made once
def open_audio_only() -> None:
    """Start Qt Multimedia without a media backend; call before any other use of it."""
    previous: Handler | None = None

    def drop_notice(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if NO_BACKEND_NOTICE in message:
            return
        if previous is not None:
            previous(mode, context, message)
        else:  # what Qt's own handler would have written
            sys.stderr.write(qFormatLogMessage(mode, context, message) + "\n")

    paths = QCoreApplication.libraryPaths()
    previous = qInstallMessageHandler(drop_notice)
    QCoreApplication.setLibraryPaths([])
    try:
        QMediaDevices.audioOutputs()  # Qt Multimedia's integration is made now, without one
    finally:
        QCoreApplication.setLibraryPaths(paths)
        qInstallMessageHandler(previous)
