"""The catalogue home is drawn from, kept in the data folder so a start parses no service file.

Reading the catalogue (the shipped files and the versions last served) parses and checks every
file: most of what a kiosk's start spent on its catalogue before home could be painted. Once
read, it is saved here as JSON with what it was read from: the service files, the versions last
served (``catalogue-cache.json``), and the code that reads and checks them, each named with its
size, modification time, inode and checksum. A start whose sources are all unchanged reads the
snapshot back; any other start reads the files, as before, and saves a new one. A snapshot is
only ever written from a catalogue that loaded, so it is never less checked than the files.

This module loads neither the TOML parser nor the catalogue's checks: the reading is handed in
(``home_catalogue``'s ``load``), so a start that finds its snapshot current never imports them.
"""

from __future__ import annotations

import json
import logging
import os
import zlib
from collections.abc import Callable, Mapping
from dataclasses import fields, is_dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.catalog.schema import (
    STEP_CLASSES,
    Catalogue,
    DocumentSpec,
    Option,
    Row,
    Service,
    StepKind,
    Text,
    Validator,
)

if TYPE_CHECKING:
    from kiosk.config import Settings

log = logging.getLogger(__name__)
SNAPSHOT_NAME = "catalogue-snapshot.json"
PUBLISHED_NAME = "catalogue-cache.json"  # the versions last served (kiosk.catalog.effective)
FORMAT = 1
PACKAGE = Path(__file__).resolve().parent.parent  # kiosk/


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
CLASSES: dict[str, type] = {
    cls.__name__: cls
    for cls in (Text, Option, Row, DocumentSpec, Service, Catalogue, *STEP_CLASSES.values())
}
ENUMS: dict[str, type[StrEnum]] = {"StepKind": StepKind, "Validator": Validator}


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


def home_catalogue(settings: Settings, load: Callable[[], Catalogue]) -> Catalogue:
    """The snapshot when its sources are unchanged; else ``load()``, saved for the next start.
    What ``load`` raises (a broken service file) is raised."""
    path = settings.data_dir / SNAPSHOT_NAME
    now = sources(settings)
    kept = read(path, now)
    if kept is not None:
        return kept
    catalogue = load()
    write(path, now, catalogue)
    return catalogue


def read(path: Path, expected: list[list[Any]]) -> Catalogue | None:
    """The snapshot at ``path`` if it was saved from exactly these sources, else None."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("sources") != expected:
            return None
        catalogue = decode(data["catalogue"])
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        log.warning("catalogue snapshot %s unreadable; reading the service files", path)
        return None
    return catalogue if isinstance(catalogue, Catalogue) else None


def write(path: Path, sources_: list[list[Any]], catalogue: Catalogue) -> None:
    """Saved whole, then renamed; a data folder that cannot take it only costs the next start
    its parse."""
    data = {"format": FORMAT, "sources": sources_, "catalogue": encode(catalogue)}
    part = path.with_suffix(".part")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        part.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        os.replace(part, path)
    except OSError as exc:
        log.warning("catalogue snapshot %s not saved: %s", path, exc)


def encode(value: Any) -> Any:
    """The catalogue as JSON values: each object tagged with its class, each enum with its type;
    tuples become lists and mappings are tagged, so ``decode`` gives back an equal catalogue."""
    if isinstance(value, StrEnum):
        return {"$enum": type(value).__name__, "value": value.value}
    if is_dataclass(value) and not isinstance(value, type):
        encoded = {f.name: encode(getattr(value, f.name)) for f in fields(value)}
        return {"$class": type(value).__name__, **encoded}
    if isinstance(value, (tuple, list)):
        return [encode(item) for item in value]
    if isinstance(value, Mapping):
        return {"$map": {str(k): encode(v) for k, v in value.items()}}
    return value


def decode(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(decode(item) for item in value)
    if not isinstance(value, dict):
        return value
    if "$class" in value:
        cls = CLASSES[value["$class"]]
        return cls(**{k: decode(v) for k, v in value.items() if k != "$class"})
    if "$enum" in value:
        return ENUMS[value["$enum"]](value["value"])
    return {k: decode(v) for k, v in value["$map"].items()}
