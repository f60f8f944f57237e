"""The service manager's notification protocol (sd_notify), written out: no libsystemd, no Qt.

systemd passes ``$NOTIFY_SOCKET`` to a ``Type=notify`` service: a path, or an abstract socket
name written with a leading '@'. Each message is one datagram of ``KEY=VALUE`` lines. Outside a
service (no variable) every call does nothing, so the kiosk runs the same from a terminal.

The kiosk sends ``READY=1`` once home is painted and the store is open, ``WATCHDOG=1`` from a
timer on the GUI thread, and ``STOPPING=1`` when it closes. ``$WATCHDOG_USEC`` says how often
systemd expects a ping; we ping at half that.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

log = logging.getLogger(__name__)


def _address(value: str) -> str | bytes:
    # An abstract socket: '@' stands for the leading NUL byte of its name.
    return b"\0" + value[1:].encode() if value.startswith("@") else value


class Notifier:
    """Sends notifications to ``$NOTIFY_SOCKET``; a no-op when it is not set."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self.target = env.get("NOTIFY_SOCKET", "")
        self.watchdog_usec = _positive_int(env.get("WATCHDOG_USEC", ""))
        # systemd sets WATCHDOG_PID to the service's main process; a child (the kiosk under
        # cage) gets it too, so it does not have to match us: NotifyAccess=all decides.
        self._sock: socket.socket | None = None
        self._warned = False

    @property
    def enabled(self) -> bool:
        return bool(self.target)

    def watchdog_interval_ms(self) -> int | None:
        """How often to ping: half the watchdog period, or None when no watchdog is asked."""
        if not self.enabled or self.watchdog_usec is None:
            return None
        return max(1, self.watchdog_usec // 2000)

    def notify(self, message: str) -> bool:
        """Send one datagram; True when it went. Failures are logged once, never raised:
        a kiosk must not stop serving because its supervisor is away."""
        if not self.enabled:
            return False
        try:
            if self._sock is None:
                self._sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            self._sock.sendto(message.encode(), _address(self.target))
        except OSError as exc:
            if not self._warned:
                log.warning("cannot notify the service manager at %s: %s", self.target, exc)
                self._warned = True
            return False
        return True

    def ready(self, status: str = "") -> bool:
        """READY=1, and this process as the service's main process: under cage the main
        process systemd started is the compositor, but the kiosk is what must get SIGTERM
        first (KillMode=mixed) and what the watchdog acts on."""
        message = f"READY=1\nMAINPID={os.getpid()}"
        return self.notify(message + (f"\nSTATUS={status}" if status else ""))

    def watchdog(self) -> bool:
        return self.notify("WATCHDOG=1")

    def stopping(self) -> bool:
        return self.notify("STOPPING=1")

    def close(self) -> None:
        if self._sock is not None:
            self._sock.close()
            self._sock = None


def _positive_int(text: str) -> int | None:
    try:
        value = int(text)
    except ValueError:
        return None
    return value if value > 0 else None
