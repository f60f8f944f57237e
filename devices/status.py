"""Device status on two axes (the device, its media), with ``unknown`` as a real value.

The vocabulary follows XFS4IoT and UnifiedPOS. A status is an immutable value, so a driver can
hand it to any thread; a change of status becomes a :class:`DeviceEvent` the app stores.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any


class DeviceState(StrEnum):
    UNKNOWN = "unknown"
    ONLINE = "online"
    OFFLINE = "offline"
    BUSY = "busy"
    HARDWARE_ERROR = "hardware_error"
    NO_DEVICE = "no_device"


class Paper(StrEnum):
    UNKNOWN = "unknown"
    OK = "ok"
    LOW = "low"
    OUT = "out"
    JAMMED = "jammed"


class Cover(StrEnum):
    UNKNOWN = "unknown"
    OPEN = "open"
    CLOSED = "closed"


class Card(StrEnum):
    UNKNOWN = "unknown"
    PRESENT = "present"
    ABSENT = "absent"


@dataclass(frozen=True)
class Media:
    """Supplies and media. A device without an axis leaves it ``unknown``."""

    paper: Paper = Paper.UNKNOWN
    cover: Cover = Cover.UNKNOWN
    card: Card = Card.UNKNOWN

    def as_dict(self) -> dict[str, str]:
        return {"paper": str(self.paper), "cover": str(self.cover), "card": str(self.card)}


@dataclass(frozen=True)
class DeviceStatus:
    """What is known about a device right now; ``detail`` says why in plain words."""

    state: DeviceState = DeviceState.UNKNOWN
    media: Media = field(default_factory=Media)
    detail: str = ""
    cause: str = ""  # no device: why, in a few words ("permission denied", "not a serial port")

    def with_(self, **changes: Any) -> DeviceStatus:
        return dataclasses.replace(self, **changes)

    @property
    def problem(self) -> str:
        """The state and, for a port that cannot be used, why: "no device (permission denied)"."""
        words = self.state.replace("_", " ")
        return f"{words} ({self.cause})" if self.cause else words

    def as_dict(self) -> dict[str, Any]:
        data = {"state": str(self.state), "media": self.media.as_dict(), "detail": self.detail}
        if self.cause:
            data["cause"] = self.cause
        return data


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class DeviceEvent:
    """One thing that happened to a device; the app persists these as device events.

    ``kind`` is ``status`` for a change of status, or a driver's own kind (``job_started``,
    ``job_finished``, ``scan_rejected``, ``card_read`` ...). ``detail`` never holds a full ID
    number or a scanned token.
    """

    device: str
    kind: str
    state: DeviceState
    media: Media
    detail: str = ""
    at: datetime = field(default_factory=utc_now)

    def as_dict(self) -> dict[str, Any]:
        return {
            "device": self.device,
            "kind": self.kind,
            "state": str(self.state),
            "media": self.media.as_dict(),
            "detail": self.detail,
            "at": self.at.isoformat(),
        }
