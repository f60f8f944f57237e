"""Checks of an installation, one finding each with what to do: what ``kiosk doctor`` prints.

A finding is ``ok``, ``warn`` (the kiosk serves, someone should look) or ``fail`` (a resident
would meet the problem). Every check catches its own failures: a broken part is a finding,
never a traceback, and the other checks still run. No Qt here: fonts through fontconfig, voices
through espeak-ng, sound cards through ALSA's /proc file, devices through their drivers.
"""

from __future__ import annotations

import datetime as dt
import os
import pwd
import shutil
import stat
import subprocess
from collections.abc import Callable, Iterable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from sqlalchemy.engine import make_url

from devices.idcard.reader import IdCardReader
from devices.printer.printer import ReceiptPrinter
from devices.printer.realtime import Reason, blocker, warning
from devices.scanner import Scanner
from devices.status import DeviceState, DeviceStatus
from kiosk.catalog.loader import CatalogueError, load_catalogue
from kiosk.config import Settings, missing_device
from kiosk.errors import ConfigError
from kiosk.identity import KEY_BYTES
from kiosk.store import db, migrate
from kiosk.text import languages

Status = Literal["ok", "warn", "fail"]

SOUND_CARDS = Path("/proc/asound/cards")
TIME_SYNCED = Path("/run/systemd/timesync/synchronized")  # written by systemd-timesyncd
CLOCK_FLOOR = dt.datetime(2026, 11, 1, tzinfo=dt.UTC)  # no clock is right before this release
DISK_FAIL_MB = 500
DISK_WARN_MB = 2000
DEVICE_TIMEOUT_S = 5.0


@dataclass(frozen=True)
class Finding:
    check: str
    status: Status
    message: str
    fix: str = ""

    def line(self) -> str:
        mark = {"ok": "ok", "warn": "WARN", "fail": "FAIL"}[self.status]
        todo = f"  -> {self.fix}" if self.fix and self.status != "ok" else ""
        return f"{mark:4}  {self.check:15} {self.message}{todo}"

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


def _run(argv: list[str], timeout: float = 10.0) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=timeout, check=False)


# -- the machine --------------------------------------------------------------------------------


def fonts(fc_list: str = "fc-list") -> Finding:
    if shutil.which(fc_list) is None:
        return Finding("fonts", "fail", "fontconfig is not installed", "apt-get install fontconfig")
    families = {
        line.split(",")[0].strip()
        for line in _run([fc_list, ":lang=zh", "family"]).stdout.split("\n")
    } - {""}
    if not families:
        return Finding(
            "fonts",
            "fail",
            "no Chinese font: Chinese text would show as boxes",
            "apt-get install fonts-noto-cjk",
        )
    names = sorted(families)
    return Finding("fonts", "ok", f"{len(names)} CJK families, e.g. {names[0]}")


def voices(settings: Settings, espeak: str = "espeak-ng") -> list[Finding]:
    # The language list's voices, [speech] overriding Mandarin's and English's (as the kiosk).
    overrides = {"zh": settings.speech.voice_zh, "en": settings.speech.voice_en}
    wanted = {lang.code: overrides.get(lang.code, lang.voice) for lang in languages()}
    if shutil.which(espeak) is None:
        return [
            Finding(
                f"voice {lang}",
                "fail",
                "espeak-ng is not installed: no voice at all",
                "apt-get install espeak-ng",
            )
            for lang in wanted
        ]
    known = _espeak_voices(_run([espeak, "--voices"]).stdout)
    found = []
    for lang, voice in wanted.items():
        if voice.lower() in known:
            found.append(Finding(f"voice {lang}", "ok", voice))
        else:
            key = f"speech.voice_{lang}" if lang in overrides else "assets/languages.toml"
            found.append(
                Finding(
                    f"voice {lang}",
                    "fail",
                    f"espeak-ng has no voice {voice!r}",
                    f"apt-get install espeak-ng-data, or check {key} (espeak-ng --voices)",
                )
            )
    return found


def _espeak_voices(listing: str) -> set[str]:
    """Every name a voice answers to in ``espeak-ng --voices``: its language, its file (with
    and without the family folder) and its other languages, lower-cased as espeak-ng matches.
    (Asking espeak-ng to speak with a name is no test: "no-such-voice" is Norwegian to it.)"""
    names: set[str] = set()
    for line in listing.splitlines()[1:]:
        fields = line.split()
        if len(fields) < 5:
            continue
        language, file, others = fields[1], fields[4], fields[5:]
        names |= {language, file, file.rpartition("/")[2]}
        names |= {o.strip("(") for o in others if o.startswith("(")}
    return {n.lower() for n in names}


def audio(cards_file: Path | None = None) -> Finding:
    try:
        text = (cards_file or SOUND_CARDS).read_text()
    except OSError:
        text = ""
    cards = [line.split("]:", 1)[-1].strip() for line in text.splitlines() if "]:" in line]
    if not cards:
        return Finding(
            "audio",
            "fail",
            "no sound card: the kiosk cannot speak",
            "connect the loudspeaker's sound card (check with `aplay -l`); meanwhile it serves "
            "without a voice",
        )
    return Finding("audio", "ok", f"{len(cards)} sound card(s): {cards[0]}")


