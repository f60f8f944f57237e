"""Service versions, as every front end sees them: publish, roll back, read, compare.

The door to kiosk.catalog.versions and kiosk.report_compare for the ``kiosk services`` command,
the hall server and reports. BLOCKING calls; domain errors only: ``CatalogueError`` (a file or
an old version fails the checks, every problem named), ``OperationFailed`` (no such service or
version), ``StoreUnavailable``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from kiosk.api.store import Store
from kiosk.catalog import versions
from kiosk.catalog.loader import load_catalogue
from kiosk.catalog.schema import Catalogue
from kiosk.catalog.versions import Stored, VersionInfo
from kiosk.report_compare import Comparison, compare

__all__ = ["Comparison", "ServiceVersions", "Stored", "VersionInfo"]


class ServiceVersions:
    def __init__(self, store: Store, services_dir: Path) -> None:
        self.store = store
        self.services_dir = services_dir
        self._shipped: Catalogue | None = None

    @property
    def shipped(self) -> Catalogue:
        """The files this installation ships with (version 0 of each service)."""
        if self._shipped is None:
            self._shipped = load_catalogue(self.services_dir)
        return self._shipped

    def publish(self, paths: Sequence[Path], author: str, note: str = "") -> list[Stored]:
        with self.store.guard("publish"):
            return versions.publish(self.store.sessions, paths, author, note)

    def rollback(self, service_id: str, to: int | None, author: str, note: str = "") -> Stored:
        with self.store.guard("roll back"):
            return versions.rollback(self.store.sessions, service_id, to, author, note)

    def current(self) -> list[VersionInfo]:
        with self.store.guard("list versions"):
            return versions.current(self.store.sessions)

    def history(self, service_id: str | None = None) -> list[VersionInfo]:
        with self.store.guard("list versions"):
            return versions.history(self.store.sessions, service_id)

    def content(self, service_id: str, version: int | None = None) -> tuple[int, str]:
        with self.store.guard("read a version"):
            return versions.content(self.store.sessions, service_id, version, self.shipped)

    def diff(self, service_id: str, a: int, b: int) -> str:
        with self.store.guard("read versions"):
            return versions.diff(self.store.sessions, service_id, a, b, self.shipped)

    def compare(self, service_id: str, version: int) -> Comparison:
        """Funnel and completion of the version before ``version`` and of ``version``."""
        with self.store.guard("compare versions"):
            return compare(self.store.sessions, service_id, version)
