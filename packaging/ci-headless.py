#!/usr/bin/env python3
"""CI: start the installed kiosk (or staff console) headless as its user, with a datagram socket
standing in for systemd; expect READY=1, watchdog pings, then a clean exit 0 with STOPPING=1 on
SIGTERM.

Usage: ci-headless.py USER [NAME=VALUE...] [--ready-check CHECK...] -- COMMAND...   The command
runs as USER (its groups too) in a clean environment: PATH, HOME, USER, LANG, the NAME=VALUE
given, and NOTIFY_SOCKET and WATCHDOG_USEC. It must exec the kiosk, so that SIGTERM reaches
it. CHECK, when given, runs once READY=1 has come, as USER in the same environment (what the
window shows, say); it must exit 0. Standard library only: it runs on the system python3,
outside the package's environment.
"""

from __future__ import annotations

import os
import pwd
import signal
import socket
import subprocess
import sys
import tempfile
import time

READY_TIMEOUT_S = 120  # first start: the store is created, the speech cache is empty
CHECK_TIMEOUT_S = 90  # the check waits for what it reads itself; this only stops a hung one
PINGS = 8  # a ping a second: long enough for a second heartbeat (every 5 s in CI)


def main() -> int:
    user, *rest = sys.argv[1:]
    split = rest.index("--")
    pairs, command = rest[:split], rest[split + 1 :]
    check: list[str] = []
    if "--ready-check" in pairs:
        at = pairs.index("--ready-check")
        pairs, check = pairs[:at], pairs[at + 1 :]
        assert check, __doc__
    assert command and all("=" in p for p in pairs), __doc__
    account = pwd.getpwnam(user)
    folder = tempfile.mkdtemp(prefix="kiosk-notify-")
    os.chown(folder, account.pw_uid, account.pw_gid)
    path = os.path.join(folder, "notify")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(path)
    os.chown(path, account.pw_uid, account.pw_gid)
    env = {
        "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": account.pw_dir,
        "USER": user,
        "LANG": "C.UTF-8",
        **dict(p.split("=", 1) for p in pairs),
        "NOTIFY_SOCKET": path,
        "WATCHDOG_USEC": "2000000",  # a ping a second
    }
    started = time.monotonic()

    def as_user(args: list[str]) -> subprocess.Popen[bytes]:
        return subprocess.Popen(
            args,
            env=env,
            user=account.pw_uid,
            group=account.pw_gid,
            extra_groups=os.getgrouplist(user, account.pw_gid),
        )

    kiosk = as_user(command)
    seen: list[str] = []

    def wait_for(message: str, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and kiosk.poll() is None:
            sock.settimeout(max(0.1, min(1.0, deadline - time.monotonic())))
            try:
                got = sock.recv(4096).decode()
            except TimeoutError:
                continue
            seen.append(got)
            if got.split("\n")[0] == message:
                return True
        return False

    try:
        if not wait_for("READY=1", READY_TIMEOUT_S):
            print(f"FAIL: no READY=1 (exit {kiosk.poll()}); got {seen}", file=sys.stderr)
            return 1
        print(f"READY=1 after {time.monotonic() - started:.1f} s")
        if check:
            checking = as_user(check)
            try:
                code = checking.wait(CHECK_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                checking.kill()
                code = checking.wait()
            if code != 0:
                print(f"FAIL: the check after READY=1 exited {code}", file=sys.stderr)
                return 1
        for _ in range(PINGS):
            if not wait_for("WATCHDOG=1", 10):
                print(f"FAIL: watchdog pings stopped; got {seen}", file=sys.stderr)
                return 1
        print(f"{PINGS} watchdog pings")
        # As systemd with KillMode=mixed: SIGTERM to the main process, which READY=1 named
        # (the kiosk under cage), then wait for everything that was started to end.
        ready = next(m for m in seen if m.startswith("READY=1"))
        fields = dict(line.split("=", 1) for line in ready.split("\n"))
        os.kill(int(fields.get("MAINPID", kiosk.pid)), signal.SIGTERM)
        code = kiosk.wait(30)
        sock.setblocking(False)  # what it sent before it ended is queued here
        try:
            while True:
                seen.append(sock.recv(4096).decode())
        except BlockingIOError:
            pass
        if code != 0 or "STOPPING=1" not in seen:
            print(f"FAIL: after SIGTERM exit {code}, messages {seen}", file=sys.stderr)
            return 1
        print("SIGTERM: STOPPING=1 and exit 0")
        return 0
    finally:
        if kiosk.poll() is None:
            kiosk.kill()
            kiosk.wait()
        sock.close()
        os.unlink(path)
        os.rmdir(folder)


if __name__ == "__main__":
    raise SystemExit(main())
