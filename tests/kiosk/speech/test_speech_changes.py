"""A screen drawn again on the same step says only what is new (kiosk.speech.changes)."""

from __future__ import annotations

from kiosk.speech.changes import news
from kiosk.speech.private import private


def test_only_the_lines_not_said_just_before_are_said() -> None:
    printing = "打印参保证明\n请选“打印”。\n正在打印，请稍候……"
    printed = "打印参保证明\n请选“打印”。\n打印完成，请在出纸口取走。\n第1项，下一步"
    assert news(printing, printed) == "打印完成，请在出纸口取走。\n第1项，下一步"
    assert news(printed, printed) == ""
    assert news("", printed) == printed


def test_a_personal_span_over_several_lines_is_one_line() -> None:
    table = private("2024-01 ¥100\n2024-02 ¥100", "2 个月")
    before = f"缴费记录\n{table}"
    after = f"缴费记录\n{table}\n第1项，打印"
    assert news(before, after) == "第1项，打印"
    changed = private("2024-01 ¥100\n2024-03 ¥120", "2 个月")
    assert news(before, f"缴费记录\n{changed}") == changed
