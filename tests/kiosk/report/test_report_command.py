"""``kiosk demo-data --history``, ``kiosk report`` and the case commands, as a manager runs them."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest

from kiosk.cli import main


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    code, out, _ = _run(
        capsys, "demo-data", "--data-dir", str(tmp_path), "--history", "21", "--seed", "7"
    )
    assert code == 0 and "simulated visits over 21 days" in out
    return tmp_path


def _figures(capsys: pytest.CaptureFixture[str], data_dir: Path) -> list[list[str]]:
    code, out, _ = _run(capsys, "report", "--data-dir", str(data_dir), "--from", "2000-01-01",
                        "--format", "csv")  # fmt: skip
    assert code == 0
    # Times since a kiosk was last seen move with the clock; everything else is history.
    return [row for row in csv.reader(io.StringIO(out)) if row[1] != "unseen"]


def test_history_is_the_same_for_the_same_seed(
    tmp_path: Path, data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    again = tmp_path / "again"
    _run(capsys, "demo-data", "--data-dir", str(again), "--history", "21", "--seed", "7")
    first, second = _figures(capsys, data_dir), _figures(capsys, again)
    assert first == second
    visits = next(r for r in first if r[1] == "overall" and r[3] == "visits")
    assert int(visits[4]) > 100
    gave_up = [r for r in first if r[1] == "funnel" and r[3] == "gave_up" and int(r[4]) > 0]
    assert gave_up  # some residents gave up somewhere


def test_report_formats(data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_file = tmp_path / "r.json"
    code, _, err = _run(capsys, "report", "--data-dir", str(data_dir), "--from", "2000-01-01",
                        "--format", "json", "--out", str(out_file))  # fmt: skip
    assert code == 0 and "written" in err
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert set(data) >= {"overall", "breakdowns", "timeliness", "warmth", "funnel", "devices"}
    assert data["timeliness"]["overall"]["calls"] > 0
    assert [r["kiosk"] for r in data["devices"]["unseen"]] == ["kiosk-3"]
    code, out, _ = _run(capsys, "report", "--data-dir", str(data_dir), "--from", "2000-01-01")
    assert code == 0 and "放弃漏斗" in out and "kiosk-3" in out
    code, _, _ = _run(capsys, "report", "--data-dir", str(data_dir), "--from", "2000-01-01",
                      "--format", "json", "--out", str(out_file), "--kiosk", "kiosk-2",
                      "--mode", "elder")  # fmt: skip
    narrowed = json.loads(out_file.read_text(encoding="utf-8"))
    assert narrowed["period"]["kiosk"] == "kiosk-2" and narrowed["period"]["elder"] is True
    assert 0 < narrowed["overall"]["visits"] < data["overall"]["visits"]
    assert [r["key"] for r in narrowed["breakdowns"]["kiosk"]] == ["kiosk-2"]
    assert [r["key"] for r in narrowed["breakdowns"]["elder"]] == ["elder"]
    assert {r["kiosk"] for r in narrowed["devices"]["downtime"]} <= {"kiosk-2"}
    code, out, _ = _run(capsys, "report", "--data-dir", str(data_dir), "--from", "2000-01-01",
                        "--service", "card-status")  # fmt: skip
    assert code == 0 and "事项 card-status" in out.splitlines()[1]


def test_cases_commands(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("246813\n"))
    code, _, _ = _run(capsys, "staff", "add", "2001", "王芳", "--role", "manager", "--pin-stdin",
                      "--data-dir", str(data_dir))  # fmt: skip
    assert code == 0
    me = ["--staff", "2001"]
    code, out, _ = _run(capsys, "report", "cases", "--data-dir", str(data_dir), "--json")
    assert code == 0
    open_cases = json.loads(out)
    assert open_cases and all(c["status"] in ("open", "contacted") for c in open_cases)
    target = next(c for c in open_cases if c["status"] == "open")["id"]
    code, out, err = _run(capsys, "report", "case", str(target), "--data-dir", str(data_dir),
                          "--contact", "已回访，居民认可", *me)  # fmt: skip
    assert code == 0 and json.loads(out)["status"] == "contacted"
    code, _, err = _run(capsys, "report", "case", str(target), "--data-dir", str(data_dir),
                        "--withdraw", "malicious", *me)  # fmt: skip
    assert code == 3 and "reason" in err
    code, _, err = _run(capsys, "report", "case", "999999", "--data-dir", str(data_dir),
                        "--close", "x", *me)  # fmt: skip
    assert code == 3 and "no case 999999" in err
    code, _, err = _run(capsys, "report", "case", str(target), "--data-dir", str(data_dir),
                        "--staff", "nobody", "--close", "x")  # fmt: skip
    assert code == 2 and "nobody" in err


def test_usage_errors(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "report", "--data-dir", str(data_dir), "--from", "2026-12-05",
                        "--to", "2026-12-01")  # fmt: skip
    assert code == 2 and "before" in err
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--data-dir", str(data_dir), "--from", "yesterday"])
    assert exit_.value.code == 2


def _table_rows(page: str, table_id: str) -> list[list[str]]:
    """The body rows of one table of the HTML report, cell by cell."""
    start = page.index(f'id="{table_id}"')
    body = page[page.index("<tbody>", start) : page.index("</tbody>", start)]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", body)
    return [[html.unescape(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r)] for r in rows]


def test_the_html_report_names_services_and_steps_by_their_titles(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A step whose title is filled in per visit reads as it would outside one, never by its
    id: 参保缴费查询's "您的缴费记录：{period.label}" and 办事指南's "{topic.label}"."""
    out_file = tmp_path / "r.html"
    code, _, _ = _run(capsys, "report", "--data-dir", str(data_dir), "--from", "2000-01-01",
                      "--format", "html", "--out", str(out_file))  # fmt: skip
    assert code == 0
    rows = _table_rows(out_file.read_text(encoding="utf-8"), "funnel")
    steps = {(service, step) for service, step, *_ in rows}
    assert ("参保缴费查询", "您的缴费记录：…") in steps
    assert ("办事指南", "（居民所选的内容）") in steps
    assert ("参保缴费查询", "请确认您的身份") in steps
    assert not any("{" in step or step in ("record", "detail") for _, step in steps)
