"""Lay a document out in rows that fit the paper: wrapping, key-value lines and tables.

Widths come from the charset, so a CJK character takes two columns. The encoder turns the rows
into ESC/POS bytes; :func:`rows_to_text` turns them into plain text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from devices.printer.charset import DEFAULT_CHARSET, Charset, visible
from devices.printer.document import (
    Align,
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


@dataclass(frozen=True)
class TextRow:
    text: str
    align: Align = "left"
    bold: bool = False
    big: bool = False  # double width and height: half the columns


@dataclass(frozen=True)
class QrRow:
    data: str


@dataclass(frozen=True)
class FeedRow:
    lines: int


@dataclass(frozen=True)
class CutRow:
    pass


Row = TextRow | QrRow | FeedRow | CutRow

_NUMERIC = re.compile(r"^[-+]?[¥$€]?[\d,]+(\.\d+)?%?$")


def wrap(text: str, columns: int, charset: Charset = DEFAULT_CHARSET) -> list[str]:
    """Greedy wrap by display width. Latin text breaks at spaces; Chinese text anywhere, but at
    a space or before an opening bracket when the line keeps at least half its width, so a
    name ("示范服务大厅 自助服务终端") or a unit ("基数(元)") stays whole."""
    lines: list[str] = []
    for para in visible(text).split("\n"):
        line, width = "", 0
        for ch in para:
            w = charset.width(ch)
            if width + w > columns and line:
                cut = _break_at(line, ch, columns, charset)
                if cut > 0:
                    lines.append(line[:cut].rstrip(" "))
                    line = line[cut:].lstrip(" ")
                else:
                    lines.append(line.rstrip(" "))
                    line = ""
                if ch == " " and not line:
                    width = 0
                    continue
                width = charset.text_width(line)
            line += ch
            width += w
        lines.append(line.rstrip(" "))
    return lines


def _break_at(line: str, next_char: str, columns: int, charset: Charset) -> int:
    """Where to break ``line`` (full) before ``next_char``: the index the next line starts at,
    or 0 to break right here."""
    if next_char == " ":
        return 0
    space = line.rfind(" ")
    if space > 0 and line[space + 1 :].isascii():
        return space + 1  # a Latin word is never cut
    bracket = max(line.rfind("("), line.rfind("（"))
    cut = max(space + 1 if space > 0 else 0, bracket if bracket > 0 else 0)
    if cut > 0 and charset.text_width(line[:cut].rstrip(" ")) * 2 >= columns:
        return cut
    return 0


def pad(text: str, columns: int, align: Align, charset: Charset = DEFAULT_CHARSET) -> str:
    space = max(0, columns - charset.text_width(text))
    if align == "right":
        return " " * space + text
    if align == "center":
        return " " * (space // 2) + text + " " * (space - space // 2)
    return text + " " * space


def _key_value(item: KeyValue, columns: int, charset: Charset) -> list[TextRow]:
    key, value = visible(item.key), visible(item.value)
    gap = columns - charset.text_width(key) - charset.text_width(value)
    if gap >= 1 and "\n" not in key + value:
        return [TextRow(key + " " * gap + value)]
    rows = [TextRow(line) for line in wrap(key, columns, charset)]
    return rows + [TextRow(line, "right") for line in wrap(value, columns, charset)]


def _column_widths(table: Table, available: int, charset: Charset) -> list[int] | None:
    cells = [table.headers, *table.rows]
    widths = [
        max(2, *(charset.text_width(visible(row[i])) for row in cells))
        for i in range(len(table.headers))
    ]
    if 2 * len(widths) > available:
        return None
    if sum(widths) > available:
        # First the headers on two lines, each broken where it reads well ("基数" over "(元)"),
        # every column as wide as its cells: all headers then wrap alike.
        compact = [
            max(
                2,
                _widest_part(visible(table.headers[i]), charset),
                *(charset.text_width(visible(row[i])) for row in table.rows),
            )
            for i in range(len(widths))
        ]
        widths = [min(w, c) for w, c in zip(widths, compact, strict=True)]
    while sum(widths) > available:  # shrink the widest column until the table fits
        widest = widths.index(max(widths))
        widths[widest] -= 1
    return widths


def _widest_part(header: str, charset: Charset) -> int:
    """The widest piece of a header broken at its spaces and before its brackets."""
    parts = re.split(r" |(?=[(（])", header)
    return max((charset.text_width(p) for p in parts if p), default=0)


def _table(table: Table, columns: int, charset: Charset) -> list[TextRow]:
    if not table.headers:
        return []
    widths = _column_widths(table, columns - (len(table.headers) - 1), charset)
    if widths is None:  # too many columns for the paper: one "header: cell" line per cell
        rows: list[TextRow] = []
        for record in table.rows:
            for header, cell in zip(table.headers, record, strict=True):
                rows += _key_value(KeyValue(header, cell), columns, charset)
            rows.append(TextRow("-" * columns))
        return rows
    numeric = [
        all(_NUMERIC.match(r[i].strip()) for r in table.rows) and bool(table.rows)
        for i in range(len(widths))
    ]

    def render(record: list[str], bold: bool) -> list[TextRow]:
        wrapped = [wrap(cell, w, charset) for cell, w in zip(record, widths, strict=True)]
        height = max(len(lines) for lines in wrapped)
        out = []
        for n in range(height):
            parts = [
                pad(lines[n] if n < len(lines) else "", w, "right" if num else "left", charset)
                for lines, w, num in zip(wrapped, widths, numeric, strict=True)
            ]
            out.append(TextRow(" ".join(parts).rstrip(), bold=bold))
        return out

    rows = [*render(table.headers, True), TextRow("-" * columns)]
    for record in table.rows:
        rows += render(record, False)
    return rows


def layout(document: Document, columns: int, charset: Charset = DEFAULT_CHARSET) -> list[Row]:
    rows: list[Row] = []
    for item in document.elements:
        if isinstance(item, Title):
            rows += [
                TextRow(t, "center", True, True) for t in wrap(item.text, columns // 2, charset)
            ]
        elif isinstance(item, Line):
            rows += [TextRow(t, item.align, item.bold) for t in wrap(item.text, columns, charset)]
        elif isinstance(item, KeyValue):
            rows += _key_value(item, columns, charset)
        elif isinstance(item, Table):
            rows += _table(item, columns, charset)
        elif isinstance(item, QRCode):
            rows.append(QrRow(item.data))
        elif isinstance(item, Separator):
            rows.append(TextRow("-" * columns))
        elif isinstance(item, Feed):
            rows.append(FeedRow(item.lines))
        elif isinstance(item, Cut):
            rows.append(CutRow())
    return rows


def rows_to_text(rows: list[Row], columns: int, charset: Charset = DEFAULT_CHARSET) -> str:
    lines: list[str] = []
    for row in rows:
        if isinstance(row, TextRow):
            lines.append(pad(row.text, columns, row.align, charset).rstrip(" "))
        elif isinstance(row, QrRow):
            lines.append(pad(f"[QR: {row.data}]", columns, "center", charset).rstrip(" "))
        elif isinstance(row, FeedRow):
            lines += [""] * row.lines
    return "\n".join(lines) + "\n"


def document_text(document: Document, columns: int = 48) -> str:
    """The receipt as plain text, laid out as it prints on paper this many columns wide."""
    return rows_to_text(layout(document, columns), columns)
