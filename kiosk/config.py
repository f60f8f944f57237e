"""Configuration: one TOML file, overridden by ``KIOSK_*`` variables, overridden by flags.

Every key is declared once, here, as a dataclass field with its default, its allowed values and a
line of help. The loader, the environment names and ``packaging/kiosk.example.toml`` all come from
these declarations, so a key cannot be documented in one place and forgotten in another.
"""

from __future__ import annotations

import dataclasses
import difflib
import os
import socket
import tomllib
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args, get_origin

import platformdirs

from kiosk.errors import ConfigError
from kiosk.text import language_codes

PACKAGE_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SERVICES_DIR = PACKAGE_ROOT / "assets" / "services"


def _key(
    default: Any,
    help: str,
    *,
    lo: float | None = None,
    hi: float | None = None,
    env: str | None = None,
    deploy: Any = None,
) -> Any:
    """A key; ``deploy`` is its value in the configuration a kiosk package installs."""
    meta = {"help": help, "lo": lo, "hi": hi, "env": env, "deploy": deploy}
    return field(default=default, metadata=meta)


@dataclass(frozen=True)
class KioskSection:
    id: str = _key(
        "kiosk-1", "Name of this kiosk in the hall; shown to staff and stored with every visit."
    )
    name: str = _key("自助服务终端 1", "What residents and staff call this kiosk.")
    hall: str = _key("示范服务大厅", "The service hall the kiosk stands in.")
    default_language: str = _key(
        "zh", "Language of the first screen and voice: a code of the language list (zh, yue, en)."
    )
    hotline: str = _key("12333", "Service hotline given to residents when no person can come.")
    mode: Literal["demo", "production"] = _key(
        "demo",
        "demo: an empty device URL starts a simulator. production: every device needs its URL "
        "(a simulated printer would tell residents their paper was printed).",
        deploy="production",
    )
    heartbeat_s: float = _key(
        30.0,
        "How often the running kiosk writes its heartbeat (last seen, version, device states) "
        "to the store, for the console and reports.",
        lo=5,
        hi=600,
    )


@dataclass(frozen=True)
class PathsSection:
    data_dir: str = _key(
        "",
        "Folder for the database, speech cache, secrets and receipts. "
        "Empty: the user's data folder.",
        env="KIOSK_DATA_DIR",
        deploy="/var/lib/kiosk",
    )
    services_dir: str = _key(
        "",
        "Folder of service files (*.toml). Empty: the catalogue beside the source.",
        deploy="/usr/share/kiosk/assets/services",
    )
    identity_key: str = _key(
        "",
        "File of the secret key that ID numbers are hashed with. Every kiosk and console of a "
        "hall sharing one database must use the same key file. Empty: identity.key in the "
        "data folder, made on first use.",
    )


@dataclass(frozen=True)
class DatabaseSection:
    url: str = _key(
        "",
        "SQLAlchemy URL. Empty: SQLite in the data folder. A hall shares one "
        "PostgreSQL: postgresql+psycopg://user@host/db",
        env="KIOSK_DB_URL",
    )


@dataclass(frozen=True)
class DisplaySection:
    fullscreen: bool = _key(True, "Full-screen kiosk lock; false opens a normal window.")
    orientation: Literal["auto", "landscape", "portrait"] = _key("auto", "Screen layout.")
    pixels_per_mm: float = _key(
        4.0,
        "Pixels per millimetre of the panel; every size follows it "
        "(a 21.5-inch 1920x1080 panel has about 4).",
        lo=1.0,
        hi=20.0,
    )
    audio_mode_key: str = _key("F2", "Key that starts audio mode (touch to hear, screen blank).")
    out_of_service_s: float = _key(
        60.0,
        "When the store cannot be opened at start, the out-of-service screen stays this long, "
        "then the kiosk exits non-zero for its supervisor to restart it.",
        lo=1,
        hi=3600,
    )


