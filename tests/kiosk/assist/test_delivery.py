"""A call the store cannot take in time still sends the resident to a person."""

from __future__ import annotations

import datetime as dt
import threading

from kiosk.assist.delivery import deliver, fallback_text, local_ticket
from kiosk.speech.codes import unmarked


def test_delivered_in_time() -> None:
    result = deliver(lambda: 7, timeout_s=1)
    assert (result.request_id, result.delivered) == (7, True)


def test_store_refuses() -> None:
    def broken() -> int:
        raise ConnectionError("no route")

    result = deliver(broken, timeout_s=1)
    assert not result.delivered and result.error == "ConnectionError"


def test_timeout_tells_the_caller_and_keeps_trying() -> None:
    gate = threading.Event()

    def slow() -> int:
        gate.wait(5)
        return 9

    result = deliver(slow, timeout_s=0.05)
    assert not result.delivered and result.error == "timeout" and result.late is not None
    gate.set()
    assert result.late.result(timeout=5) == 9


def test_fallback_words_and_ticket() -> None:
    ticket = local_ticket("1A2B3C4D", dt.datetime(2025, 3, 1, 9, 5))
    assert ticket == "L0905-1A2B3C4D"
    words = unmarked(fallback_text("12333", ticket))
    assert "12333" in words and ticket in words
    assert "staffed counter" in fallback_text("12333", ticket, "en")
