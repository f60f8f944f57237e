"""Which audio output the voice plays to: the configured headset when it is plugged in, else the
system's default output (else the first there is).

The headset is named in ``[speech] headset_output`` by its description or its id, or a part of
either, as the system lists it.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtMultimedia import QAudioDevice, QMediaDevices


def find_output(outputs: Sequence[QAudioDevice], name: str) -> QAudioDevice | None:
    wanted = name.casefold()
    for device in outputs:
        ident = bytes(device.id().data()).decode("utf-8", "replace")
        if wanted in device.description().casefold() or wanted in ident.casefold():
            return device
    return None


def choose_output(outputs: Sequence[QAudioDevice], headset: str) -> tuple[QAudioDevice, bool]:
    """The output to use among ``outputs`` (not empty), and whether it is the headset."""
    found = find_output(outputs, headset) if headset else None
    if found is not None:
        return found, True
    default = QMediaDevices.defaultAudioOutput()
    return (default if default in outputs else outputs[0]), False
