"""Tables and printouts as said, their personal parts marked (kiosk.speech.private).

A table row is said cell by cell, each with its column's name. When any cell is personal (an
amount), the rows are said in full only through a headset: the loudspeaker hears how many rows
there are and what the first column that is not personal spans (the months covered). A
printout is said from its document, element by element, as it reads on paper: its title, each
label with its value, its table, its lines; never a QR code or a rule.
"""

from __future__ import annotations

from collections.abc import Sequence

from devices.printer.document import Document, KeyValue, Line, Table, Title
from kiosk.i18n import t
from kiosk.speech.codes import code
from kiosk.speech.private import looks_money, looks_private, mark_personal, mark_value, private
from kiosk.text import Lang, text_language


def _sep(lang: Lang) -> str:
    return "，" if text_language(lang) == "zh" else ", "


def row_speech(headers: Sequence[str], row: Sequence[str], lang: Lang) -> str:
    """One row: each cell after its column's name; empty cells left out."""
    return _sep(lang).join(f"{h} {c}" for h, c in zip(headers, row, strict=False) if str(c).strip())


def personal_columns(rows: Sequence[Sequence[str]]) -> set[int]:
    return {i for row in rows for i, cell in enumerate(row) if looks_private(str(cell))}


def table_summary(headers: Sequence[str], rows: Sequence[Sequence[str]], lang: Lang) -> str:
    """What the loudspeaker may say of a table: its rows counted, and the span of its first
    column that holds nothing personal ("共 12 行，月份从 2025-12 到 2026-11。")."""
    personal = personal_columns(rows)
    said = t("table.rows", lang, n=len(rows))
    public = [i for i in range(len(headers)) if i not in personal]
    if public and rows:
        col = public[0]
        first, last = str(rows[0][col]), str(rows[-1][col])
        if len(rows) == 1 or first == last:
            said += _sep(lang) + f"{headers[col]} {first}"
        else:
            said += _sep(lang) + t("table.range", lang, column=headers[col], first=first, last=last)
    return said + ("。" if text_language(lang) == "zh" else ".")


def table_speech(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    lang: Lang,
    *,
    whole: Sequence[Sequence[str]] | None = None,
    printed: bool = False,
) -> str:
    """``rows`` (a page of the table ``whole``) as said, a row a line. With a personal cell
    anywhere, all of it is private and the loudspeaker hears the table's summary
    (``printed``: a printout's table, kiosk.speech.private)."""
    whole = rows if whole is None else whole
    said = "\n".join(row_speech(headers, [str(c) for c in row], lang) for row in rows)
    personal = personal_columns(whole)
    if not personal:
        return said
    # The notice names them as amounts where they are: "基数、个人、单位" beside the facts'
    # names would read as one list.
    money = any(looks_money(str(row[i])) for row in whole for i in personal if i < len(row))
    labels = [t("table.amounts", lang)] if money else []
    return private(said, table_summary(headers, whole, lang), labels=labels, printed=printed)


def receipt_speech(document: Document, lang: Lang, names: Sequence[str] = ()) -> str:
    """A printout as said, from its document (not from the paper's columns, which break a
    header or a name mid-word); ``names``: the resident's name, kept back on the loudspeaker.
    Its personal parts are marked as printed: the loudspeaker says that they are on the paper
    and nothing of them, not even an ID number's last digits."""
    sep = "：" if text_language(lang) == "zh" else ": "
    said: list[str] = []
    for element in document.elements:
        if isinstance(element, Title):
            said.append(element.text)
        elif isinstance(element, KeyValue):
            value = element.value
            kept = value in names
            marked = private(value, printed=True) if kept else mark_value(value, printed=True)
            if element.key == t("ticket.reference", lang):
                marked = code(value)  # said back at a counter: character by character
            said.append(f"{element.key}{sep}{marked}")
        elif isinstance(element, Table):
            said.append(table_speech(element.headers, element.rows, lang, printed=True))
        elif isinstance(element, Line):
            said.append(mark_personal(element.text, tuple(names), printed=True))
    return "\n".join(line for line in said if line.strip())
