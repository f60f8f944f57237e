"""A code a resident says back at a counter is read character by character in every language:
the ticket made without the store, a counter ticket's number, a printout's reference."""

from __future__ import annotations

import pytest

from devices.printer.document import Document, KeyValue, Title
from kiosk.assist.delivery import fallback_text
from kiosk.i18n import t, ticket_unprinted
from kiosk.speech.codes import code, unmarked
from kiosk.speech.normalize import speakable
from kiosk.speech.private import aloud
from kiosk.speech.tables import receipt_speech

FALLBACK = "L1138-0615E0AF"
READ = {
    "zh": "L 幺 幺 三 八，零 六 幺 五，E 零 A F",
    "yue": "L 一 一 三 八，零 六 一 五，E 零 A F",
    "en": "L one one three eight, zero six one five, E zero A- F",
}


@pytest.mark.parametrize("lang", ["zh", "yue", "en"])
def test_the_fallback_ticket_is_read_character_by_character(lang: str) -> None:
    said = speakable(aloud(fallback_text("12333", FALLBACK, lang), lang, headset=False), lang)
    assert READ[lang] in said
    assert "六百" not in said and "hundred" not in said


def test_the_fallback_words_show_the_ticket_without_marks() -> None:
    shown = unmarked(fallback_text("12333", FALLBACK, "zh"))
    assert f"请持排队号 {FALLBACK} 到人工服务窗口" in shown


@pytest.mark.parametrize(
    ("lang", "read"), [("zh", "A 零 幺 二"), ("yue", "A 零 一 二"), ("en", "A- zero one two")]
)
def test_a_ticket_number_not_printed_is_read_as_a_code(lang: str, read: str) -> None:
    said = speakable(ticket_unprinted("paper_out", "A012", lang), lang)
    assert read in said


@pytest.mark.parametrize("lang", ["zh", "yue", "en"])
def test_a_printout_reference_of_letters_alone_is_spelt(lang: str) -> None:
    document = Document([Title("排队号"), KeyValue(t("ticket.reference", lang), "ABCDEFAB")])
    said = speakable(aloud(receipt_speech(document, lang), lang, headset=False), lang)
    assert "ABCDEFAB" not in said and "B C D" in said


def test_a_code_at_a_line_start_in_english_is_apart_from_the_words() -> None:
    assert speakable(f"Ticket {code('B07')}.", "en") == "Ticket B zero seven."


@pytest.mark.parametrize("lang", ["zh", "yue", "en"])
def test_an_unmarked_dashed_code_is_not_taken_for_a_ticket_and_a_number(lang: str) -> None:
    said = speakable(f"请持排队号 {FALLBACK} 到人工服务窗口", lang)
    assert READ[lang] in said
