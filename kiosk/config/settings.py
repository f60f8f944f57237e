"""``Settings``: the sections of one kiosk's configuration, and the paths derived from them
(an empty path key means a default place, worked out here once)."""

from __future__ import annotations

import os
from pathlib import Path

from kiosk.config.record import Record
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
    part,
)

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_SERVICES_DIR = PACKAGE_ROOT / "assets" / "services"


class Settings(Record):
    kiosk: KioskSection = part(KioskSection)
    paths: PathsSection = part(PathsSection)
    database: DatabaseSection = part(DatabaseSection)
    display: DisplaySection = part(DisplaySection)
    speech: SpeechSection = part(SpeechSection)
    timing: TimingSection = part(TimingSection)
    assist: AssistSection = part(AssistSection)
    report: ReportSection = part(ReportSection)
    devices: DevicesSection = part(DevicesSection)
    server: ServerSection = part(ServerSection)

    @property
    def data_dir(self) -> Path:
        if self.paths.data_dir:
            return Path(self.paths.data_dir).expanduser()
        # The XDG base directory rule (the kiosk runs on Linux alone): the user's data home.
        home = os.environ.get("XDG_DATA_HOME", "").strip()
        return Path(home if home else "~/.local/share").expanduser() / "kiosk"

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
