"""The resident's page says who is ahead as the kiosk's ticket screen does."""

from __future__ import annotations

from ui.web.words import resident


def test_who_is_ahead_reads_as_a_person_would_say_it() -> None:
    assert resident("zh", "ahead", n=0) == "前面没有人等候，下一位就是您"
    assert resident("zh", "ahead", n=3) == "前面还有 3 人"
    assert resident("en", "ahead", n=1) == "1 person ahead of you"
    assert resident("en", "ahead", n=0) == "No one is ahead of you: you are next"
