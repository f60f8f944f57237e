"""Service files (TOML) to the catalogue, with every problem named by place.

A file is read within its limits (``limits``), its service and steps are read value by value
(``reader``, ``steps``), the whole service is checked (``checks``), and every problem found is
named by file, line, service, step and field (``problems``). All problems of a file are
collected, not only the first; ``load_catalogue`` collects those of every file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from kiosk.catalog.checks import check_service
from kiosk.catalog.limits import MAX_FILE_BYTES, TOO_DEEP, out_of_bounds
from kiosk.catalog.problems import CatalogueError, Problem
from kiosk.catalog.reader import FileReader
from kiosk.catalog.schema import Catalogue, Service, Step
from kiosk.catalog.steps import BAD_ID, ID_PATTERN, read_step

# CatalogueError and Problem are what a caller of the loader catches and reads.
__all__ = [
    "CatalogueError",
    "Problem",
    "load_catalogue",
    "load_file",
    "load_text",
    "read_service",
    "service_files",
]
SERVICE_KEYS = {"id", "title", "summary", "icon", "order", "steps"}


def read_service(reader: FileReader, raw: Mapping[str, Any]) -> Service | None:
    """The service of one parsed file, or None with its problems in ``reader.problems``."""
    service_id = reader.string(raw, "id")
    reader.service = service_id
    if service_id and not ID_PATTERN.match(service_id):
        reader.problem("id", BAD_ID)
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
        step = read_step(reader, raw_step, index)
        if step is not None:
            if step.id in {s.id for s in steps}:
                reader.problem("id", f"step id '{step.id}' is used twice")
            steps.append(step)
    reader.step, reader.step_index = "", None
    if reader.problems or title is None or summary is None:
        return None
    service = Service(service_id, title, summary, icon, order, tuple(steps), str(reader.path))
    check_service(reader, service)
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
        raise CatalogueError([Problem(str(path), TOO_DEEP)]) from None
    if problem := out_of_bounds(raw):
        raise CatalogueError([Problem(str(path), problem[1], field=problem[0])])
    reader = FileReader(path, text)
    service = read_service(reader, raw)
    if service is None:
        raise CatalogueError(reader.problems or [Problem(str(path), "not a service")])
    return service


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
