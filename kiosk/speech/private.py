"""Private data in speech: said only through a headset.

Screens mark the spans of their speech that are personal (a name, an ID number, an amount) with
``private``; ``aloud`` then keeps them for a headset, and on the loudspeaker replaces each with a
short notice and tells the resident, once, to plug in a headset or read the screen. The marks
never reach the synthesiser: the normaliser strips any that are left.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from kiosk.i18n import t
from kiosk.text import Lang

OPEN, CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧: never in screen text
_SPAN = re.compile(f"{OPEN}(.*?){CLOSE}", re.DOTALL)
# The placeholders that always name a person.
PRIVATE_NAMES = frozenset({"resident.name", "resident.masked", "resident.id"})
_MONEY = re.compile(
    r"[¥￥]\s?\d[\d,]*(?:\.\d+)?元?|\d[\d,]*(?:\.\d+)?\s?元|(?<![\d.])\d[\d,]*\.\d{2}(?![\d.])"
)
# An ID number, full or masked, and any masked number (a card number shown as A10***001).
_ID = re.compile(r"\b\d{6}[\d*•●＊]{8,11}[\dXx*•●＊]\b|[0-9A-Za-z]+[*•●＊]{2,}[0-9A-Za-z]*")


def private(text: str) -> str:
    """``text`` marked as personal ("" stays "")."""
    return f"{OPEN}{text}{CLOSE}" if text else ""


def looks_private(value: str) -> bool:
    """A value that is an amount of money or an ID number, masked or not."""
    return bool(_MONEY.search(value) or _ID.search(value))


def mark_values(values: Mapping[str, str]) -> dict[str, str]:
    """Placeholder values with the personal ones marked, for the spoken form of a text."""
    return {
        name: private(value) if name in PRIVATE_NAMES or looks_private(value) else value
        for name, value in values.items()
    }


def mark_personal(text: str, names: tuple[str, ...] = ()) -> str:
    """Free text (a receipt) with its amounts, ID numbers and the given names marked."""
    spans = [m.span() for m in _MONEY.finditer(text)] + [m.span() for m in _ID.finditer(text)]
    for name in (n for n in names if n):
        spans += [m.span() for m in re.finditer(re.escape(name), text)]
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue  # inside a span already marked
        out += [text[at:start], private(text[start:end])]
        at = end
    return "".join(out) + text[at:]


def strip_marks(text: str) -> str:
    return text.replace(OPEN, "").replace(CLOSE, "")


def has_private(text: str) -> bool:
    return bool(_SPAN.search(text))


def aloud(text: str, lang: Lang, *, headset: bool) -> str:
    """What may be said: everything with a headset; on the loudspeaker, the personal spans
    replaced by a notice, and the advice to plug in a headset said once at the end."""
    if headset or not has_private(text):
        return strip_marks(text)
    said = _SPAN.sub(t("private.hidden", lang), text)
    return f"{strip_marks(said)}\n{t('private.advice', lang)}"