@dataclass(frozen=True)
class SpeechSection:
    enabled: bool = _key(True, "Voice guidance on at the start of each visit.")
    rate_wpm: int = _key(165, "Default speaking rate in words a minute.", lo=120, hi=220)
    volume: float = _key(0.7, "Default volume, 0 to 1; reset after every visit.", lo=0.0, hi=1.0)
    voice_zh: str = _key("sit/cmn-latn-pinyin", "espeak-ng voice for Mandarin.")
    voice_en: str = _key("en", "espeak-ng voice for English.")
    headset_output: str = _key(
        "",
        "Audio output used when a headset is plugged in; the "
        "loudspeaker is then silent. Empty: none configured.",
    )


@dataclass(frozen=True)
class TimingSection:
    step_timeout_s: float = _key(90.0, "Inactivity on a step before the warning.", lo=10, hi=3600)
    warning_s: float = _key(30.0, "Countdown of the warning; at least 20 s.", lo=20, hi=600)
    max_extensions: int = _key(
        10, "How many times a resident may ask for more time; at least 10.", lo=10, hi=1000
    )
    elder_multiplier: float = _key(
        3.0, "Elder mode multiplies the time limits by this.", lo=1, hi=10
    )


@dataclass(frozen=True)
class AssistSection:
    escalate_after_s: float = _key(
        60.0,
        "Unacknowledged help request: alert every console again and flag a supervisor after this.",
        lo=5,
        hi=3600,
    )
    counter_after_s: float = _key(
        180.0,
        "Still unacknowledged: offer a counter ticket and the hotline after this.",
        lo=10,
        hi=7200,
    )
    delivery_timeout_s: float = _key(
        5.0,
        "A help request that cannot be delivered in this time sends the resident to a person.",
        lo=1,
        hi=60,
    )
    staff_idle_s: float = _key(
        60.0,
        "A helper signed in at a kiosk is signed out after this long without a touch or key; "
        "the resident's visit carries on where it stands.",
        lo=10,
        hi=1800,
    )
    console_idle_s: float = _key(
        600.0,
        "The staff console signs its user out after this long without input.",
        lo=30,
        hi=86400,
    )


@dataclass(frozen=True)
class ReportSection:
    case_working_days: int = _key(
        15,
        "A poor rating's follow-up case is due this many working days after the rating "
        "(some provinces use 5).",
        lo=1,
        hi=60,
    )
    holidays: str = _key(
        "",
        "Public holidays that are not working days, as YYYY-MM-DD separated by commas "
        "(ranges as YYYY-MM-DD..YYYY-MM-DD).",
    )
    extra_workdays: str = _key(
        "",
        "Weekend days that are working days (调休), as YYYY-MM-DD separated by commas.",
    )
    utc_offset_hours: float = _key(
        8.0, "The hall's offset from UTC; days and weeks of the report follow it.", lo=-12, hi=14
    )
    unseen_after_min: int = _key(
        10, "A kiosk not heard from for this many minutes is listed as not seen.", lo=1, hi=10080
    )


@dataclass(frozen=True)
class PrinterSection:
    url: str = _key(
        "",
        "pyserial URL of the receipt printer (/dev/ttyUSB0, socket://host:port). "
        "Empty: a simulated printer (demo mode only).",
        deploy="/dev/kiosk/printer",
    )
    baud: int = _key(115200, "Baud rate.", lo=1200, hi=921600)
    timeout_s: float = _key(2.0, "Reply timeout.", lo=0.1, hi=30)
    paper_mm: Literal[58, 80] = _key(80, "Paper width.")


@dataclass(frozen=True)
class IdCardSection:
    url: str = _key(
        "",
        "pyserial URL of the ID card reader. Empty: a simulated reader (demo mode only).",
        deploy="/dev/kiosk/idcard",
    )
    baud: int = _key(115200, "Baud rate.", lo=1200, hi=921600)
    timeout_s: float = _key(1.0, "Reply timeout.", lo=0.1, hi=30)
    poll_ms: int = _key(
        400, "How often to look for a card while a step waits for one.", lo=300, hi=500
    )


@dataclass(frozen=True)
class ScannerSection:
    url: str = _key(
        "",
        "pyserial URL of the QR scanner. Empty: a simulated scanner (demo mode only).",
        deploy="/dev/kiosk/scanner",
    )
    baud: int = _key(9600, "Baud rate.", lo=1200, hi=921600)
    idle_gap_ms: int = _key(
        80, "A payload with no terminator is taken after this quiet gap.", lo=10, hi=2000
    )


