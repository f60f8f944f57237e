"""Simulated GA 467 ID card reader with a configurable identity and faults.

Faults (all switchable while it runs, see :class:`Faults`): no card for N polls, noise before
replies, replies in fragments, a bad checksum once, a reply sent late once (a busy machine), and a
connection dropped in the middle of the next read-base reply. ``place`` and ``remove`` put a card
on the reader and take it off.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from dataclasses import dataclass, field
from datetime import date

from devices.idcard import sam
from devices.idcard.idnumber import check_digit
from devices.idcard.textblock import IdCard, encode
from devices.sim.server import Closed, Link, SimServer

log = logging.getLogger(__name__)

PHOTO_LEN = 1024


def sample_card(name: str = "张三", first17: str = "11010519491231002") -> IdCard:
    """A fictional resident whose number passes the check digit."""
    return IdCard(
        name=name,
        sex_code="1",
        nation_code="01",
        birth_date=date(1949, 12, 31),
        address="北京市西城区复兴门外大街999号院11号楼3单元502室",
        id_number=first17 + check_digit(first17),
        authority="北京市公安局西城分局",
        valid_from=date(2015, 1, 1),
        valid_to=None,
        photo=bytes(range(256)) * 4,
    )


@dataclass
class Faults:
    no_card_polls: int = 0  # the next N find-card requests answer "no card" even with one
    noise: int = 0  # random bytes before every reply
    fragment: int = 0  # send replies in pieces of this many bytes, a millisecond apart
    bad_checksum_once: bool = False
    drop_mid_read: bool = False  # close the connection half-way through the next read reply
    read_failures: int = 0  # the next N read-base requests answer SW3 41 (read failed)
    silent: bool = False  # answer nothing at all
    late_once_s: float = 0.0  # the next reply comes this many seconds late
    late_s: float = 0.0  # every reply comes this many seconds late (a slow reader)
    babble_once_s: float = 0.0  # before the next reply, this long of noise (a byte every 10 ms)
    sam_sw3: int = sam.SW3_SUCCESS  # what the status command answers (60: SAM self-test failed)
    history: list[str] = field(default_factory=list)


class IdCardSim(SimServer):
    name = "idcard"

    def __init__(
        self,
        host: str = "127.0.0.1",
        port: int = 0,
        *,
        card: IdCard | None = None,
        baud: int | None = None,
        faults: Faults | None = None,
    ) -> None:
        super().__init__(host, port, baud)
        self.card = card  # on the reader now, or None
        self.faults = faults or Faults()
        self.requests: list[tuple[int, int]] = []
        self.card_placed_at: float | None = None
        self._state_lock = threading.Lock()

    def place(self, card: IdCard | None = None) -> None:
        with self._state_lock:
            self.card = card or sample_card()
            self.card_placed_at = time.monotonic()

    def remove(self) -> None:
        with self._state_lock:
            self.card = None

    def serve(self, link: Link) -> None:
        reader = sam.FrameReader(min_len=2)
        while True:
            for item in reader.feed(link.recv(1024)):
                if isinstance(item, sam.BadFrame):
                    self._send(link, sam.reply(0x10))
                    continue
                reply = self._answer(item)
                if reply is not None:
                    self._send(link, reply)

    def _answer(self, request: sam.Frame) -> bytes | None:
        with self._state_lock:
            command, card, f = request.command, self.card, self.faults
            self.requests.append(command)
            if f.silent:
                return None
            if command in (sam.RESET, sam.STATUS):
                return sam.reply(f.sam_sw3 if command == sam.STATUS else sam.SW3_SUCCESS)
            if command == sam.SAM_ID:
                return sam.reply(sam.SW3_SUCCESS, bytes(range(16)))
            if command == sam.FIND_CARD:
                if f.no_card_polls > 0:
                    f.no_card_polls -= 1
                    return sam.reply(sam.SW3_NO_CARD)
                return sam.reply(sam.SW3_FOUND, bytes(4)) if card else sam.reply(sam.SW3_NO_CARD)
            if command == sam.SELECT_CARD:
                return sam.reply(sam.SW3_SUCCESS, bytes(8)) if card else sam.reply(0x81)
            if command == sam.READ_BASE:
                if card is None:
                    return sam.reply(sam.SW3_NO_CARD)
                if f.read_failures > 0:
                    f.read_failures -= 1
                    return sam.reply(0x41)
                photo = card.photo.ljust(PHOTO_LEN, b"\0")[:PHOTO_LEN]
                body = (
                    (256).to_bytes(2, "big") + PHOTO_LEN.to_bytes(2, "big") + encode(card) + photo
                )
                return sam.reply(sam.SW3_SUCCESS, body)
            return sam.reply(0x21)  # command error

    def _send(self, link: Link, reply: bytes) -> None:
        f = self.faults
        with self._state_lock:
            if f.bad_checksum_once:
                f.bad_checksum_once = False
                reply = reply[:-1] + bytes([reply[-1] ^ 0xFF])
            drop = f.drop_mid_read and len(reply) > 1000
            if drop:
                f.drop_mid_read = False
            noise = os.urandom(f.noise).replace(b"\xaa", b"\x55") if f.noise else b""
            step = f.fragment
            late, f.late_once_s = f.late_once_s + f.late_s, 0.0
            babble, f.babble_once_s = f.babble_once_s, 0.0
        if late:
            time.sleep(late)  # a simulated busy machine: what this fault is for
        until = time.monotonic() + babble
        while time.monotonic() < until:  # a reader that keeps talking without saying anything
            link.send(b"\x55")
            time.sleep(0.01)
        if drop:
            link.send(reply[: len(reply) // 2])
            link.close()
            raise Closed("dropped by fault")
        data = noise + reply
        if not step:
            link.send(data)
            return
        for i in range(0, len(data), step):
            link.send(data[i : i + step])
            time.sleep(0.001)  # separate TCP segments, so the driver really reassembles
