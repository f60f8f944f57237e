"""Checks of a whole service, once each of its steps reads well: it ends with a rate and a done
step, no field is set twice, every placeholder names something an earlier step provides, and
every reference (detail_from, goto, otherwise, table_from) points at a step that can give it; a
step's condition (``when``, ``unless``) names values earlier steps give."""

from __future__ import annotations

from collections.abc import Iterable

from kiosk.catalog.reader import FileReader
from kiosk.catalog.schema import DocumentSpec, Service, Step, StepKind
from kiosk.text import placeholders

# Values a template may use besides the fields and results of earlier steps.
BUILTIN_VALUES = {
    "resident.masked",
    "resident.name",
    "kiosk.id",
    "kiosk.name",
    "kiosk.hall",
    "kiosk.hotline",
    "kiosk.server",
    "visit.id",
    "visit.reference",
    "today",
}


def check_service(reader: FileReader, service: Service) -> None:
    """Records every problem of the service's shape with ``reader``."""
    steps = service.steps
    kinds = [s.kind for s in steps]
    if StepKind.RATE not in kinds:
        reader.problem("steps", "every service ends with a rate step before its done step")
    if kinds[-1] is not StepKind.DONE:
        reader.problem("steps", "the last step must be a done step")
    fields = [getattr(s, "field", "") for s in steps if getattr(s, "field", "")]
    for name in {f for f in fields if fields.count(f) > 1}:
        reader.problem("steps", f"field '{name}' is set by two steps")
    _check_templates(reader, service)
    for index, step in enumerate(steps):
        reader.step, reader.step_index = step.id, index
        detail_from = getattr(step, "detail_from", "")
        if step.kind in (StepKind.INFO, StepKind.HANDOFF) and detail_from not in ("", *fields):
            reader.problem("detail_from", "must name the field of a choose step")
        later = {s.id for s in steps[index + 1 :]}
        if step.otherwise and step.otherwise not in later:
            reader.problem("otherwise", f"'{step.otherwise}' is not a later step")
        for i, option in enumerate(getattr(step, "options", ())):
            if option.goto and option.goto not in later:
                reader.problem(f"options[{i}].goto", f"'{option.goto}' is not a later step")
        if step.kind is StepKind.PRINT:
            table_from = step.document.table_from  # type: ignore[attr-defined]
            lookups = {s.id for s in steps[:index] if s.kind is StepKind.LOOKUP}
            if table_from and table_from not in lookups:
                reader.problem("document.table_from", "must name an earlier lookup step")


def _check_templates(reader: FileReader, service: Service) -> None:
    """Every placeholder must name something an earlier step provides."""
    known = set(BUILTIN_VALUES)
    prefixes: set[str] = set()
    for index, step in enumerate(service.steps):
        reader.step, reader.step_index = step.id, index
        for name, template in _templates_of(step):
            for ph in placeholders(template):
                if ph in known or ph.split(".")[0] in prefixes:
                    continue
                reader.problem(
                    name,
                    f"'{{{ph}}}' is not given by an earlier step; known: "
                    f"{', '.join(sorted(known | {p + '.*' for p in prefixes}))}",
                )
        field = getattr(step, "field", "")
        if field:
            known |= {field, f"{field}.label", f"{field}.url"}
        if step.kind in (StepKind.LOOKUP, StepKind.TICKET):
            prefixes.add(step.id)


def _templates_of(step: Step) -> Iterable[tuple[str, str]]:
    for key, condition in (("when", step.when), ("unless", step.unless)):
        for name in condition:
            yield f"{key}.{name}", f"{{{name}}}"  # a value the condition reads, checked as one
    for text_field in ("title", "prompt", "explain", "no_code", "working"):
        text = getattr(step, text_field, None)
        if text:
            for part in text.all():
                yield text_field, part
    for name in ("url", "business"):
        if getattr(step, name, ""):
            yield name, getattr(step, name)
    for i, row in enumerate(getattr(step, "rows", ())):
        yield f"rows[{i}].value", row.value
    for arg, template in getattr(step, "params", {}).items():
        yield f"params.{arg}", template
    doc = getattr(step, "document", None)
    if isinstance(doc, DocumentSpec):
        for i, row in enumerate(doc.rows):
            yield f"document.rows[{i}].value", row.value
        if doc.qr:
            yield "document.qr", doc.qr
