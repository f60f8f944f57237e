"""A loopback TCP server with one thread per client, optionally paced at a serial baud rate.

Pacing makes the socket as slow as the wire: each byte costs ``10 / baud`` seconds in each
direction, so a benchmark's floor (bytes x 10 / baud) is real. ``unplug`` and ``plug`` simulate a
cable pulled and put back: the port disappears, then comes back on the same address.
"""

from __future__ import annotations

import contextlib
import logging
import socket
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import Self

log = logging.getLogger(__name__)


class Closed(Exception):
    """The client went away, or the simulator dropped it."""


class Link:
    """One client connection, with a wire clock per direction when paced."""

    def __init__(self, sock: socket.socket, baud: int | None) -> None:
        self.sock = sock
        self.baud = baud
        self._rx_clock = 0.0
        self._tx_clock = 0.0
        self._send_lock = threading.Lock()

    def _wire(self, clock: float, nbytes: int) -> float:
        if not self.baud:
            return 0.0
        done = max(clock, time.monotonic()) + nbytes * 10 / self.baud
        delay = done - time.monotonic()
        if delay > 0:
            time.sleep(delay)  # the wire itself: this is what the simulator simulates
        return done

    def recv(self, limit: int = 256, timeout: float | None = None) -> bytes:
        """Bytes from the client (b"" on timeout); Closed when it has gone."""
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(limit if not self.baud else min(limit, 64))
        except TimeoutError:
            return b""
        except OSError as exc:
            raise Closed(str(exc)) from exc
        if not data:
            raise Closed("client closed")
        self._rx_clock = self._wire(self._rx_clock, len(data))
        return data

    def send(self, data: bytes, chunk: int = 64) -> None:
        with self._send_lock:
            for i in range(0, len(data), chunk if self.baud else len(data) or 1):
                piece = data[i : i + chunk] if self.baud else data
                self._tx_clock = self._wire(self._tx_clock, len(piece))
                try:
                    self.sock.sendall(piece)
                except OSError as exc:
                    raise Closed(str(exc)) from exc

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)
        self.sock.close()


class SimServer:
    """Base of the simulators: subclasses implement :meth:`serve` for one link."""

    name = "sim"

    def __init__(self, host: str = "127.0.0.1", port: int = 0, baud: int | None = None) -> None:
        self.host = host
        self.port = port
        self.baud = baud
        self._listener: socket.socket | None = None
        self._links: set[Link] = set()
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self.connections = 0  # accepted so far, for tests that wait for a reconnect

    @property
    def url(self) -> str:
        return f"socket://{self.host}:{self.port}"

    def start(self) -> int:
        """Listen (port 0 picks a free one) and return the bound port."""
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((self.host, self.port))
        sock.listen(4)
        self.port = sock.getsockname()[1]
        self._listener = sock
        self._stopping.clear()
        self._spawn(self._accept_loop, sock)
        log.info("%s simulator listening on %s", self.name, self.url)
        return self.port

    def _spawn(self, target: Callable[..., None], *args: object) -> None:
        thread = threading.Thread(target=target, args=args, daemon=True, name=f"sim-{self.name}")
        thread.start()
        with self._lock:
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]

    def _accept_loop(self, listener: socket.socket) -> None:
        while not self._stopping.is_set():
            try:
                sock, _ = listener.accept()
            except OSError:
                return  # listener closed
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            link = Link(sock, self.baud)
            with self._lock:
                self._links.add(link)
                self.connections += 1
            if self._listener is not listener:  # unplugged while this client was being accepted
                with self._lock:
                    self._links.discard(link)
                link.close()
                return
            self._spawn(self._serve_link, link)

    def _serve_link(self, link: Link) -> None:
        try:
            self.serve(link)
        except Closed:
            pass
        except Exception:
            log.exception("%s simulator failed", self.name)
        finally:
            with self._lock:
                self._links.discard(link)
            link.close()

    def serve(self, link: Link) -> None:
        raise NotImplementedError

    def links(self) -> list[Link]:
        with self._lock:
            return list(self._links)

    def drop_connections(self) -> None:
        """Close every client connection; the server keeps listening."""
        for link in self.links():
            link.close()

    def unplug(self) -> None:
        """The port disappears: stop listening and drop the clients."""
        listener, self._listener = self._listener, None
        if listener is not None:
            with contextlib.suppress(OSError):
                listener.shutdown(socket.SHUT_RDWR)  # wakes the thread blocked in accept()
            listener.close()
        self.drop_connections()

    def plug(self) -> None:
        """The port comes back, on the same address."""
        if self._listener is None:
            self.start()

    def stop(self, timeout: float = 2.0) -> None:
        self._stopping.set()
        self.unplug()
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            if thread is not threading.current_thread():
                thread.join(timeout)

    def __enter__(self) -> Self:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
