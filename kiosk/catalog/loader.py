"""Service files (TOML) to the service model, with every problem named by place.

A problem names the file, the service, the step and the field, and the line where it can be
found, so whoever patches a service in the hall can mend it without reading code. All problems
of a file are collected, not only the first.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.backends.operations import OPERATIONS
from kiosk.catalog.schema import (
    IDENTIFY_METHODS,
    STEP_CLASSES,
    Catalogue,
    DocumentSpec,
    Option,
    Row,
    Service,
    Step,
    StepKind,
    Text,
    Validator,
)
from kiosk.errors import ConfigError
from kiosk.text import TEXT_LANGS, language_codes, placeholders

ID_PATTERN = re.compile(r"^[a-z][a-z0-9_-]*$")
TEXT_KEYS = {"zh", "en", "spoken_zh", "spoken_en"}  # and spoken_<code> for the other languages
SERVICE_KEYS = {"id", "title", "summary", "icon", "order", "steps"}
OPTION_KEYS = {"value", "label", "hint", "detail", "url", "goto"}
COMMON_STEP_KEYS = {"id", "kind", "title", "prompt", "help"}
KIND_KEYS: dict[StepKind, set[str]] = {
    StepKind.INFO: {"body", "detail_from"},
    StepKind.CHOOSE: {"field", "options"},
    StepKind.IDENTIFY: {"methods"},
    StepKind.INPUT: {"field", "validator", "repeat", "min_length", "max_length", "secret"},
    StepKind.CONFIRM: {"rows", "yes", "no"},
    StepKind.LOOKUP: {"operation", "params"},
    StepKind.PRINT: {"document", "optional"},
    StepKind.HANDOFF: {"url", "explain"},
    StepKind.TICKET: {"business"},
    StepKind.RATE: {"reasons"},
    StepKind.DONE: {"message"},
}
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


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    service: str = ""
    step: str = ""
    field: str = ""
    line: int | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        place = ", ".join(
            p
            for p in (
                f"service '{self.service}'" if self.service else "",
                f"step '{self.step}'" if self.step else "",
                f"field '{self.field}'" if self.field else "",
            )
            if p
        )
        return f"{where}: {place + ': ' if place else ''}{self.message}"


# A service file is a few kilobytes of text a person wrote; these bound what a damaged or hostile
# one can make the kiosk read, hold and draw.
MAX_FILE_BYTES = 256 * 1024
MAX_TEXT_CHARS = 4000  # any one string (a prompt, a label, a body)
MAX_DEPTH = 8  # tables and arrays within each other; the shipped files use 4


class CatalogueError(ConfigError):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class _Lines:
    """Finds the line of a field in the raw file: tomllib keeps no positions."""

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.step_starts = [
            i for i, line in enumerate(self.lines) if line.strip().startswith("[[steps]]")
        ]

    def find(self, key: str, step_index: int | None = None) -> int | None:
        start, end = 0, len(self.lines)
        if step_index is not None and step_index < len(self.step_starts):
            start = self.step_starts[step_index]
            later = [s for s in self.step_starts if s > start]
            end = later[0] if later else end
        elif self.step_starts:
            end = self.step_starts[0]
        head = key.split(".")[0].split("[")[0]
        pattern = re.compile(rf"^\s*(\[+\s*steps\.)?{re.escape(head)}\b")
        for i in range(start, end):
            if pattern.match(self.lines[i]):
                return i + 1
        if step_index is not None and step_index < len(self.step_starts):
            return start + 1
        return None


class _FileReader:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = _Lines(text)
        self.problems: list[Problem] = []
        self.service = ""
        self.step = ""
        self.step_index: int | None = None

    def problem(self, field: str, message: str) -> None:
        self.problems.append(
            Problem(
                str(self.path),
                message,
                self.service,
                self.step,
                field,
                self.lines.find(field, self.step_index),
            )
        )

    def text(self, table: Mapping[str, Any], key: str, required: bool = True) -> Text | None:
        value = table.get(key)
        if value is None:
            if required:
                self.problem(key, 'is missing; give it as { zh = "...", en = "..." }')
            return None
        if not isinstance(value, dict):
            self.problem(
                key, 'must be a table with zh and en text, like { zh = "...", en = "..." }'
            )
            return None
        more = {f"spoken_{code}": code for code in language_codes() if code not in TEXT_LANGS}
        allowed = TEXT_KEYS | set(more)
        for extra in sorted(set(value) - allowed):
            self.problem(
                f"{key}.{extra}", f"unknown language key; allowed: {', '.join(sorted(allowed))}"
            )
        ok = True
        for lang in TEXT_LANGS:
            said = value.get(lang)
            if not isinstance(said, str) or not said.strip():
                self.problem(f"{key}.{lang}", "is missing or empty: every text needs zh and en")
                ok = False
        for spoken in sorted((TEXT_KEYS - set(TEXT_LANGS)) | set(more)):
            if spoken in value and not isinstance(value[spoken], str):
                self.problem(f"{key}.{spoken}", "must be text")
                ok = False
        if not ok:
            return None
        return Text(
            value["zh"],
            value["en"],
            value.get("spoken_zh", ""),
            value.get("spoken_en", ""),
            tuple((code, value[k]) for k, code in more.items() if value.get(k)),
        )

    def texts(self, table: Mapping[str, Any], key: str) -> tuple[Text, ...]:
        value = table.get(key, [])
        if not isinstance(value, list):
            self.problem(key, "must be a list of { zh, en } tables")
            return ()
        out = []
        for i, item in enumerate(value):
            text = self.text({f"{key}[{i}]": item}, f"{key}[{i}]")
            if text:
                out.append(text)
        return tuple(out)

    def string(self, table: Mapping[str, Any], key: str, default: str | None = None) -> str:
        value = table.get(key, default)
        if value is None:
            self.problem(key, "is missing")
            return ""
        if not isinstance(value, str):
            self.problem(key, f"must be text, not {type(value).__name__}")
            return ""
        return value

    def integer(self, table: Mapping[str, Any], key: str, default: int) -> int:
        value = table.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, "must be a whole number")
            return default
        return value

    def boolean(self, table: Mapping[str, Any], key: str) -> bool:
        value = table.get(key, False)
        if not isinstance(value, bool):
            self.problem(key, "must be true or false")
            return False
        return value

    def options(self, table: Mapping[str, Any], key: str, minimum: int) -> tuple[Option, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(key, "must be a list of tables ([[steps.options]])")
            return ()
        if len(value) < minimum:
            self.problem(key, f"needs at least {minimum} options")
        out: list[Option] = []
        for i, item in enumerate(value):
            name = f"{key}[{i}]"
            for extra in sorted(set(item) - OPTION_KEYS):
                self.problem(
                    f"{name}.{extra}", f"unknown key; allowed: {', '.join(sorted(OPTION_KEYS))}"
                )
            val = self.string(item, "value")
            if val and val in {o.value for o in out}:
                self.problem(f"{name}.value", f"'{val}' is used twice")
            label = self.text(item, "label")
            hint = self.text(item, "hint", required=False)
            detail = self.texts(item, "detail")
            url = self.string(item, "url", "")
            goto = self.string(item, "goto", "")
            if val and label:
                out.append(Option(val, label, hint, detail, url, goto))
        return tuple(out)

    def rows(self, table: Mapping[str, Any], key: str) -> tuple[Row, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(key, 'must be a list of { label = {zh, en}, value = "{field}" }')
            return ()
        out = []
        for item in value:
            label = self.text(item, "label")
            val = self.string(item, "value")
            if label:
                out.append(Row(label, val))
        return tuple(out)


def _check_templates(reader: _FileReader, service: Service) -> None:
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
    for text_field in ("title", "prompt"):
        text = getattr(step, text_field)
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


def _step(reader: _FileReader, raw: Mapping[str, Any], index: int) -> Step | None:
    reader.step_index = index
    given = raw.get("id")
    reader.step = given if isinstance(given, str) else f"#{index + 1}"
    step_id = reader.string(raw, "id")
    if step_id and not ID_PATTERN.match(step_id):
        reader.problem("id", "must be lower-case letters, digits, - or _, starting with a letter")
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
    }
    extra_fields = _kind_fields(reader, kind, raw)
    if title is None or not step_id or extra_fields is None:
        return None
    return STEP_CLASSES[kind](**common, **extra_fields)


def _kind_fields(
    reader: _FileReader, kind: StepKind, raw: Mapping[str, Any]
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
        return {"operation": operation, "params": dict(params)}
    if kind is StepKind.PRINT:
        doc = raw.get("document")
        if not isinstance(doc, dict):
            r.problem("document", "is missing: a print step needs [steps.document] with a title")
            return None
        for extra in sorted(set(doc) - {"title", "rows", "table_from", "qr", "footer"}):
            r.problem(
                f"document.{extra}", "unknown key; allowed: title, rows, table_from, qr, footer"
            )
        title = r.text(doc, "title")
        if title is None:
            return None
        return {
            "document": DocumentSpec(
                title,
                r.rows(doc, "rows"),
                r.string(doc, "table_from", ""),
                r.string(doc, "qr", ""),
                r.text(doc, "footer", required=False),
            ),
            "optional": r.boolean(raw, "optional"),
        }
    if kind is StepKind.HANDOFF:
        return {"url": r.string(raw, "url"), "explain": r.text(raw, "explain", required=False)}
    if kind is StepKind.TICKET:
        return {"business": r.string(raw, "business")}
    if kind is StepKind.RATE:
        return {"reasons": r.options(raw, "reasons", 0)}
    return {"message": r.text(raw, "message", required=False)}


def _service(reader: _FileReader, raw: Mapping[str, Any]) -> Service | None:
    service_id = reader.string(raw, "id")
    reader.service = service_id
    if service_id and not ID_PATTERN.match(service_id):
        reader.problem("id", "must be lower-case letters, digits, - or _, starting with a letter")
    for extra in sorted(set(raw) - SERVICE_KEYS):
        reader.problem(extra, f"unknown key; allowed: {', '.join(sorted(SERVICE_KEYS))}")
    title, summary = reader.text(raw, "title"), reader.text(raw, "summary")
    icon = reader.string(raw, "icon", "")
    order = reader.integer(raw, "order", 100)
    raw_steps = raw.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        reader.problem("steps", "a service needs its steps as [[steps]] tables")
        return None
    steps: list[Step] = []
    for index, raw_step in enumerate(raw_steps):
        if not isinstance(raw_step, dict):
            reader.step_index, reader.step = index, f"#{index + 1}"
            reader.problem("steps", "each step must be a [[steps]] table")
            continue
        step = _step(reader, raw_step, index)
        if step is not None:
            if step.id in {s.id for s in steps}:
                reader.problem("id", f"step id '{step.id}' is used twice")
            steps.append(step)
    reader.step, reader.step_index = "", None
    if reader.problems or title is None or summary is None:
        return None
    kinds = [s.kind for s in steps]
    if StepKind.RATE not in kinds:
        reader.problem("steps", "every service ends with a rate step before its done step")
    if kinds[-1] is not StepKind.DONE:
        reader.problem("steps", "the last step must be a done step")
    fields = [getattr(s, "field", "") for s in steps if getattr(s, "field", "")]
    for name in {f for f in fields if fields.count(f) > 1}:
        reader.problem("steps", f"field '{name}' is set by two steps")
    service = Service(service_id, title, summary, icon, order, tuple(steps), str(reader.path))
    _check_templates(reader, service)
    for index, step in enumerate(steps):
        reader.step, reader.step_index = step.id, index
        if step.kind is StepKind.INFO and step.detail_from not in ("", *fields):  # type: ignore[attr-defined]
            reader.problem("detail_from", "must name the field of a choose step")
        for i, option in enumerate(getattr(step, "options", ())):
            later = {s.id for s in steps[index + 1 :]}
            if option.goto and option.goto not in later:
                reader.problem(f"options[{i}].goto", f"'{option.goto}' is not a later step")
        if step.kind is StepKind.PRINT:
            table_from = step.document.table_from  # type: ignore[attr-defined]
            lookups = {s.id for s in steps[:index] if s.kind is StepKind.LOOKUP}
            if table_from and table_from not in lookups:
                reader.problem("document.table_from", "must name an earlier lookup step")
    return None if reader.problems else service


def load_file(path: Path) -> Service:
    """One service file; raises CatalogueError with all of its problems."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = f"is {size} bytes; the limit is {MAX_FILE_BYTES} bytes (MAX_FILE_BYTES)"
            raise CatalogueError([Problem(str(path), message)])
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError([Problem(str(path), f"cannot be read: {exc}")]) from None
    return load_text(text, path)


