"""Device benchmarks against the simulators paced at a real serial speed (115200 baud).

1. Print a one-page certificate: driver time (status before, the job, status after) against the
   wire time of every byte exchanged (bytes x 10 / baud).
2. Read an ID card already on the reader: find, select, read base info, parse, against the wire
   time of those three exchanges.
3. From card placed to fields parsed, with the driver polling every poll_ms as in the kiosk:
   the same floor, plus the wait for the next poll (half the interval on average).

Medians of several runs; the ratio to the floor is printed last. Run:
    .venv/bin/python bench/devices.py [--runs 7] [--baud 115200] [--poll-ms 300]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

# Run as a script, this file's folder comes first on sys.path and its name would shadow the
# devices package: put the repository root there instead.
if Path(sys.path[0]).resolve() == Path(__file__).resolve().parent:
    sys.path[0] = str(Path(__file__).resolve().parent.parent)

from devices.idcard import sam
from devices.idcard.reader import IdCardReader
from devices.printer.document import (
    Cut,
    Document,
    Feed,
    KeyValue,
    Line,
    QRCode,
    Separator,
    Table,
    Title,
)
from devices.printer.escpos import EscPosEncoder
from devices.printer.printer import ReceiptPrinter
from devices.sim.idcard import IdCardSim, sample_card
from devices.sim.printer import PrinterSim

BITS_PER_BYTE = 10  # 8N1: start, eight data bits, stop


def certificate() -> Document:
    months = [[f"2026-{m:02d}", "养老保险", "1,234.50", "已缴"] for m in range(1, 13)]
    return Document(
        [
            Title("社会保险参保缴费证明"),
            Line("Certificate of social insurance contributions", align="center"),
            Separator(),
            KeyValue("姓名 Name", "张三"),
            KeyValue("证件号码 ID", "110105********002X"),
            KeyValue("参保地 Place", "北京市西城区"),
            KeyValue("参保状态 Status", "正常参保 Insured"),
            KeyValue("首次参保 Since", "2008-07"),
            Separator(),
            Table(["月份", "险种", "金额", "状态"], months),
            Separator(),
            Line("本证明仅用于证明参保人在上述期间的参保缴费情况，经扫描二维码可核验真伪。"),
            Line("This certificate can be verified by scanning the QR code below."),
            QRCode("hall-bench:check/2026-11-26/0001234567/000000000"),  # as long; no address
            Feed(1),
            KeyValue("打印时间", "2026-11-26 10:30"),
            KeyValue("终端", "自助服务终端 1"),
            Cut(),
        ],
        title="certificate",
    )


def median_of(runs: int, once: Callable[[], float]) -> float:
    return statistics.median(once() for _ in range(runs))


def bench_print(runs: int, baud: int) -> tuple[float, float, int]:
    doc = certificate()
    job = len(EscPosEncoder(80).encode(doc).data)
    status_bytes = 2 * 3 * (3 + 1)  # before and after: DLE EOT 1, 2, 4 and their replies
    floor = (job + status_bytes) * BITS_PER_BYTE / baud
    with PrinterSim(baud=baud) as sim:
        printer = ReceiptPrinter(sim.url, baud=baud, poll_s=3600)
        try:
            printer.status().result(10)

            def once() -> float:
                start = time.perf_counter()
                result = printer.print(doc).result(60)
                assert result.ok, result
                return time.perf_counter() - start

            return median_of(runs, once), floor, job
        finally:
            printer.close()


def read_wire_bytes() -> int:
    replies = len(sam.reply(0x9F, bytes(4))) + len(sam.reply(0x90, bytes(8))) + 1295
    return 3 * len(sam.request(sam.FIND_CARD)) + replies


def bench_card(runs: int, baud: int, poll_ms: int) -> tuple[float, float, float]:
    floor = read_wire_bytes() * BITS_PER_BYTE / baud
    with IdCardSim(baud=baud, card=sample_card()) as sim:
        reader = IdCardReader(sim.url, baud=baud, poll_ms=poll_ms)
        try:
            reader.status().result(10)

            def present() -> float:
                start = time.perf_counter()
                assert reader.read_card(10).result(20).ok
                return time.perf_counter() - start

            read = median_of(runs, present)
            rng = random.Random(7)

            def placed() -> float:
                sim.remove()
                future = reader.read_card(30)
                time.sleep(rng.uniform(0, 2 * poll_ms / 1000))  # a resident arrives any time
                sim.place(sample_card())
                start = time.perf_counter()
                assert future.result(30).ok
                return time.perf_counter() - start

            return read, median_of(runs, placed), floor
        finally:
            reader.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--baud", type=int, default=115200)
    parser.add_argument("--poll-ms", type=int, default=300)
    args = parser.parse_args()
    printed, print_floor, job = bench_print(args.runs, args.baud)
    read, placed, card_floor = bench_card(args.runs, args.baud, args.poll_ms)
    print(f"baud {args.baud}, median of {args.runs} runs")
    print(f"certificate ({job} bytes):  {printed * 1000:7.1f} ms, wire {print_floor * 1000:.1f} ms")
    print(f"card read, card present:   {read * 1000:7.1f} ms, wire {card_floor * 1000:.1f} ms")
    print(
        f"card placed to parsed:     {placed * 1000:7.1f} ms, wire {card_floor * 1000:.1f} ms "
        f"(polling every {args.poll_ms} ms)"
    )
    print(
        f"ratio to wire: print {printed / print_floor:.2f}x, card read {read / card_floor:.2f}x, "
        f"placed to parsed {placed / card_floor:.2f}x"
    )


if __name__ == "__main__":
    main()
