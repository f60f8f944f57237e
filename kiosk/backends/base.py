"""What a service asks of the social-security system, as one protocol.

A deployment writes an adapter that satisfies ``Backend``; the demo backend keeps fictional
residents in the kiosk's own database. Answers are ``Answer`` values: a backend that is down or
a resident who is not found is an answer with an error code, not an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from kiosk.backends.operations import OPERATIONS
from kiosk.catalog.schema import Text
from kiosk.identity import Resident
from kiosk.text import Lang, text_language


class AnswerError(StrEnum):
    NOT_FOUND = "not_found"  # the resident is not known to the system
    NOT_ALLOWED = "not_allowed"  # e.g. a card already reported lost
    UNAVAILABLE = "unavailable"  # the system cannot be reached; try later or see a person
    INVALID = "invalid"  # a parameter the service file or resident gave is not accepted


@dataclass(frozen=True)
class Fact:
    label: Text
    value: str
    value_en: str = ""  # where the value itself is words (a status), its English wording

    def value_in(self, lang: Lang) -> str:
        return self.value_en if text_language(lang) == "en" and self.value_en else self.value


@dataclass(frozen=True)
class Table:
    headers: tuple[Text, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Answer:
    """A backend's reply: values for templates, facts and a table to show, a sentence to say."""

    values: Mapping[str, str] = field(default_factory=dict)
    facts: tuple[Fact, ...] = ()
    table: Table | None = None
    message: Text | None = None
    error: AnswerError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Answer:
        def text(d: Mapping[str, Any] | None) -> Text | None:
            return Text(**d) if d else None

        table = data.get("table")
        return cls(
            values=dict(data.get("values", {})),
            facts=tuple(
                Fact(Text(**f["label"]), f["value"], f.get("value_en", ""))
                for f in data.get("facts", ())
            ),
            table=Table(
                tuple(Text(**h) for h in table["headers"]), tuple(tuple(r) for r in table["rows"])
            )
            if table
            else None,
            message=text(data.get("message")),
            error=AnswerError(data["error"]) if data.get("error") else None,
        )


@dataclass(frozen=True)
class Ticket:
    number: str
    business: str
    ahead: int
    counter: str  # the counter's number or range as on the hall's signs ("6", "3-5")


class Backend(Protocol):
    def contributions(self, resident: Resident, period: str) -> Answer: ...
    def certificate(self, resident: Resident, kind: str) -> Answer: ...
    def card_status(self, resident: Resident) -> Answer: ...
    def report_loss(self, resident: Resident) -> Answer: ...
    def update_phone(self, resident: Resident, phone: str) -> Answer: ...
    def pension_certify(self, resident: Resident) -> Answer: ...
    def queue_length(self, business: str) -> int: ...
    # visit_id links the ticket to the visit it was taken in; a counter looks it up by number.
    def counter_ticket(
        self, business: str, summary: str, visit_id: str | None = None
    ) -> Ticket: ...


def call(
    backend: Backend, operation: str, resident: Resident | None, params: Mapping[str, str]
) -> Answer:
    """Run a lookup step's operation; a resident is required by every operation."""
    if resident is None:
        return Answer(error=AnswerError.INVALID)
    method: Callable[..., Answer] = getattr(backend, operation)
    return method(resident, **{name: params[name] for name in OPERATIONS[operation]})
