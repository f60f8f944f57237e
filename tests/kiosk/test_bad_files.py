"""Bad files and bad settings: a named message and a documented exit code, never a traceback;
the kiosk's data readable by its user only."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.api.kiosk import KioskApi
from kiosk.catalog.limits import MAX_TEXT_CHARS
from kiosk.catalog.loader import CatalogueError, load_catalogue
from kiosk.config import load_settings
from kiosk.errors import ConfigError
from kiosk.peripherals.drivers import open_devices

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "assets" / "services" / "01-contribution-record.toml"


def kiosk(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    environ = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    environ["QT_QPA_PLATFORM"] = "offscreen"
    environ.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        cwd=ROOT,
        env=environ,
        capture_output=True,
        text=True,
        timeout=60,
    )


def services_with(folder: Path, name: str, text: str) -> Path:
    folder.mkdir()
    (folder / SHIPPED.name).write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_kiosk_run_names_a_damaged_service_file_like_check_services(tmp_path: Path) -> None:
    services = services_with(tmp_path / "services", "02-bad.toml", 'id = "x"\n[[steps]\n')
    env = {"KIOSK_PATHS_SERVICES_DIR": str(services)}
    check = kiosk("check-services", env=env)
    run = kiosk("run", "--windowed", "--data-dir", str(tmp_path / "data"), env=env)
    assert (check.returncode, run.returncode) == (2, 2)
    named = check.stderr.splitlines()[0] if check.stderr else check.stdout.splitlines()[0]
    assert "02-bad.toml" in named
    assert named in run.stderr
    assert "Traceback" not in run.stderr


def test_a_million_character_prompt_is_refused_naming_the_limit(tmp_path: Path) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    huge = text.replace('prompt = { zh = "', 'prompt = { zh = "' + "长" * 1_000_000, 1)
    assert huge != text
    (tmp_path / "huge.toml").write_text(huge, encoding="utf-8")
    with pytest.raises(CatalogueError, match="the limit is 262144 bytes"):
        load_catalogue(tmp_path / "huge.toml")
    long = text.replace('prompt = { zh = "', 'prompt = { zh = "' + "长" * 5000, 1)
    (tmp_path / "huge.toml").write_text(long, encoding="utf-8")
    with pytest.raises(
        CatalogueError, match=f"field 'steps.+prompt.zh'.+limit is {MAX_TEXT_CHARS}"
    ):
        load_catalogue(tmp_path / "huge.toml")


@pytest.mark.parametrize("levels", [12, 100_000])
def test_deep_nesting_is_refused_naming_the_limit(tmp_path: Path, levels: int) -> None:
    text = SHIPPED.read_text(encoding="utf-8")
    (tmp_path / "deep.toml").write_text(f"x = {'[' * levels}1{']' * levels}\n" + text)
    with pytest.raises(CatalogueError, match="nested too deeply; the limit is 8 levels"):
        load_catalogue(tmp_path / "deep.toml")


def test_a_misspelt_environment_variable_is_refused_like_a_misspelt_key() -> None:
    with pytest.raises(ConfigError, match=r"KIOSK_DATA_DIRR.+did you mean KIOSK_DATA_DIR"):
        load_settings(environ={"KIOSK_DATA_DIRR": "/tmp"})
    load_settings(environ={"KIOSK_TEST_PG_URL": "x", "KIOSK_CONFIG": "", "KIOSK_VENV": "v"})


def test_production_refuses_an_empty_device_url(tmp_path: Path) -> None:
    env = {"KIOSK_KIOSK_MODE": "production", "KIOSK_DEVICES_PRINTER_URL": "socket://h:1"}
    run = kiosk("run", "--windowed", "--data-dir", str(tmp_path), env=env)
    assert run.returncode == 2
    assert "devices.idcard.url is empty" in run.stderr and "Traceback" not in run.stderr
    settings = load_settings(environ={"KIOSK_KIOSK_MODE": "production"})
    with pytest.raises(ConfigError, match=r"devices\.printer\.url"):
        open_devices(settings)


def test_a_corrupt_database_is_a_message_and_exit_3(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "kiosk.sqlite3").write_bytes(b"this is not a database, it was damaged " * 200)
    for command in (["db", "upgrade"], ["console"]):
        done = kiosk(*command, "--data-dir", str(data))
        assert done.returncode == 3, (command, done.stderr)
        assert "cannot be opened: file is not a database" in done.stderr
        assert "Traceback" not in done.stderr


def test_the_data_folder_and_database_are_the_kiosk_users_only(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert kiosk("db", "upgrade", "--data-dir", str(data)).returncode == 0
    assert mode(data) == 0o700
    assert mode(data / "kiosk.sqlite3") == 0o600
    data.chmod(0o755)  # a folder made by hand, or by an older kiosk
    (data / "kiosk.sqlite3").chmod(0o644)
    settings = load_settings(environ={}, overrides={"paths.data_dir": str(data)})
    with KioskApi.open(settings) as core:
        core.request_help(None)  # a write: the -wal and -shm files exist now
        assert mode(data) == 0o700
        for name in ("kiosk.sqlite3", "kiosk.sqlite3-wal", "kiosk.sqlite3-shm", "identity.key"):
            assert mode(data / name) == 0o600, name
