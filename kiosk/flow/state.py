"""The state of one visit: plain data that serialises to JSON and back.

A helper taking a session over, or a phone picking it up, resumes from this. The resident's full
ID number is left out of the JSON unless the caller asks for it (a takeover at the same kiosk).
"""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from typing import Any

from kiosk.flow.phases import Outcome, Phase
from kiosk.identity import Resident
from kiosk.text import Lang

__all__ = ["Outcome", "Phase", "VisitState"]  # Phase and Outcome are kiosk.flow.phases'


@dataclass
class VisitState:
    service_id: str
    language: Lang
    service_version: int = 0  # the published version the visit runs (0: the shipped file)
    elder: bool = False
    audio: bool = False
    visit_id: str = field(default_factory=lambda: uuid.uuid4().hex)
    step_index: int = 0
    history: list[int] = field(default_factory=list)
    values: dict[str, str] = field(default_factory=dict)
    labels: dict[str, dict[str, str]] = field(default_factory=dict)  # field -> lang -> label
    results: dict[str, dict[str, Any]] = field(default_factory=dict)  # step id -> Answer dict
    resident: Resident | None = None
    phase: Phase = Phase.ACTIVE
    started_at: float = 0.0
    step_entered_at: float = 0.0
    last_activity: float = 0.0
    warning_started: float | None = None
    extensions: int = 0
    warnings: int = 0
    rejects: int = 0  # on the current step
    backs: int = 0
    first_entry: str = ""  # the first of two entries of a repeated input
    help_offer: str = ""  # why help is being offered, or empty
    help_offered: bool = False  # on the current step: once answered or passed, not again
    help_requested: bool = False
    assisted_by: str = ""
    helped: bool = False  # a helper took the visit over at some point
    printed: bool = False
    # Steps whose effect took place (a ticket issued, a document printed, a change made in the
    # resident's name): never gone back past, so nothing is done twice.
    effects: list[str] = field(default_factory=list)
    print_error: str = ""
    outcome: Outcome | None = None
    ended_at: float | None = None

    @property
    def reference(self) -> str:
        """A short reference a counter can type to open this visit."""
        return self.visit_id[:8].upper()

    def to_json(self, include_private: bool = False) -> str:
        """The whole state (to resume the visit), or by default only where it stands.

        The default form is what may be stored, spooled or handed on: no name, no full ID,
        nothing the resident typed and nothing the backend told them.
        """
        data = asdict(self)
        if self.resident is not None:
            data["resident"] = asdict(self.resident) if include_private else self.resident.public()
        if not include_private:
            data.update(values={}, labels={}, results={}, first_entry="")
        return json.dumps(data, ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> VisitState:
        data = json.loads(text)
        resident = data.pop("resident")
        data["phase"] = Phase(data["phase"])
        data["outcome"] = Outcome(data["outcome"]) if data["outcome"] else None
        state = cls(**data)
        state.resident = Resident(**resident) if resident else None
        return state

    def clear_personal(self) -> None:
        """Forget everything that says who the resident is or what they typed."""
        if self.resident is not None:
            self.resident.clear()
        self.resident = None
        self.values.clear()
        self.labels.clear()
        self.results.clear()
        self.first_entry = ""
