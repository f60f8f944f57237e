"""The imports of our packages, read from the source (nothing is imported to find them)."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("kiosk", "devices", "ui")


@dataclass(frozen=True)
class Import:
    path: str  # relative to the repository, e.g. "ui/kiosk/window.py"
    line: int
    module: str  # the module imported, absolute ("sqlalchemy.orm", "kiosk.api.kiosk")
    in_function: bool  # inside a def: hidden from whoever reads the top of the module
    type_only: bool  # under ``if TYPE_CHECKING:``: never imported when the program runs


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _walk(
    node: ast.AST, in_function: bool, type_only: bool
) -> Iterator[tuple[ast.AST, bool, bool]]:
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.If) and _is_type_checking(child.test):
            for stmt in child.body:
                yield stmt, in_function, True
                yield from _walk(stmt, in_function, True)
            for stmt in child.orelse:
                yield stmt, in_function, type_only
                yield from _walk(stmt, in_function, type_only)
            continue
        inner = in_function or isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef))
        yield child, in_function, type_only
        yield from _walk(child, inner, type_only)


def imports_of(path: Path) -> list[Import]:
    rel = path.relative_to(ROOT).as_posix()
    package = rel.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
    found: list[Import] = []
    for node, in_function, type_only in _walk(tree, False, False):
        if isinstance(node, ast.Import):
            for alias in node.names:
                found.append(Import(rel, node.lineno, alias.name, in_function, type_only))
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative: resolve against this module's package
                base = package.split(".")
                if not rel.endswith("__init__.py"):
                    base = base[:-1]
                base = base[: len(base) - (node.level - 1)]
                module = ".".join([*base, module] if module else base)
            found.append(Import(rel, node.lineno, module, in_function, type_only))
    return found


def all_imports() -> list[Import]:
    found: list[Import] = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            found.extend(imports_of(path))
    return found
