"""The hall server starts without Qt, and nothing in its pages loads from outside the hall
(the import rules themselves are in tests/architecture)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.helpers.child import run_python

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "ui" / "web"


def test_the_server_starts_without_qt() -> None:
    code = "import sys, ui.web.app; print('PySide6' in sys.modules)"
    done = run_python(code, check=True)
    assert done.stdout.strip() == "False"


def test_pages_load_nothing_from_outside_the_hall() -> None:
    outside = re.compile(r"""(src|href|action|url)\s*[=(]\s*["']?\s*(https?:)?//""", re.I)
    for path in [*WEB.glob("templates/*.html"), *WEB.glob("static/*")]:
        text = path.read_text(encoding="utf-8")
        assert not outside.search(text), path
        assert "@import" not in text and 'fetch("http' not in text, path
