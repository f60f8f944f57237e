"""The hall server keeps the layers: no Qt and no SQL in ui/web, no web framework in kiosk/,
and nothing in its pages that loads from outside the hall."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "ui" / "web"


def imported(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_ui_web_imports_neither_qt_nor_sqlalchemy() -> None:
    for path in WEB.rglob("*.py"):
        assert not imported(path) & {"PySide6", "sqlalchemy", "psycopg"}, path


def test_the_domain_imports_no_web_framework() -> None:
    for path in (ROOT / "kiosk").rglob("*.py"):
        assert not imported(path) & {"starlette", "uvicorn", "jinja2", "fastapi"}, path


def test_the_server_starts_without_qt() -> None:
    code = "import sys, ui.web.app; print('PySide6' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_pages_load_nothing_from_outside_the_hall() -> None:
    outside = re.compile(r"""(src|href|action|url)\s*[=(]\s*["']?\s*(https?:)?//""", re.I)
    for path in [*WEB.glob("templates/*.html"), *WEB.glob("static/*")]:
        text = path.read_text(encoding="utf-8")
        assert not outside.search(text), path
        assert "@import" not in text and 'fetch("http' not in text, path
