"""Private data in speech (kiosk.speech.private), where a wrong ID number is wrong, and a skipped
rating recorded as not rated, all without Qt."""

from __future__ import annotations

from sqlalchemy import select

from devices.printer.document import Document, KeyValue, Line, Title
from kiosk import identity
from kiosk.api.kiosk import KioskApi
from kiosk.backends.base import Answer
from kiosk.config import Settings
from kiosk.flow.engine import NOT_RATED
from kiosk.flow.events import EventKind
from kiosk.flow.state import Outcome
from kiosk.i18n import t
from kiosk.speech.normalize import speakable
from kiosk.speech.private import (
    aloud,
    looks_private,
    mark_personal,
    mark_value,
    mark_values,
    private,
)
from kiosk.speech.tables import receipt_speech, table_speech
from kiosk.store.models import Rating
from tests.helpers.engines import make


def test_private_spans_are_said_only_through_a_headset() -> None:
    said = "持卡人：" + private("张三") + "\n本月应缴：" + private("¥1,234.50") + "\n请核对"
    loud = aloud(said, "zh", headset=False)
    assert "张三" not in loud and "1,234" not in loud
    # One notice where the first was kept back, naming both; no notice per value.
    assert loud == t("private.notice_items", "zh", what="持卡人、本月应缴") + "\n请核对"
    assert aloud(said, "zh", headset=True) == "持卡人：张三\n本月应缴：¥1,234.50\n请核对"
    english = aloud("Holder: " + private("Zhang San"), "en", headset=False)
    assert "Zhang" not in english and "headset" in english and "Holder" in english
    assert aloud("请选择", "yue", headset=False) == "请选择"  # nothing private: no notice


def test_a_span_may_say_something_instead_on_the_loudspeaker() -> None:
    phone = "新号码：" + mark_value("13912345678")
    assert aloud(phone, "zh", headset=True) == "新号码：13912345678"
    loud = aloud(phone, "zh", headset=False)
    assert loud.startswith("新号码：139****5678") and "不在扬声器上读出" in loud
    echo = "已输入：" + private("5", "已输入 3 位", quiet=True)
    assert aloud(echo, "zh", headset=False) == "已输入：已输入 3 位"  # no notice
    inline = "您好，" + private("张三") + "，请继续"
    loud = aloud(inline, "zh", headset=False)
    assert "张三" not in loud and t("private.inline", "zh") in loud


def test_a_table_with_amounts_is_counted_on_the_loudspeaker() -> None:
    headers = ["月份", "个人(元)"]
    rows = [["2026-01", "732.00"], ["2026-02", "732.00"], ["2026-03", "732.80"]]
    said = table_speech(headers, rows[:2], "zh", whole=rows)
    full = "月份 2026-01，个人(元) 732.00\n月份 2026-02，个人(元) 732.00"
    assert aloud(said, "zh", headset=True) == full
    loud = aloud("缴费记录\n" + said, "zh", headset=False)
    assert "732" not in loud
    assert loud == (
        "缴费记录\n共 3 行，月份从 2026-01 到 2026-03。\n"
        + t("private.notice_items", "zh", what=t("table.amounts", "zh"))
    )
    plain = table_speech(["窗口", "业务"], [["1", "养老"]], "en")
    assert plain == "窗口 1, 业务 养老"  # nothing personal: said as it is


def test_names_id_numbers_card_numbers_and_amounts_are_private() -> None:
    for value in ("¥12.00", "9150.00", "320元", "110105********123X", "A10***001", "13912345678"):
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
    assert "李四" not in heard and "1,234" not in heard
    assert "110105" not in speakable(heard, "zh") and "尾号" in speakable(heard, "zh")
    assert "CD56D7D007C4" in heard  # a verification code is not personal


def test_a_printout_keeps_an_id_number_back_whole_and_says_it_is_on_paper() -> None:
    document = Document(
        [
            Title("参保证明"),
            KeyValue("姓名", "李四"),
            KeyValue("身份证号", "110105********123X"),
            Line("持证人 110105********123X 已参保"),
            KeyValue("核验码", "CD56D7D007C4"),
        ]
    )
    said = receipt_speech(document, "zh", ("李四",))
    loud = aloud(said, "zh", headset=False)
    assert "123X" not in loud and "110105" not in loud and "尾号" not in speakable(loud, "zh")
    assert t("private.printed_items", "zh", what="姓名、身份证号") in loud
    assert "CD56D7D007C4" in loud
    assert "身份证号：110105********123X" in aloud(said, "zh", headset=True)


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
