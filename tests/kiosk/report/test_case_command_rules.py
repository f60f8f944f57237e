"""``kiosk report case N`` changes a case as the report pages do: a manager, named, and only a
change that does something."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from kiosk.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str, stdin: str = "") -> tuple[int, str, str]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdin", io.StringIO(stdin))
        code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def hall(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[list[str], int]:
    data = ["--data-dir", str(tmp_path)]
    assert _run(capsys, "demo-data", *data, "--history", "14", "--seed", "5")[0] == 0
    for no, role in (("1001", "helper"), ("2001", "manager")):
        code, _, err = _run(capsys, "staff", "add", no, "测试", "--role", role, "--pin-stdin",
                            *data, stdin="246813\n")  # fmt: skip
        assert code == 0, err
    code, out, _ = _run(capsys, "report", "cases", "--all", "--json", *data)
    assert code == 0
    return data, json.loads(out)[0]["id"]


def test_a_change_needs_a_manager_named(
    hall: tuple[list[str], int], capsys: pytest.CaptureFixture[str]
) -> None:
    data, case = hall
    change = ["report", "case", str(case), "--category", "service", *data]
    code, _, err = _run(capsys, *change)
    assert code == 2 and "--staff" in err
    code, _, err = _run(capsys, *change, "--staff", "1001")
    assert code == 3 and "managers" in err
    code, out, _ = _run(capsys, *change, "--staff", "2001")
    assert code == 0 and json.loads(out)["category"] == "service"
    code, out, _ = _run(capsys, "report", "case", str(case), *data)  # reading needs no one
    assert code == 0


@pytest.mark.parametrize(
    "what", [["--contact", ""], ["--rectify", " "], ["--close", ""], ["--reason", "typo"]]
)
def test_a_change_that_does_nothing_is_refused(
    hall: tuple[list[str], int], what: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    data, case = hall
    code, out, err = _run(capsys, "report", "case", str(case), *what, "--staff", "2001", *data)
    assert code == 2 and what[0] in err and not out
