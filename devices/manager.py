"""One owner thread per device (Electrum's hardware-wallet executor model).

Every byte to a port goes through the owner thread. Public calls submit a job and return a
``concurrent.futures.Future``, so a caller waits exactly as long as it chooses. Between jobs the
owner runs the driver's idle hook (reopening a lost port, polling for a card, reading a scanner).
Status changes and driver events reach listeners on the owner thread; a GUI bridges them itself.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from devices.status import DeviceEvent, DeviceState, DeviceStatus, Media
from devices.transport import Backoff, PortConfig, PortError, Transport

log = logging.getLogger(__name__)

T = TypeVar("T")
Listener = Callable[[DeviceEvent], None]

_STOP = object()


class DeviceClosed(RuntimeError):
    """A call on a device after close()."""


class OwnerThread:
    """Runs submitted jobs one at a time, and an idle hook when it is due."""

    def __init__(self, name: str, idle: Callable[[], float] | None = None) -> None:
        self._jobs: queue.SimpleQueue[Any] = queue.SimpleQueue()
        self._idle = idle
        self._closed = False
        self._next_idle = time.monotonic()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name=f"device-{name}", daemon=True)
        self._thread.start()

    @property
    def is_current(self) -> bool:
        return threading.current_thread() is self._thread

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        with self._lock:
            if self._closed:
                future.set_exception(DeviceClosed("device is closed"))
                return future
            self._jobs.put((future, fn))
        return future

    def idle_in(self, seconds: float) -> None:
        """Bring the next idle call forward (from a job on this thread: new work to poll for)."""
        self._next_idle = min(self._next_idle, time.monotonic() + seconds)

    def _run(self) -> None:
        while True:
            wait = self._next_idle - time.monotonic() if self._idle else None
            try:
                item = self._jobs.get(timeout=max(0.0, wait) if wait is not None else None)
            except queue.Empty:
                item = None
            if item is _STOP:
                break
            if item is not None and self._closed:
                item[0].cancel()  # closing: what has not started never will
            elif item is not None:
                self._run_job(*item)
            if self._idle is not None and time.monotonic() >= self._next_idle:
                self._next_idle = time.monotonic() + self._run_idle(self._idle)
        self._drain()

    @staticmethod
    def _run_job(future: Future[Any], fn: Callable[[], Any]) -> None:
        if not future.set_running_or_notify_cancel():
            return
        try:
            future.set_result(fn())
        except BaseException as exc:  # handed to the caller through the future
            future.set_exception(exc)

    @staticmethod
    def _run_idle(idle: Callable[[], float]) -> float:
        try:
            return max(0.0, idle())
        except Exception:
            log.exception("device idle hook failed")
            return 1.0

    def _drain(self) -> None:
        while True:
            try:
                item = self._jobs.get_nowait()
            except queue.Empty:
                return
            if item is not _STOP:
                item[0].cancel()

    def close(self, timeout: float = 5.0) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._jobs.put(_STOP)
        if not self.is_current:
            self._thread.join(timeout)


class Device:
    """Base of the drivers: owner thread, transport, status and listeners."""

    kind = "device"

    def __init__(
        self,
        name: str,
        config: PortConfig,
        on_event: Listener | None = None,
        backoff: Backoff | None = None,
    ) -> None:
        self.name = name
        self.transport = Transport(config, backoff)
        self._status = DeviceStatus()
        self._listeners: list[Listener] = [on_event] if on_event else []
        self._owner = OwnerThread(name, self._idle)

    @property
    def url(self) -> str:
        return self.transport.config.url

    @property
    def current_status(self) -> DeviceStatus:
        """The last status seen, without asking the device (safe from any thread)."""
        return self._status

    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _submit(self, fn: Callable[[], T]) -> Future[T]:
        return self._owner.submit(fn)

    def _wake(self, seconds: float = 0.0) -> None:
        """Run the idle hook within this many seconds (owner thread only)."""
        self._owner.idle_in(seconds)

    def _set_status(self, status: DeviceStatus) -> None:
        old, self._status = self._status, status
        if (old.state, old.media) != (status.state, status.media):
            self._emit("status", status.detail)

    def _emit(self, kind: str, detail: str = "") -> None:
        status = self._status
        event = DeviceEvent(self.name, kind, status.state, status.media, detail)
        for listener in list(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("%s: listener failed on %s", self.name, kind)

    def _port_unavailable(self, error: PortError | None = None) -> DeviceStatus:
        """The status while the port is closed: no device, and when the next try comes."""
        message = str(error) if error else self.transport.last_error or "port closed"
        retry = self.transport.seconds_to_retry()
        status = DeviceStatus(
            DeviceState.NO_DEVICE,
            Media(),
            f"{message}; retry in {retry:.1f} s",
            cause=self.transport.cause if error is None else "",
        )
        self._set_status(status)
        return status

    def _connected(self) -> None:
        """Called on the owner thread after the port (re)opens; drivers ask for status here."""

    def _ensure_open(self) -> bool:
        was_open = self.transport.is_open
        if self.transport.ensure_open():
            if not was_open:
                self._connected()
            return self.transport.is_open
        self._port_unavailable()
        return False

    def _idle(self) -> float:
        if not self._ensure_open():
            return max(0.05, self.transport.seconds_to_retry())
        return self._idle_open()

    def _idle_open(self) -> float:
        """Work between jobs while the port is open; returns seconds until the next call."""
        return 1.0

    def close(self, timeout: float = 5.0) -> None:
        """Stop the owner thread and close the port; pending calls are cancelled."""
        self._owner.close(timeout)
        # After the owner has stopped (or, if it is stuck, to unblock it): close the port.
        self.transport.close()
        self._after_close()

    def _after_close(self) -> None:
        """After close: drivers cancel the futures they keep for callers still waiting."""