@dataclass(frozen=True)
class DevicesSection:
    printer: PrinterSection = field(default_factory=PrinterSection)
    idcard: IdCardSection = field(default_factory=IdCardSection)
    scanner: ScannerSection = field(default_factory=ScannerSection)


@dataclass(frozen=True)
class ServerSection:
    listen: str = _key("0.0.0.0:8080", "Address and port the hall server listens on (HOST:PORT).")
    base_url: str = _key(
        "",
        "Address residents' phones and the kiosks' QR codes use to reach the hall server, "
        "e.g. https://kiosk.hall.example. Empty: http://<this machine's name>:<port>.",
    )
    cert_file: str = _key(
        "", "TLS certificate (PEM) for HTTPS. Empty with key_file empty: plain HTTP."
    )
    key_file: str = _key("", "TLS private key (PEM) for HTTPS.")
    secret_file: str = _key(
        "",
        "File of the key that signs staff sessions and forms. Every instance of a hall's "
        "server must use the same file. Empty: server.key in the data folder, made on first use.",
    )
    session_idle_s: int = _key(1800, "A staff session unused this long signs out.", lo=60, hi=86400)
    session_max_s: int = _key(
        43200, "A staff session ends this long after sign-in, used or not.", lo=300, hi=604800
    )
    link_hours: float = _key(24.0, "How long a 掌上办 phone link opens the visit.", lo=0.1, hi=720)


@dataclass(frozen=True)
class Settings:
    kiosk: KioskSection = field(default_factory=KioskSection)
    paths: PathsSection = field(default_factory=PathsSection)
    database: DatabaseSection = field(default_factory=DatabaseSection)
    display: DisplaySection = field(default_factory=DisplaySection)
    speech: SpeechSection = field(default_factory=SpeechSection)
    timing: TimingSection = field(default_factory=TimingSection)
    assist: AssistSection = field(default_factory=AssistSection)
    report: ReportSection = field(default_factory=ReportSection)
    devices: DevicesSection = field(default_factory=DevicesSection)
    server: ServerSection = field(default_factory=ServerSection)

    @property
    def data_dir(self) -> Path:
        if self.paths.data_dir:
            return Path(self.paths.data_dir).expanduser()
        return Path(platformdirs.user_data_dir("kiosk", appauthor=False))

    @property
    def db_url(self) -> str:
        return self.database.url or f"sqlite:///{self.data_dir / 'kiosk.sqlite3'}"

    @property
    def identity_key_file(self) -> Path:
        if self.paths.identity_key:
            return Path(self.paths.identity_key).expanduser()
        return self.data_dir / "identity.key"

    @property
    def server_url(self) -> str:
        """Where phones and QR codes reach the hall server (no trailing slash)."""
        if self.server.base_url:
            return self.server.base_url.rstrip("/")
        scheme = "https" if self.server.cert_file else "http"
        port = self.server.listen.rpartition(":")[2]
        return f"{scheme}://{socket.gethostname()}:{port}"

    @property
    def server_secret_file(self) -> Path:
        if self.server.secret_file:
            return Path(self.server.secret_file).expanduser()
        return self.data_dir / "server.key"

    @property
    def services_dir(self) -> Path:
        if self.paths.services_dir:
            return Path(self.paths.services_dir).expanduser()
        return DEFAULT_SERVICES_DIR


@dataclass(frozen=True)
class KeySpec:
    """One configuration key: where it lives, its type and how to override it."""

    dotted: str
    type: Any
    default: Any
    help: str
    lo: float | None
    hi: float | None
    env: str
    deploy: Any = None  # the value in an installed kiosk's configuration, when it differs

    @property
    def choices(self) -> tuple[Any, ...]:
        return get_args(self.type) if get_origin(self.type) is Literal else ()


