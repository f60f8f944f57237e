"""The service model: what a service file says once it has been validated.

Services are data. Each step has a kind; the kind decides which fields it carries and which
screen the UI shows for it. Text is always bilingual (``Text``), with an optional spoken form
where the screen text would read badly aloud.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from kiosk.catalog.kinds import StepKind, Validator
from kiosk.catalog.texts import Text
from kiosk.text import Lang, placeholders

# StepKind and Validator are kiosk.catalog.kinds', Text kiosk.catalog.texts': named here too, as
# the model's parts (they stand apart so the window reads them before any service is loaded).
__all__ = [
    "IDENTIFY_METHODS",
    "STEP_CLASSES",
    "Catalogue",
    "ChooseStep",
    "ConfirmStep",
    "DocumentSpec",
    "DoneStep",
    "HandoffStep",
    "IdentifyStep",
    "InfoStep",
    "InputStep",
    "LookupStep",
    "Option",
    "PrintStep",
    "RateStep",
    "Row",
    "Service",
    "Step",
    "StepKind",
    "Text",
    "TicketStep",
    "Validator",
]


IDENTIFY_METHODS = ("card", "qr", "keypad")


@dataclass(frozen=True)
class Option:
    value: str
    label: Text
    hint: Text | None = None
    detail: tuple[Text, ...] = ()  # paragraphs an info step shows for the chosen option
    url: str = ""  # where a handoff step sends the phone for this option
    goto: str = ""  # id of a later step to jump to when chosen


@dataclass(frozen=True)
class Row:
    """A labelled value on a confirm screen or a printed document; value is a template."""

    label: Text
    value: str


@dataclass(frozen=True)
class DocumentSpec:
    """What a print step prints; filled from the visit's values at print time."""

    title: Text
    rows: tuple[Row, ...] = ()
    table_from: str = ""  # id of a lookup step whose table is printed
    qr: str = ""  # template of an address printed as a QR code (a deployment's own service)
    footer: Text | None = None
    # A QR of a 掌上办 link: this visit's result on the hall server's phone page, for a while
    phone_qr: bool = False


@dataclass(frozen=True)
class Step:
    id: str
    kind: StepKind
    title: Text
    prompt: Text | None = None
    help: Text | None = None  # what the help key says on this step
    # Entered only when each value ``when`` names (a field, or a lookup's "status.card_state")
    # is one of those given, and none ``unless`` names is; else the visit goes on to
    # ``otherwise`` (a later step), or to the next step.
    when: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    unless: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    otherwise: str = ""

    def due(self, values: Mapping[str, str]) -> bool:
        """Whether the visit enters this step, given the visit's values so far."""
        return all(values.get(name, "") in given for name, given in self.when.items()) and not any(
            values.get(name, "") in given for name, given in self.unless.items()
        )


@dataclass(frozen=True)
class InfoStep(Step):
    body: tuple[Text, ...] = ()
    detail_from: str = ""  # field of a choose step whose option detail is shown


@dataclass(frozen=True)
class ChooseStep(Step):
    field: str = ""
    options: tuple[Option, ...] = ()


@dataclass(frozen=True)
class IdentifyStep(Step):
    methods: tuple[str, ...] = IDENTIFY_METHODS


@dataclass(frozen=True)
class InputStep(Step):
    field: str = ""
    validator: Validator = Validator.DIGITS
    repeat: bool = False  # type it twice, for numbers that matter (a new phone)
    min_length: int = 1
    max_length: int = 32
    secret: bool = False  # a PIN: never shown, spoken or printed


@dataclass(frozen=True)
class ConfirmStep(Step):
    rows: tuple[Row, ...] = ()
    yes: Text | None = None
    no: Text | None = None


@dataclass(frozen=True)
class LookupStep(Step):
    operation: str = ""
    params: Mapping[str, str] = field(default_factory=dict)  # operation argument -> template
    # Shown and said while the backend works: what the step does ("正在挂失……"), where
    # the kiosk's own "looking it up" (kiosk.i18n ``backend.waiting``) would not be true.
    working: Text | None = None


@dataclass(frozen=True)
class PrintStep(Step):
    document: DocumentSpec = field(default_factory=lambda: DocumentSpec(Text("", "")))
    optional: bool = False  # the resident may skip printing


@dataclass(frozen=True)
class HandoffStep(Step):
    url: str = ""  # template
    explain: Text | None = None
    # Said instead of the prompt at a kiosk with no code to show (no hall server for phones):
    # what to do instead. Without it the kiosk's own words (kiosk.i18n ``handoff.no_code*``).
    no_code: Text | None = None
    # Field of a choose step: the chosen option's paragraphs can be printed here too, for a
    # resident without a smartphone (or at a kiosk with no hall server, where there is no code)
    detail_from: str = ""


@dataclass(frozen=True)
class TicketStep(Step):
    business: str = ""  # template: a fixed business code or a chosen field


@dataclass(frozen=True)
class RateStep(Step):
    reasons: tuple[Option, ...] = ()


@dataclass(frozen=True)
class DoneStep(Step):
    message: Text | None = None


STEP_CLASSES: dict[StepKind, type[Step]] = {
    StepKind.INFO: InfoStep,
    StepKind.CHOOSE: ChooseStep,
    StepKind.IDENTIFY: IdentifyStep,
    StepKind.INPUT: InputStep,
    StepKind.CONFIRM: ConfirmStep,
    StepKind.LOOKUP: LookupStep,
    StepKind.PRINT: PrintStep,
    StepKind.HANDOFF: HandoffStep,
    StepKind.TICKET: TicketStep,
    StepKind.RATE: RateStep,
    StepKind.DONE: DoneStep,
}


@dataclass(frozen=True)
class Service:
    id: str
    title: Text
    summary: Text
    icon: str
    order: int
    steps: tuple[Step, ...]
    source: str = ""  # the file it came from
    version: int = 0  # the published version in the hall's store; 0: the file shipped

    @property
    def needs_identity(self) -> bool:
        return any(s.kind is StepKind.IDENTIFY for s in self.steps)

    def step_index(self, step_id: str) -> int:
        for i, step in enumerate(self.steps):
            if step.id == step_id:
                return i
        raise KeyError(step_id)

    def texts(self) -> Iterator[Text]:
        """Every text of the service, for pre-rendering speech and for checks."""
        yield self.title
        yield self.summary
        for step in self.steps:
            for value in vars(step).values():
                yield from _texts_in(value)


def _texts_in(value: object) -> Iterator[Text]:
    if isinstance(value, Text):
        yield value
    elif isinstance(value, tuple):
        for item in value:
            yield from _texts_in(item)
    elif isinstance(value, (Option, Row, DocumentSpec)):
        for inner in vars(value).values():
            yield from _texts_in(inner)


@dataclass(frozen=True)
class Catalogue:
    services: tuple[Service, ...]

    def get(self, service_id: str) -> Service:
        for service in self.services:
            if service.id == service_id:
                return service
        raise KeyError(service_id)

    def spoken_texts(self, lang: Lang) -> list[str]:
        """Fixed prompts to pre-render: spoken forms without placeholders."""
        seen: dict[str, None] = {}
        for service in self.services:
            for text in service.texts():
                said = text.spoken(lang)
                if said and not placeholders(said):
                    seen[said] = None
        return list(seen)