def disk(path: Path, fail_mb: int = DISK_FAIL_MB, warn_mb: int = DISK_WARN_MB) -> Finding:
    where = path
    while not where.exists() and where != where.parent:
        where = where.parent
    free_mb = shutil.disk_usage(where).free // 2**20
    message = f"{free_mb} MB free for {path}"
    fix = "free space (old logs: journalctl --vacuum-size=200M) or a larger disk"
    if free_mb < fail_mb:
        return Finding("disk", "fail", message + f" (under {fail_mb} MB)", fix)
    if free_mb < warn_mb:
        return Finding("disk", "warn", message + f" (under {warn_mb} MB)", fix)
    return Finding("disk", "ok", message)


def clock(
    now: dt.datetime | None = None,
    synced_file: Path | None = None,
    systemd: bool | None = None,
) -> Finding:
    now = now or dt.datetime.now(dt.UTC)
    synced_file = synced_file or TIME_SYNCED
    fix = "set the time and keep it synchronised: timedatectl set-ntp true"
    if now < CLOCK_FLOOR:
        return Finding(
            "clock", "fail", f"{now:%Y-%m-%d %H:%M} UTC is before this kiosk was released", fix
        )
    if systemd is None:
        systemd = Path("/run/systemd/system").is_dir()
    if systemd and not synced_file.exists():
        return Finding("clock", "warn", f"{now:%Y-%m-%d %H:%M} UTC, not synchronised", fix)
    return Finding("clock", "ok", f"{now:%Y-%m-%d %H:%M} UTC")


# -- the kiosk's own parts ---------------------------------------------------------------------


def data_folder(settings: Settings) -> Finding:
    path = settings.data_dir
    if not path.is_dir():
        return Finding(
            "data folder", "fail", f"{path} does not exist", f"mkdir -p {path} (owned by you)"
        )
    if not os.access(path, os.W_OK | os.X_OK):
        return Finding(
            "data folder",
            "fail",
            f"{path} is not writable by {_user(os.geteuid())}",
            f"chown {_user(os.geteuid())}: {path}",
        )
    return Finding("data folder", "ok", str(path))


def _user(uid: int) -> str:
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:
        return str(uid)


def identity_key(settings: Settings) -> Finding:
    path = settings.identity_key_file
    me = _user(os.geteuid())
    try:
        info = path.stat()
    except FileNotFoundError:
        return Finding(
            "identity key",
            "warn",
            f"{path} does not exist yet; the kiosk makes one at its first start",
            "a hall sharing one database: copy the hall's key here (mode 0600) before that",
        )
    except PermissionError:
        return Finding(
            "identity key", "fail", f"{path} cannot be reached by {me}", "run as the key's owner"
        )
    mode = stat.S_IMODE(info.st_mode)
    if info.st_uid != os.geteuid():
        return Finding(
            "identity key",
            "fail",
            f"{path} is owned by {_user(info.st_uid)}, not by {me} who runs the kiosk",
            f"chown {me}: {path}",
        )
    if mode != 0o600:
        return Finding(
            "identity key",
            "fail",
            f"{path} has mode {mode:04o}: others may read the key that ID numbers are hashed with",
            f"chmod 600 {path}",
        )
    if info.st_size != KEY_BYTES:
        return Finding(
            "identity key",
            "fail",
            f"{path} has {info.st_size} bytes, not {KEY_BYTES}",
            "restore the hall's copy of the key",
        )
    return Finding("identity key", "ok", f"{path} (0600, {me})")


def store(settings: Settings) -> Finding:
    url = settings.db_url
    upgrade = "run `kiosk db upgrade` as the kiosk's user"
    try:
        parsed = make_url(url)
    except Exception:
        return Finding("store", "fail", "database.url is not a valid URL", "fix database.url")
    where = parsed.render_as_string(hide_password=True)
    sqlite_file = parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "")
    if sqlite_file and parsed.database != ":memory:" and not Path(str(parsed.database)).exists():
        return Finding("store", "fail", f"{where} does not exist yet", upgrade)  # opening makes it
    try:
        engine = db.make_engine(url)
    except ConfigError as exc:  # a database the kiosk does not work with, or its driver missing
        return Finding("store", "fail", str(exc), "set database.url to a SQLite or PostgreSQL URL")
    try:
        current = db.current_revision(engine)
        head = migrate.head_revision()
    except db.DatabaseUnavailable as exc:
        return Finding(
            "store", "fail", str(exc), "check database.url and that the server is up and reachable"
        )
    finally:
        engine.dispose()
    if current is None:
        return Finding("store", "fail", f"{where} has no kiosk schema", upgrade)
    if current != head:
        return Finding(
            "store", "fail", f"{where} is at revision {current}, this kiosk needs {head}", upgrade
        )
    return Finding("store", "ok", f"{where} at revision {head}")


