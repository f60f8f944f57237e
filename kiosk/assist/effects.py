"""What an audited staff action changes besides the audit entry, as data.

An effect is applied in the entry's transaction (``effect(session)``), so the entry and the
change commit together; and it round-trips through ``to_data``/``from_data``, so the journal
keeps it on disk until the store takes it. A request is named by its row id, or by the id of
the journal record that raised it (a call made while the store was away has no row id yet).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.assist.notify import announce
from kiosk.assist.requests import close_in, move_in
from kiosk.store.models import DeviceEvent, HelpRequest

RequestRef = int | str


def resolve_request(session: Session, ref: RequestRef) -> int | None:
    """The row id of a request named by row id or journal record id; None if not written."""
    if isinstance(ref, int):
        return ref
    return session.scalar(select(HelpRequest.id).where(HelpRequest.record_id == ref))


@dataclass(frozen=True)
class MoveRequest:
    """A new period for an open request (assisting, escalated)."""

    request: RequestRef
    state: str
    staff_id: int | None = None
    note: str = ""
    repeat: bool = False

    def __call__(self, session: Session) -> None:
        request_id = resolve_request(session, self.request)
        if request_id is not None:
            move_in(session, request_id, self.state, self.staff_id, self.note, repeat=self.repeat)

    def to_data(self) -> dict[str, Any]:
        return {"effect": "move_request", **asdict(self)}


@dataclass(frozen=True)
class CloseRequest:
    """Resolve a request if it is still open."""

    request: RequestRef
    resolution: str
    staff_id: int | None = None
    note: str = ""

    def __call__(self, session: Session) -> None:
        request_id = resolve_request(session, self.request)
        if request_id is not None:
            close_in(session, request_id, self.resolution, self.staff_id, self.note)

    def to_data(self) -> dict[str, Any]:
        return {"effect": "close_request", **asdict(self)}


@dataclass(frozen=True)
class DeviceChange:
    """A device's state set by staff (switched off), for the consoles."""

    kiosk_id: str
    device: str
    state: str
    media: str = ""
    detail: str = ""

    def __call__(self, session: Session) -> None:
        session.add(
            DeviceEvent(
                kiosk_id=self.kiosk_id,
                device=self.device,
                state=self.state,
                media=self.media,
                detail=self.detail,
            )
        )
        announce(session, "device")

    def to_data(self) -> dict[str, Any]:
        return {"effect": "device_change", **asdict(self)}


Effect = MoveRequest | CloseRequest | DeviceChange
_KINDS: dict[str, type[MoveRequest] | type[CloseRequest] | type[DeviceChange]] = {
    "move_request": MoveRequest,
    "close_request": CloseRequest,
    "device_change": DeviceChange,
}


def from_data(data: Mapping[str, Any]) -> Effect:
    """Raises KeyError or TypeError for data that is not an effect."""
    fields = dict(data)
    return _KINDS[fields.pop("effect")](**fields)
