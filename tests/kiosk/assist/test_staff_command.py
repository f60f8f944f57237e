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
    code, _, err = run(monkeypatch, capsys, ["staff", "list", *data])
    assert code == 2 and "kiosk db upgrade" in err  # an account goes into a store made for it
    assert run(monkeypatch, capsys, ["db", "upgrade", *data])[0] == 0
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
    code, out, _ = run(
        monkeypatch,
        capsys,
        ["staff", "add", "4096", "周敏", "--role", "manager", "--pin-stdin", *data],
        "8642\n",
    )
    assert code == 0 and out.strip().endswith("as manager")
    code, out, _ = run(monkeypatch, capsys, ["staff", "list", "--json", *data])
    rows = json.loads(out)
    assert [(r["staff_no"], r["name"], r["role"], r["active"]) for r in rows] == [
        ("1024", "王芳", "helper", True),
        ("4096", "周敏", "manager", True),
    ]
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


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_badge_code_is_read_like_the_pin_never_from_argv(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from kiosk.assist import staff
    from kiosk.store import db

    monkeypatch.delenv("KIOSK_DB_URL", raising=False)
    url = f"sqlite:///{tmp_path / 'staff.sqlite3'}"
    data = ["--db", url]
    assert run(monkeypatch, capsys, ["db", "upgrade", *data])[0] == 0
    # From stdin: the PIN on the first line, the badge code on the next.
    code, out, _ = run(
        monkeypatch,
        capsys,
        ["staff", "add", "1024", "王芳", "--pin-stdin", "--badge-stdin", *data],
        "246813\nBADGE-7F3A\n",
    )
    assert code == 0 and "BADGE-7F3A" not in out
    # At a terminal: asked without echo, as the PIN is.
    prompts: list[str] = []
    answers = iter(["135790", "135790", "BADGE-9C1D"])

    def getpass(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", getpass)
    monkeypatch.setattr("sys.stdin", _Terminal(""))
    assert main(["staff", "add", "2048", "李强", "--badge", *data]) == 0
    assert len(prompts) == 3 and "badge" in prompts[2].lower()
    assert "BADGE-9C1D" not in capsys.readouterr().out
    engine = db.make_engine(url)
    sessions = db.session_factory(engine)
    assert staff.authenticate_badge(sessions, "BADGE-7F3A", "kiosk-1").staff_no == "1024"
    assert staff.authenticate_badge(sessions, "BADGE-9C1D", "kiosk-1").staff_no == "2048"
    engine.dispose()
    # The code on the command line is refused (it would sit in the shell history).
    with pytest.raises(SystemExit) as refused:
        run(monkeypatch, capsys, ["staff", "add", "4096", "赵敏", "--badge", "B-1", *data])
    assert refused.value.code == 2
    code, _, err = run(
        monkeypatch, capsys, ["staff", "add", "4096", "赵敏", "--badge-stdin", *data], "2468\n\n"
    )
    assert code == 2 and "badge" in err
