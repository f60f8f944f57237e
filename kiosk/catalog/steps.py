"""One ``[[steps]]`` table to its step: the keys every step has, then those of its kind, each
checked (a known kind, validator, backend operation and its parameters, a document to print)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from kiosk.backends.operations import OPERATIONS
from kiosk.catalog.reader import FileReader
from kiosk.catalog.schema import (
    IDENTIFY_METHODS,
    STEP_CLASSES,
    DocumentSpec,
    Step,
    StepKind,
    Validator,
)

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")
BAD_ID = "must be lower-case letters, digits, - or _, starting with a letter"
COMMON_STEP_KEYS = {"id", "kind", "title", "prompt", "help", "when", "unless", "otherwise"}
# The end of every visit: never passed over, whatever a condition says.
UNCONDITIONAL = (StepKind.RATE, StepKind.DONE)
KIND_KEYS: dict[StepKind, set[str]] = {
    StepKind.INFO: {"body", "detail_from"},
    StepKind.CHOOSE: {"field", "options"},
    StepKind.IDENTIFY: {"methods"},
    StepKind.INPUT: {"field", "validator", "repeat", "min_length", "max_length", "secret"},
    StepKind.CONFIRM: {"rows", "yes", "no"},
    StepKind.LOOKUP: {"operation", "params", "working"},
    StepKind.PRINT: {"document", "optional"},
    StepKind.HANDOFF: {"url", "explain", "no_code", "detail_from"},
    StepKind.TICKET: {"business"},
    StepKind.RATE: {"reasons"},
    StepKind.DONE: {"message"},
}


def read_step(reader: FileReader, raw: Mapping[str, Any], index: int) -> Step | None:
    reader.step_index = index
    given = raw.get("id")
    reader.step = given if isinstance(given, str) else f"#{index + 1}"
    step_id = reader.string(raw, "id")
    if step_id and not ID_PATTERN.match(step_id):
        reader.problem("id", BAD_ID)
    kind_name = reader.string(raw, "kind")
    try:
        kind = StepKind(kind_name)
    except ValueError:
        if kind_name:
            reader.problem(
                "kind",
                f"'{kind_name}' is not a step kind; allowed: "
                f"{', '.join(k.value for k in StepKind)}",
            )
        return None
    allowed = COMMON_STEP_KEYS | KIND_KEYS[kind]
    for extra in sorted(set(raw) - allowed):
        reader.problem(
            extra, f"is not used by a {kind.value} step; allowed: {', '.join(sorted(allowed))}"
        )
    title = reader.text(raw, "title")
    common: dict[str, Any] = {
        "id": step_id,
        "kind": kind,
        "title": title,
        "prompt": reader.text(raw, "prompt", required=False),
        "help": reader.text(raw, "help", required=False),
        "when": _condition(reader, kind, raw, "when"),
        "unless": _condition(reader, kind, raw, "unless"),
        "otherwise": reader.string(raw, "otherwise", ""),
    }
    if common["otherwise"] and not (common["when"] or common["unless"]):
        reader.problem("otherwise", "is where to go when the step is passed over: give 'when'")
    extra_fields = _kind_fields(reader, kind, raw)
    if title is None or not step_id or extra_fields is None:
        return None
    return STEP_CLASSES[kind](**common, **extra_fields)


def _condition(
    reader: FileReader, kind: StepKind, raw: Mapping[str, Any], key: str
) -> dict[str, tuple[str, ...]]:
    """``when = { "status.card_state" = "normal" }`` (entered only then), or ``unless`` (never
    then): each value's name to the value, or the list of values."""
    value = raw.get(key)
    if value is None:
        return {}
    if kind in UNCONDITIONAL:
        reader.problem(key, f"a {kind.value} step is never passed over: it takes no '{key}'")
        return {}
    if not isinstance(value, dict) or not value:
        reader.problem(key, 'must be a table like { "status.card_state" = "lost" }')
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for name, given in value.items():
        listed = [given] if isinstance(given, str) else given
        if not (isinstance(listed, list) and listed and all(isinstance(v, str) for v in listed)):
            reader.problem(f"{key}.{name}", "must be a value, or a list of values")
            continue
        out[name] = tuple(listed)
    return out


