"""What home shows of the catalogue, kept in the data folder so a start reads no service file.

Reading the catalogue (the shipped files and the versions last served) parses and checks every
file and builds every step: most of what a kiosk's start spent before home could be painted,
though home shows only each service's title, summary and icon. Those (``Home``) are saved here
as JSON with what the catalogue was read from: the service files, the versions last served
(``catalogue-cache.json``), and the code that reads and checks them, each named with its size,
modification time, inode and checksum. A start whose sources are all unchanged draws home from
the snapshot and reads the catalogue itself after the first paint (``KioskApi.open``); any other
start reads it first, as before, and saves a new snapshot. A snapshot is only ever written from
a catalogue that loaded, so home never offers a service the files would refuse.

This module loads neither the TOML parser nor the service model: the reading is handed in
(``home_catalogue``'s ``load``), so a start that finds its snapshot current never imports them.
"""

from __future__ import annotations

import json
import logging
import os
import zlib
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.catalog.texts import Text

if TYPE_CHECKING:
    from kiosk.catalog.schema import Catalogue
    from kiosk.config import Settings

log = logging.getLogger(__name__)
SNAPSHOT_NAME = "catalogue-home.json"
PUBLISHED_NAME = "catalogue-cache.json"  # the versions last served (kiosk.catalog.effective)
FORMAT = 1
PACKAGE = Path(__file__).resolve().parent.parent  # kiosk/


@dataclass(frozen=True)
class Tile:
    """One service as home shows it: no steps."""

    id: str
    title: Text
    summary: Text
    icon: str
    order: int


@dataclass(frozen=True)
class Home:
    """The services home shows, before the catalogue is read (after, a ``Catalogue`` serves)."""

    services: tuple[Tile, ...]


def _names(folder: Path, suffix: str) -> list[str]:
    """The names in ``folder`` that end with ``suffix``, sorted: what the loader's glob finds,
    without compiling a pattern for it."""
    return sorted(name for name in os.listdir(folder) if name.endswith(suffix))


# The code a catalogue is read and checked with: a kiosk updated reads its files again.
CODE = (
    *(PACKAGE / "catalog" / name for name in _names(PACKAGE / "catalog", ".py")),
    PACKAGE / "text.py",
    PACKAGE / "backends" / "operations.py",
    PACKAGE.parent / "assets" / "languages.toml",
)


def home_of(catalogue: Catalogue) -> Home:
    return Home(tuple(Tile(s.id, s.title, s.summary, s.icon, s.order) for s in catalogue.services))


def sources(settings: Settings) -> list[list[Any]]:
    """What a catalogue is read from, each as [path, size, mtime_ns, inode, CRC-32 of its bytes]
    (absent: [path]); the checksum catches a same-size edit within a coarse mtime's tick."""
    folder = settings.services_dir
    services = [folder / name for name in _names(folder, ".toml")] if folder.is_dir() else [folder]
    paths = [*services, settings.data_dir / PUBLISHED_NAME, *CODE]
    found: list[list[Any]] = []
    for path in paths:
        try:
            st = path.stat()
            crc = zlib.crc32(path.read_bytes())
        except OSError:
            found.append([str(path)])
            continue
        found.append([str(path), st.st_size, st.st_mtime_ns, st.st_ino, crc])
    return found


def home_catalogue(settings: Settings, load: Callable[[], Catalogue]) -> Home:
    """Home from the snapshot when its sources are unchanged; else from ``load()``, saved for
    the next start. What ``load`` raises (a damaged service file) is raised."""
    path = settings.data_dir / SNAPSHOT_NAME
    now = sources(settings)
    kept = read(path, now)
    if kept is not None:
        return kept
    home = home_of(load())
    write(path, now, home)
    return home


def read(path: Path, expected: list[list[Any]]) -> Home | None:
    """The snapshot at ``path`` if it was saved from exactly these sources, else None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("sources") != expected:
            return None
        return Home(
            tuple(
                Tile(t["id"], Text(**t["title"]), Text(**t["summary"]), t["icon"], t["order"])
                for t in data["services"]
            )
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        log.warning("catalogue snapshot %s unreadable; reading the service files", path)
        return None


def write(path: Path, sources_: list[list[Any]], home: Home) -> None:
    """Saved whole, then renamed; a data folder that cannot take it only costs the next start
    its reading."""
    data = {"format": FORMAT, "sources": sources_, "services": [asdict(t) for t in home.services]}
    part = path.with_suffix(".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(part, path)
    except OSError as exc:
        log.warning("catalogue snapshot %s not saved: %s", path, exc)
