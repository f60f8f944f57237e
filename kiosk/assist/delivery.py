"""A call that cannot reach anyone still gets the resident to a person.

``deliver`` runs the raise on its own thread and waits at most ``delivery_timeout_s`` (5 s). If
the store did not take the request by then, the caller is told (``delivered`` False) and shows
``fallback_text``: where the staffed counters are, the hotline, and a locally made ticket that
carries the visit reference, so the counter can open what the resident already did once the
records reach the store. The attempt goes on in the background; ``late`` gives its result.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass

from kiosk.speech.codes import code
from kiosk.text import Lang, text_language


@dataclass(frozen=True)
class Delivery:
    request_id: int | None
    delivered: bool
    error: str = ""
    late: Future[int] | None = None  # the attempt still running after the timeout


def deliver(raise_call: Callable[[], int], timeout_s: float) -> Delivery:
    """BLOCKING for at most ``timeout_s``: the request id, or why the resident must be sent on."""
    future: Future[int] = Future()

    def attempt() -> None:
        try:
            future.set_result(raise_call())
        except BaseException as exc:
            future.set_exception(exc)

    threading.Thread(target=attempt, name="help-delivery", daemon=True).start()
    try:
        return Delivery(future.result(timeout=timeout_s), True)
    except TimeoutError:
        return Delivery(None, False, "timeout", late=future)
    except Exception as exc:  # the store refused: same answer for the resident
        return Delivery(None, False, exc.__class__.__name__)


def local_ticket(reference: str, now: dt.datetime | None = None) -> str:
    """A ticket number the kiosk can make without the store: time and the visit reference."""
    now = now or dt.datetime.now()
    return f"L{now:%H%M}-{reference}"


def fallback_text(hotline: str, ticket: str, lang: Lang = "zh") -> str:
    """Where to go instead; the ticket marked as a code, read character by character."""
    ticket = code(ticket)
    if text_language(lang) == "en":
        return (
            "We could not reach the staff desk. Please go to a staffed counter with this "
            f"ticket: {ticket}. Or call {hotline}."
        )
    return f"暂时无法通知工作人员。请持排队号 {ticket} 到人工服务窗口，或拨打 {hotline}。"
