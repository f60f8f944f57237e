"""The WAV cache: one file per (text, voice, rate), named by a hash, written whole or not at all.

A render goes to a hidden temporary name in the same folder and is renamed into place, so a
reader (the player, another kiosk process running ``kiosk say --prerender``) never sees half a
file: ``os.replace`` within one folder is atomic.
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import uuid
from pathlib import Path

# Bump when the rendering changes (engine, sample format) so old files are not served.
CACHE_VERSION = "2"  # 2: a text's words in another script in their own voice
WAV_HEADER_BYTES = 44
TEMP_PREFIX = ".tmp-"
_CACHE_NAME = re.compile(r"[0-9a-f]{40}\.wav")


class WavCache:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    @staticmethod
    def key(text: str, voice: str, rate: int) -> str:
        raw = "\x00".join((CACHE_VERSION, voice, str(rate), text)).encode("utf-8")
        return hashlib.sha256(raw).hexdigest()[:40]

    def path(self, text: str, voice: str, rate: int) -> Path:
        return self.folder / f"{self.key(text, voice, rate)}.wav"

    def lookup(self, text: str, voice: str, rate: int) -> Path | None:
        """The finished file, or None; a stat, cheap enough for the GUI thread."""
        path = self.path(text, voice, rate)
        try:
            return path if path.stat().st_size > WAV_HEADER_BYTES else None
        except OSError:
            return None

    def temp_for(self, final: Path) -> Path:
        return final.with_name(f"{TEMP_PREFIX}{final.stem}-{uuid.uuid4().hex[:8]}.wav")

    def commit(self, temp: Path, final: Path) -> Path:
        """Move a finished render into place; an empty render is refused, not cached."""
        if temp.stat().st_size <= WAV_HEADER_BYTES:
            temp.unlink(missing_ok=True)
            raise ValueError("the engine wrote no audio")
        os.replace(temp, final)
        return final

    def clean_temps(self, older_than_s: float = 600.0) -> int:
        """Remove temporaries left by a crash; young ones may belong to a live process."""
        limit = time.time() - older_than_s
        removed = 0
        for temp in self.folder.glob(f"{TEMP_PREFIX}*.wav"):
            try:
                if temp.stat().st_mtime < limit:
                    temp.unlink()
                    removed += 1
            except OSError:
                continue
        return removed

    def __len__(self) -> int:
        return sum(1 for p in self.folder.glob("*.wav") if not p.name.startswith(TEMP_PREFIX))


class VisitMarks:
    """The files rendered for the visit in progress, listed on disk as they are made.

    A visit's sentences hold what the resident was told (amounts, names, numbers). A visit that
    ends deletes them (``forget``); a visit that never ended (the kiosk crashed or was killed)
    leaves this list, and the next start deletes what it names. Only names of cache files are
    listed, and only such names are ever deleted.
    """

    NAME = ".visit-files"

    def __init__(self, cache: WavCache) -> None:
        self.cache = cache
        self.path = cache.folder / self.NAME

    def add(self, file: Path) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, file.name.encode() + b"\n")
            os.fsync(fd)  # rendering took far longer; a power cut must not keep the file
        finally:
            os.close(fd)

    def forget(self) -> int:
        """Delete every file listed, then the list; returns how many were deleted."""
        try:
            names = self.path.read_text(encoding="utf-8", errors="replace").split()
        except FileNotFoundError:
            return 0
        removed = 0
        for name in dict.fromkeys(names):
            if _CACHE_NAME.fullmatch(name):
                try:
                    (self.cache.folder / name).unlink()
                    removed += 1
                except FileNotFoundError:
                    pass
        self.path.unlink(missing_ok=True)
        return removed