def _kind_fields(
    reader: FileReader, kind: StepKind, raw: Mapping[str, Any]
) -> dict[str, Any] | None:
    r = reader
    if kind is StepKind.INFO:
        return {"body": r.texts(raw, "body"), "detail_from": r.string(raw, "detail_from", "")}
    if kind is StepKind.CHOOSE:
        return {"field": r.string(raw, "field"), "options": r.options(raw, "options", 2)}
    if kind is StepKind.IDENTIFY:
        methods = raw.get("methods", list(IDENTIFY_METHODS))
        if (
            not isinstance(methods, list)
            or not methods
            or any(m not in IDENTIFY_METHODS for m in methods)
        ):
            r.problem("methods", f"must be a non-empty list of {', '.join(IDENTIFY_METHODS)}")
            return None
        return {"methods": tuple(methods)}
    if kind is StepKind.INPUT:
        validator = r.string(raw, "validator")
        try:
            checked = Validator(validator)
        except ValueError:
            r.problem(
                "validator",
                f"'{validator}' is not a validator; allowed: "
                f"{', '.join(v.value for v in Validator)}",
            )
            return None
        lo, hi = r.integer(raw, "min_length", 1), r.integer(raw, "max_length", 32)
        if not 0 < lo <= hi <= 64:
            r.problem("max_length", "needs 0 < min_length <= max_length <= 64")
        return {
            "field": r.string(raw, "field"),
            "validator": checked,
            "repeat": r.boolean(raw, "repeat"),
            "min_length": lo,
            "max_length": hi,
            "secret": r.boolean(raw, "secret"),
        }
    if kind is StepKind.CONFIRM:
        return {
            "rows": r.rows(raw, "rows"),
            "yes": r.text(raw, "yes", required=False),
            "no": r.text(raw, "no", required=False),
        }
    if kind is StepKind.LOOKUP:
        operation = r.string(raw, "operation")
        params = raw.get("params", {})
        if operation not in OPERATIONS:
            r.problem(
                "operation",
                f"'{operation}' is not a backend operation; allowed: "
                f"{', '.join(sorted(OPERATIONS))}",
            )
            return None
        if not isinstance(params, dict) or not all(isinstance(v, str) for v in params.values()):
            r.problem("params", "must be a table of text templates")
            return None
        wanted = set(OPERATIONS[operation])
        for missing in sorted(wanted - set(params)):
            r.problem(f"params.{missing}", f"is needed by '{operation}'")
        for extra in sorted(set(params) - wanted):
            r.problem(
                f"params.{extra}",
                f"is not taken by '{operation}'; it takes: "
                f"{', '.join(sorted(wanted)) or 'nothing'}",
            )
        return {
            "operation": operation,
            "params": dict(params),
            "working": r.text(raw, "working", required=False),
        }
    if kind is StepKind.PRINT:
        doc = raw.get("document")
        if not isinstance(doc, dict):
            r.problem("document", "is missing: a print step needs [steps.document] with a title")
            return None
        allowed = ("title", "rows", "table_from", "qr", "phone_qr", "footer")
        for extra in sorted(set(doc) - set(allowed)):
            r.problem(f"document.{extra}", f"unknown key; allowed: {', '.join(allowed)}")
        title = r.text(doc, "title")
        if title is None:
            return None
        phone_qr = r.boolean(doc, "phone_qr")
        if phone_qr and doc.get("qr"):
            r.problem("document.qr", "a document carries one QR code: qr or phone_qr, not both")
        return {
            "document": DocumentSpec(
                title,
                r.rows(doc, "rows"),
                r.string(doc, "table_from", ""),
                r.string(doc, "qr", ""),
                r.text(doc, "footer", required=False),
                phone_qr,
            ),
            "optional": r.boolean(raw, "optional"),
        }
    if kind is StepKind.HANDOFF:
        return {
            "url": r.string(raw, "url"),
            "explain": r.text(raw, "explain", required=False),
            "no_code": r.text(raw, "no_code", required=False),
            "detail_from": r.string(raw, "detail_from", ""),
        }
    if kind is StepKind.TICKET:
        return {"business": r.string(raw, "business")}
    if kind is StepKind.RATE:
        return {"reasons": r.options(raw, "reasons", 0)}
    return {"message": r.text(raw, "message", required=False)}
