"""Printed receipts through the simulated printer: a 掌上办 code to the visit's result on the
hall server (masked, nothing personal in the code), the paper complete without a smartphone,
and a kiosk alone printing no code but saying so. No placeholder address anywhere."""

from __future__ import annotations

import datetime as dt
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.printer.document import QRCode
from devices.printer.layout import document_text
from kiosk.api.hall import Hall
from kiosk.api.kiosk import KioskApi
from kiosk.assist.times import utcnow
from kiosk.commands import device_checks as device_commands
from kiosk.config import Settings, load_settings
from kiosk.flow.engine import FlowEngine
from kiosk.i18n import t
from kiosk.peripherals.adapter import HardwareDevices, open_devices
from tests.helpers.visits import contribution_record_at_print

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screens"
PLACEHOLDER = re.compile(r"example\.(?:cn|com|org|net)", re.IGNORECASE)  # reserved names


def kiosk_settings(tmp_path: Path, hall_url: str) -> Settings:
    return load_settings(
        environ={},
        overrides={"paths.data_dir": str(tmp_path), "server.base_url": hall_url},
    )


@pytest.fixture
def parts(
    tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[tuple[KioskApi, HardwareDevices]]:
    settings = kiosk_settings(tmp_path, request.param)
    core = KioskApi.open(settings)
    devices = open_devices(settings, core.record_device_event)
    assert isinstance(devices, HardwareDevices)
    yield core, devices
    devices.close()
    core.close()


def print_receipt(core: KioskApi, devices: HardwareDevices, shot: str) -> tuple[FlowEngine, str]:
    engine = contribution_record_at_print(core)
    printed = core.print_receipt(engine, core.receipt_for(engine), devices)
    assert printed.outcome.ok
    sim = devices.hardware.printer_sim
    assert sim is not None
    (paper,) = sim.wait_receipts(1)
    assert paper.png is not None and paper.png.is_file()
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(paper.png, SHOTS / shot)  # the picture of the paper, to look at
    return engine, paper.text(sim.columns)


def test_no_placeholder_address_is_left_in_the_assets() -> None:
    found = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted((ROOT / "assets").rglob("*"))
        if path.is_file() and path.suffix in (".toml", ".txt", ".md", ".json", ".html")
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if PLACEHOLDER.search(line)
    ]
    assert found == []


def test_the_printers_test_page_names_no_address() -> None:
    text = document_text(device_commands.test_receipt(), 48)
    assert "[QR: " in text and not PLACEHOLDER.search(text) and "://" not in text


@pytest.mark.parametrize("parts", ["https://hall.test"], indirect=True)
def test_a_receipt_carries_a_code_to_its_result_on_the_hall_server(
    parts: tuple[KioskApi, HardwareDevices],
) -> None:
    core, devices = parts
    engine, paper = print_receipt(core, devices, "receipt-with-phone-code.png")
    assert not PLACEHOLDER.search(paper)
    codes = re.findall(r"\[QR: (\S+)\]", paper)
    assert len(codes) == 1 and codes[0].startswith("https://hall.test/m/")
    token = codes[0].rsplit("/", 1)[1]
    assert "王" not in codes[0] and "110108" not in codes[0]  # nothing personal in the code
    flat = re.sub(r"\s+", "", paper)
    assert re.sub(r"\s+", "", t("receipt.paper", "zh")) in flat  # whole without a phone
    assert engine.state.reference in flat and t("receipt.qr", "zh") in flat
    assert "参保缴费记录" in paper and "王小明" in paper  # the paper itself is the resident's

    with Hall.open(core.settings) as hall:
        seen = hall.links.open(token)
    assert seen is not None and seen.visit_id == engine.state.visit_id
    # It opens for [server] link_hours (24 h unless configured), as the paper says.
    assert core.settings.server.link_hours == 24.0
    printed = seen.expires_at.astimezone().strftime("%Y-%m-%d %H:%M")
    assert abs(seen.expires_at - utcnow() - dt.timedelta(hours=24)) < dt.timedelta(minutes=1)
    assert t("receipt.until", "zh", until=printed).replace(" ", "") in flat
    receipt = seen.content["receipt"]
    assert receipt["title"]["zh"] == "参保缴费记录"
    rows = {r["label"]["zh"]: r["value"]["zh"] for r in receipt["rows"]}
    assert rows["姓名"] == "王**" and rows["身份证号"] == "110108********1038"
    assert "王小明" not in str(seen.content) and len(receipt["table"]["rows"]) == 12


@pytest.mark.parametrize("parts", [""], indirect=True)
def test_a_kiosk_alone_prints_no_code_and_says_so(
    parts: tuple[KioskApi, HardwareDevices],
) -> None:
    core, devices = parts
    engine, paper = print_receipt(core, devices, "receipt-kiosk-alone.png")
    assert "[QR" not in paper and not PLACEHOLDER.search(paper)
    flat = re.sub(r"\s+", "", paper)
    assert t("receipt.no_qr", "zh") in flat and engine.state.reference in flat
    assert re.sub(r"\s+", "", t("receipt.paper", "zh")) in flat
    with Hall.open(core.settings) as hall:
        assert hall.links.for_visit(engine.state.visit_id) == []  # no link made for nobody

    ticket = core.start_visit("counter-ticket", "zh")
    ticket.choose("card")
    task = ticket.pending_task()
    assert task is not None
    values = core.run_task(ticket, task).values
    assert values["number"] and "phone_link" not in values and "counter_link" not in values
    document = core.ticket_document(values, "zh")
    assert not any(isinstance(e, QRCode) for e in document.elements)


def test_how_long_a_link_opens_is_configured(tmp_path: Path) -> None:
    settings = load_settings(
        environ={"KIOSK_SERVER_LINK_HOURS": "2"}, overrides={"paths.data_dir": str(tmp_path)}
    )
    with KioskApi.open(settings, demo=False) as core, Hall.open(settings) as hall:
        assert core.links.lifetime == hall.links.lifetime == dt.timedelta(hours=2)
