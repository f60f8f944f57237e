"""A print step's document, filled from the visit, in the printer's document model."""

from __future__ import annotations

from collections.abc import Mapping

from devices.printer.document import (
    Cut,
    Document,
    Element,
    Feed,
    KeyValue,
    Line,
    QRCode,
    Separator,
    Table,
    Title,
)
from kiosk.catalog.schema import DocumentSpec
from kiosk.flow.engine import FlowEngine
from kiosk.i18n import t
from kiosk.text import Lang, fill


def build_document(spec: DocumentSpec, engine: FlowEngine, lang: Lang) -> Document:
    values = engine.values(lang)
    elements: list[Element] = [Title(spec.title.get(lang)), Separator()]
    for row in spec.rows:
        value = fill(row.value, values)
        if value:
            elements.append(KeyValue(row.label.get(lang), value))
    if spec.table_from:
        answer = engine.answer(spec.table_from)
        if answer is not None and answer.table is not None and answer.table.rows:
            elements.append(Separator())
            elements.append(
                Table(
                    [h.get(lang) for h in answer.table.headers],
                    [list(r) for r in answer.table.rows],
                )
            )
    qr = fill(spec.qr, values) if spec.qr else ""
    if qr:
        elements += [Separator(), QRCode(qr)]
    if spec.footer:
        elements.append(Line(spec.footer.format(lang, values), align="center"))
    elements.append(Line(values.get("today", ""), align="center"))
    elements += [Feed(3), Cut()]
    return Document(elements, title=spec.title.get(lang))


def ticket_document(values: Mapping[str, str], lang: Lang, today: str = "") -> Document:
    """A counter ticket: the number large, the counter, how many wait ahead, the visit's
    reference and a QR with the visit's phone link (else the counter page's address for the
    reference): nothing personal on the paper or in the code."""
    elements: list[Element] = [Title(t("ticket.title", lang)), Title(values.get("number", ""))]
    elements.append(Separator())
    for key, label in (("counter", "ticket.window"), ("ahead", "ticket.waiting")):
        if values.get(key):
            elements.append(KeyValue(t(label, lang), values[key]))
    if values.get("reference"):
        elements.append(KeyValue(t("ticket.reference", lang), values["reference"]))
    link = values.get("phone_link") or values.get("counter_link", "")
    if link:
        elements += [Separator(), QRCode(link), Line(t("ticket.qr", lang), align="center")]
    if today:
        elements.append(Line(today, align="center"))
    elements += [Feed(3), Cut()]
    return Document(elements, title=t("ticket.title", lang))
