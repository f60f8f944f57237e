"""The layer rules of docs/architecture.md, checked on every import in the source.

- kiosk/ and devices/ import no Qt and no web framework: the domain and the drivers run and are
  tested without a screen, and every front end shares them.
- devices/ imports nothing of ours: a driver is a library of its own.
- ui/ holds no store and no protocol: no SQLAlchemy, Alembic or database driver, no pyserial,
  and nothing of kiosk.store; it calls the domain API (kiosk.api) and the domain's vocabularies.
- ui/web has no Qt.
- Only the composition root (kiosk/cli.py) imports front ends, and only it hides imports inside
  functions (what opens when is its job); everywhere else a module's imports stand at its top,
  where a reader finds them.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.architecture.imports import ROOT, Import, all_imports

QT = ("PySide6", "shiboken6")
WEB = ("starlette", "fastapi", "uvicorn", "jinja2", "itsdangerous")
STORE = ("sqlalchemy", "alembic", "psycopg", "psycopg2", "sqlite3", "kiosk.store")
PROTOCOL = ("serial",)
COMPOSITION_ROOT = "kiosk/cli.py"
# Loaded only where it is needed, as SQLAlchemy loads a dialect's driver: each named here with
# its reason, so no other import hides.
DRIVERS_LOADED_ON_USE = {
    # Alembic (17 MiB, about a second) only when the schema has to change or be explained.
    ("kiosk/store/db.py", "kiosk.store"),
    # psycopg (8 MiB) only for a PostgreSQL store's LISTEN feed.
    ("kiosk/assist/notify.py", "kiosk.assist.listen"),
}

IMPORTS = all_imports()


def _top(module: str, roots: tuple[str, ...]) -> bool:
    return any(module == r or module.startswith(r + ".") for r in roots)


def _where(found: list[Import]) -> list[str]:
    return [f"{i.path}:{i.line} imports {i.module}" for i in found]


def test_the_domain_and_the_drivers_import_no_qt_and_no_web_framework() -> None:
    found = [
        i
        for i in IMPORTS
        if i.path.startswith(("kiosk/", "devices/")) and not i.type_only
        if _top(i.module, QT + WEB)
    ]
    assert _where(found) == []


def test_devices_import_nothing_of_ours() -> None:
    found = [i for i in IMPORTS if i.path.startswith("devices/") if _top(i.module, ("kiosk", "ui"))]
    assert _where(found) == []


def test_front_ends_hold_no_store_and_no_protocol() -> None:
    found = [
        i
        for i in IMPORTS
        if i.path.startswith("ui/") and not i.type_only
        if _top(i.module, STORE + PROTOCOL)
    ]
    assert _where(found) == []


def test_the_web_front_end_has_no_qt() -> None:
    found = [i for i in IMPORTS if i.path.startswith("ui/web/") if _top(i.module, QT)]
    assert _where(found) == []


def test_only_the_composition_root_imports_front_ends() -> None:
    found = [
        i
        for i in IMPORTS
        if i.path.startswith(("kiosk/", "devices/")) and i.path != COMPOSITION_ROOT
        if not i.type_only and _top(i.module, ("ui",))
    ]
    assert _where(found) == []


def test_no_imports_hidden_in_functions_outside_the_composition_root() -> None:
    ours = ("kiosk", "ui", "devices", *QT, *STORE, *WEB)
    found = [
        i
        for i in IMPORTS
        if i.in_function and not i.type_only and i.path != COMPOSITION_ROOT
        if _top(i.module, ours) and (i.path, i.module) not in DRIVERS_LOADED_ON_USE
    ]
    assert _where(found) == []


def test_the_kiosk_window_loads_no_store_before_its_first_paint() -> None:
    """Cheap to import by construction (the store opens on a worker after the paint), not by
    imports hidden in functions."""
    code = (
        "import sys, ui.kiosk.app, ui.kiosk.window; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('sqlalchemy', 'alembic', 'psycopg', 'serial') or m.startswith('kiosk.store')))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        check=True,
    )
    assert done.stdout.strip() == "[]", done.stderr