def load_text(text: str, path: Path) -> Service:
    """One service from its text (a published version in the store); ``path`` names it in
    problems, as the file it came from."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise CatalogueError([Problem(str(path), f"not valid TOML: {exc}", line=line)]) from None
    except RecursionError:  # the parser recurses into nested arrays and inline tables
        message = f"nested too deeply; the limit is {MAX_DEPTH} levels (MAX_DEPTH)"
        raise CatalogueError([Problem(str(path), message)]) from None
    if problem := _out_of_bounds(raw):
        raise CatalogueError([Problem(str(path), problem[1], field=problem[0])])
    reader = _FileReader(path, text)
    service = _service(reader, raw)
    if service is None:
        raise CatalogueError(reader.problems or [Problem(str(path), "not a service")])
    return service


def _out_of_bounds(value: Any, where: str = "", depth: int = 0) -> tuple[str, str] | None:
    """(field, message) for the first value nested too deeply or a string too long."""
    if depth > MAX_DEPTH:
        return where, f"nested too deeply; the limit is {MAX_DEPTH} levels (MAX_DEPTH)"
    if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
        message = f"is {len(value)} characters; the limit is {MAX_TEXT_CHARS} (MAX_TEXT_CHARS)"
        return where, message
    items: Iterable[tuple[str, Any]] = ()
    if isinstance(value, dict):
        items = ((f"{where}.{k}" if where else str(k), v) for k, v in value.items())
    elif isinstance(value, list):
        items = ((f"{where}[{i}]", v) for i, v in enumerate(value))
    for key, item in items:
        if found := _out_of_bounds(item, key, depth + 1):
            return found
    return None


def service_files(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        files.extend(sorted(path.glob("*.toml")) if path.is_dir() else [path])
    return files


def load_catalogue(*paths: Path) -> Catalogue:
    """Every service in these files or folders; raises CatalogueError listing every problem."""
    problems: list[Problem] = []
    services: list[Service] = []
    files = service_files(paths)
    if not files:
        raise CatalogueError([Problem(", ".join(map(str, paths)), "no service files found")])
    for file in files:
        try:
            service = load_file(file)
        except CatalogueError as exc:
            problems.extend(exc.problems)
            continue
        if service.id in {s.id for s in services}:
            problems.append(
                Problem(
                    str(file), "service id is used by another file", service=service.id, field="id"
                )
            )
            continue
        services.append(service)
    if problems:
        raise CatalogueError(problems)
    return Catalogue(tuple(sorted(services, key=lambda s: (s.order, s.id))))
