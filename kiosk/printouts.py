"""What the kiosk prints, in the printer's document model: a print step's receipt, filled from
the visit, and a counter ticket.

A receipt is read from the visit on the GUI thread (``read_receipt``) and laid out on a worker
(``Receipt.document``) once its 掌上办 link is made: the link is a row in the store, and the
visit must not be read from another thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

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
from kiosk.backends.base import Table as AnswerTable
from kiosk.catalog.schema import DocumentSpec, InputStep
from kiosk.flow.engine import FlowEngine
from kiosk.i18n import t
from kiosk.identity import mask_name
from kiosk.peripherals.port import PrintOutcome
from kiosk.text import TEXT_LANGS, Lang, fill, placeholders


@dataclass(frozen=True)
class PhoneQr:
    """The 掌上办 link a receipt carries and until when it opens (local time, to the minute);
    an empty ``url`` when none could be made: no hall server, or the store did not answer."""

    url: str
    until: str = ""


@dataclass(frozen=True)
class PrintedReceipt:
    """How a receipt's print went, and whether it was to carry a 掌上办 code and came out
    without one (no hall server, or the store did not answer): the screen then says so."""

    outcome: PrintOutcome
    no_phone_code: bool = False


@dataclass(frozen=True)
class Receipt:
    """A print step's paper as it stood when Print was pressed."""

    spec: DocumentSpec
    lang: Lang
    values: Mapping[str, str]
    table: AnswerTable | None
    visit_id: str
    service_id: str
    reference: str
    phone: Mapping[str, Any] | None  # what its 掌上办 page shows; None: the paper has no link

    def document(self, qr: PhoneQr | None = None) -> Document:
        """The paper. With ``spec.phone_qr``, ``qr`` says what the link part prints: the code
        and until when it opens, or (no link) a line saying there is none; a resident with no
        smartphone has everything on the paper, and the reference a counter looks it up by.
        Without ``qr`` that part is left out (the receipt as it is read aloud)."""
        spec, lang, values = self.spec, self.lang, self.values
        elements: list[Element] = [Title(spec.title.get(lang)), Separator()]
        for row in spec.rows:
            value = fill(row.value, values)
            if value:
                elements.append(KeyValue(row.label.get(lang), value))
        if self.table is not None and self.table.rows:
            elements.append(Separator())
            elements.append(
                Table([h.get(lang) for h in self.table.headers], [list(r) for r in self.table.rows])
            )
        verify = fill(spec.qr, values) if spec.qr else ""
        if verify:
            elements += [Separator(), QRCode(verify)]
        if spec.phone_qr and qr is not None:
            elements += self._phone_part(qr)
        if spec.footer:
            elements.append(Line(spec.footer.format(lang, values), align="center"))
        elements.append(Line(values.get("today", ""), align="center"))
        elements += [Feed(3), Cut()]
        return Document(elements, title=spec.title.get(lang))

    def _phone_part(self, qr: PhoneQr) -> list[Element]:
        lang = self.lang
        part: list[Element] = [Separator()]
        if qr.url:
            part += [QRCode(qr.url), Line(t("receipt.qr", lang), align="center")]
            part.append(Line(t("receipt.until", lang, until=qr.until), align="center"))
        else:
            part.append(Line(t("receipt.no_qr", lang), align="center"))
        if self.reference:
            part.append(KeyValue(t("ticket.reference", lang), self.reference))
        paper = t("receipt.paper", lang)
        part.append(Line(t("receipt.no_phone", lang) + paper if qr.url else paper))
        return part


def read_receipt(
    spec: DocumentSpec, engine: FlowEngine, phone: Mapping[str, Any] | None = None
) -> Receipt:
    """GUI thread: what the paper needs, copied from the visit. ``phone`` is the content of its
    掌上办 page (``KioskApi.receipt_for`` adds the receipt itself, ``phone_receipt``)."""
    answer = engine.answer(spec.table_from) if spec.table_from else None
    s = engine.state
    return Receipt(
        spec,
        s.language,
        engine.values(s.language),
        answer.table if answer is not None and answer.table is not None else None,
        s.visit_id,
        s.service_id,
        s.reference,
        phone if spec.phone_qr else None,
    )


def build_document(spec: DocumentSpec, engine: FlowEngine, lang: Lang) -> Document:
    """A print step's paper without its 掌上办 part (as it is read aloud)."""
    receipt = read_receipt(spec, engine)
    return replace(receipt, lang=lang, values=engine.values(lang), phone=None).document()


def phone_receipt(spec: DocumentSpec, engine: FlowEngine) -> dict[str, Any]:
    """The receipt as its 掌上办 page shows it, in both screen languages: the same rows and
    table, the name masked (王**), and no row that shows what the resident typed."""
    typed = {s.field for s in engine.service.steps if isinstance(s, InputStep)}
    filled: dict[str, dict[str, str]] = {}
    for lang in TEXT_LANGS:
        values = dict(engine.values(lang))
        if values.get("resident.name"):
            values["resident.name"] = mask_name(values["resident.name"])
        filled[lang] = values
    rows = []
    for row in spec.rows:
        if any(name.split(".")[0] in typed for name in placeholders(row.value)):
            continue
        value = {lang: fill(row.value, filled[lang]) for lang in TEXT_LANGS}
        if any(value.values()):
            rows.append({"label": {"zh": row.label.zh, "en": row.label.en}, "value": value})
    table: dict[str, Any] | None = None
    answer = engine.answer(spec.table_from) if spec.table_from else None
    if answer is not None and answer.table is not None and answer.table.rows:
        table = {
            "headers": [{"zh": h.zh, "en": h.en} for h in answer.table.headers],
            "rows": [list(r) for r in answer.table.rows],
        }
    return {"title": {"zh": spec.title.zh, "en": spec.title.en}, "rows": rows, "table": table}


def guide_document(
    title: str, paragraphs: list[str], url: str, lang: Lang, footer: str = "", today: str = ""
) -> Document:
    """A guide on paper, the same words as its page (what to bring, where to go), and that
    page's code where the kiosk has a hall server to point at."""
    elements: list[Element] = [Title(title), Separator()]
    elements += [Line(p) for p in paragraphs]
    if url:
        elements += [Separator(), QRCode(url), Line(t("guide.qr", lang), align="center")]
    for line in (footer, today):
        if line:
            elements.append(Line(line, align="center"))
    elements += [Feed(3), Cut()]
    return Document(elements, title=title)


def ticket_document(values: Mapping[str, str], lang: Lang, today: str = "") -> Document:
    """A counter ticket: the number large, the counter, how many wait ahead, the visit's
    reference and a QR with the visit's phone link (else the counter page's address for the
    reference): nothing personal on the paper or in the code. With no hall server there is no
    code: the number and the reference are all the counter needs."""
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
