"""``kiosk sim ...`` (device simulators) and ``kiosk devices ...`` (talk to any device URL).

A device failure ends with exit 3 and the reason in words ("paper out", "no card"); usage errors
with exit 2.
"""

from __future__ import annotations

import argparse
import errno
import signal
import socket
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from devices.idcard import idnumber
from devices.idcard.reader import IdCardReader
from devices.printer.document import Cut, Document, Feed, KeyValue, Line, QRCode, Separator, Title
from devices.printer.printer import ReceiptPrinter
from devices.printer.realtime import blocker
from devices.scanner import Scanner
from devices.sim.idcard import Faults, IdCardSim, sample_card
from devices.sim.printer import KEEP_RECEIPTS, STATES, PrinterSim
from devices.sim.scanner import TERMINATORS, ScannerSim
from devices.sim.server import SimServer
from devices.status import DeviceState, DeviceStatus
from kiosk.commands.common import add_config_option, print_json
from kiosk.config import Settings, load_settings
from kiosk.errors import ConfigError, OperationFailed

T = TypeVar("T")
if TYPE_CHECKING:  # argparse's class is generic only to the type checker
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def _listen(value: str) -> tuple[str, int]:
    host, sep, port = value.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise argparse.ArgumentTypeError(f"expected HOST:PORT, not {value!r}")
    return host or "127.0.0.1", int(port)


def _at_least(low: int) -> Callable[[str], int]:
    def parse(value: str) -> int:
        if not value.isdigit() or int(value) < low:
            raise argparse.ArgumentTypeError(f"expected a whole number from {low}, not {value!r}")
        return int(value)

    return parse


def _wait(future: Future[T], timeout: float, what: str) -> T:
    try:
        return future.result(timeout)
    except FutureTimeout:
        future.cancel()
        raise OperationFailed(f"{what}: no answer within {timeout:g} s") from None


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(getattr(args, "config", None))


# --- kiosk sim ---


def _listen_on(sim: SimServer) -> None:
    """Start listening; an address that cannot be had is a message, not a traceback."""
    where = f"{sim.host}:{sim.port}"
    try:
        sim.start()
    except OSError as exc:
        sim.stop()
        if exc.errno == errno.EADDRINUSE:
            raise OperationFailed(f"port in use: {where}") from None
        if isinstance(exc, socket.gaierror) or exc.errno == errno.EADDRNOTAVAIL:
            raise ConfigError(f"cannot listen on {where}: {exc.strerror or exc}") from None
        raise OperationFailed(f"cannot listen on {where}: {exc.strerror or exc}") from None


def _run_until_interrupted(sim: SimServer, describe: str) -> int:
    _listen_on(sim)
    stop = threading.Event()
    # SIGTERM (a service manager) stops it as cleanly as Ctrl-C does.
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    print(f"{describe} on {sim.url}  (Ctrl-C stops)", flush=True)
    try:
        while not stop.wait(0.5):  # short waits keep Ctrl-C responsive
            pass
    except KeyboardInterrupt:
        pass
    finally:
        sim.stop()
        signal.signal(signal.SIGTERM, previous)
    return 0


def _cmd_sim_printer(args: argparse.Namespace) -> int:
    host, port = args.listen
    sim = PrinterSim(
        host,
        port,
        paper_mm=args.paper_mm,
        out_dir=args.out,
        baud=args.baud,
        state=args.state,
        paper_lines=args.paper_lines,
        keep=args.keep or None,
    )
    return _run_until_interrupted(sim, f"printer simulator ({args.paper_mm} mm, {args.state})")


def _cmd_sim_idcard(args: argparse.Namespace) -> int:
    host, port = args.listen
    card = sample_card(args.name)
    if args.id_number:
        problem = idnumber.problem(args.id_number)
        if problem:
            raise ConfigError(f"--id-number {idnumber.mask(args.id_number)}: {problem}")
        card = sample_card(args.name, args.id_number[:17])
    faults = Faults(
        no_card_polls=args.no_card_polls,
        noise=args.noise,
        fragment=args.fragment,
        bad_checksum_once=args.bad_checksum_once,
        drop_mid_read=args.drop_mid_read,
    )
    sim = IdCardSim(host, port, card=None if args.no_card else card, baud=args.baud, faults=faults)
    return _run_until_interrupted(sim, "ID card reader simulator")


def _cmd_sim_scanner(args: argparse.Namespace) -> int:
    host, port = args.listen
    sim = ScannerSim(
        host,
        port,
        baud=args.baud,
        payloads=args.payload or ["DEMO-TOKEN-0001"],
        terminator=args.terminator,
        every_s=args.every,
    )
    return _run_until_interrupted(sim, f"scanner simulator (a payload every {args.every:g} s)")


