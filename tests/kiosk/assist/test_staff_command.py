"""``kiosk staff``: accounts from the command line, PINs from stdin, documented exit codes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kiosk.cli import main


def run(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    argv: list[str],
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_staff_add_list_disable_reset(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("KIOSK_DB_URL", raising=False)
    data = ["--data-dir", str(tmp_path)]
    code, out, _ = run(
        monkeypatch, capsys, ["staff", "add", "1024", "王芳", "--pin-stdin", *data], "246813\n"
    )
    assert code == 0 and "王芳（工号 1024）" in out and "246813" not in out
    code, _, err = run(monkeypatch, capsys, ["staff", "add", "1024", "王芳", *data], "246813\n")
    assert code == 3 and "already exists" in err
    code, _, err = run(monkeypatch, capsys, ["staff", "add", "2048", "李强", *data], "12\n")
    assert code == 2 and "4 to 12 digits" in err
    code, _, err = run(
        monkeypatch, capsys, ["staff", "add", "2048", "李强", "--role", "boss", *data], "1234\n"
    )
    assert code == 2
    code, out, _ = run(monkeypatch, capsys, ["staff", "list", "--json", *data])
    rows = json.loads(out)
    assert [(r["staff_no"], r["name"], r["active"]) for r in rows] == [("1024", "王芳", True)]
    assert "pin_hash" not in out and "scrypt" not in out
    assert run(monkeypatch, capsys, ["staff", "disable", "1024", *data])[0] == 0
    code, out, _ = run(monkeypatch, capsys, ["staff", "list", *data])
    assert "disabled" in out
    code, _, err = run(monkeypatch, capsys, ["staff", "disable", "9999", *data])
    assert code == 3 and "9999" in err
    code, out, _ = run(monkeypatch, capsys, ["staff", "reset-pin", "1024", *data], "135790\n")
    assert code == 0 and "unlocked" in out


def test_unreachable_database_exits_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=1"
    code, _, err = run(monkeypatch, capsys, ["staff", "list", "--db", url])
    assert code == 3 and "cannot be reached" in err
