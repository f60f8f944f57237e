"""A local file of records the database could not take yet (JSON lines).

Records are appended; ``take`` moves the file aside (``.sending``) and returns what it holds,
and ``done`` removes it once those records are stored. A crash between the two leaves the
``.sending`` file, which the next ``take`` reads again: records may be sent twice, never lost.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class Spool:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.sending = path.with_name(path.name + ".sending")

    def append(self, records: list[dict[str, Any]]) -> None:
        if not records:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self.path.open("a", encoding="utf-8") as f:
            for record in records:
                f.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")

    def take(self) -> list[dict[str, Any]]:
        lines: list[str] = []
        if self.sending.exists():  # left by a run that stopped before storing them
            lines += self.sending.read_text(encoding="utf-8").splitlines()
        if self.path.exists():
            lines += self.path.read_text(encoding="utf-8").splitlines()
            with self.sending.open("a", encoding="utf-8") as f:
                f.write(self.path.read_text(encoding="utf-8"))
            self.path.unlink()
        records = []
        for line in lines:
            try:
                record = json.loads(line)
            except ValueError:
                log.error("spooled record unreadable, skipped: %.80s", line)
                continue
            if isinstance(record, dict):
                records.append(record)
        return records

    def done(self) -> None:
        self.sending.unlink(missing_ok=True)
