"""A problem in a service file, named by place: the file and line, the service, the step and the
field, so whoever patches a service in the hall can mend it without reading code."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.errors import ConfigError


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


class CatalogueError(ConfigError):
    """Every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(p) for p in problems))
        self.problems = problems


class LineFinder:
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
