"""``kiosk doctor``: each check on real parts (SQLite, files, espeak-ng, fontconfig, device
simulators speaking the real bytes), passing and failing, and the command's exit codes."""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command

from devices.sim.idcard import IdCardSim
from devices.sim.printer import PrinterSim
from devices.sim.scanner import ScannerSim
from kiosk import doctor, identity
from kiosk.cli import main
from kiosk.config import Settings, load_settings
from kiosk.store import db, migrate

ONE_CARD = " 0 [PCH            ]: HDA-Intel - HDA Intel PCH\n"


@pytest.fixture
def sims() -> Iterator[dict[str, str]]:
    servers = {"printer": PrinterSim(), "idcard": IdCardSim(), "scanner": ScannerSim()}
    urls = {kind: f"socket://127.0.0.1:{sim.start()}" for kind, sim in servers.items()}
    yield urls
    for sim in servers.values():
        sim.stop()


def installed(tmp_path: Path, **overrides: str) -> Settings:
    """A kiosk as `kiosk db upgrade` and a first start leave it."""
    values = {"paths.data_dir": str(tmp_path), **overrides}
    settings = load_settings(environ={}, overrides=values)
    engine = db.make_engine(settings.db_url)
    migrate.upgrade(engine)
    engine.dispose()
    identity.load_secret(settings.identity_key_file)  # made 0600 by its owner
    return settings


@pytest.fixture
def sound_card(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cards = tmp_path / "cards"
    cards.write_text(ONE_CARD)
    monkeypatch.setattr(doctor, "SOUND_CARDS", cards)


def by_check(findings: list[doctor.Finding]) -> dict[str, doctor.Finding]:
    return {f.check: f for f in findings}


@pytest.mark.speech
def test_an_installed_kiosk_with_its_devices_is_all_well(
    tmp_path: Path, sims: dict[str, str], sound_card: None
) -> None:
    settings = installed(tmp_path, **{f"devices.{kind}.url": url for kind, url in sims.items()})
    found = doctor.run_checks(settings)
    # Only what depends on the machine rather than the kiosk may warn: its clock, its disk.
    assert {f.check for f in found if f.status != "ok"} <= {"clock", "disk"}, found
    assert doctor.all_well(found)
    checks = by_check(found)
    assert checks["device printer"].message.endswith(": online")
    assert checks["store"].message.endswith(f"at revision {migrate.head_revision()}")
    assert checks["identity key"].message.endswith("(0600, " + doctor._user(os.geteuid()) + ")")


def test_the_command_exits_3_and_says_what_to_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], sound_card: None
) -> None:
    settings = installed(tmp_path)
    settings.identity_key_file.chmod(0o644)
    assert main(["doctor", "--data-dir", str(tmp_path), "--json"]) == 3
    report = json.loads(capsys.readouterr().out)
    assert report["ok"] is False
    key = next(c for c in report["checks"] if c["check"] == "identity key")
    assert key["status"] == "fail" and "mode 0644" in key["message"]
    assert key["fix"] == f"chmod 600 {settings.identity_key_file}"

    settings.identity_key_file.chmod(0o600)
    assert main(["doctor", "--data-dir", str(tmp_path)]) == 0  # simulated devices: warnings
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "all well"
    assert any(line.startswith("WARN  device printer") for line in out)


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_key_owned_by_another_user_fails(tmp_path: Path) -> None:
    settings = installed(tmp_path)
    os.chown(settings.identity_key_file, 65534, 65534)
    finding = doctor.identity_key(settings)
    assert finding.status == "fail" and "owned by" in finding.message
    assert finding.fix.startswith("chown ")


def test_a_missing_or_short_key(tmp_path: Path) -> None:
    settings = installed(tmp_path)
    settings.identity_key_file.unlink()
    assert doctor.identity_key(settings).status == "warn"
    settings.identity_key_file.write_bytes(b"short")
    settings.identity_key_file.chmod(0o600)
    finding = doctor.identity_key(settings)
    assert finding.status == "fail" and "5 bytes" in finding.message


def test_an_outdated_or_missing_schema_asks_for_db_upgrade(tmp_path: Path) -> None:
    settings = load_settings(environ={}, overrides={"paths.data_dir": str(tmp_path)})
    missing = doctor.store(settings)
    assert missing.status == "fail" and "does not exist" in missing.message
    assert not Path(settings.db_url.removeprefix("sqlite:///")).exists()  # not created by a look
    engine = db.make_engine(settings.db_url)
    command.upgrade(migrate.alembic_config(engine), "0001")
    engine.dispose()
    old = doctor.store(settings)
    assert old.status == "fail" and "revision 0001" in old.message
    assert "kiosk db upgrade" in old.fix


