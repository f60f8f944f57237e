"""``kiosk devices ...``: talk to any device URL, or to those the configuration names.

A device failure ends with exit 3 and the reason in words ("paper out", "no card"); usage errors
with exit 2. A card's ID number is shown masked, as everywhere else.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TYPE_CHECKING, Any, TypeVar

from devices.idcard.reader import IdCardReader
from devices.printer.document import Cut, Document, Feed, KeyValue, Line, QRCode, Separator, Title
from devices.printer.printer import ReceiptPrinter
from devices.printer.realtime import blocker
from devices.scanner import Scanner
from devices.status import DeviceState, DeviceStatus
from devices.transport import url_problem
from kiosk.commands.common import add_config_option, print_json
from kiosk.config import Settings, load_settings
from kiosk.errors import ConfigError, OperationFailed
from kiosk.id_numbers import mask
from kiosk.identity import mask_name

T = TypeVar("T")
if TYPE_CHECKING:  # argparse's class is generic only to the type checker
    Subparsers = argparse._SubParsersAction[argparse.ArgumentParser]


def seconds(value: str) -> float:
    """A --timeout: a number of seconds above 0."""
    try:
        number = float(value)
    except ValueError:
        number = 0.0
    if not number > 0:  # also NaN
        raise argparse.ArgumentTypeError(f"expected seconds above 0, not {value!r}")
    return number


def _address(given: str | None, settings: Settings, kind: str, option: str) -> str:
    """The URL given, else the configured one (as ``devices status`` reads them)."""
    url = given or str(getattr(settings.devices, kind).url)
    if not url:
        raise ConfigError(f"give {option} URL or configure devices.{kind}.url")
    return checked(url)


def checked(url: str) -> str:
    problem = url_problem(url)
    if problem:
        raise ConfigError(problem)
    return url


# What a technician sees of a card: enough to tell the reader works, nothing that gives the
# number back (the birth date is the 8 digits the mask hides; the address is personal).
CARD_SHOWN = ("name", "sex", "nation", "id_number", "authority", "valid_from", "valid_to")


def shown_card(fields: dict[str, Any]) -> dict[str, Any]:
    """A card's fields for the screen: the ID number masked, the name's first character, and
    only the fields that cannot rebuild the number (``CARD_SHOWN``)."""
    shown = {k: v for k, v in fields.items() if k in CARD_SHOWN}
    shown["name"] = mask_name(str(fields.get("name", "")))
    shown["id_number"] = mask(str(fields.get("id_number", "")))
    return shown


def _wait(future: Future[T], timeout: float, what: str) -> T:
    try:
        return future.result(timeout)
    except FutureTimeout:
        future.cancel()
        raise OperationFailed(f"{what}: no answer within {timeout:g} s") from None


def _settings(args: argparse.Namespace) -> Settings:
    return load_settings(getattr(args, "config", None))


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
        device = makers[kind](checked(url))
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
    settings = _settings(args)
    cfg = settings.devices.printer
    printer = ReceiptPrinter(
        _address(args.printer, settings, "printer", "--printer"),
        args.baud or cfg.baud,
        cfg.timeout_s,
        args.paper_mm or cfg.paper_mm,
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
    settings = _settings(args)
    cfg = settings.devices.idcard
    url = _address(args.idcard, settings, "idcard", "--idcard")
    reader = IdCardReader(url, args.baud or cfg.baud, cfg.timeout_s, cfg.poll_ms)
    try:
        result = _wait(reader.read_card(args.timeout), args.timeout + 5, "ID card reader")
    finally:
        reader.close()
    if not result.ok or result.card is None:
        raise OperationFailed(_with_cause(str(result.reason or "no card"), result.status))
    fields = shown_card(result.card.to_dict())
    if args.json:
        print_json(fields)
    else:
        for key, value in fields.items():
            print(f"{key}: {value}")
    return 0


def _cmd_scan(args: argparse.Namespace) -> int:
    settings = _settings(args)
    cfg = settings.devices.scanner
    url = _address(args.scanner, settings, "scanner", "--scanner")
    scanner = Scanner(url, args.baud or cfg.baud, cfg.idle_gap_ms)
    future = scanner.next_scan()  # first: a scan may already be on its way
    deadline = time.monotonic() + args.timeout

    def no_device(status: DeviceStatus) -> OperationFailed:
        return OperationFailed(_with_cause("no device", status) + f": cannot open {url}")

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


def register_devices(sub: Subparsers) -> None:
    dev = sub.add_parser("devices", help="talk to a real or simulated device")
    cmds = dev.add_subparsers(dest="action", required=True, metavar="ACTION")

    st = cmds.add_parser("status", help="status of each device given (or configured)")
    add_config_option(st)
    st.add_argument("--printer", metavar="URL")
    st.add_argument("--idcard", metavar="URL")
    st.add_argument("--scanner", metavar="URL")
    st.add_argument("--timeout", type=seconds, default=10.0, metavar="S")
    st.add_argument("--json", action="store_true")
    st.set_defaults(func=_cmd_status)

    pt = cmds.add_parser("print-test", help="print a test receipt (Chinese, English, QR, cut)")
    add_config_option(pt)
    pt.add_argument("--printer", metavar="URL", help="default: devices.printer.url")
    pt.add_argument("--baud", type=int)
    pt.add_argument("--paper-mm", type=int, choices=(58, 80))
    pt.add_argument("--timeout", type=seconds, default=30.0, metavar="S")
    pt.set_defaults(func=_cmd_print_test)

    rc = cmds.add_parser("read-card", help="wait for an ID card and print its fields")
    add_config_option(rc)
    rc.add_argument("--idcard", metavar="URL", help="default: devices.idcard.url")
    rc.add_argument("--baud", type=int)
    rc.add_argument("--timeout", type=seconds, default=10.0, metavar="S")
    rc.add_argument("--json", action="store_true")
    rc.set_defaults(func=_cmd_read_card)

    sc = cmds.add_parser("scan", help="wait for one scan and print its payload")
    add_config_option(sc)
    sc.add_argument("--scanner", metavar="URL", help="default: devices.scanner.url")
    sc.add_argument("--baud", type=int)
    sc.add_argument("--timeout", type=seconds, default=10.0, metavar="S")
    sc.set_defaults(func=_cmd_scan)
