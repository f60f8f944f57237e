"""Configuration: one TOML file, overridden by ``KIOSK_*`` variables, overridden by flags.

- ``sections``: every key declared once (default, allowed values, a line of help);
- ``settings``: ``Settings``, the sections together and the paths derived from them;
- ``keys``: the declarations as a flat list (``KEYS``), with each key's ``KIOSK_*`` variable;
- ``validate``: a value checked against its key, misspelt keys and variables named with the
  nearest ones, production's devices;
- ``load``: ``load_settings``, file then environment then flags;
- ``example``: the example and installed files written from the declarations.
"""

from kiosk.config.keys import KEYS, KEYS_BY_NAME, KeySpec
from kiosk.config.load import load_settings
from kiosk.config.sections import (
    AssistSection,
    DatabaseSection,
    DevicesSection,
    DisplaySection,
    IdCardSection,
    KioskSection,
    PathsSection,
    PrinterSection,
    ReportSection,
    ScannerSection,
    ServerSection,
    SpeechSection,
    TimingSection,
)
from kiosk.config.settings import DEFAULT_SERVICES_DIR, PACKAGE_ROOT, Settings
from kiosk.config.validate import missing_device, require_devices

__all__ = [
    "DEFAULT_SERVICES_DIR",
    "KEYS",
    "KEYS_BY_NAME",
    "PACKAGE_ROOT",
    "AssistSection",
    "DatabaseSection",
    "DevicesSection",
    "DisplaySection",
    "IdCardSection",
    "KeySpec",
    "KioskSection",
    "PathsSection",
    "PrinterSection",
    "ReportSection",
    "ScannerSection",
    "ServerSection",
    "Settings",
    "SpeechSection",
    "TimingSection",
    "load_settings",
    "missing_device",
    "require_devices",
]
