"""glibc's allocator set for a process that runs for weeks: memory it frees goes back.

glibc gives the free top of its heap back to the system only above a threshold, and by default
that threshold follows the program: each large block freed raises it (up to 64 MiB), so a kiosk
that once freed a full-screen image keeps tens of MiB freed but resident for good (bench/soak.py
measured 25 MiB of a kiosk's RSS held that way after 40 visits). Setting the thresholds fixes
them at glibc's own defaults: blocks of 128 KiB and more are mapped and unmapped on their own,
and a free top above 128 KiB is returned. Elsewhere than glibc (musl, macOS) nothing is done.

The top is only the heap's end: whole pages freed in its middle stay resident until
``malloc_trim`` hands them back, which the kiosk asks for at a quiet moment (a visit's end,
``give_back``), never on every free.
"""

from __future__ import annotations

import ctypes
import functools
import logging

log = logging.getLogger(__name__)

M_TRIM_THRESHOLD = -1  # from glibc's malloc.h
M_MMAP_THRESHOLD = -3
THRESHOLD = 128 * 1024  # glibc's default for both, kept instead of raised


def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(None)  # the process itself: its C library's symbols
    except OSError:
        return None


@functools.cache
def _glibc() -> ctypes.CDLL | None:
    libc = _libc()
    return libc if libc is not None and hasattr(libc, "gnu_get_libc_version") else None


def return_freed_memory() -> bool:
    """Fix glibc's trim and mmap thresholds (once, early in the process); False where the C
    library is not glibc."""
    libc = _glibc()
    mallopt = getattr(libc, "mallopt", None)
    if mallopt is None:
        return False
    done = bool(mallopt(M_TRIM_THRESHOLD, THRESHOLD) == 1)
    done = bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD) == 1) and done
    if not done:
        log.warning("malloc thresholds could not be set; freed memory may stay resident")
    return done


def give_back() -> bool:
    """Hand the free pages inside glibc's heaps back to the system (``malloc_trim(0)``: a few
    milliseconds for the kiosk's heaps); True if any went back, False elsewhere than glibc."""
    trim = getattr(_glibc(), "malloc_trim", None)
    return bool(trim(0)) if trim is not None else False
