"""The ID card reader driver: find, select, read, with retries and polling on the owner thread.

``read_card`` does not hold the owner thread while it waits: the wait is a future with a deadline,
and the idle hook polls for a card every ``poll_ms`` until a card is read, the deadline passes or
the caller cancels the future. ``watch`` reports every card placed, through a callback.

A card is reported to a watcher once per placement, whichever watch is running: a card already
reported that has lain on the reader since (never seen absent) is not reported again when a new
watch starts, so a card left behind does not identify the next resident. While such a card lies
there and nobody watches, the reader still looks for it every ``poll_ms`` to see it taken away.
A card placed before a watch starts and not yet reported is reported; a card taken away and put
back is reported again. Only the reader answering "no card" counts as taken away: a failed
exchange or a lost port does not.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from enum import StrEnum

from devices.idcard import sam
from devices.idcard.textblock import IdCard, TextBlockError, parse
from devices.manager import Device, Listener
from devices.status import Card, DeviceState, DeviceStatus, Media
from devices.transport import Backoff, PortConfig, PortError

log = logging.getLogger(__name__)


class CardReason(StrEnum):
    NO_CARD = "no card"
    NO_REPLY = "no reply"
    NO_DEVICE = "no device"
    READ_FAILED = "read failed"
    INVALID_CARD = "invalid card data"


@dataclass(frozen=True)
class CardResult:
    ok: bool
    status: DeviceStatus
    card: IdCard | None = None
    reason: CardReason | None = None
    message: str = ""


@dataclass
class _Waiter:
    future: Future[CardResult]
    deadline: float
    started: float = field(default_factory=time.monotonic)


class _NoReply(Exception):
    pass


class _OutOfTime(Exception):
    """The waiter's deadline came during an exchange: not the reader's fault."""


# What the reader itself answered (as against no answer at all).
_ANSWERS = (CardReason.NO_CARD, CardReason.READ_FAILED, CardReason.INVALID_CARD)


class IdCardReader(Device):
    kind = "idcard"

    def __init__(
        self,
        url: str,
        baud: int = 115200,
        timeout_s: float = 1.0,
        poll_ms: int = 400,
        *,
        name: str = "idcard",
        on_event: Listener | None = None,
        retries: int = 2,
        parity: str = "N",
        backoff: Backoff | None = None,
    ) -> None:
        self.poll_s = poll_ms / 1000
        self.retries = retries
        self._waiters: list[_Waiter] = []
        self._on_card: Callable[[CardResult], None] | None = None
        # The card on the reader was reported to a watcher and has not been seen absent since.
        self._reported_present = False
        self._rx = sam.FrameReader()  # kept across exchanges: a late reply may come in pieces
        self._owed = 0  # replies still to come for requests that timed out
        self._next_poll = 0.0
        super().__init__(
            name, PortConfig(url, baud, parity, timeout_s=timeout_s), on_event, backoff
        )

    # --- public, any thread ---

    def status(self) -> Future[DeviceStatus]:
        """Ask the SAM for its status now."""
        return self._submit(self._sam_status)

    def read_card(self, timeout_s: float) -> Future[CardResult]:
        """A card read within timeout_s (polling while none is there). Cancel the future to stop."""
        future: Future[CardResult] = Future()
        waiter = _Waiter(future, time.monotonic() + timeout_s)
        job = self._submit(lambda: self._add_waiter(waiter))
        job.add_done_callback(lambda j: _pass_failure(j, future))
        return future

    def watch(self, on_card: Callable[[CardResult], None] | None) -> Future[None]:
        """Call on_card (on the owner thread) for every card placed; None stops watching.

        A card already reported and still lying on the reader is not reported again.
        """

        def set_watch() -> None:
            self._on_card = on_card
            self._wake()

        return self._submit(set_watch)

    def reset(self) -> Future[bool]:
        return self._submit(lambda: self._simple(sam.RESET) is not None)

    # --- owner thread ---

    def _connected(self) -> None:
        self._rx, self._owed = sam.FrameReader(), 0  # a new link owes nothing
        self._sam_status()

    def _after_close(self) -> None:
        for waiter in self._waiters:
            waiter.future.cancel()
        self._waiters.clear()

    def _simple(self, command: tuple[int, int]) -> sam.Frame | None:
        try:
            return self._transact(command)
        except _NoReply:
            return None
        except PortError as exc:
            self._port_unavailable(exc)
            return None

    def _sam_status(self) -> DeviceStatus:
        if not self._ensure_open():
            return self._status
        reply = self._simple(sam.STATUS)
        if not self.transport.is_open:
            return self._status
        if reply is None:
            status = self._status.with_(state=DeviceState.UNKNOWN, detail="no reply from reader")
        elif reply.sw3 == sam.SW3_SUCCESS:
            status = self._status.with_(state=DeviceState.ONLINE, detail="")
        else:
            status = self._status.with_(
                state=DeviceState.HARDWARE_ERROR,
                detail=sam.SW3_NAMES.get(reply.sw3, f"SW3 {reply.sw3:02X}"),
            )
        self._set_status(status)
        return status

    def _transact(self, command: tuple[int, int]) -> sam.Frame:
        """Send one request, return its valid reply frame; retry a bad checksum or silence.

        Replies carry no request number, so they are matched by order: a request that timed
        out is owed a reply, and the next frames that come are dropped as that late reply
        before anything is sent again (a late STATUS reply must never answer FIND CARD). An
        exchange has one total deadline (the reply timeout plus the wire time of the longest
        frame), not one renewed by each byte a babbling reader sends; nothing runs past the
        nearest waiter's deadline. The first byte must come within the reply timeout; from it,
        the frame has one timeout more plus eight times the wire time of the longest frame
        (USB adapters and readers deliver in bursts, not at the line's pace).
        """
        request = sam.request(command)
        config = self.transport.config
        timeout = config.timeout_s
        budget = timeout + 8 * config.wire_time(sam.HEADER + sam.MAX_LEN)
        problem = "no reply"
        for _attempt in range(self.retries + 1):
            if time.monotonic() >= self._limit:
                raise _OutOfTime
            if not self._settle(min(time.monotonic() + timeout, self._limit)):
                problem = "still answering an earlier request"
                continue
            self.transport.write(request)
            deadline = min(time.monotonic() + timeout, self._limit)
            answered = started = False
            while time.monotonic() < deadline:
                data = self.transport.read_some(deadline - time.monotonic())
                if data and not started:  # set once: more bytes do not move it
                    started = True
                    deadline = min(time.monotonic() + budget, self._limit)
                items = self._rx.feed(data) if data else []
                frame = next((i for i in items if isinstance(i, sam.Frame)), None)
                if frame is not None and frame.sw3 != 0x10:  # 0x10: our request was garbled
                    return frame
                if items:
                    answered = True
                    problem = "bad checksum" if frame is None else "reader saw a bad checksum"
                    break
            if not answered:
                problem = "no reply"
                self._owed += 1  # its reply may still come: it is not the next one's
            if time.monotonic() >= self._limit:
                raise _OutOfTime
            log.debug("%s: %s to %02X %02X", self.name, problem, *command)
        raise _NoReply(problem)

    def _settle(self, deadline: float) -> bool:
        """Take in what has come; drop frames owed to requests that timed out, and strays.

        True when nothing is owed any more. An owed reply that does not come by ``deadline``
        is given up (the reader dropped it): False, and the next attempt asks afresh.
        """
        while True:
            wait = max(0.0, deadline - time.monotonic()) if self._owed else 0.0
            data = self.transport.read_some(wait)
            for _item in self._rx.feed(data) if data else []:
                self._owed = max(0, self._owed - 1)  # a late reply (or a stray one): dropped
            if not self._owed and (not data or time.monotonic() >= deadline):
                return True
            if time.monotonic() >= deadline:
                self._owed = 0
                return False

    def _add_waiter(self, waiter: _Waiter) -> None:
        self._waiters.append(waiter)
        self._poll()  # the first look is immediate; the idle hook takes over after
        self._next_poll = time.monotonic() + self.poll_s
        self._wake(self.poll_s)

    def _expire_waiters(self) -> None:
        now = time.monotonic()
        for waiter in list(self._waiters):
            if waiter.future.cancelled():
                self._waiters.remove(waiter)
            elif now >= waiter.deadline:
                self._waiters.remove(waiter)
                reason = self._reason_now()
                if reason in _ANSWERS and self._answered_at < waiter.started:
                    # The reader said nothing during this wait (its deadline came mid-exchange,
                    # or it is too slow): an older "no card" is not the answer.
                    reason = CardReason.NO_REPLY
                self._finish(waiter, self._failure(reason))

    def _idle(self) -> float:
        self._expire_waiters()
        return min(super()._idle(), self._next_deadline())

    def _next_deadline(self) -> float:
        if not self._waiters:
            return 10.0
        return max(0.01, min(w.deadline for w in self._waiters) - time.monotonic())

    def _idle_open(self) -> float:
        if self._waiters or self._on_card is not None:
            # On its own schedule: the hook also runs when a wait ends, and a poll started
            # then would be cut by that very deadline (and answer "no reply").
            now = time.monotonic()
            if now >= self._next_poll:
                self._next_poll = now + self.poll_s
                self._poll()
            return max(0.0, self._next_poll - time.monotonic())
        if self._reported_present:  # a reported card lies there: look for it to be taken away
            self._card_there()
            return self.poll_s
        return 10.0

    _last_reason = CardReason.NO_CARD
    _answered_at = float("-inf")  # when the reader last answered a look for a card
    _limit = float("inf")  # while a waiter polls: its deadline bounds every exchange

    def _reason_now(self) -> CardReason:
        """Why no card was read: the reader's own state first, then what the last poll saw."""
        if self._status.state is DeviceState.NO_DEVICE:
            return CardReason.NO_DEVICE
        if self._status.state is DeviceState.UNKNOWN:
            return CardReason.NO_REPLY
        return self._last_reason

    def _failure(self, reason: CardReason, message: str = "") -> CardResult:
        return CardResult(False, self._status, None, reason, message or str(reason))

    def _finish(self, waiter: _Waiter, result: CardResult) -> None:
        if waiter.future.set_running_or_notify_cancel():  # atomic: the caller may cancel now
            waiter.future.set_result(result)

    def _poll(self) -> None:
        """One look for a card; a card found is read and handed to waiters and the watcher."""
        if not self._ensure_open():
            self._last_reason = CardReason.NO_DEVICE
            return
        if self._reported_present and not self._waiters:
            # The card reported lies there still: look only for it to be taken away. Read
            # again, a card that fails its checks would be an event at every poll.
            self._card_there()
            return
        self._limit = min((w.deadline for w in self._waiters), default=float("inf"))
        try:
            result = self._try_read()
        finally:
            self._limit = float("inf")
        if result is None:  # no card read (no card, or it could not be read this time)
            return
        for waiter in self._waiters:
            self._finish(waiter, result)
        self._waiters.clear()
        if self._on_card is not None and not self._reported_present:
            self._reported_present = True
            self._safe_call(self._on_card, result)

    def _safe_call(self, callback: Callable[[CardResult], None], result: CardResult) -> None:
        try:
            callback(result)
        except Exception:
            log.exception("%s: card callback failed", self.name)

    def _set_card(self, card: Card) -> None:
        self._set_status(DeviceStatus(DeviceState.ONLINE, Media(card=card)))

    def _card_there(self) -> bool | None:
        """Ask whether a card lies on the reader; None when the reader could not tell."""
        try:
            found = self._transact(sam.FIND_CARD)
        except (_OutOfTime, _NoReply, PortError) as exc:
            self._exchange_failed(exc)
            return None
        self._answered_at = time.monotonic()
        if found.sw3 != sam.SW3_FOUND:
            self._last_reason = CardReason.NO_CARD
            self._reported_present = False  # seen absent: the next placement is reported
            self._set_card(Card.ABSENT)
            return False
        self._set_card(Card.PRESENT)
        return True

    def _exchange_failed(self, exc: Exception) -> None:
        if isinstance(exc, _NoReply):
            self._last_reason = CardReason.NO_REPLY
            self._set_status(DeviceStatus(DeviceState.UNKNOWN, Media(), f"reader: {exc}"))
        elif isinstance(exc, PortError):
            self._last_reason = CardReason.NO_DEVICE
            self._port_unavailable(exc)

    def _try_read(self) -> CardResult | None:
        """Find, select and read. None when no card was read; a result otherwise."""
        if not self._card_there():
            return None
        try:
            selected = self._transact(sam.SELECT_CARD)
            if selected.sw3 != sam.SW3_SUCCESS:
                return self._read_problem(selected.sw3)
            base = self._transact(sam.READ_BASE)
            if base.sw3 != sam.SW3_SUCCESS:
                return self._read_problem(base.sw3)
        except (_OutOfTime, _NoReply, PortError) as exc:
            self._exchange_failed(exc)
            return None
        return self._parse(base.data)

    def _read_problem(self, sw3: int) -> CardResult | None:
        # The card moved or was misread: try again at the next poll while time remains.
        self._last_reason = CardReason.READ_FAILED
        log.info("%s: %s", self.name, sam.SW3_NAMES.get(sw3, f"SW3 {sw3:02X}"))
        return None

    def _parse(self, data: bytes) -> CardResult | None:
        if len(data) < 4:
            self._last_reason = CardReason.READ_FAILED
            return None
        text_len, photo_len = int.from_bytes(data[0:2], "big"), int.from_bytes(data[2:4], "big")
        text, photo = data[4 : 4 + text_len], data[4 + text_len : 4 + text_len + photo_len]
        if len(photo) != photo_len:
            self._last_reason = CardReason.READ_FAILED
            return None
        try:
            card = parse(text, photo)
        except TextBlockError as exc:
            self._last_reason = CardReason.INVALID_CARD
            self._emit("card_invalid", str(exc))
            return CardResult(False, self._status, None, CardReason.INVALID_CARD, str(exc))
        log.info("%s: card read, id %s", self.name, card.masked_id)
        self._emit("card_read", "card read")
        return CardResult(True, self._status, card)


def _pass_failure(job: Future[None], future: Future[CardResult]) -> None:
    """The job that registers a wait failed (device closed): the caller's future fails too."""
    if job.cancelled():
        future.cancel()
    elif job.exception() is not None and future.set_running_or_notify_cancel():
        future.set_exception(job.exception())
