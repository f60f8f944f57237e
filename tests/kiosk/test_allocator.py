"""The kiosk's allocator setting: memory freed after a large block was freed goes back."""

from __future__ import annotations

import platform
import textwrap

import pytest

from tests.helpers.child import run_python

# A child frees a 24 MiB block (which by default raises glibc's trim threshold to 48 MiB), then
# allocates and frees 40 MiB in 64 KiB blocks, and prints how much of that stayed resident. No
# Python object is made between the blocks and their release: one would pin the heap's top.
# What both children start with: glibc's malloc and free, and the process's anonymous memory.
LIBC = """
libc = ctypes.CDLL(None)
libc.malloc.restype = ctypes.c_void_p
libc.malloc.argtypes = [ctypes.c_size_t]
libc.free.argtypes = [ctypes.c_void_p]

def anon_kib():
    with open("/proc/self/status") as status:
        return next(int(l.split()[1]) for l in status if l.startswith("RssAnon:"))
"""
CHILD = textwrap.dedent(
    """
    import ctypes, sys
    from kiosk.allocator import return_freed_memory

    if sys.argv[1] == "set":
        assert return_freed_memory()
    {LIBC}
    big = libc.malloc(24 << 20)
    ctypes.memset(big, 1, 24 << 20)
    libc.free(big)
    before = anon_kib()
    blocks = [0] * 640  # sized first: a list that grew would be reallocated above the blocks
    for i in range(640):
        blocks[i] = libc.malloc(64 << 10)
        ctypes.memset(blocks[i], 1, 64 << 10)
    for block in reversed(blocks):
        libc.free(block)
    print((anon_kib() - before) // 1024)
    """
).replace("{LIBC}", LIBC)


def _kept_mib(mode: str) -> int:
    out = run_python(CHILD, mode, check=True)
    return int(out.stdout.strip())


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's allocator only")
def test_memory_freed_after_a_large_block_goes_back_to_the_system() -> None:
    assert _kept_mib("default") >= 30  # glibc's own behaviour: what the setting is for
    assert _kept_mib("set") <= 2


# A child frees 32 MiB of 16 KiB blocks below one it keeps (the heap's top stays in use, so no
# threshold returns them), prints how much stayed resident, asks for it back, prints again.
PINNED = textwrap.dedent(
    """
    import ctypes
    from kiosk.allocator import give_back

    {LIBC}
    blocks = [0] * 2049
    before = anon_kib()
    for i in range(2049):
        blocks[i] = libc.malloc(16 << 10)
        ctypes.memset(blocks[i], 1, 16 << 10)
    for block in blocks[:-1]:
        libc.free(block)
    print((anon_kib() - before) // 1024)
    assert give_back()
    print((anon_kib() - before) // 1024)
    """
).replace("{LIBC}", LIBC)


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="glibc's allocator only")
def test_pages_freed_inside_the_heap_go_back_when_asked() -> None:
    out = run_python(PINNED, check=True)
    kept, after = (int(line) for line in out.stdout.split())
    assert kept >= 25  # below a block in use, no threshold returns them
    assert after <= 4
