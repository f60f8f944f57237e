"""Help calls, as every front end sees them: raise, acknowledge, arrive, note, close, watch.

Each call is BLOCKING (a front end runs it on a worker) and raises only domain errors:
``StoreUnavailable``, ``AlreadyTaken`` (another helper has the call; ``CallTaken``, its kind
for arriving and closing, names them), ``RequestClosed``,
``UnknownRequest``. The rows and their periods live in ``kiosk.assist``; this is their door.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from kiosk.api.errors import UnknownRequest
from kiosk.api.store import Store
from kiosk.assist import notes, requests, views
from kiosk.assist.escalation import Policy
from kiosk.assist.status import HelpWatch
from kiosk.assist.views import RequestView, Snapshot, VisitRecord
from kiosk.assist.vocabulary import HelpStatus
from kiosk.flow.engine import FlowEngine

__all__ = ["HelpCalls", "HelpStatus", "RequestView", "Snapshot", "VisitRecord"]


class HelpCalls:
    def __init__(self, store: Store, policy: Policy | None = None) -> None:
        self.store = store
        self.policy = policy or views.DEFAULT_POLICY

    def raise_call(self, kiosk_id: str, visit: FlowEngine | None, reason: str = "resident") -> int:
        """A resident (or a device fault) asks for a person; returns the call's id."""
        with self.store.guard("raise a help call"):
            return requests.raise_request(self.store.sessions, kiosk_id, visit, reason)

    def acknowledge(self, request_id: int, staff_id: int, eta_s: int = 60) -> None:
        """我去处理: exactly one helper gets the call; anyone else gets ``AlreadyTaken``."""
        with self.store.guard("acknowledge a call"), _known(request_id):
            requests.acknowledge(self.store.sessions, request_id, staff_id, eta_s)

    def arrive(self, request_id: int, staff_id: int, place: str = "") -> None:
        """我到了: the helper is with the resident. A call another helper has is theirs:
        ``CallTaken`` (naming them), unless this one is a supervisor or manager (audited, at
        ``place``)."""
        with self.store.guard("mark arrival"), _known(request_id):
            requests.begin_assisting(self.store.sessions, request_id, staff_id, place)

    def note(self, request_id: int, staff_id: int, text: str, place: str = "") -> None:
        """Anyone's note on an open call (``RequestClosed`` once it ended); audited at
        ``place``, where it was written (the call's kiosk unless said). The same words sent
        twice by one helper at once are kept once (``kiosk.assist.notes``)."""
        with self.store.guard("save a note"), _known(request_id):
            notes.add_note(self.store.sessions, request_id, staff_id, text, place)

    def resolve(
        self,
        request_id: int,
        resolution: str,
        staff_id: int | None = None,
        note: str = "",
        place: str = "",
    ) -> None:
        """The outcome, one of ``RESOLUTIONS``; ``CallTaken`` as for ``arrive``."""
        with self.store.guard("close a call"), _known(request_id):
            requests.close(
                self.store.sessions, request_id, "resolved", resolution, staff_id, note, place
            )

    def cancel(self, request_id: int, note: str = "") -> None:
        """The resident no longer needs help."""
        with self.store.guard("cancel a call"), _known(request_id):
            requests.close(self.store.sessions, request_id, "cancelled", note=note)

    def device_event(
        self, kiosk_id: str, device: str, state: str, media: str = "", detail: str = ""
    ) -> None:
        """A device's change of state; a fault opens a staff task."""
        with self.store.guard("record a device event"):
            requests.record_device_event(
                self.store.sessions, kiosk_id, device, state, media, detail
            )

    def board(self, *, escalate: bool = True, now: dt.datetime | None = None) -> Snapshot:
        """Open calls (longest waiting first) and kiosks with their devices. With
        ``escalate``, overdue calls are escalated first (every board is a clock)."""
        with self.store.guard("read the open calls"):
            return views.snapshot(self.store.sessions, self.policy if escalate else None, now=now)

    def call(self, request_id: int) -> RequestView | None:
        with self.store.guard("read a call"):
            return views.request_view(self.store.sessions, request_id)

    def visit_by_reference(self, reference: str) -> VisitRecord | None:
        """The counter lookup: what the resident did, by the reference on their ticket."""
        with self.store.guard("look up a visit"):
            return views.visit_by_reference(self.store.sessions, reference)

    def watch(
        self,
        request_id: int,
        hotline: str,
        *,
        clock: Callable[[], float] = time.monotonic,
        pressed_at: float | None = None,
    ) -> HelpWatch:
        """The kiosk's follower of one call (who is coming, escalation, the counter offer)."""
        return HelpWatch(self.store.sessions, request_id, self.policy, hotline, clock, pressed_at)


@contextmanager
def _known(request_id: int) -> Iterator[None]:
    """``KeyError`` from the store layer as ``UnknownRequest``."""
    try:
        yield
    except KeyError as exc:
        raise UnknownRequest(request_id) from exc