def _register_sim(sub: Subparsers) -> None:
    sim = sub.add_parser("sim", help="run a device simulator (TCP, the real bytes)")
    kinds = sim.add_subparsers(dest="device", required=True, metavar="DEVICE")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--listen",
        type=_listen,
        default=("127.0.0.1", 0),
        metavar="HOST:PORT",
        help="address to listen on (port 0: a free one)",
    )
    common.add_argument("--baud", type=int, help="pace the link as a serial line of this speed")

    p = kinds.add_parser("printer", parents=[common], help="ESC/POS receipt printer")
    p.add_argument("--paper-mm", type=int, choices=(58, 80), default=80)
    p.add_argument("--out", type=Path, metavar="DIR", help="write each receipt as PNG and text")
    p.add_argument(
        "--keep",
        type=_at_least(0),
        default=KEEP_RECEIPTS,
        metavar="N",
        help=f"keep only the newest N receipts in --out (default {KEEP_RECEIPTS}; 0: all)",
    )
    p.add_argument("--state", choices=STATES, default="ok")
    p.add_argument("--paper-lines", type=int, metavar="N", help="run out of paper after N rows")
    p.set_defaults(func=_cmd_sim_printer)

    c = kinds.add_parser("idcard", parents=[common], help="GA 467 ID card reader")
    c.add_argument("--name", default="张三")
    c.add_argument("--id-number", metavar="ID", help="18-character number (check digit checked)")
    c.add_argument("--no-card", action="store_true", help="start with no card on the reader")
    c.add_argument("--no-card-polls", type=int, default=0, metavar="N")
    c.add_argument("--noise", type=int, default=0, metavar="N", help="random bytes before replies")
    c.add_argument("--fragment", type=int, default=0, metavar="N", help="replies in N-byte pieces")
    c.add_argument("--bad-checksum-once", action="store_true")
    c.add_argument("--drop-mid-read", action="store_true", help="drop the link in the next read")
    c.set_defaults(func=_cmd_sim_idcard)

    s = kinds.add_parser("scanner", parents=[common], help="QR scanner")
    s.add_argument("--payload", action="append", metavar="TEXT", help="payload (repeatable)")
    s.add_argument("--every", type=float, default=5.0, metavar="S", help="seconds between scans")
    s.add_argument("--terminator", choices=sorted(TERMINATORS), default="cr")
    s.set_defaults(func=_cmd_sim_scanner)


# --- kiosk devices ---


def _status_problem(kind: str, status: DeviceStatus) -> str | None:
    if kind == "printer":
        reason = blocker(status)
        return _with_cause(str(reason), status) if reason else None
    if status.state is not DeviceState.ONLINE:
        return status.problem
    return None


def _with_cause(reason: str, status: DeviceStatus) -> str:
    """ "no device (permission denied)": every command names the same cause as ``status``."""
    return f"{reason} ({status.cause})" if status.cause else reason


def _cmd_status(args: argparse.Namespace) -> int:
    settings = _settings(args)
    cfg = settings.devices
    urls = {"printer": args.printer, "idcard": args.idcard, "scanner": args.scanner}
    if not any(urls.values()):
        urls = {"printer": cfg.printer.url, "idcard": cfg.idcard.url, "scanner": cfg.scanner.url}
    if not any(urls.values()):
        raise ConfigError("give --printer, --idcard or --scanner URL (or configure devices.*.url)")
    makers: dict[str, Callable[[str], Any]] = {
        "printer": lambda u: ReceiptPrinter(
            u, cfg.printer.baud, cfg.printer.timeout_s, cfg.printer.paper_mm
        ),
        "idcard": lambda u: IdCardReader(u, cfg.idcard.baud, cfg.idcard.timeout_s),
        "scanner": lambda u: Scanner(u, cfg.scanner.baud),
    }
    report: dict[str, Any] = {}
    problems = []
    for kind, url in urls.items():
        if not url:
            continue
        device = makers[kind](url)
        try:
            status: DeviceStatus = _wait(device.status(), args.timeout, kind)
        finally:
            device.close()
        report[kind] = {"url": url, **status.as_dict()}
        problem = _status_problem(kind, status)
        if problem:
            problems.append(f"{kind}: {problem}")
    if args.json:
        print_json(report)
    else:
        for kind, info in report.items():
            media = ", ".join(f"{k} {v}" for k, v in info["media"].items() if v != "unknown")
            detail = f" ({info['detail']})" if info["detail"] else ""
            print(f"{kind:8} {info['state']:15} {media or '-'}{detail}")
    if problems:
        raise OperationFailed("; ".join(problems))
    return 0


