"""A serial port named by a pyserial URL, reopened with backoff when it vanishes or errors.

Only the device's owner thread touches a :class:`Transport`. Every failure of the port comes out
as :class:`PortError`; the port is closed then, and :meth:`Transport.ensure_open` reopens it
no sooner than the backoff allows, so a pulled cable costs no busy loop.
"""

from __future__ import annotations

import contextlib
import errno
import importlib.util
import logging
import re
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import serial

log = logging.getLogger(__name__)

PARITIES = {"N": serial.PARITY_NONE, "E": serial.PARITY_EVEN, "O": serial.PARITY_ODD}


class PortError(Exception):
    """The port could not be opened, or failed while in use (and has been closed)."""


class WriteTimeout(PortError):
    """The device stopped taking bytes (busy, buffer full); the port stays open."""


@dataclass(frozen=True)
class PortConfig:
    url: str
    baud: int = 9600
    parity: str = "N"
    bytesize: int = 8
    stopbits: float = 1
    timeout_s: float = 1.0  # reply timeout, used by the protocols above
    write_timeout_s: float = 5.0

    @property
    def bits_per_byte(self) -> int:
        # start bit + data bits + parity bit + stop bits, as on the wire
        return 1 + self.bytesize + (0 if self.parity == "N" else 1) + round(self.stopbits)

    def wire_time(self, nbytes: int) -> float:
        return nbytes * self.bits_per_byte / self.baud


@dataclass(frozen=True)
class Backoff:
    """Delays between reopen attempts: first, then times factor, up to most."""

    first_s: float = 0.1
    factor: float = 2.0
    most_s: float = 5.0

    def delay(self, failures: int) -> float:
        return float(min(self.most_s, self.first_s * self.factor ** max(0, failures - 1)))


_ERRNO_IN_TEXT = re.compile(r"\[Errno (\d+)\]|\((\d+), '")
CAUSES = {
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.ENOTTY: "not a serial port",  # a file or a device that takes no serial settings
    errno.ENOENT: "no such port",
    errno.ENODEV: "no such port",
    errno.ENXIO: "no such port",
    errno.EBUSY: "port busy",
    errno.ECONNREFUSED: "connection refused",
    errno.EHOSTUNREACH: "host unreachable",
    errno.ETIMEDOUT: "timed out",
    errno.EISDIR: "not a serial port",
}


def open_cause(exc: BaseException) -> str:
    """Why a port could not be opened, in the few words every command and the console show.

    pyserial wraps the operating system's error, sometimes keeping only its text: the errno
    is taken from the exception or from that text.
    """
    number = getattr(exc, "errno", None)
    if not isinstance(number, int):
        found = _ERRNO_IN_TEXT.search(str(exc))
        number = int(found.group(1) or found.group(2)) if found else None
    if isinstance(exc, PermissionError):
        number = errno.EACCES
    if number in CAUSES:
        return CAUSES[number]
    if isinstance(exc, ValueError):
        return "not a port URL"
    return "cannot open"


def url_problem(url: str) -> str | None:
    """What is wrong with a port URL before any opening: a scheme pyserial has no handler for
    (``nonsense://x``) is a mistake in the configuration, not a device that failed."""
    scheme, sep, _ = url.partition("://")
    if not sep:
        return None  # a device node: whether it exists is the device's matter
    if not scheme.isidentifier() or importlib.util.find_spec(URL_HANDLERS + scheme) is None:
        return f"{url}: unknown scheme {scheme!r} (a device path, socket://HOST:PORT, rfc2217://)"
    return None


URL_HANDLERS = "serial.urlhandler.protocol_"


def open_port(config: PortConfig) -> Any:
    """Open with serial_for_url: plain serial.Serial does not accept socket:// or loop://."""
    return serial.serial_for_url(
        config.url,
        baudrate=config.baud,
        parity=PARITIES.get(config.parity, serial.PARITY_NONE),
        bytesize=config.bytesize,
        stopbits=config.stopbits,
        timeout=config.timeout_s,
        write_timeout=config.write_timeout_s,
    )


