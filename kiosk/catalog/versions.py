"""Service versions in the hall's store: publish, list, show, diff, roll back.

A version is a whole service file, append-only: the newest row of a service is what every kiosk
of the hall serves (kiosk.catalog.watcher picks it up between visits). A rollback is a new
version with the content of an older one, so kiosks see it as any other change and visits name
the version they ran without ambiguity. Version 0 is the file the kiosks shipped with; rolling
back to it stores a version with no content. Publish and rollback are audited in the same
transaction, and announced (PostgreSQL NOTIFY) when it commits.
"""

from __future__ import annotations

import difflib
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Select, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from kiosk.assist import audit
from kiosk.assist.notify import announce
from kiosk.catalog.effective import Published, load_published
from kiosk.catalog.loader import load_catalogue, load_file, service_files
from kiosk.catalog.schema import Catalogue
from kiosk.errors import ConfigError, OperationFailed
from kiosk.store.models import ServiceVersion

PUBLISHED = "service_published"
ROLLED_BACK = "service_rolled_back"
LOAD_FAILED = "service_load_failed"
NOTICE = "catalogue"  # the kind of change announced to listeners


@dataclass(frozen=True)
class Stored:
    """What publish or rollback did to one service."""

    service_id: str
    version: int | None  # None: unchanged, nothing stored
    previous: int
    to: int | None = None  # a rollback: the version whose content it serves again


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _latest(session: Session, service_id: str) -> ServiceVersion | None:
    return session.scalar(
        select(ServiceVersion)
        .where(ServiceVersion.service_id == service_id)
        .order_by(ServiceVersion.version.desc())
        .limit(1)
    )


def validate(paths: Sequence[Path]) -> Catalogue:
    """The checks and messages of ``check-services``; raises CatalogueError."""
    for path in paths:
        if not path.exists():
            raise ConfigError(f"{path} does not exist")
    return load_catalogue(*paths)


def publish(
    sessions: sessionmaker[Session],
    paths: Sequence[Path],
    author: str,
    note: str = "",
) -> list[Stored]:
    """Validate the files and store each as its service's next version, in one transaction.

    A file identical to its service's current version stores nothing. Raises CatalogueError
    (exit 2, every problem named) before anything is stored.
    """
    validate(paths)
    files = [(f, f.read_text(encoding="utf-8")) for f in service_files(paths)]
    out: list[Stored] = []
    try:
        with sessions.begin() as session:
            for file, text in files:
                service_id = load_file(file).id
                latest = _latest(session, service_id)
                previous = latest.version if latest is not None else 0
                digest = sha256(text)
                if latest is not None and latest.content is not None and latest.sha256 == digest:
                    out.append(Stored(service_id, None, previous))
                    continue
                version = previous + 1
                session.add(
                    ServiceVersion(
                        service_id=service_id,
                        version=version,
                        content=text,
                        sha256=digest,
                        filename=file.name,
                        author=author,
                        note=note,
                    )
                )
                audit.record(
                    session,
                    audit.Entry(
                        PUBLISHED,
                        detail={
                            "service": service_id,
                            "version": version,
                            "sha256": digest,
                            "file": file.name,
                            "author": author,
                            "note": note,
                        },
                    ),
                )
                out.append(Stored(service_id, version, previous))
            announce(session, NOTICE)
    except IntegrityError:
        raise OperationFailed(
            "another version was published at the same moment; try again"
        ) from None
    return out


def rollback(
    sessions: sessionmaker[Session],
    service_id: str,
    to: int | None,
    author: str,
    note: str = "",
) -> Stored:
    """A new version with the content of version ``to`` (default: the one before the current;
    0: the shipped file). The old content is checked again before it goes out."""
    try:
        with sessions.begin() as session:
            latest = _latest(session, service_id)
            if latest is None:
                raise OperationFailed(f"service '{service_id}' has no published version")
            target = latest.version - 1 if to is None else to
            if not 0 <= target < latest.version:
                raise ConfigError(
                    f"--to must be a version from 0 to {latest.version - 1} "
                    f"(v{latest.version} is the current one)"
                )
            content: str | None = None
            filename = ""
            if target > 0:
                row = _row(session, service_id, target)
                content, filename = row.content, row.filename
            if content is not None:  # refused before it reaches a kiosk, as a publish is
                load_published(Published(service_id, target, content, filename=filename))
            version = latest.version + 1
            session.add(
                ServiceVersion(
                    service_id=service_id,
                    version=version,
                    content=content,
                    sha256=sha256(content) if content is not None else "",
                    filename=filename,
                    author=author,
                    note=note or f"rollback to v{target}",
                    rollback_of=target,
                )
            )
            audit.record(
                session,
                audit.Entry(
                    ROLLED_BACK,
                    detail={
                        "service": service_id,
                        "version": version,
                        "to": target,
                        "author": author,
                        "note": note,
                    },
                ),
            )
            announce(session, NOTICE)
    except IntegrityError:
        raise OperationFailed(
            "another version was published at the same moment; try again"
        ) from None
    return Stored(service_id, version, latest.version, target)


