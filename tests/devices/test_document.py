"""Document model and layout: widths, wrapping, key-value lines, tables, plain text."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.printer.charset import DEFAULT_CHARSET
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
from devices.printer.layout import TextRow, document_text, layout, wrap

width = DEFAULT_CHARSET.text_width


def test_cjk_takes_two_columns() -> None:
    assert width("中文") == 4
    assert width("ab") == 2
    assert width("é") == 1  # in the code page
    assert width("—") == 2  # only in GB18030: printed in double-byte mode


@pytest.mark.parametrize("columns", [32, 48])
def test_to_text_fits_the_paper(columns: int) -> None:
    doc = Document(
        [
            Title("社会保险个人权益记录"),
            Line("一二三四五六七八九十" * 4),
            KeyValue("姓名", "张三"),
            KeyValue("地址", "北京市西城区复兴门外大街999号院11号楼3单元502室"),
            Table(["月份", "险种", "金额"], [["2026-01", "养老保险", "1,234.50"]]),
            Separator(),
            QRCode("https://e.org/x"),
            Feed(2),
            Cut(),
        ]
    )
    text = document_text(doc, columns)
    assert all(width(line) <= columns for line in text.splitlines())
    assert "张三" in text and "[QR: https://e.org/x]" in text
    assert "-" * columns in text


def test_key_value_on_one_line_when_it_fits() -> None:
    assert document_text(Document([KeyValue("姓名", "张三")]), 32) == "姓名" + " " * 24 + "张三\n"


def test_alignment_and_title() -> None:
    text = document_text(
        Document([Title("标题"), Line("右", align="right"), Line("中", align="center")]), 32
    )
    lines = text.splitlines()
    assert lines[0].strip() == "标题" and lines[0].startswith(" " * 14)
    assert lines[1] == " " * 30 + "右"
    assert lines[2] == " " * 15 + "中"


def test_table_right_aligns_numbers_and_fits() -> None:
    rows = layout(Document([Table(["项目", "金额"], [["养老", "1.00"], ["医疗", "123.45"]])]), 32)
    texts = [r.text for r in rows if isinstance(r, TextRow)]
    assert texts[2].endswith("  1.00") and texts[3].endswith("123.45")


def test_a_name_and_a_unit_are_not_broken_mid_word() -> None:
    footer = wrap("扫码核验真伪。示范服务大厅 自助服务终端 1", 32)
    assert footer == ["扫码核验真伪。示范服务大厅", "自助服务终端 1"]
    sixteen = "一二三四五六七八九十一二三四五六"
    assert wrap(sixteen + "七", 32) == [sixteen, "七"]  # no space: broken where it must
    headers = ["月份", "基数(元)", "个人(元)", "单位(元)"]
    table = Table(headers, [["2025-12", "9150.00", "732.00", "1464.00"]])
    lines = document_text(Document([table]), 32).splitlines()
    assert lines[0].split() == ["月份", "基数", "个人", "单位"]  # every header broken alike
    assert lines[1].split() == ["(元)", "(元)", "(元)"]
    assert all(width(line) <= 32 for line in lines)


def test_wide_table_falls_back_to_lines() -> None:
    headers = [f"h{i}" for i in range(20)]
    text = document_text(Document([Table(headers, [[str(i) for i in range(20)]])]), 32)
    assert "h19" in text and all(width(line) <= 32 for line in text.splitlines())


def test_invalid_elements_are_refused() -> None:
    with pytest.raises(ValueError):
        Line("x", align="middle")  # type: ignore[arg-type]  # the wrong value under test
    with pytest.raises(ValueError):
        Table(["a", "b"], [["only one"]])
    with pytest.raises(ValueError):
        QRCode("")
    with pytest.raises(ValueError):
        Feed(300)


def test_control_characters_never_reach_the_printer_raw() -> None:
    assert wrap("a\x1b@b", 32) == ["a\\x1b@b"]


@given(st.text(max_size=200), st.sampled_from([32, 48]))
def test_wrap_fits_and_keeps_every_character(text: str, columns: int) -> None:
    lines = wrap(text, columns)
    assert all(width(line) <= columns for line in lines)
    kept = "".join(lines).replace(" ", "")
    from devices.printer.charset import visible

    assert kept == visible(text).replace("\n", "").replace(" ", "")
