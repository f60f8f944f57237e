"""kiosk/ and ui/ use only the public API that devices/__init__.py documents (DESIGN.md: the
kiosk uses the public types of devices/, never a driver's insides)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import devices

ROOT = Path(__file__).resolve().parents[2]


def documented() -> dict[str, set[str]]:
    """Module to names, read from the docstring's ``devices.x``: Name, Name entries."""
    doc = devices.__doc__ or ""
    api: dict[str, set[str]] = {}
    for match in re.finditer(r"``(devices(?:\.\w+)+)``:(.*?)(?=``devices|\n- |\n\n|$)", doc, re.S):
        api.setdefault(match.group(1), set()).update(re.findall(r"\b[A-Za-z_]\w*\b", match[2]))
    return api


def used() -> list[tuple[str, str, str]]:
    """(file, module, name) for every name kiosk/ and ui/ import from devices."""
    found = []
    for package in ("kiosk", "ui"):
        for path in sorted((ROOT / package).rglob("*.py")):
            where = str(path.relative_to(ROOT))
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("devices"):
                    found += [(where, node.module or "", alias.name) for alias in node.names]
                elif isinstance(node, ast.Import):
                    found += [
                        (where, a.name, "") for a in node.names if a.name.startswith("devices")
                    ]
    return found


def test_the_documented_api_exists() -> None:
    import importlib

    api = documented()
    assert "SimServer" in api["devices.sim.server"] and "blocker" in api["devices.printer.realtime"]
    code_like = re.compile(r"^(?:[A-Z][a-z]\w*|[A-Z_]{3,}|\w+_\w+)$")  # not prose words
    missing = [
        f"{module}.{name}"
        for module, names in api.items()
        for name in names
        if code_like.match(name) and name != "None"
        if not hasattr(importlib.import_module(module), name)
    ]
    assert missing == []


def test_kiosk_and_ui_use_only_the_documented_api() -> None:
    api = documented()
    outside = [
        f"{where}: {module}{'.' + name if name else ''}"
        for where, module, name in used()
        if not (
            f"{module}.{name}" in api  # a documented module imported from its package
            or (name and name in api.get(module, ()))
            or (not name and module in api)
        )
    ]
    assert outside == []
