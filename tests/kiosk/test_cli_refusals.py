"""The ``kiosk`` command as a technician meets it: options in either place, no store made by
accident, and every wrong input a message with exit 2 or 3, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.cli import main

ROOT = Path(__file__).resolve().parents[2]


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def store_dir(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "store"
    code, _, _ = _run(capsys, "db", "upgrade", "--data-dir", str(folder))
    assert code == 0
    return folder


def test_report_cases_take_the_data_options_before_the_action(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for action in (["cases"], ["case", "1"]):
        code, _, err = _run(capsys, "report", "--data-dir", str(tmp_path / "nowhere"), *action)
        assert code == 2 and "kiosk db upgrade" in err, (action, err)
        assert not (tmp_path / "nowhere").exists()
    code, out, _ = _run(capsys, "report", "--data-dir", str(store_dir), "cases")
    assert code == 0 and "no open cases" in out
    code, out, _ = _run(capsys, "report", "cases", "--data-dir", str(store_dir))
    assert code == 0 and "no open cases" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["services", "list"],
        ["services", "show", "x"],
        ["staff", "list"],
        ["report", "cases"],
    ],
)
def test_commands_refuse_a_missing_store_and_make_none(
    argv: list[str], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = tmp_path / "nonexist" / "dir"
    code, _, err = _run(capsys, *argv, "--db", f"sqlite:///{where}/x.db")
    assert code == 2 and "kiosk db upgrade" in err
    assert not where.exists()
    code, _, err = _run(capsys, *argv, "--data-dir", str(where))
    assert code == 2 and "kiosk db upgrade" in err
    assert not where.exists()


def test_publish_refuses_an_empty_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    shipped = next((ROOT / "assets" / "services").glob("*.toml"))
    code, _, err = _run(capsys, "services", "publish", str(shipped), "--db", f"sqlite:///{empty}")
    assert code == 2 and "kiosk db upgrade" in err


@pytest.mark.parametrize("argv", [["report"], ["db", "upgrade"], ["services", "list"]])
def test_an_unsupported_database_is_named(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, *argv, "--db", "mysql://x/y")
    assert code == 2 and "SQLite" in err and "PostgreSQL" in err


def test_doctor_names_an_unsupported_database(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "doctor", "--data-dir", str(tmp_path), "--db", "mysql://x/y")
    line = next(line for line in out.splitlines() if "store" in line)
    assert code == 3 and "SQLite" in line and "PostgreSQL" in line and "Error" not in line


def test_a_folder_given_as_configuration(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "doctor", "--config", str(tmp_path))
    assert code == 2 and str(tmp_path) in err and "folder" in err


def test_a_closed_pipe_ends_the_command_quietly(store_dir: Path) -> None:
    script = (
        "import sys; from kiosk.cli import main; "
        f"sys.exit(main(['services', 'list', '--data-dir', {str(store_dir)!r}]))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-c", script], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()  # as `| head -1` does
    err = proc.stderr.read().decode()
    proc.wait()
    assert "Traceback" not in err and "BrokenPipe" not in err


def test_doctor_fails_a_production_kiosk_without_device_ports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "prod.toml"
    config.write_text('[kiosk]\nmode = "production"\n', encoding="utf-8")
    code, out, _ = _run(capsys, "doctor", "--config", str(config), "--data-dir", str(tmp_path))
    printer = next(line for line in out.splitlines() if "device printer" in line)
    assert code == 3 and "FAIL" in printer.upper() and "simulator stands in" not in printer
    assert "devices.printer.url is empty" in printer


@pytest.fixture(scope="module")
def history_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("history")
    assert main(["demo-data", "--data-dir", str(folder), "--history", "7", "--seed", "3"]) == 0
    return folder


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--service", "nope"),
        ("--language", "fr"),
        ("--hall", "nohall"),
        ("--kiosk", "kiosk-9"),
    ],
)
def test_report_refuses_an_unknown_filter(
    history_dir: Path, option: str, value: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(capsys, "report", "--data-dir", str(history_dir), option, value)
    assert code == 2 and option in err and value in err and not out


def test_report_compare_refuses_what_it_cannot_write(
    history_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_file = tmp_path / "cmp.html"
    code, _, err = _run(capsys, "report", "--data-dir", str(history_dir), "--compare",
                        "retirement", "--version", "1", "--format", "html",
                        "--out", str(out_file))  # fmt: skip
    assert code == 2 and "--out" in err and not out_file.exists()


@pytest.mark.parametrize(
    "argv",
    [
        ["services", "compare", "nope", "--version", "1"],
        ["services", "show", "nope"],
        ["report", "--compare", "nope", "--version", "1"],
    ],
)
def test_an_unknown_service_is_a_usage_error(
    history_dir: Path, argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, *argv, "--data-dir", str(history_dir))
    assert code == 2 and "'nope' is unknown" in err


@pytest.mark.parametrize("version", ["9", "0"])
def test_compare_refuses_a_version_the_service_has_not(
    history_dir: Path, version: str, capsys: pytest.CaptureFixture[str]
) -> None:
    service = _a_service(history_dir, capsys)
    code, _, err = _run(capsys, "services", "compare", service, "--version", version,
                        "--data-dir", str(history_dir))  # fmt: skip
    assert code == 2 and f"no version {version}" in err
    code, _, err = _run(capsys, "services", "show", service, "--version", "9",
                        "--data-dir", str(history_dir))  # fmt: skip
    assert code == 2 and "no version 9" in err


def _a_service(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> str:
    code, out, _ = _run(capsys, "services", "list", "--data-dir", str(data_dir))
    assert code == 0
    return out.split()[0]


@pytest.mark.parametrize("command", ["serve", "console"])
def test_the_server_and_console_refuse_a_missing_or_empty_store_and_make_none(
    command: str, tmp_path: Path
) -> None:
    """As every other command: the store is made by ``kiosk db upgrade``, never by a server or
    a console started on the wrong folder (nothing is left there either)."""
    empty = tmp_path / "empty.db"
    empty.touch()
    where = tmp_path / "nonexist" / "dir"
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    for store in (
        ["--data-dir", str(where)],
        ["--data-dir", str(where), "--db", f"sqlite:///{empty}"],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "kiosk", command, *store],
            capture_output=True, text=True, timeout=60, check=False, env=env, cwd=ROOT,
        )  # fmt: skip
        assert done.returncode == 2, (store, done.stderr)
        assert "run `kiosk db upgrade` first" in done.stderr and "Traceback" not in done.stderr
        assert not where.exists()
