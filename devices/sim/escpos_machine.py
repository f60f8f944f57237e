"""The simulated printer's ESC/POS parser: bytes in, printed rows and requests out.

Independent of the encoder on purpose, so the tests catch an encoder that sends wrong bytes. A
command split across reads waits for its remaining bytes.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import Image

from devices.sim.receipt import ImageOut, Row, TextOut, qr_image

CODEPAGES = {0: "cp437", 16: "cp1252", 17: "cp866", 19: "cp858"}


@dataclass(frozen=True)
class Cut:
    pass


@dataclass(frozen=True)
class StatusRequest:
    n: int


@dataclass(frozen=True)
class Feed:
    lines: int


Action = Row | Cut | StatusRequest | Feed


class _Incomplete(Exception):
    pass


class EscPosMachine:
    def __init__(self) -> None:
        self._buf = bytearray()
        self.reset()
        self.unknown: list[bytes] = []  # commands it did not understand, for the curious

    def reset(self) -> None:
        self.chinese = False
        self.bold = False
        self.align = 0
        self.wide = self.high = 1
        self.codepage = "cp437"
        self.line: list[tuple[str, int]] = []
        self.qr_data = b""
        self.qr_module = 3
        self.qr_ec = 0x30

    def feed(self, data: bytes) -> list[Action]:
        self._buf += data
        out: list[Action] = []
        while self._buf:
            try:
                used, action = self._step()
            except _Incomplete:
                break
            del self._buf[:used]
            if action is not None:
                out.append(action)
        return out

    def _need(self, n: int) -> bytes:
        if len(self._buf) < n:
            raise _Incomplete
        return bytes(self._buf[:n])

    def _newline(self) -> TextOut:
        row = TextOut(self.line, self.align, self.bold, self.wide, self.high)
        self.line = []
        return row

    def _step(self) -> tuple[int, Action | None]:
        b = self._buf[0]
        if b == 0x0A:
            return 1, self._newline()
        if b == 0x10:
            cmd = self._need(3)
            return (3, StatusRequest(cmd[2])) if cmd[1] == 0x04 else (2, None)
        if b == 0x1B:
            return self._esc(self._need(2)[1])
        if b == 0x1C:
            sub = self._need(2)[1]
            if sub in (0x26, 0x2E):
                self.chinese = sub == 0x26
            else:
                self.unknown.append(bytes(self._buf[:2]))
            return 2, None
        if b == 0x1D:
            return self._gs(self._need(2)[1])
        if b < 0x20 or b == 0x7F:
            return 1, None  # other controls: ignored, as printers do
        return self._text(b)

    def _text(self, b: int) -> tuple[int, Action | None]:
        if b < 0x80:
            self.line.append((chr(b), 1))
            return 1, None
        if self.chinese and b >= 0x81:
            second = self._need(2)[1]
            size = 4 if 0x30 <= second <= 0x39 else 2
            raw = self._need(size)
            self.line.append((raw.decode("gb18030", errors="replace")[:1], 2))
            return size, None
        self.line.append((bytes([b]).decode(self.codepage, errors="replace"), 1))
        return 1, None

    def _esc(self, sub: int) -> tuple[int, Action | None]:
        if sub == 0x40:  # @
            self.reset()
            return 2, None
        if sub in (0x32, 0x3C):  # ESC 2, ESC <: no parameter
            return 2, None
        n = self._need(3)[2]
        if sub == 0x45:
            self.bold = bool(n & 1)
        elif sub == 0x21:
            self.bold, self.wide, self.high = (
                bool(n & 0x08),
                2 if n & 0x20 else 1,
                2 if n & 0x10 else 1,
            )
        elif sub == 0x61:
            self.align = n % 48 if n >= 48 else n  # 0-2 or '0'-'2'
            self.align = min(self.align, 2)
        elif sub == 0x74:
            self.codepage = CODEPAGES.get(n, "cp437")
        elif sub == 0x64:
            return 3, Feed(n)
        elif sub not in (0x33, 0x4A, 0x4D, 0x2D, 0x47, 0x52, 0x56, 0x7B, 0x20):
            self.unknown.append(bytes(self._buf[:3]))
        return 3, None

    def _gs(self, sub: int) -> tuple[int, Action | None]:
        if sub == 0x56:  # V m [n]
            m = self._need(3)[2]
            return (4 if m in (0x41, 0x42) else 3), Cut()
        if sub == 0x21:
            n = self._need(3)[2]
            self.wide, self.high = (n >> 4) + 1, (n & 0x0F) + 1
            return 3, None
        if sub == 0x28:  # GS ( x pL pH ...
            head = self._need(5)
            size = head[3] + 256 * head[4]
            body = self._need(5 + size)[5:]
            return 5 + size, self._qr(body) if head[2] == 0x6B else None
        if sub == 0x76:  # GS v 0 m xL xH yL yH data
            head = self._need(8)
            width, height = head[4] + 256 * head[5], head[6] + 256 * head[7]
            data = self._need(8 + width * height)[8:]
            if not width or not height:
                return 8, None  # an empty image prints nothing
            image = Image.frombytes("1", (width * 8, height), data)
            return 8 + width * height, ImageOut(image, self.align, f"[image {width * 8}x{height}]")
        self._need(3)
        if sub not in (0x61, 0x72, 0x42, 0x48, 0x68, 0x77, 0x66):
            self.unknown.append(bytes(self._buf[:3]))
        return 3, None

    def _qr(self, body: bytes) -> Action | None:
        if len(body) < 3 or body[0] != 0x31:
            return None
        fn = body[1]
        if fn == 0x43:
            self.qr_module = body[2]
        elif fn == 0x45:
            self.qr_ec = body[2]
        elif fn == 0x50:
            self.qr_data = body[3:]
        elif fn == 0x51 and self.qr_data:
            label = "[QR: " + self.qr_data.decode("utf-8", errors="replace") + "]"
            return ImageOut(qr_image(self.qr_data, self.qr_module, self.qr_ec), self.align, label)
        return None
