"""Private data in speech (kiosk.speech.private), where a wrong ID number is wrong, and a skipped
rating recorded as not rated, all without Qt."""

from __future__ import annotations

from sqlalchemy import select

from kiosk import identity
from kiosk.api.kiosk import KioskApi
from kiosk.backends.base import Answer
from kiosk.config import Settings
from kiosk.flow.engine import NOT_RATED
from kiosk.flow.events import EventKind
from kiosk.flow.state import Outcome
from kiosk.i18n import t
from kiosk.speech.normalize import speakable
from kiosk.speech.private import aloud, looks_private, mark_personal, mark_values, private
from kiosk.store.models import Rating
from tests.kiosk.test_engine import make


def test_private_spans_are_said_only_through_a_headset() -> None:
    said = "持卡人：" + private("张三") + "\n本月应缴：" + private("¥1,234.50")
    loud = aloud(said, "zh", headset=False)
    assert "张三" not in loud and "1,234" not in loud
    assert loud.count(t("private.hidden", "zh")) == 2
    assert loud.endswith(t("private.advice", "zh"))  # told once what to do
    assert aloud(said, "zh", headset=True) == "持卡人：张三\n本月应缴：¥1,234.50"
    english = aloud("Holder: " + private("Zhang San"), "en", headset=False)
    assert "Zhang" not in english and "headset" in english
    assert aloud("请选择", "yue", headset=False) == "请选择"  # nothing private: no advice


def test_names_id_numbers_card_numbers_and_amounts_are_private() -> None:
    for value in ("¥12.00", "9150.00", "320元", "110105********123X", "A10***001"):
        assert looks_private(value), value
    for value in ("第 3 步", "2026-12-04", "GS6B1DD308", "3-5号窗口", "402"):
        assert not looks_private(value), value
    marked = mark_values({"resident.name": "李四", "period.label": "近 12 个月", "x": "¥5"})
    assert marked == {
        "resident.name": private("李四"),
        "period.label": "近 12 个月",
        "x": private("¥5"),
    }
    receipt = "姓名  李四\n身份证号  110105********123X\n金额  ¥1,234.50\n核验码  CD56D7D007C4"
    heard = aloud(mark_personal(receipt, ("李四",)), "zh", headset=False)
    assert "李四" not in heard and "123X" not in heard and "1,234" not in heard
    assert "CD56D7D007C4" in heard  # a verification code is not personal


def test_the_normaliser_never_says_a_mark() -> None:
    assert "\u27e6" not in speakable(private("¥5"), "zh")
    assert speakable(private("5"), "en") == "five"


def test_a_wrong_id_number_says_where_to_look() -> None:
    assert identity.wrong_span("11010519491231A02X", identity.IdProblem.CHARACTERS) == (15, 15)
    assert identity.wrong_span("110105194913310021", identity.IdProblem.BIRTH_DATE) == (7, 14)
    assert identity.wrong_span("110105194912310020", identity.IdProblem.CHECK_DIGIT) is None


def test_a_skipped_rating_is_recorded_as_not_rated() -> None:
    engine, sink, _ = make("counter-ticket")
    engine.choose("other")
    engine.task_done(Answer())
    engine.advance()
    engine.rate(NOT_RATED, "a reason is dropped")
    assert engine.ended and engine.state.outcome is Outcome.COMPLETED
    rated = [d for _, kind, d in sink.events if kind is EventKind.RATED]
    assert rated == [
        {"step": "rate", "level": NOT_RATED, "reason": "", "service": "counter-ticket"}
    ]


def test_not_rated_is_a_rating_row_of_the_same_shape(db_settings: Settings) -> None:
    with KioskApi.open(db_settings) as core:
        engine = core.start_visit("counter-ticket", "zh")
        engine.choose("other")
        engine.task_done(Answer())
        engine.advance()
        engine.rate(NOT_RATED)
        core.sink.flush()
        with core.store.sessions() as session:
            row = session.scalars(select(Rating)).one()
            assert (row.level, row.reason, row.service_id) == (NOT_RATED, "", "counter-ticket")


def test_a_typed_id_number_gets_the_name_a_card_would(db_settings: Settings) -> None:
    with KioskApi.open(db_settings) as core:
        name, number = core.demo_residents()[0]
        assert core.resident_from_number(number).name == name
        assert core.resident_from_number("110105194912310021").name == ""  # not in the records
