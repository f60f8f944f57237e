"""``FileReader``: typed values read from one service file's tables (texts in every language,
strings, numbers, options, rows), each wrong one recorded as a ``Problem`` at its place, so all
of a file's problems are collected, not only the first."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kiosk.catalog.problems import LineFinder, Problem
from kiosk.catalog.schema import Option, Row, Text
from kiosk.text import TEXT_LANGS, language_codes

TEXT_KEYS = {"zh", "en", "spoken_zh", "spoken_en"}  # and spoken_<code> for the other languages
OPTION_KEYS = {"value", "label", "hint", "detail", "url", "goto"}


class FileReader:
    """Reads one file; ``service``, ``step`` and ``step_index`` say where it is, for problems."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = LineFinder(text)
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
