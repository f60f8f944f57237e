"""Codes a resident repeats at a counter (a ticket number, a visit reference, the ticket made
without the store): marked where they are put into words, so the voice reads them character by
character, letters by name and digits one by one, with a short pause at a dash, whatever they
look like. Unmarked, the text rules would guess: "L1138-0615E0AF" reads as a ticket, then a
number ("six hundred fifteen"). The marks are never shown: a screen shows ``unmarked`` text."""

from __future__ import annotations

import re
from collections.abc import Callable

OPEN, CLOSE = "\u27ea", "\u27eb"  # ⟪ ⟫: never in screen text
_SPAN = re.compile(f"{OPEN}([^{OPEN}{CLOSE}]*){CLOSE}")


def code(text: str) -> str:
    """``text`` marked as a code ("" stays "")."""
    return f"{OPEN}{text}{CLOSE}" if text else ""


def unmarked(text: str) -> str:
    """The text as shown: codes without their marks."""
    return text.replace(OPEN, "").replace(CLOSE, "")


def read_codes(text: str, say: Callable[[str], str]) -> str:
    """Each marked code replaced by ``say(code)``; the rest as it is."""
    return _SPAN.sub(lambda m: say(m.group(1)), text)
