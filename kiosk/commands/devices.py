"""``kiosk sim ...`` (device simulators); ``kiosk devices ...`` is in ``device_checks``.

A device failure ends with exit 3 and the reason in words ("paper out", "no card"); usage errors
with exit 2.
"""

from __future__ import annotations

import argparse
import errno
import signal
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from devices.idcard import idnumber
from devices.sim.idcard import Faults, IdCardSim, sample_card
from devices.sim.printer import KEEP_RECEIPTS, STATES, PrinterSim
from devices.sim.scanner import TERMINATORS, ScannerSim
from devices.sim.server import SimServer
from kiosk.commands.device_checks import register_devices
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


def register(sub: Subparsers) -> None:
    _register_sim(sub)
    register_devices(sub)
