from __future__ import annotations

from dataclasses import FrozenInstanceError
from pathlib import Path

import pytest

from kiosk.config import KEYS, load_settings
from kiosk.config.example import example_toml
from kiosk.errors import ConfigError

ROOT = Path(__file__).resolve().parents[2]


def test_example_file_documents_every_key_with_its_default() -> None:
    assert (ROOT / "packaging" / "kiosk.example.toml").read_text(encoding="utf-8") == example_toml()
    settings = load_settings(ROOT / "packaging" / "kiosk.example.toml", environ={})
    assert settings == load_settings(environ={})


def test_defaults_are_sqlite_in_the_data_folder(tmp_path: Path) -> None:
    settings = load_settings(environ={"KIOSK_DATA_DIR": str(tmp_path)})
    assert settings.data_dir == tmp_path
    assert settings.db_url == f"sqlite:///{tmp_path / 'kiosk.sqlite3'}"
    assert settings.devices.printer.url == ""  # simulated


def test_without_a_data_folder_the_users_data_home_is_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-home"))
    assert load_settings(environ={}).data_dir == tmp_path / "data-home" / "kiosk"
    monkeypatch.setenv("XDG_DATA_HOME", " ")  # unset or blank: the XDG default
    monkeypatch.setenv("HOME", str(tmp_path))
    assert load_settings(environ={}).data_dir == tmp_path / ".local" / "share" / "kiosk"


def test_file_then_environment_then_flags(tmp_path: Path) -> None:
    config = tmp_path / "k.toml"
    config.write_text('[database]\nurl = "sqlite:///file.db"\n[speech]\nrate_wpm = 150\n')
    env = {"KIOSK_DB_URL": "sqlite:///env.db", "KIOSK_SPEECH_RATE_WPM": "180"}
    assert load_settings(config, environ={}).db_url == "sqlite:///file.db"
    assert load_settings(config, environ=env).speech.rate_wpm == 180
    flags = load_settings(config, environ=env, overrides={"database.url": "sqlite:///flag.db"})
    assert flags.db_url == "sqlite:///flag.db"
    assert load_settings(environ={"KIOSK_CONFIG": str(config)}).speech.rate_wpm == 150


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("[speech]\nrate = 1\n", "unknown key 'speech.rate'; keys of [speech]: speech.enabled"),
        ("[speech]\nrate_wpm = 500\n", "'speech.rate_wpm' = 500 is not allowed; expected a whole"),
        ("[devices.printer]\npaper_mm = 70\n", "expected one of 58, 80"),
        ('[display]\nfullscreen = "yes"\n', "expected true or false"),
        ("[timing]\nwarning_s = 5\n", "expected a number from 20 to 600"),
        ("[kiosk\n", "not valid TOML"),
    ],
)
def test_wrong_keys_and_values_are_named(tmp_path: Path, content: str, expected: str) -> None:
    config = tmp_path / "k.toml"
    config.write_text(content)
    with pytest.raises(ConfigError, match=None) as err:
        load_settings(config, environ={})
    assert expected in str(err.value)
    assert err.value.exit_code == 2


def test_nan_is_not_a_number_here() -> None:
    with pytest.raises(ConfigError, match=r"timing\.warning_s"):
        load_settings(environ={"KIOSK_TIMING_WARNING_S": "nan"})


def test_wrong_environment_value_is_named() -> None:
    with pytest.raises(ConfigError, match="environment KIOSK_DEVICES_PRINTER_BAUD"):
        load_settings(environ={"KIOSK_DEVICES_PRINTER_BAUD": "fast"})


def test_every_key_has_help_and_a_variable() -> None:
    for key in KEYS:
        assert key.help and key.env.startswith("KIOSK_")
    assert len({k.env for k in KEYS}) == len(KEYS)


def test_installed_configuration_keeps_data_in_var_lib_and_devices_at_udev_names(
    tmp_path: Path,
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(example_toml(installed=True), encoding="utf-8")
    settings = load_settings(config, environ={})
    assert settings.data_dir == Path("/var/lib/kiosk")
    assert settings.services_dir == Path("/usr/share/kiosk/assets/services")
    devices = settings.devices
    assert (devices.printer.url, devices.idcard.url, devices.scanner.url) == (
        "/dev/kiosk/printer",
        "/dev/kiosk/idcard",
        "/dev/kiosk/scanner",
    )
    # Every other key is at its default, and the example names the installed values.
    assert settings.speech == load_settings(environ={}).speech
    assert 'Installed: "/dev/kiosk/printer"' in example_toml()


def test_settings_are_values_that_cannot_change() -> None:
    settings = load_settings(environ={}, overrides={"speech.rate_wpm": 150})
    assert settings == load_settings(environ={}, overrides={"speech.rate_wpm": 150})
    assert settings != load_settings(environ={})
    assert hash(settings) == hash(load_settings(environ={}, overrides={"speech.rate_wpm": 150}))
    with pytest.raises(FrozenInstanceError):
        settings.speech.rate_wpm = 200  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        del settings.speech
    quicker = settings.replace(speech=settings.speech.replace(rate_wpm=200))
    assert (quicker.speech.rate_wpm, quicker.speech.volume) == (200, settings.speech.volume)
    assert settings.speech.rate_wpm == 150  # the copy is changed, not the original
    assert "rate_wpm=150" in repr(settings.speech)
    with pytest.raises(TypeError, match="rate"):
        settings.speech.replace(rate=200)