def _walk(cls: type, prefix: str = "") -> list[KeySpec]:
    hints = typing.get_type_hints(cls)
    specs: list[KeySpec] = []
    for f in dataclasses.fields(cls):
        dotted = f"{prefix}{f.name}"
        kind = hints[f.name]
        if dataclasses.is_dataclass(kind):
            specs.extend(_walk(kind, dotted + "."))  # type: ignore[arg-type]
            continue
        env = f.metadata.get("env") or "KIOSK_" + dotted.replace(".", "_").upper()
        specs.append(
            KeySpec(
                dotted,
                kind,
                f.default,
                f.metadata.get("help", ""),
                f.metadata.get("lo"),
                f.metadata.get("hi"),
                env,
                f.metadata.get("deploy"),
            )
        )
    return specs


KEYS: tuple[KeySpec, ...] = tuple(_walk(Settings))
KEYS_BY_NAME = {k.dotted: k for k in KEYS}


def _describe(spec: KeySpec) -> str:
    if spec.choices:
        return "one of " + ", ".join(repr(c) for c in spec.choices)
    base = {str: "text", int: "a whole number", float: "a number", bool: "true or false"}[spec.type]
    if spec.lo is not None and spec.hi is not None:
        base += f" from {spec.lo:g} to {spec.hi:g}"
    return base


