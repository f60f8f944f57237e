"""What a service file may make the kiosk read, hold and draw.

A service file is a few kilobytes of text a person wrote; these bound what a damaged or hostile
one can do, checked before any of it is read as a service.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

MAX_FILE_BYTES = 256 * 1024
MAX_TEXT_CHARS = 4000  # any one string (a prompt, a label, a body)
MAX_DEPTH = 8  # tables and arrays within each other; the shipped files use 4
TOO_DEEP = f"nested too deeply; the limit is {MAX_DEPTH} levels (MAX_DEPTH)"


def out_of_bounds(value: Any, where: str = "", depth: int = 0) -> tuple[str, str] | None:
    """(field, message) for the first value nested too deeply or a string too long."""
    if depth > MAX_DEPTH:
        return where, TOO_DEEP
    if isinstance(value, str) and len(value) > MAX_TEXT_CHARS:
        message = f"is {len(value)} characters; the limit is {MAX_TEXT_CHARS} (MAX_TEXT_CHARS)"
        return where, message
    items: Iterable[tuple[str, Any]] = ()
    if isinstance(value, dict):
        items = ((f"{where}.{k}" if where else str(k), v) for k, v in value.items())
    elif isinstance(value, list):
        items = ((f"{where}[{i}]", v) for i, v in enumerate(value))
    for key, item in items:
        if found := out_of_bounds(item, key, depth + 1):
            return found
    return None
