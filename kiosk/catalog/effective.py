"""The catalogue a kiosk serves: the shipped files, overridden by versions published to the hall.

No SQLAlchemy here: the window draws home from this before the store libraries load. A
published version that does not load on this kiosk is not served: the service stays on what
the kiosk served before (or on its shipped file), and the failure is returned for reporting.
The last good set of versions is kept in a file in the data folder, so a kiosk restarted while
the store is out of reach serves the patches it had.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.catalog.loader import CatalogueError, Problem, load_catalogue, load_text
from kiosk.catalog.schema import Catalogue, Service

if TYPE_CHECKING:
    from kiosk.config import Settings

log = logging.getLogger(__name__)
CACHE_NAME = "catalogue-cache.json"


@dataclass(frozen=True)
class Published:
    """The newest version of one service in the store. No content: withdrawn, the shipped file
    (if any) is served again."""

    service_id: str
    version: int
    content: str | None
    sha256: str = ""
    filename: str = ""

    @property
    def key(self) -> tuple[str, int]:
        return self.service_id, self.version

    def origin(self) -> Path:
        """How problems name it: the file it was published from, and its version."""
        return Path(f"{self.filename or self.service_id + '.toml'}@v{self.version}")


@dataclass(frozen=True)
class Failure:
    published: Published
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Effective:
    catalogue: Catalogue
    served: Mapping[str, Published]  # service id -> the version in effect (shipped: absent)
    failures: tuple[Failure, ...] = ()


def load_published(published: Published) -> Service:
    """A published version as a service, checked as ``check-services`` checks a file."""
    assert published.content is not None
    service = load_text(published.content, published.origin())
    if service.id != published.service_id:
        raise CatalogueError(
            [
                Problem(
                    str(published.origin()),
                    f"declares service '{service.id}', published as '{published.service_id}'",
                    field="id",
                )
            ]
        )
    return dataclasses.replace(service, version=published.version)


def build(
    shipped: Catalogue,
    published: Iterable[Published],
    previous: Effective | None = None,
) -> Effective:
    """Shipped services overridden by the published ones; a version that fails to load keeps
    the service as ``previous`` served it (else as shipped)."""
    services = {s.id: s for s in shipped.services}
    served: dict[str, Published] = {}
    failures: list[Failure] = []
    for pub in published:
        shipped_one = services.get(pub.service_id)
        try:
            if pub.content is None:  # withdrawn: the shipped file, under this version
                if shipped_one is not None:
                    services[pub.service_id] = dataclasses.replace(shipped_one, version=pub.version)
                else:
                    services.pop(pub.service_id, None)
            else:
                services[pub.service_id] = load_published(pub)
            served[pub.service_id] = pub
        except CatalogueError as exc:
            failures.append(Failure(pub, tuple(str(p) for p in exc.problems)))
            before = previous.served.get(pub.service_id) if previous is not None else None
            if previous is not None and before is not None:
                served[pub.service_id] = before
                kept = _find(previous.catalogue, pub.service_id)
                if kept is not None:
                    services[pub.service_id] = kept
                else:
                    services.pop(pub.service_id, None)
    ordered = tuple(sorted(services.values(), key=lambda s: (s.order, s.id)))
    return Effective(Catalogue(ordered), served, tuple(failures))


def _find(catalogue: Catalogue, service_id: str) -> Service | None:
    try:
        return catalogue.get(service_id)
    except KeyError:
        return None


def same(a: Mapping[str, Published], b: Mapping[str, Published]) -> bool:
    return {k: (p.version, p.sha256) for k, p in a.items()} == {
        k: (p.version, p.sha256) for k, p in b.items()
    }


class CatalogueCache:
    """The versions last served, as JSON in the data folder; written whole, then renamed."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def save(self, served: Mapping[str, Published]) -> None:
        data = {"published": [dataclasses.asdict(p) for p in served.values()]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        part = self.path.with_suffix(".part")
        part.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(part, self.path)

    def load(self) -> list[Published]:
        try:
            data: Any = json.loads(self.path.read_text(encoding="utf-8"))
            return [Published(**item) for item in data["published"]]
        except FileNotFoundError:
            return []
        except (OSError, ValueError, KeyError, TypeError):
            log.warning("catalogue cache %s unreadable; serving the shipped files", self.path)
            return []


def cache_for(settings: Settings) -> CatalogueCache:
    return CatalogueCache(settings.data_dir / CACHE_NAME)


def load_cached(settings: Settings) -> Effective:
    """At start, before the store is open: the shipped files and the versions last served.
    Problems in the shipped files raise (the kiosk cannot start on a broken release)."""
    shipped = load_catalogue(settings.services_dir)
    result = build(shipped, cache_for(settings).load())
    for failure in result.failures:  # a kiosk updated since: its rules may be stricter
        log.warning(
            "cached version %s v%d no longer loads; serving the shipped file: %s",
            failure.published.service_id,
            failure.published.version,
            "; ".join(failure.problems),
        )
    return result
