"""Real-time status (DLE EOT n): requests, reply check and the status it means.

A reply is one byte of the form 0xx1xx10. A missing or malformed reply leaves its part of the
status unknown: no reply never means "no paper".
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from devices.status import Cover, DeviceState, DeviceStatus, Media, Paper

DLE_EOT = b"\x10\x04"
PRINTER, OFFLINE_CAUSE, ERROR_CAUSE, PAPER_SENSOR = 1, 2, 3, 4


def request(n: int) -> bytes:
    return DLE_EOT + bytes([n])


def is_status_byte(value: int) -> bool:
    return 0 <= value <= 0xFF and value & 0b1001_0011 == 0b0001_0010


def pick_reply(data: bytes) -> int | None:
    """The status byte in a reply: exactly one byte of the right form, else None."""
    if len(data) == 1 and is_status_byte(data[0]):
        return data[0]
    return None


class Reason(StrEnum):
    """Why a job did not print, in the words a command or a log line shows."""

    COVER_OPEN = "cover open"
    PAPER_OUT = "paper out"
    PAPER_JAMMED = "paper jammed"
    HARDWARE_ERROR = "hardware error"
    OFFLINE = "offline"
    NO_REPLY = "no reply"
    NO_DEVICE = "no device"
    WRITE_FAILED = "write failed"


@dataclass(frozen=True)
class StatusBytes:
    """The replies to DLE EOT 1 to 4; None where the printer gave no valid reply."""

    printer: int | None = None
    offline_cause: int | None = None
    error_cause: int | None = None
    paper: int | None = None


def _bit(value: int | None, n: int) -> bool:
    return value is not None and bool(value & (1 << n))


def _error_detail(cause: int | None) -> str:
    if cause is None:
        return "error (cause unknown)"
    names = [
        name
        for bit, name in (
            (2, "mechanical error"),
            (3, "auto-cutter error"),
            (5, "unrecoverable error"),
            (6, "auto-recoverable error"),
        )
        if _bit(cause, bit)
    ]
    return ", ".join(names) or "error"


def interpret(replies: StatusBytes) -> DeviceStatus:
    cause = replies.offline_cause
    cover = Cover.UNKNOWN if cause is None else (Cover.OPEN if _bit(cause, 2) else Cover.CLOSED)
    paper = Paper.UNKNOWN
    if replies.paper is not None:
        if replies.paper & 0x60:
            paper = Paper.OUT
        elif replies.paper & 0x0C:
            paper = Paper.LOW
        else:
            paper = Paper.OK
    if _bit(cause, 5):  # stopped at paper end: out, whatever the sensor said
        paper = Paper.OUT
    media = Media(paper=paper, cover=cover)
    if replies.printer is None:
        return DeviceStatus(DeviceState.UNKNOWN, media, "no valid reply to DLE EOT 1")
    if _bit(cause, 6):
        return DeviceStatus(DeviceState.HARDWARE_ERROR, media, _error_detail(replies.error_cause))
    if _bit(replies.printer, 3):
        return DeviceStatus(DeviceState.OFFLINE, media, "printer offline")
    return DeviceStatus(DeviceState.ONLINE, media, "")


def blocker(status: DeviceStatus) -> Reason | None:
    """What stops a job from printing, most specific first; None when it may print."""
    if status.state is DeviceState.NO_DEVICE:
        return Reason.NO_DEVICE
    if status.media.cover is Cover.OPEN:
        return Reason.COVER_OPEN
    if status.media.paper is Paper.OUT:
        return Reason.PAPER_OUT
    if status.media.paper is Paper.JAMMED:
        return Reason.PAPER_JAMMED
    if status.state is DeviceState.HARDWARE_ERROR:
        return Reason.HARDWARE_ERROR
    if status.state is DeviceState.OFFLINE:
        return Reason.OFFLINE
    if status.state is not DeviceState.ONLINE:
        return Reason.NO_REPLY
    return None


def warning(status: DeviceStatus) -> str | None:
    """A condition staff should hear about although the job runs."""
    if status.media.paper is Paper.LOW:
        return "paper low"
    return None
