"""``Settings``: the sections of one kiosk's configuration, and the paths derived from them
(an empty path key means a default place, worked out here once)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import platformdirs

from kiosk.config.sections import (
    AssistSection,
    DatabaseSection,
    DevicesSection,
    DisplaySection,
    KioskSection,
    PathsSection,
    ReportSection,
    ServerSection,
    SpeechSection,
    TimingSection,
)

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SERVICES_DIR = PACKAGE_ROOT / "assets" / "services"


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
        """Where the hall server takes itself to be reached (no trailing slash). Kiosks use
        ``base_url`` alone (``KioskApi.hall_url``): a guessed name is no address for a phone."""
        if self.server.base_url:
            return self.server.base_url.rstrip("/")
        scheme = "https" if self.server.cert_file else "http"
        port = self.server.listen.rpartition(":")[2]
        return f"{scheme}://{os.uname().nodename}:{port}"  # the host name, without socket

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
