"""A helper at the kiosk: assisted mode and every action in it, each with an audit entry.

Call these on the thread that owns the visit's ``FlowEngine`` (the kiosk's GUI thread): the
engine changes at once, in memory, and the audit entry (with any change to the help request)
goes to the ``AuditWriter``'s thread, so nothing here waits on the database. Every entry names
the staff member, the kiosk and the visit.

The visit is paused, not replaced: ``hand_back`` lets the resident carry on where it stands;
finishing the steps while assisted ends the visit as completed with help.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.orm import Session

from kiosk.assist import audit
from kiosk.assist.notify import announce
from kiosk.assist.requests import close_in, move_in
from kiosk.assist.vocabulary import DEVICES, RESOLUTIONS, StaffInfo, TakeoverError
from kiosk.catalog.schema import StepKind
from kiosk.flow.engine import FlowEngine
from kiosk.identity import Resident
from kiosk.store.models import DeviceEvent


class Takeover:
    def __init__(
        self,
        writer: audit.AuditWriter,
        kiosk_id: str,
        staff: StaffInfo,
        engine: FlowEngine | None = None,
        request_id: int | None = None,
    ) -> None:
        self.writer = writer
        self.kiosk_id = kiosk_id
        self.staff = staff
        self.engine = engine
        self.request_id = request_id
        self.active = False

    @property
    def visit_id(self) -> str | None:
        return self.engine.state.visit_id if self.engine is not None else None

    def _audit(self, action: str, *also: audit.Write, **detail: Any) -> None:
        if self.request_id is not None:
            detail.setdefault("request_id", self.request_id)
        self.writer.put(
            audit.Entry(action, self.staff.id, self.kiosk_id, self.visit_id, detail=detail),
            *also,
        )

    def _live_engine(self) -> FlowEngine:
        if self.engine is None or self.engine.ended:
            raise TakeoverError("there is no visit in progress")
        return self.engine

    @staticmethod
    def _reason(reason: str) -> str:
        if not reason.strip():
            raise TakeoverError("a reason is needed")
        return reason.strip()

    # -- assisted mode -------------------------------------------------------------------------

    def begin(self) -> None:
        """The helper signed in at this kiosk: the resident's visit pauses."""
        if self.engine is not None and not self.engine.ended:
            self.engine.begin_assist(self.staff.label)
        also: list[audit.Write] = []
        if self.request_id is not None:
            request_id, staff_id = self.request_id, self.staff.id
            also.append(lambda s: move_in(s, request_id, "assisting", staff_id))
        self.active = True
        self._audit("takeover_begin", *also)

    def assist_visit(self, engine: FlowEngine) -> None:
        """A helper signed in at home started a service: that visit is assisted too."""
        if self.engine is engine:
            return
        self.engine = engine
        engine.begin_assist(self.staff.label)
        self.note("assist_visit", service=engine.service.id)

    def hand_back(self) -> None:
        """The resident carries on where the visit stands; the request is resolved."""
        if self.engine is not None and not self.engine.ended:
            self.engine.hand_back()
        self.active = False
        self._audit("hand_back", *self._close("completed_with_help"))

    def sign_out(self, reason: str) -> None:
        """The helper left without handing back (idle, walked away): the resident's visit
        carries on where it stands, and the call waits for a person again."""
        if self.engine is not None and not self.engine.ended:
            self.engine.hand_back()
        self.active = False
        also: list[audit.Write] = []
        if self.request_id is not None:
            request_id = self.request_id
            note = f"helper signed out: {reason}"
            also.append(lambda s: move_in(s, request_id, "requested", note=note))
        self._audit("staff_sign_out", *also, reason=reason)

    def _close(self, resolution: str) -> list[audit.Write]:
        if self.request_id is None:
            return []
        request_id, staff_id = self.request_id, self.staff.id
        return [lambda s: close_in(s, request_id, resolution, staff_id)]

    # -- actions ----------------------------------------------------------------------------

    def confirm_identity(self, resident: Resident, reason: str) -> None:
        """After checking a document by hand: the identify step is done in the resident's name."""
        reason = self._reason(reason)
        engine = self._live_engine()
        if engine.step.kind is not StepKind.IDENTIFY:
            raise TakeoverError("the visit is not at an identity step")
        engine.identify(resident)
        self._audit("identity_confirmed", masked=resident.masked, reason=reason)

    def redo_step(self, reason: str) -> None:
        """Ask the backend again on a lookup or ticket; elsewhere go back one step."""
        reason = self._reason(reason)
        engine = self._live_engine()
        step = engine.step.id
        if engine.step.kind in (StepKind.LOOKUP, StepKind.TICKET):
            engine.retry()
        elif not engine.back():
            raise TakeoverError("this step cannot be done again")
        self._audit("redo_step", step=step, reason=reason)

    def skip_step(self, reason: str) -> None:
        reason = self._reason(reason)
        engine = self._live_engine()
        step = engine.step.id
        engine.skip_step(self.staff.label, reason)
        self._audit("skip_step", step=step, reason=reason)

    def reprint(self, reason: str = "") -> None:
        """Recorded here; the kiosk window sends the document to the printer."""
        self._audit("reprint", reason=reason)

    def switch_off_device(self, device: str, reason: str) -> None:
        """A failed device is taken out of use until staff switch it on; consoles see it."""
        reason = self._reason(reason)
        if device not in DEVICES:
            raise TakeoverError(f"device must be one of {', '.join(DEVICES)}")
        kiosk_id, label = self.kiosk_id, self.staff.label

        def device_event(session: Session) -> None:
            session.add(
                DeviceEvent(
                    kiosk_id=kiosk_id,
                    device=device,
                    state="disabled_by_staff",
                    detail=f"{label}: {reason}",
                )
            )
            announce(session, "device")

        self._audit("switch_off_device", device_event, device=device, reason=reason)

    def end_visit(self, reason: str, resolution: str = "resident_left") -> None:
        reason = self._reason(reason)
        if resolution not in RESOLUTIONS:
            raise TakeoverError(f"resolution must be one of {', '.join(RESOLUTIONS)}")
        engine = self._live_engine()
        engine.end_by_staff(self.staff.label, reason)
        self.active = False
        self._audit("end_visit", *self._close(resolution), reason=reason, resolution=resolution)

    def leave_kiosk_mode(self, reason: str) -> None:
        """Recorded here; the kiosk window leaves full screen to the desktop."""
        self._audit("leave_kiosk_mode", reason=self._reason(reason))

    def note(self, action: str, **detail: Mapping[str, Any] | str) -> None:
        """Any other action the window takes on the helper's behalf."""
        self._audit(action, **detail)
