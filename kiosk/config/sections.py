"""The configuration's sections: every key declared once, with its default, its allowed values
and a line of help.

A key is a ``Key`` made by ``_key``, in a ``Record`` (``kiosk.config.record``);
``kiosk.config.keys`` reads these declarations into the flat list the loader, the ``KIOSK_*``
variable names and ``packaging/kiosk.example.toml`` come from, so a key cannot be documented in
one place and forgotten in another.
"""

from __future__ import annotations

from typing import Any, Literal

from kiosk.config.record import Key, Part, Record


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
    return Key(default, help, lo, hi, env, deploy)


def part(record: type[Record]) -> Any:
    """A section of sections: this one, with its defaults unless given."""
    return Part(record)


class KioskSection(Record):
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


class PathsSection(Record):
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


class DatabaseSection(Record):
    url: str = _key(
        "",
        "SQLAlchemy URL. Empty: SQLite in the data folder. A hall shares one "
        "PostgreSQL: postgresql+psycopg://user@host/db",
        env="KIOSK_DB_URL",
    )


class DisplaySection(Record):
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


class SpeechSection(Record):
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


class TimingSection(Record):
    step_timeout_s: float = _key(90.0, "Inactivity on a step before the warning.", lo=10, hi=3600)
    warning_s: float = _key(30.0, "Countdown of the warning; at least 20 s.", lo=20, hi=600)
    max_extensions: int = _key(
        10, "How many times a resident may ask for more time; at least 10.", lo=10, hi=1000
    )
    elder_multiplier: float = _key(
        3.0, "Elder mode multiplies the time limits by this.", lo=1, hi=10
    )


class AssistSection(Record):
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


class ReportSection(Record):
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


class PrinterSection(Record):
    url: str = _key(
        "",
        "pyserial URL of the receipt printer (/dev/ttyUSB0, socket://host:port). "
        "Empty: a simulated printer (demo mode only).",
        deploy="/dev/kiosk/printer",
    )
    baud: int = _key(115200, "Baud rate.", lo=1200, hi=921600)
    timeout_s: float = _key(2.0, "Reply timeout.", lo=0.1, hi=30)
    paper_mm: Literal[58, 80] = _key(80, "Paper width.")


class IdCardSection(Record):
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


class ScannerSection(Record):
    url: str = _key(
        "",
        "pyserial URL of the QR scanner. Empty: a simulated scanner (demo mode only).",
        deploy="/dev/kiosk/scanner",
    )
    baud: int = _key(9600, "Baud rate.", lo=1200, hi=921600)
    idle_gap_ms: int = _key(
        80, "A payload with no terminator is taken after this quiet gap.", lo=10, hi=2000
    )


class DevicesSection(Record):
    printer: PrinterSection = part(PrinterSection)
    idcard: IdCardSection = part(IdCardSection)
    scanner: ScannerSection = part(ScannerSection)


class ServerSection(Record):
    listen: str = _key("0.0.0.0:8080", "Address and port the hall server listens on (HOST:PORT).")
    base_url: str = _key(
        "",
        "Address residents' phones and the kiosks' QR codes use to reach the hall server, "
        "e.g. https://kiosk.hall.example. Empty on a kiosk: it is alone, and shows and prints "
        "no code for phones (never an address nothing serves).",
    )
    cert_file: str = _key(
        "", "TLS certificate (PEM) for HTTPS. Empty with key_file empty: plain HTTP."
    )
    key_file: str = _key("", "TLS private key (PEM) for HTTPS.")
    trusted_proxies: str = _key(
        "",
        "Load balancers in front of the hall server that end TLS, comma-separated addresses "
        "or networks (10.0.0.5, 10.0.1.0/24): only from these are X-Forwarded-Proto and "
        "X-Forwarded-For believed (secure cookies, HSTS, form origins, audited addresses). "
        "Empty: none.",
    )
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
