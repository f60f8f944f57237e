"""The ESC/POS encoder, checked against known bytes and against the simulator's own parser."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from devices.printer.charset import Charset, Route
from devices.printer.document import Cut, Document, Line, QRCode, Title
from devices.printer.escpos import CHINESE_OFF, CHINESE_ON, EscPosEncoder, qr_command
from devices.printer.layout import TextRow, layout
from devices.sim.escpos_machine import Cut as CutAction
from devices.sim.escpos_machine import EscPosMachine
from devices.sim.receipt import ImageOut, TextOut

PYTHON_ESCPOS_QR_1234 = bytes.fromhex(
    "1D286B0400314132001D286B03003143031D286B03003145301D286B0700315030313233341D286B0300315130"
)


def test_native_qr_matches_the_python_escpos_vector() -> None:
    assert qr_command("1234", size=3, ec="L", model=2) == PYTHON_ESCPOS_QR_1234


def test_document_starts_initialised_and_ends_cut_with_chinese_mode_off() -> None:
    data = EscPosEncoder(80).encode(Document([Line("hello")])).data
    assert data.startswith(b"\x1b@\x1bt\x00" + CHINESE_OFF)
    assert data.endswith(b"\x1dVA\x03")  # cut added though the document had none
    assert data.count(b"\x1dV") == 1


def test_chinese_mode_is_off_before_a_code_page_byte() -> None:
    data = EscPosEncoder(80).encode(Document([Line("中é中a")])).data
    body = data[data.index(b"\x1ba\x00") + 3 :]
    assert body.startswith(
        CHINESE_ON
        + "中".encode("gb18030")
        + CHINESE_OFF
        + b"\x82"
        + CHINESE_ON
        + "中".encode("gb18030")
        + b"a\n"
    )


def test_unencodable_character_becomes_a_raster_line() -> None:
    encoded = EscPosEncoder(58).encode(Document([Line("姓名：㐀")]))  # U+3400: 4 bytes in GB18030
    assert b"\x1dv0\x00" in encoded.data and encoded.raster_lines == 1
    assert "㐀".encode("gb18030") not in encoded.data
    rows = EscPosMachine().feed(encoded.data)
    images = [r for r in rows if isinstance(r, ImageOut)]
    assert images and images[0].image.width == 384 and images[0].image.getbbox() is not None


def test_character_no_font_draws_is_reported_not_dropped() -> None:
    encoded = EscPosEncoder(80).encode(Document([Line("𠀀")]))
    assert encoded.raster_lines == 1 and "U+20000" in encoded.warnings[0]


def test_qr_and_sizes_reach_the_printer() -> None:
    rows = EscPosMachine().feed(EscPosEncoder(80).encode(Document([Title("大"), QRCode("k")])).data)
    title = next(r for r in rows if isinstance(r, TextOut))
    assert (title.text, title.wide, title.high, title.bold, title.align) == ("大", 2, 2, True, 1)
    assert any(isinstance(r, ImageOut) and r.label == "[QR: k]" for r in rows)
    assert isinstance(rows[-1], CutAction)


def test_gb2312_printer_gets_raster_for_what_it_lacks() -> None:
    charset = Charset(double_byte="gb2312")
    assert charset.route("䶮") is Route.RASTER  # in GB18030's two-byte area, not in GB2312
    assert Charset().route("䶮") is Route.DOUBLE_BYTE


encodable = st.characters(
    codec="gb18030", exclude_categories=("Cc", "Cs", "Co", "Cn", "Zl", "Zp")
).filter(lambda ch: Charset().route(ch) is not Route.RASTER)


@settings(max_examples=60, deadline=None)
@given(st.text(encodable, max_size=60), st.sampled_from([58, 80]))
def test_round_trip_through_the_printer_parser(text: str, paper: int) -> None:
    encoder = EscPosEncoder(paper)
    doc = Document([Line(text), Cut()])
    printed = [r for r in EscPosMachine().feed(encoder.encode(doc).data) if isinstance(r, TextOut)]
    expected = [r for r in layout(doc, encoder.columns) if isinstance(r, TextRow)]
    assert [p.text.rstrip(" ") for p in printed] == [e.text for e in expected]
    assert all(p.cells <= encoder.columns for p in printed)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400), st.lists(st.integers(1, 50), max_size=8))
def test_printer_parser_survives_random_bytes_in_any_pieces(data: bytes, cuts: list[int]) -> None:
    machine = EscPosMachine()
    pos = 0
    for size in [*cuts, len(data)]:
        machine.feed(data[pos : pos + size])
        pos += size