def _row(session: Session, service_id: str, version: int) -> ServiceVersion:
    row = session.scalar(
        select(ServiceVersion).where(
            ServiceVersion.service_id == service_id, ServiceVersion.version == version
        )
    )
    if row is None:
        raise OperationFailed(f"service '{service_id}' has no version {version}")
    return row


@dataclass(frozen=True)
class VersionInfo:
    service_id: str
    version: int
    sha256: str
    filename: str
    author: str
    note: str
    rollback_of: int | None
    created_at: str
    withdrawn: bool  # no content: the shipped file is served


def _info(row: ServiceVersion) -> VersionInfo:
    return VersionInfo(
        row.service_id,
        row.version,
        row.sha256,
        row.filename,
        row.author,
        row.note,
        row.rollback_of,
        row.created_at.isoformat(timespec="seconds"),
        row.content is None,
    )


def history(sessions: sessionmaker[Session], service_id: str | None = None) -> list[VersionInfo]:
    query = select(ServiceVersion).order_by(ServiceVersion.service_id, ServiceVersion.version)
    if service_id is not None:
        query = query.where(ServiceVersion.service_id == service_id)
    with sessions() as session:
        return [_info(r) for r in session.scalars(query)]


def current(sessions: sessionmaker[Session]) -> list[VersionInfo]:
    """The newest version of every service that has one."""
    with sessions() as session:
        return [_info(r) for r in session.scalars(_newest_rows())]


def _newest_rows() -> Select[ServiceVersion]:
    newest = (
        select(ServiceVersion.service_id, func.max(ServiceVersion.version).label("version"))
        .group_by(ServiceVersion.service_id)
        .subquery()
    )
    return (
        select(ServiceVersion)
        .join(
            newest,
            (ServiceVersion.service_id == newest.c.service_id)
            & (ServiceVersion.version == newest.c.version),
        )
        .order_by(ServiceVersion.service_id)
    )


def content(
    sessions: sessionmaker[Session], service_id: str, version: int | None, shipped: Catalogue
) -> tuple[int, str]:
    """The text of a version (default: the current one); 0 or a withdrawn version: the file
    the kiosks shipped with."""
    with sessions() as session:
        if version is None:
            latest = _latest(session, service_id)
            row = latest
            version = latest.version if latest is not None else 0
        else:
            row = _row(session, service_id, version) if version > 0 else None
        if row is not None and row.content is not None:
            return version, row.content
    for service in shipped.services:
        if service.id == service_id:
            return version, Path(service.source).read_text(encoding="utf-8")
    raise OperationFailed(f"service '{service_id}' has no shipped file and no version {version}")


def diff(
    sessions: sessionmaker[Session], service_id: str, a: int, b: int, shipped: Catalogue
) -> str:
    _, old = content(sessions, service_id, a, shipped)
    _, new = content(sessions, service_id, b, shipped)
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"{service_id}@v{a}",
            tofile=f"{service_id}@v{b}",
        )
    )


# -- what kiosks read ---------------------------------------------------------------------------


def signature(sessions: sessionmaker[Session]) -> int:
    """Changes whenever a version is stored (rows are never deleted): one indexed lookup."""
    with sessions() as session:
        return int(session.scalar(select(func.coalesce(func.max(ServiceVersion.id), 0))) or 0)


def newest(sessions: sessionmaker[Session]) -> list[Published]:
    with sessions() as session:
        return [
            Published(r.service_id, r.version, r.content, r.sha256, r.filename)
            for r in session.scalars(_newest_rows())
        ]


def report_failure(
    sessions: sessionmaker[Session], kiosk_id: str, published: Published, problems: Sequence[str]
) -> None:
    """A kiosk could not load a version and serves the previous one: on the audit trail."""
    audit.write(
        sessions,
        audit.Entry(
            LOAD_FAILED,
            kiosk_id=kiosk_id,
            detail={
                "service": published.service_id,
                "version": published.version,
                "problems": list(problems),
            },
        ),
    )
