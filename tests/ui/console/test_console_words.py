"""A refusal said once: the console and the phone page give the same sentence for a call
another helper has, naming that helper and everyone who may override it."""

from __future__ import annotations

from kiosk.api.errors import CallTaken
from kiosk.assist.vocabulary import OVERRIDES_CALLS, call_taken_words
from ui.console import words

ROLE_WORDS = {"supervisor": "主管", "manager": "经理"}


def test_the_console_refuses_a_taken_call_in_the_shared_words() -> None:
    said = words.refusal(CallTaken(7, 3, "王五"))
    assert said == call_taken_words("王五", acting=True)
    assert "只有 王五" in said
    # Everyone who may close or take over another's call is named.
    assert all(ROLE_WORDS[role] in said for role in OVERRIDES_CALLS)


def test_a_holder_without_a_name_is_a_colleague() -> None:
    assert "其他同事" in words.refusal(CallTaken(7, None, ""))
    assert call_taken_words("", acting=False) == "这个呼叫已由 其他同事 接手"
