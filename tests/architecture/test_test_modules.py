"""Test modules share their helpers through tests/helpers (or a folder's conftest), never by
importing one another: a test module imported by another is collected twice over, its fixtures
and module-level set-up run where nobody looks for them, and moving or deleting one test breaks
others that only wanted a helper from it."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.architecture.imports import ROOT

TESTS = ROOT / "tests"


def _is_test_module(dotted: str) -> bool:
    return dotted.rsplit(".", 1)[-1].startswith("test_")


def _package_of(path: Path) -> list[str]:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return parts if parts[-1] == "__init__" else parts[:-1]


def imported_test_modules(source: str, path: Path) -> Iterator[tuple[int, str]]:
    """Each (line, module) where ``source`` (the module at ``path``) imports a ``test_*``
    module, however it is written: ``import tests.x.test_y``, ``from tests.x.test_y import
    f``, ``from tests.x import test_y``, ``from .test_y import f``."""
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if any(_is_test_module(part) for part in alias.name.split(".")):
                    yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                package = _package_of(path)
                base = package[: len(package) - (node.level - 1)]
                module = ".".join([*base, module] if module else base)
            if any(_is_test_module(part) for part in module.split(".")):
                yield node.lineno, module
                continue
            for alias in node.names:
                if _is_test_module(alias.name):
                    yield node.lineno, f"{module}.{alias.name}"


def test_no_test_module_imports_another_test_module() -> None:
    found = sorted(
        f"{path.relative_to(ROOT).as_posix()}:{line} imports {module}"
        for path in TESTS.rglob("*.py")
        for line, module in imported_test_modules(path.read_text(encoding="utf-8"), path)
    )
    assert found == [], "move what is shared into tests/helpers:\n" + "\n".join(found)


def test_the_check_sees_every_way_of_writing_such_an_import() -> None:
    """The rule above can fail: each spelling of an import of a test module is found, and an
    import of a helper is not."""
    source = (
        "import tests.ui.test_audio\n"
        "from tests.ui.test_audio import FakePlayer\n"
        "from tests.ui import test_audio\n"
        "from .test_audio import FakeSynth\n"
        "from tests.helpers.clock import FakeClock\n"
        "from tests.ui.conftest import Clock\n"
    )
    found = list(imported_test_modules(source, TESTS / "ui" / "probe.py"))
    assert found == [(n, "tests.ui.test_audio") for n in (1, 2, 3, 4)]
