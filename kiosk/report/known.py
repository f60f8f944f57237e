"""A report's filters checked against what the hall has: an unknown name is a mistake to say
(exit 2, naming the nearest or the known ones), not an empty report that looks like no visits."""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Engine, select

from kiosk.catalog.loader import CatalogueError, load_catalogue
from kiosk.errors import ConfigError
from kiosk.report import figures as f
from kiosk.store.models import Kiosk, ServiceVersion, Visit
from kiosk.text import language_codes


def unknown(option: str, value: str, known: Iterable[str]) -> ConfigError:
    """``--option value`` is none of ``known``: the nearest ones if any, else all of them."""
    names = sorted(set(known))
    near = difflib.get_close_matches(value, names, n=3)
    if near:
        hint = f"did you mean {', '.join(near)}?"
    elif names:
        hint = f"known: {', '.join(names[:20])}" + (" ..." if len(names) > 20 else "")
    else:
        hint = "there is none yet"
    return ConfigError(f"{option} {value!r} is unknown: {hint}")


def service_ids(engine: Engine, services_dir: Path | None) -> set[str]:
    """Services of the shipped files, the published versions and the recorded visits."""
    ids: set[str] = set()
    if services_dir is not None:
        # A broken file leaves its service out: the store still names the ones it has seen.
        with contextlib.suppress(CatalogueError, OSError):
            ids.update(s.id for s in load_catalogue(services_dir).services)
    with engine.connect() as conn:
        ids.update(conn.scalars(select(ServiceVersion.service_id).distinct()))
        ids.update(conn.scalars(select(Visit.service_id).distinct()))
    return ids


def check_filters(engine: Engine, period: f.Period, services_dir: Path | None) -> None:
    if period.language and period.language not in language_codes():
        raise unknown("--language", period.language, language_codes())
    if period.service and period.service not in (known := service_ids(engine, services_dir)):
        raise unknown("--service", period.service, known)
    if not (period.hall or period.kiosk):
        return
    with engine.connect() as conn:
        kiosks = {row.id: row.hall for row in conn.execute(select(Kiosk.id, Kiosk.hall))}
    halls = {hall for hall in kiosks.values() if hall}
    if period.hall and period.hall not in halls:
        raise unknown("--hall", period.hall, halls)
    if period.kiosk and period.kiosk not in kiosks:
        raise unknown("--kiosk", period.kiosk, kiosks)