@pytest.mark.postgres
def test_an_unreachable_server_is_named(tmp_path: Path) -> None:
    url = "postgresql+psycopg://nobody@127.0.0.1:1/kiosk"
    settings = load_settings(environ={}, overrides={"database.url": url})
    finding = doctor.store(settings)
    assert finding.status == "fail" and "cannot be reached" in finding.message


def test_a_missing_or_broken_catalogue(tmp_path: Path) -> None:
    empty = tmp_path / "services"
    empty.mkdir()
    settings = load_settings(environ={}, overrides={"paths.services_dir": str(empty)})
    finding = doctor.catalogue(settings)
    assert finding.status == "fail" and "no service files found" in finding.message
    assert "kiosk check-services" in finding.fix
    (empty / "broken.toml").write_text("[service\n")
    assert doctor.catalogue(settings).status == "fail"


@pytest.mark.parametrize(
    ("state", "fix", "not_fix"),
    [
        ("paper_out", "load a new paper roll", "cable"),
        ("cover_open", "close the printer's cover", "cable"),
        ("offline", "cable", "paper roll"),
    ],
)
def test_a_printers_fix_fits_its_reason(state: str, fix: str, not_fix: str) -> None:
    sim = PrinterSim(state=state)
    url = f"socket://127.0.0.1:{sim.start()}"
    try:
        settings = load_settings(environ={}, overrides={"devices.printer.url": url})
        finding = doctor.device("printer", settings)
    finally:
        sim.stop()
    assert finding.status == "fail" and fix in finding.fix and not_fix not in finding.fix


def test_devices_that_fail(tmp_path: Path) -> None:
    sim = PrinterSim(state="paper_out")
    url = f"socket://127.0.0.1:{sim.start()}"
    try:
        settings = load_settings(environ={}, overrides={"devices.printer.url": url})
        finding = doctor.device("printer", settings)
    finally:
        sim.stop()
    assert finding.status == "fail" and finding.message == f"{url}: paper out"
    gone = str(tmp_path / "kiosk" / "idcard")
    settings = load_settings(environ={}, overrides={"devices.idcard.url": gone})
    finding = doctor.device("idcard", settings)
    assert finding.status == "fail" and "70-kiosk-devices.rules" in finding.fix


def test_a_machine_without_fonts_sound_or_voices(tmp_path: Path) -> None:
    no_fonts = tmp_path / "fc-list"
    no_fonts.write_text("#!/bin/sh\nexit 0\n")
    no_fonts.chmod(0o755)
    finding = doctor.fonts(str(no_fonts))
    assert finding.status == "fail" and "fonts-noto-cjk" in finding.fix
    assert doctor.audio(tmp_path / "no-cards").status == "fail"
    settings = load_settings(environ={})
    found = doctor.voices(settings, espeak=str(tmp_path / "no-espeak"))
    assert [f.status for f in found] == ["fail"] * 3


@pytest.mark.speech
def test_a_configured_voice_espeak_lacks_is_named() -> None:
    settings = load_settings(environ={"KIOSK_SPEECH_VOICE_EN": "no-such-voice"})
    found = by_check(doctor.voices(settings))
    assert found["voice en"].status == "fail" and "no-such-voice" in found["voice en"].message
    assert found["voice zh"].status == "ok" and found["voice yue"].status == "ok"


def test_disk_and_clock(tmp_path: Path) -> None:
    assert doctor.disk(tmp_path / "not-yet", fail_mb=0, warn_mb=0).status == "ok"
    assert doctor.disk(tmp_path, fail_mb=2**40).status == "fail"
    assert doctor.clock(dt.datetime(2001, 1, 1, tzinfo=dt.UTC)).status == "fail"
    now = dt.datetime(2027, 1, 1, tzinfo=dt.UTC)
    assert doctor.clock(now, tmp_path / "never", systemd=True).status == "warn"
    assert doctor.clock(now, systemd=False).status == "ok"


def test_a_check_that_breaks_is_a_finding_and_the_others_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> doctor.Finding:
        raise RuntimeError("boom")

    monkeypatch.setattr(doctor, "disk", broken)
    found = by_check(
        doctor.run_checks(load_settings(environ={}, overrides={"paths.data_dir": str(tmp_path)}))
    )
    assert found["disk"].status == "fail" and "boom" in found["disk"].message
    assert "clock" in found and "fonts" in found