def catalogue(settings: Settings) -> Finding:
    folder = settings.services_dir
    fix = f"kiosk check-services {folder} names each problem; or fix paths.services_dir"
    try:
        loaded = load_catalogue(folder)
    except CatalogueError as exc:
        first = exc.problems[0] if exc.problems else exc
        more = f" (and {len(exc.problems) - 1} more)" if len(exc.problems) > 1 else ""
        return Finding("catalogue", "fail", f"{first}{more}", fix)
    except OSError as exc:
        return Finding("catalogue", "fail", f"{folder}: {exc.strerror or exc}", fix)
    return Finding("catalogue", "ok", f"{len(loaded.services)} services in {folder}")


# -- devices -------------------------------------------------------------------------------------


def _open_driver(kind: str, settings: Settings, url: str) -> Any:
    cfg = settings.devices
    if kind == "printer":
        return ReceiptPrinter(url, cfg.printer.baud, cfg.printer.timeout_s, cfg.printer.paper_mm)
    if kind == "idcard":
        return IdCardReader(url, cfg.idcard.baud, cfg.idcard.timeout_s, cfg.idcard.poll_ms)
    return Scanner(url, cfg.scanner.baud, cfg.scanner.idle_gap_ms)


# What a technician does about a printer that is there but cannot print: its own words.
PRINTER_FIXES = {
    Reason.PAPER_OUT: "load a new paper roll; then kiosk devices status",
    Reason.PAPER_JAMMED: "open the cover, clear the jammed paper and close it; "
    "then kiosk devices status",
    Reason.COVER_OPEN: "close the printer's cover until it clicks; then kiosk devices status",
}


def device(kind: str, settings: Settings, timeout: float = DEVICE_TIMEOUT_S) -> Finding:
    name = f"device {kind}"
    url: str = getattr(settings.devices, kind).url
    udev = f"/dev/kiosk/{kind}"
    refused = missing_device(settings, kind)  # `kiosk run` refuses to start: the same words
    if refused:
        return Finding(name, "fail", refused, f'set devices.{kind}.url = "{udev}"')
    if not url:
        return Finding(
            name,
            "warn",
            "not configured: a simulator stands in for it",
            f'set devices.{kind}.url = "{udev}" in the configuration',
        )
    if "://" not in url and not Path(url).exists():  # a device node, not a socket:// or loop://
        return Finding(
            name,
            "fail",
            f"{url} does not exist",
            "check cable and power; fill in its IDs in /etc/udev/rules.d/70-kiosk-devices.rules",
        )
    driver = _open_driver(kind, settings, url)
    try:
        future: Future[DeviceStatus] = driver.status()
        status = future.result(timeout)
    except FutureTimeout:
        return Finding(name, "fail", f"{url}: no answer in {timeout:g} s", "check cable and power")
    finally:
        driver.close()
    fix = "check cable, power and the device's own lights; then kiosk devices status"
    if kind == "printer":
        reason, note = blocker(status), warning(status)
        if reason is not None:
            return Finding(name, "fail", f"{url}: {reason}", PRINTER_FIXES.get(reason, fix))
        if note:
            return Finding(name, "warn", f"{url}: online, {note}", "load a new paper roll soon")
        return Finding(name, "ok", f"{url}: online")
    if status.state is not DeviceState.ONLINE:
        detail = f" ({status.detail})" if status.detail else ""
        return Finding(name, "fail", f"{url}: {status.state.replace('_', ' ')}{detail}", fix)
    return Finding(name, "ok", f"{url}: online")


# -- all of them ---------------------------------------------------------------------------------


def _guarded(name: str, check: Callable[[], Finding | list[Finding]]) -> list[Finding]:
    try:
        found = check()
    except Exception as exc:  # a check that breaks is a finding, the others still run
        return [Finding(name, "fail", f"the check failed: {type(exc).__name__}: {exc}")]
    return found if isinstance(found, list) else [found]


def run_checks(settings: Settings) -> list[Finding]:
    checks: Iterable[tuple[str, Callable[[], Finding | list[Finding]]]] = (
        ("fonts", fonts),
        ("voices", lambda: voices(settings)),
        ("audio", audio),
        ("data folder", lambda: data_folder(settings)),
        ("store", lambda: store(settings)),
        ("identity key", lambda: identity_key(settings)),
        ("catalogue", lambda: catalogue(settings)),
        ("device printer", lambda: device("printer", settings)),
        ("device idcard", lambda: device("idcard", settings)),
        ("device scanner", lambda: device("scanner", settings)),
        ("disk", lambda: disk(settings.data_dir)),
        ("clock", clock),
    )
    return [finding for name, check in checks for finding in _guarded(name, check)]


def all_well(findings: Iterable[Finding]) -> bool:
    return all(f.status != "fail" for f in findings)