class Transport:
    def __init__(
        self,
        config: PortConfig,
        backoff: Backoff | None = None,
        clock: Callable[[], float] = time.monotonic,
        opener: Callable[[PortConfig], Any] = open_port,
    ) -> None:
        self.config = config
        self.backoff = backoff or Backoff()
        self._clock = clock
        self._opener = opener
        self._port: Any = None
        self._timeout: float | None = None
        self.failures = 0  # consecutive failed opens or I/O errors
        self.next_attempt = 0.0
        self.last_error = ""
        self.cause = ""  # why the last open failed, in a few words (see open_cause)

    @property
    def is_open(self) -> bool:
        return self._port is not None

    def ensure_open(self) -> bool:
        """Open the port if it is closed and the backoff allows; True when it is open."""
        if self._port is not None:
            return True
        if self._clock() < self.next_attempt:
            return False
        try:
            self._port = self._opener(self.config)
        except (serial.SerialException, OSError, ValueError) as exc:
            self.cause = open_cause(exc)
            self._failed(f"cannot open {self.config.url}: {self.cause} ({exc})")
            return False
        self._timeout = self.config.timeout_s
        if self.failures:
            log.info("%s: reopened after %d failure(s)", self.config.url, self.failures)
        self.failures = 0
        self.last_error = self.cause = ""
        return True

    def seconds_to_retry(self) -> float:
        return max(0.0, self.next_attempt - self._clock())

    def _failed(self, message: str) -> None:
        self.failures += 1
        self.last_error = message
        self.next_attempt = self._clock() + self.backoff.delay(self.failures)
        log.debug("%s (attempt %d)", message, self.failures)

    def fail(self, message: str) -> PortError:
        """Close the port after an I/O error and schedule the reopen; returns the error."""
        self.close()
        self._failed(message)
        return PortError(message)

    def _set_timeout(self, timeout: float) -> None:
        # Setting the timeout reconfigures a real port (tcsetattr): only when it changes.
        if self._timeout != timeout:
            self._port.timeout = timeout
            self._timeout = timeout

    def write(self, data: bytes) -> None:
        if not self.ensure_open():
            raise PortError(self.last_error or f"{self.config.url} is not open")
        try:
            self._port.write(data)
            self._port.flush()
        except serial.SerialTimeoutException as exc:
            raise WriteTimeout(f"write to {self.config.url} timed out") from exc
        except (serial.SerialException, OSError) as exc:
            raise self.fail(f"write to {self.config.url} failed: {exc}") from exc

    def read_some(self, timeout: float, limit: int = 4096) -> bytes:
        """Wait up to ``timeout`` for a first byte, then take what has arrived, up to limit."""
        if not self.ensure_open():
            raise PortError(self.last_error or f"{self.config.url} is not open")
        try:
            self._set_timeout(max(0.0, timeout))
            first: bytes = self._port.read(1)
            if not first:
                return b""
            self._set_timeout(0.0)
            rest: bytes = self._port.read(limit - 1) if limit > 1 else b""
            return first + rest
        except (serial.SerialException, OSError) as exc:
            raise self.fail(f"read from {self.config.url} failed: {exc}") from exc

    def discard_input(self) -> None:
        """Drop stale bytes (a late reply to an earlier request) before a new request."""
        while self.read_some(0.0):
            pass

    def close(self) -> None:
        port, self._port = self._port, None
        if port is None:
            return
        try:
            if not _close_socket_quickly(port):
                port.close()
        except (serial.SerialException, OSError) as exc:
            log.debug("closing %s: %s", self.config.url, exc)


def _close_socket_quickly(port: Any) -> bool:
    """socket:// ports: pyserial's close() sleeps 0.3 s "for quick reconnects"; our reopen has
    its own backoff, so close the socket directly. False when the port is something else."""
    sock = getattr(port, "_socket", None)
    if not isinstance(sock, socket.socket):
        return False
    with contextlib.suppress(OSError):
        sock.shutdown(socket.SHUT_RDWR)
    sock.close()
    port._socket = None
    port.is_open = False
    return True
