"""kiosk.peripherals.drivers.open_devices and the `kiosk sim` / `kiosk devices` commands."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devices.printer.document import Cut, Document, Line
from devices.sim.idcard import IdCardSim, sample_card
from devices.sim.printer import PrinterSim
from devices.sim.scanner import ScannerSim
from devices.sim.server import SimServer
from devices.status import DeviceEvent, DeviceState
from kiosk.cli import main
from kiosk.config import load_settings
from kiosk.peripherals.drivers import SIM_RECEIPTS_KEPT, open_devices
from tests.devices.waiting import wait_until


def test_open_devices_starts_simulators_for_empty_urls(tmp_path: Path) -> None:
    settings = load_settings(environ={"KIOSK_DATA_DIR": str(tmp_path)})
    events: list[DeviceEvent] = []
    with open_devices(settings, events.append) as hw:
        assert hw.printer.url.startswith("socket://127.0.0.1:")
        assert len(hw.simulators) == 3
        result = hw.printer.print(Document([Line("收据 receipt"), Cut()])).result(10)
        assert result.ok
        assert hw.printer_sim is not None and hw.printer_sim.wait_receipts(1)
        assert hw.printer_sim.keep == SIM_RECEIPTS_KEPT  # receipts on disk do not pile up
        assert list((tmp_path / "receipts").glob("*.png"))
        assert hw.idcard_sim is not None
        hw.idcard_sim.place(sample_card())
        assert hw.idcard.read_card(5).result(10).ok
        future = hw.scanner.next_scan()
        assert hw.scanner_sim is not None and hw.scanner_sim.wait_client()
        hw.scanner_sim.scan("TOKEN-42")
        assert future.result(5).payload == "TOKEN-42"
    assert any(e.device == "printer" and e.state is DeviceState.ONLINE for e in events)
    assert all(not sim.links() for sim in hw.simulators)


def test_open_devices_uses_configured_urls(tmp_path: Path) -> None:
    with PrinterSim() as printer_sim:
        settings = load_settings(
            environ={
                "KIOSK_DATA_DIR": str(tmp_path),
                "KIOSK_DEVICES_PRINTER_URL": printer_sim.url,
            }
        )
        with open_devices(settings) as hw:
            assert hw.printer_sim is None and hw.printer.url == printer_sim.url
            assert len(hw.simulators) == 2
            wait_until(lambda: hw.printer.current_status.state is DeviceState.ONLINE)


def _our_threads() -> list[str]:
    import threading

    return [t.name for t in threading.enumerate() if t.name.startswith(("device-", "sim-"))]


@pytest.mark.parametrize(
    "broken",
    [
        "kiosk.peripherals.drivers.IdCardReader",
        "kiosk.peripherals.drivers.Scanner",
        "kiosk.peripherals.drivers._start",
    ],
)
def test_open_devices_closes_what_it_opened_when_a_later_step_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, broken: str
) -> None:
    import kiosk.peripherals.drivers

    real_start = kiosk.peripherals.drivers._start

    def fail(*args: object, **kwargs: object) -> Any:
        sim = args[0]
        if broken.endswith("_start") and not isinstance(sim, ScannerSim):
            assert isinstance(sim, SimServer)
            return real_start(sim)  # only the third sim fails
        raise RuntimeError("constructor failed")

    monkeypatch.setattr(broken, fail)
    settings = load_settings(environ={"KIOSK_DATA_DIR": str(tmp_path)})
    with pytest.raises(RuntimeError, match="constructor failed"):
        open_devices(settings)
    wait_until(lambda: not _our_threads(), timeout=3)


@pytest.fixture
def sims() -> Iterator[tuple[PrinterSim, IdCardSim, ScannerSim]]:
    sims = (
        PrinterSim(),
        IdCardSim(card=sample_card()),
        ScannerSim(payloads=["CLI-TOKEN"], every_s=0.05),
    )
    for sim in sims:
        sim.start()
    yield sims
    for sim in sims:
        sim.stop()


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_print_test(
    sims: tuple[PrinterSim, IdCardSim, ScannerSim], capsys: pytest.CaptureFixture[str]
) -> None:
    printer = sims[0]
    assert run(capsys, "devices", "print-test", "--printer", printer.url)[0] == 0
    text = printer.wait_receipts(1)[0].text(48)
    assert "打印测试" in text and "Print test" in text and "[QR: " in text
    printer.set_state("paper_out")
    code, _, err = run(capsys, "devices", "print-test", "--printer", printer.url)
    assert code == 3 and "paper out" in err


def test_read_card_json_and_no_card(
    sims: tuple[PrinterSim, IdCardSim, ScannerSim], capsys: pytest.CaptureFixture[str]
) -> None:
    reader = sims[1]
    code, out, _ = run(capsys, "devices", "read-card", "--idcard", reader.url, "--json")
    fields = json.loads(out)
    assert code == 0 and fields["id_number"] == "110105********002X"  # masked, as everywhere
    assert "11010519491231002X" not in out and set(fields["name"][1:]) == {"*"}
    # Nothing that gives the hidden digits back: the birth date is exactly them.
    assert "19491231" not in out.replace("-", "") and "1949" not in out
    assert set(fields) == {
        "name",
        "sex",
        "nation",
        "id_number",
        "authority",
        "valid_from",
        "valid_to",
    }
    reader.remove()
    code, _, err = run(capsys, "devices", "read-card", "--idcard", reader.url, "--timeout", "0.5")
    assert code == 3 and "no card" in err


def test_scan_and_status(
    sims: tuple[PrinterSim, IdCardSim, ScannerSim], capsys: pytest.CaptureFixture[str]
) -> None:
    printer, reader, scanner = sims
    code, out, _ = run(capsys, "devices", "scan", "--scanner", scanner.url, "--timeout", "5")
    assert code == 0 and out.strip() == "CLI-TOKEN"
    code, out, _ = run(
        capsys,
        "devices",
        "status",
        "--printer",
        printer.url,
        "--idcard",
        reader.url,
        "--scanner",
        scanner.url,
        "--json",
    )
    report = json.loads(out)
    assert code == 0 and {v["state"] for v in report.values()} == {"online"}
    printer.set_state("cover_open")
    code, out, err = run(capsys, "devices", "status", "--printer", printer.url)
    assert code == 3 and "cover open" in err and "offline" in out


def test_the_configured_addresses_serve_every_device_command(
    sims: tuple[PrinterSim, IdCardSim, ScannerSim],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    printer, reader, scanner = sims
    config = tmp_path / "sim.toml"
    config.write_text(
        f'[devices.printer]\nurl = "{printer.url}"\n[devices.idcard]\nurl = "{reader.url}"\n'
        f'[devices.scanner]\nurl = "{scanner.url}"\n',
        encoding="utf-8",
    )
    where = ["--config", str(config)]
    assert run(capsys, "devices", "print-test", *where)[0] == 0
    assert printer.wait_receipts(1)
    code, out, _ = run(capsys, "devices", "read-card", *where)
    assert code == 0 and "id_number: 110105********002X" in out
    code, out, _ = run(capsys, "devices", "scan", *where, "--timeout", "5")
    assert code == 0 and out.strip() == "CLI-TOKEN"
    (tmp_path / "empty.toml").write_text("", encoding="utf-8")
    code, _, err = run(capsys, "devices", "scan", "--config", str(tmp_path / "empty.toml"))
    assert code == 2 and "--scanner" in err and "devices.scanner.url" in err
    for action, option in (("status", "--printer"), ("print-test", "--printer"),
                           ("read-card", "--idcard"), ("scan", "--scanner")):  # fmt: skip
        code, _, err = run(capsys, "devices", action, option, "nonsense://x")
        assert code == 2 and "unknown scheme 'nonsense'" in err
    for wrong in ("-1", "0", "nan"):
        with pytest.raises(SystemExit) as exit_:
            main(["devices", "scan", *where, "--timeout", wrong])
        assert exit_.value.code == 2


def test_usage_errors_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("PRINTER", "IDCARD", "SCANNER"):
        monkeypatch.delenv(f"KIOSK_DEVICES_{name}_URL", raising=False)
    monkeypatch.delenv("KIOSK_CONFIG", raising=False)
    assert run(capsys, "devices", "status")[0] == 2
    with pytest.raises(SystemExit) as info:
        main(["sim", "printer", "--listen", "nonsense"])
    assert info.value.code == 2


def test_sim_on_a_port_in_use_says_so_and_exits_3(capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        code, _, err = run(capsys, "sim", "printer", "--listen", f"127.0.0.1:{port}")
    assert code == 3
    assert f"port in use: 127.0.0.1:{port}" in err and "Traceback" not in err


@pytest.mark.parametrize("bad", ["nonsense", "127.0.0.1:99999", "127.0.0.1:", "host:x"])
def test_sim_with_a_malformed_address_exits_2(bad: str) -> None:
    with pytest.raises(SystemExit) as info:
        main(["sim", "scanner", "--listen", bad])
    assert info.value.code == 2


def test_sim_on_an_address_not_of_this_machine_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "sim", "idcard", "--listen", "192.0.2.1:0")  # TEST-NET-1
    assert code == 2 and "cannot listen on 192.0.2.1:0" in err


@pytest.mark.parametrize(
    ("number", "why"),
    [
        ("11010519491231002A", "not 17 digits and a check character"),
        ("1101051949123100AX", "not 17 digits and a check character"),
        ("110105194912310021", "check digit does not match"),
        ("11010519491231002", "not 17 digits and a check character"),
    ],
)
def test_sim_idcard_refuses_an_invalid_id_number(
    capsys: pytest.CaptureFixture[str], number: str, why: str
) -> None:
    code, _, err = run(capsys, "sim", "idcard", "--id-number", number)
    assert code == 2 and why in err


def test_scan_without_a_scanner_is_no_device(capsys: pytest.CaptureFixture[str]) -> None:
    import time

    gone = ScannerSim()
    gone.start()
    gone.stop()  # its port is closed now: nothing listens there
    started = time.monotonic()
    code, _, err = run(capsys, "devices", "scan", "--scanner", gone.url, "--timeout", "60")
    assert code == 3 and "no device" in err and "no scan" not in err
    assert time.monotonic() - started < 30  # said at once, not after the whole wait


def test_scan_with_nothing_scanned_is_no_scan(capsys: pytest.CaptureFixture[str]) -> None:
    with ScannerSim() as quiet:
        code, _, err = run(capsys, "devices", "scan", "--scanner", quiet.url, "--timeout", "0.3")
    assert code == 3 and "no scan" in err and "no device" not in err


def test_sim_command_serves_until_terminated(capsys: pytest.CaptureFixture[str]) -> None:
    import re
    import signal
    import subprocess
    import sys

    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "sim", "idcard", "--listen", "127.0.0.1:0", "--noise", "3"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        match = re.search(r"socket://127\.0\.0\.1:\d+", proc.stdout.readline())
        assert match
        code, out, _ = run(capsys, "devices", "read-card", "--idcard", match.group(0))
        assert code == 0 and "id_number: 110105********002X" in out
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