def test_receipt() -> Document:
    return Document(
        [
            Title("打印测试 Print test"),
            Line("自助服务终端 Self-service kiosk", align="center"),
            Separator(),
            KeyValue("中文 Chinese", "社会保险参保证明"),
            KeyValue("English", "Certificate of insurance"),
            KeyValue("金额 Amount", "¥1,234.50"),
            Line("粗体 Bold line", bold=True),
            Line("右对齐 Right", align="right"),
            Separator(),
            QRCode("打印测试 kiosk print test"),  # a scanner shows it; no address to reach
            Feed(1),
            Line("谢谢 Thank you", align="center"),
            Cut(),
        ],
        title="print test",
    )


def _cmd_print_test(args: argparse.Namespace) -> int:
    cfg = _settings(args).devices.printer
    printer = ReceiptPrinter(
        args.printer, args.baud or cfg.baud, cfg.timeout_s, args.paper_mm or cfg.paper_mm
    )
    try:
        result = _wait(printer.print(test_receipt(), job_id="print-test"), args.timeout, "printer")
    finally:
        printer.close()
    for note in ([result.warning] if result.warning else []) + result.warnings:
        print(f"warning: {note}", file=sys.stderr)
    if not result.ok:
        raise OperationFailed(_with_cause(str(result.reason), result.status))
    print(f"printed {result.bytes_sent} bytes in {result.seconds:.2f} s")
    return 0


def _cmd_read_card(args: argparse.Namespace) -> int:
    cfg = _settings(args).devices.idcard
    reader = IdCardReader(args.idcard, args.baud or cfg.baud, cfg.timeout_s, cfg.poll_ms)
    try:
        result = _wait(reader.read_card(args.timeout), args.timeout + 5, "ID card reader")
    finally:
        reader.close()
    if not result.ok or result.card is None:
        raise OperationFailed(_with_cause(str(result.reason or "no card"), result.status))
    fields = result.card.to_dict()  # the full number: the operator asked for it explicitly
    if args.json:
        print_json(fields)
    else:
        for key, value in fields.items():
            print(f"{key}: {value}")
    return 0


def _cmd_scan(args: argparse.Namespace) -> int:
    cfg = _settings(args).devices.scanner
    scanner = Scanner(args.scanner, args.baud or cfg.baud, cfg.idle_gap_ms)
    future = scanner.next_scan()  # first: a scan may already be on its way
    deadline = time.monotonic() + args.timeout

    def no_device(status: DeviceStatus) -> OperationFailed:
        return OperationFailed(_with_cause("no device", status) + f": cannot open {args.scanner}")

    try:
        status = _wait(scanner.status(), args.timeout, "scanner")
        if status.state is DeviceState.NO_DEVICE:
            raise no_device(status)
        scan = future.result(max(0.0, deadline - time.monotonic()))
    except FutureTimeout:
        if scanner.current_status.state is DeviceState.NO_DEVICE:  # lost while waiting
            raise no_device(scanner.current_status) from None
        raise OperationFailed("no scan") from None
    finally:
        future.cancel()
        scanner.close()
    print(scan.payload)
    return 0


def _register_devices(sub: Subparsers) -> None:
    dev = sub.add_parser("devices", help="talk to a real or simulated device")
    cmds = dev.add_subparsers(dest="action", required=True, metavar="ACTION")

    st = cmds.add_parser("status", help="status of each device given (or configured)")
    add_config_option(st)
    st.add_argument("--printer", metavar="URL")
    st.add_argument("--idcard", metavar="URL")
    st.add_argument("--scanner", metavar="URL")
    st.add_argument("--timeout", type=float, default=10.0, metavar="S")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=_cmd_status)

    pt = cmds.add_parser("print-test", help="print a test receipt (Chinese, English, QR, cut)")
    add_config_option(pt)
    pt.add_argument("--printer", metavar="URL", required=True)
    pt.add_argument("--baud", type=int)
    pt.add_argument("--paper-mm", type=int, choices=(58, 80))
    pt.add_argument("--timeout", type=float, default=30.0, metavar="S")
    pt.set_defaults(func=_cmd_print_test)

    rc = cmds.add_parser("read-card", help="wait for an ID card and print its fields")
    add_config_option(rc)
    rc.add_argument("--idcard", metavar="URL", required=True)
    rc.add_argument("--baud", type=int)
    rc.add_argument("--timeout", type=float, default=10.0, metavar="S")
    rc.add_argument("--json", action="store_true")
    rc.set_defaults(func=_cmd_read_card)

    sc = cmds.add_parser("scan", help="wait for one scan and print its payload")
    add_config_option(sc)
    sc.add_argument("--scanner", metavar="URL", required=True)
    sc.add_argument("--baud", type=int)
    sc.add_argument("--timeout", type=float, default=10.0, metavar="S")
    sc.set_defaults(func=_cmd_scan)


def register(sub: Subparsers) -> None:
    _register_sim(sub)
    _register_devices(sub)
