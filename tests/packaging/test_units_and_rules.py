"""The packaging's files agree with the code: units start commands that exist, the kiosk's
unit is supervised the way the application notifies, the udev names are the configured ones,
and the licence is declared as the build backend reads it. (packaging/ci-deb.sh builds,
installs and runs all of it.)"""

from __future__ import annotations

import argparse
import configparser
import re
import shlex
import tomllib
from pathlib import Path

import pytest

from kiosk.cli import build_parser
from kiosk.config import KEYS_BY_NAME

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"
UNITS = sorted((PACKAGING / "systemd").glob("kiosk*"))


class UnitFile(configparser.ConfigParser):
    """A systemd unit as configparser reads it, keys in their own case (ExecStart)."""

    def optionxform(self, optionstr: str) -> str:
        return optionstr


def unit(path: Path) -> configparser.ConfigParser:
    parser = UnitFile(strict=False, interpolation=None)
    parser.read(path)
    return parser


def commands() -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return set(sub.choices)


@pytest.mark.parametrize("path", UNITS, ids=lambda p: p.name)
def test_each_unit_starts_a_kiosk_command_that_exists(path: Path) -> None:
    if path.suffix == ".target":
        return
    argv = shlex.split(unit(path)["Service"]["ExecStart"])
    kiosk_args = argv[argv.index("/usr/bin/kiosk") + 1 :]
    if kiosk_args[0] == "serve" and "serve" not in commands():
        pytest.skip("`kiosk serve` is being built elsewhere; the unit is ready for it")
    build_parser().parse_args(kiosk_args)  # exits 2 on an unknown command or option
    assert unit(path)["Install"]["WantedBy"]


@pytest.mark.parametrize("name", ["kiosk.service", "kiosk-console.service"])
def test_a_window_in_cage_is_supervised_as_the_application_notifies(name: str) -> None:
    service = unit(PACKAGING / "systemd" / name)["Service"]
    assert service["Type"] == "notify" and service["NotifyAccess"] == "all"  # cage's child
    # Its READY=1 names it the main process: SIGTERM to it alone, cage ends after it.
    assert service["KillMode"] == "mixed"
    assert int(service["WatchdogSec"]) >= 10 and service["Restart"] == "always"
    assert service["ExecStart"].startswith("/usr/bin/cage ") and service["TTYPath"] == "/dev/tty1"
    assert service["User"] == "kiosk"


def test_udev_names_are_the_installed_configuration() -> None:
    rules = (PACKAGING / "udev" / "70-kiosk-devices.rules").read_text()
    named = set(re.findall(r'SYMLINK\+="(kiosk/\w+)"', rules))
    configured = {KEYS_BY_NAME[f"devices.{d}.url"].deploy for d in ("printer", "idcard", "scanner")}
    assert {f"/dev/{n}" for n in named} == configured
    for line in rules.splitlines():
        if "SYMLINK" in line:
            assert all(k in line for k in ("ID_VENDOR_ID", "ID_MODEL_ID", "ID_SERIAL_SHORT"))
            assert 'GROUP="dialout"' in line


def test_the_licence_is_an_spdx_expression_with_its_text_in_the_wheel() -> None:
    """The form setuptools 77 reads (the TOML table it warned about on every build is gone),
    a setuptools that reads it, and the same licence as the Debian package's copyright."""
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    assert project["license"] == "Apache-2.0"
    assert all(list(ROOT.glob(pattern)) for pattern in project["license-files"])
    floors = [r for r in pyproject["build-system"]["requires"] if r.startswith("setuptools")]
    assert floors and int(floors[0].split(">=")[1].split(".")[0]) >= 77, floors
    copyright_file = (PACKAGING / "debian" / "copyright").read_text(encoding="utf-8")
    assert f"License: {project['license']}" in copyright_file