def _coerce(spec: KeySpec, value: Any, source: str, *, from_env: bool = False) -> Any:
    """Check one value against its key; strings from the environment are parsed first."""
    wrong = ConfigError(
        f"{source}: key '{spec.dotted}' = {value!r} is not allowed; expected {_describe(spec)}"
    )
    from_env = from_env and isinstance(value, str) and spec.type is not str
    if spec.choices:
        for choice in spec.choices:
            if value == choice or (from_env and str(choice) == value.strip()):
                return choice
        raise wrong
    if spec.type is bool:
        if isinstance(value, bool):
            return value
        if from_env and value.strip().lower() in (
            "1",
            "true",
            "yes",
            "on",
            "0",
            "false",
            "no",
            "off",
        ):
            return value.strip().lower() in ("1", "true", "yes", "on")
        raise wrong
    if spec.type in (int, float):
        if from_env:
            try:
                value = spec.type(value.strip())
            except ValueError:
                raise wrong from None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise wrong
        if spec.type is int and not isinstance(value, int):
            raise wrong
        if value != value or value in (float("inf"), float("-inf")):  # NaN passes < and >
            raise wrong
        if (spec.lo is not None and value < spec.lo) or (spec.hi is not None and value > spec.hi):
            raise wrong
        return spec.type(value)
    if not isinstance(value, str):
        raise wrong
    return value


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for name, value in table.items():
        dotted = f"{prefix}{name}"
        if isinstance(value, dict) and dotted not in KEYS_BY_NAME:
            flat.update(_flatten(value, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def _build(cls: type, values: Mapping[str, Any], prefix: str = "") -> Any:
    hints = typing.get_type_hints(cls)
    kwargs: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        dotted = f"{prefix}{f.name}"
        if dataclasses.is_dataclass(hints[f.name]):
            kwargs[f.name] = _build(hints[f.name], values, dotted + ".")
        elif dotted in values:
            kwargs[f.name] = values[dotted]
    return cls(**kwargs)


# KIOSK_* variables that are not settings: the file's own name, and the scripts' and tests'.
NOT_SETTINGS = ("KIOSK_CONFIG", "KIOSK_VENV", "KIOSK_TOUR_DIR")
NOT_SETTINGS_PREFIX = "KIOSK_TEST_"


def _check_environment(environ: Mapping[str, str]) -> None:
    """A misspelt variable is refused like a misspelt key, not silently ignored."""
    known = {spec.env for spec in KEYS} | set(NOT_SETTINGS)
    for name in sorted(environ):
        if not name.startswith("KIOSK_") or name in known:
            continue
        if name.startswith(NOT_SETTINGS_PREFIX):
            continue
        close = difflib.get_close_matches(name, sorted(known), n=1)
        hint = f"; did you mean {close[0]}?" if close else ""
        raise ConfigError(f"unknown environment variable {name}{hint}")


def require_devices(settings: Settings) -> None:
    """In production every device needs its URL: an empty one is a configuration error."""
    if settings.kiosk.mode != "production":
        return
    for name in ("printer", "idcard", "scanner"):
        if not getattr(settings.devices, name).url:
            raise ConfigError(
                f'devices.{name}.url is empty: with kiosk.mode = "production" every device '
                "needs its port (an empty URL starts a simulator only in demo mode)"
            )


def load_settings(
    config_file: str | Path | None = None,
    environ: Mapping[str, str] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Settings:
    """Read the file (or ``KIOSK_CONFIG``), then the environment, then flags given as dotted keys.

    Raises ConfigError naming the key and what it allows.
    """
    environ = os.environ if environ is None else environ
    _check_environment(environ)
    values: dict[str, Any] = {}
    path = config_file or environ.get("KIOSK_CONFIG")
    if path:
        path = Path(path)
        try:
            table = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ConfigError(f"configuration file {path} does not exist") from None
        except PermissionError:  # an installed kiosk's file is readable by its user only
            raise ConfigError(
                f"configuration file {path} is not readable by this user: "
                "run the command as the kiosk's user (sudo -u kiosk kiosk ...)"
            ) from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{path}: not valid TOML: {exc}") from None
        for dotted, value in _flatten(table).items():
            spec = KEYS_BY_NAME.get(dotted)
            if spec is None:
                section = dotted.rpartition(".")[0]
                known = [k.dotted for k in KEYS if k.dotted.rpartition(".")[0] == section]
                hint = f"; keys of [{section}]: {', '.join(known)}" if known else ""
                raise ConfigError(f"{path}: unknown key '{dotted}'{hint}")
            values[dotted] = _coerce(spec, value, str(path))
    for spec in KEYS:
        if spec.env in environ:
            values[spec.dotted] = _coerce(
                spec, environ[spec.env], f"environment {spec.env}", from_env=True
            )
    for dotted, value in (overrides or {}).items():
        if value is None:
            continue
        spec = KEYS_BY_NAME[dotted]
        values[dotted] = _coerce(spec, value, "command line")
    settings = typing.cast(Settings, _build(Settings, values))
    _check_language(settings.kiosk.default_language)
    return settings


def _check_language(code: str) -> None:
    """The languages are data (assets/languages.toml): a code is checked against the list."""
    if code not in language_codes():
        raise ConfigError(
            f"key 'kiosk.default_language' = {code!r} is not allowed; expected a code of the "
            f"language list: {', '.join(language_codes())}"
        )


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return repr(value)


def example_toml(*, installed: bool = False) -> str:
    """The documented configuration, every key with its value and its variable.

    By default every value is the default (``packaging/kiosk.example.toml``). ``installed``
    gives the file a kiosk package puts in /etc/kiosk/kiosk.toml: the same keys, with the
    installed values (data in /var/lib/kiosk, devices at their udev names).
    """
    override = (
        "# KIOSK_* environment variables override this file; command-line flags override both."
    )
    if installed:
        head = [
            "# Kiosk configuration of this installation (the package's /etc/kiosk/kiosk.toml).",
            "# Keys marked 'Installed' differ from the built-in default.",
            override,
            "# Devices: the /dev/kiosk/* names come from udev rules; copy",
            "# /usr/share/kiosk/udev/70-kiosk-devices.rules to /etc/udev/rules.d/ and fill in",
            "# your devices' vendor, product and serial there (the file says how).",
        ]
    else:
        head = [
            "# Kiosk configuration. Every key is shown with its default.",
            override,
            "# Generated from kiosk/config.py by `python -m kiosk.config`; "
            "a test keeps it in step.",
            "# 'Installed': the value the kiosk package puts in /etc/kiosk/kiosk.toml.",
        ]
    lines = head
    section = None
    for spec in KEYS:
        sec = spec.dotted.rpartition(".")[0]
        if sec != section:
            lines += ["", f"[{sec}]"]
            section = sec
        allowed = _describe(spec)
        note = f" Installed: {_toml_value(spec.deploy)}." if spec.deploy is not None else ""
        lines.append(f"# {spec.help} Allowed: {allowed}.{note} Variable: {spec.env}")
        value = spec.deploy if installed and spec.deploy is not None else spec.default
        lines.append(f"{spec.dotted.rpartition('.')[2]} = {_toml_value(value)}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    print(example_toml(installed="--installed" in sys.argv[1:]), end="")
