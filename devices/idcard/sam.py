"""GA 467 SAM frames: build them, and find them in a byte stream that may hold noise.

host to reader: AA AA AA 96 69 | LEN (2, big endian) | CMD PARA DATA | CHK
reader to host: AA AA AA 96 69 | LEN | SW1 SW2 SW3 DATA | CHK
LEN counts from the byte after it up to and including CHK; CHK is the XOR of LEN .. DATA.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER = len(PREAMBLE) + 2
MAX_LEN = 0x0800  # the longest real reply is 0x0508 (read base info); more is noise

RESET = (0x10, 0xFF)
STATUS = (0x11, 0xFF)
SAM_ID = (0x12, 0xFF)
FIND_CARD = (0x20, 0x01)
SELECT_CARD = (0x20, 0x02)
READ_BASE = (0x30, 0x01)

SW3_SUCCESS, SW3_FOUND, SW3_NO_CARD, SW3_SELECT_FAILED = 0x90, 0x9F, 0x80, 0x81
SW3_NAMES = {
    0x90: "success",
    0x9F: "card found",
    0x91: "no content",
    0x10: "checksum error",
    0x11: "length error",
    0x21: "command error",
    0x23: "unauthorised",
    0x24: "unknown error",
    0x31: "authentication failed",
    0x32: "authentication failed",
    0x33: "verification error",
    0x40: "unknown card type",
    0x41: "read failed",
    0x47: "no random number",
    0x60: "SAM self-test failed",
    0x66: "SAM not authorised",
    0x80: "no card",
    0x81: "select failed",
}


def xor(data: bytes) -> int:
    return reduce(lambda a, b: a ^ b, data, 0)


def frame(body: bytes) -> bytes:
    """Preamble, length and checksum around a body (CMD PARA DATA, or SW1-3 DATA)."""
    length = (len(body) + 1).to_bytes(2, "big")
    return PREAMBLE + length + body + bytes([xor(length + body)])


def request(command: tuple[int, int], data: bytes = b"") -> bytes:
    return frame(bytes(command) + data)


def reply(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    return frame(bytes([sw1, sw2, sw3]) + data)


@dataclass(frozen=True)
class Frame:
    """A frame whose preamble, length and checksum were all right."""

    body: bytes

    @property
    def sw3(self) -> int:
        return self.body[2] if len(self.body) >= 3 else -1

    @property
    def data(self) -> bytes:
        return self.body[3:]

    @property
    def command(self) -> tuple[int, int]:
        return (self.body[0], self.body[1]) if len(self.body) >= 2 else (-1, -1)

    @property
    def request_data(self) -> bytes:
        return self.body[2:]


@dataclass(frozen=True)
class BadFrame:
    """A preamble and a length, but the checksum did not match."""

    reason: str


class FrameReader:
    """Incremental: feed bytes as they come, take complete frames out. Never raises."""

    def __init__(self, min_len: int = 3) -> None:
        self._buf = bytearray()
        self._min_len = min_len  # replies carry at least SW1-3 (3) + CHK; requests CMD PARA CHK
        self.noise = 0  # bytes skipped while searching for a preamble

    def feed(self, data: bytes) -> list[Frame | BadFrame]:
        self._buf += data
        out: list[Frame | BadFrame] = []
        while True:
            item = self._next()
            if item is None:
                return out
            out.append(item)

    def _skip(self, n: int) -> None:
        self.noise += n
        del self._buf[:n]

    def _next(self) -> Frame | BadFrame | None:
        while True:
            start = self._buf.find(PREAMBLE)
            if start < 0:
                # keep a tail that may be the start of a preamble split across reads
                keep = next(
                    (
                        k
                        for k in range(len(PREAMBLE) - 1, 0, -1)
                        if self._buf.endswith(PREAMBLE[:k])
                    ),
                    0,
                )
                self._skip(len(self._buf) - keep)
                return None
            self._skip(start)
            if len(self._buf) < HEADER:
                return None
            length = int.from_bytes(self._buf[5:7], "big")
            if not self._min_len + 1 <= length <= MAX_LEN:
                self._skip(1)  # a false preamble inside noise: search again after it
                continue
            if len(self._buf) < HEADER + length:
                return None
            raw = bytes(self._buf[: HEADER + length])
            if xor(raw[5:-1]) != raw[-1]:
                self._skip(1)
                return BadFrame(f"checksum {raw[-1]:02X}, expected {xor(raw[5:-1]):02X}")
            del self._buf[: HEADER + length]
            return Frame(raw[HEADER:-1])
