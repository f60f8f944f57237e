"""The operations a lookup step may name: the vocabulary the catalogue checks its files against
and the backend protocol implements. Plain data, so loading the catalogue (home's first paint)
does not import the protocol, its answers and the identity rules.
"""

from __future__ import annotations

# Operation name -> the parameters a lookup step must give it (the resident is implicit).
OPERATIONS: dict[str, tuple[str, ...]] = {
    "contributions": ("period",),
    "certificate": ("kind",),
    "card_status": (),
    "report_loss": (),
    "update_phone": ("phone",),
    "pension_certify": (),
}

# Operations that act in the resident's name: done once, never repeated by going back.
WRITE_OPERATIONS = frozenset({"report_loss", "update_phone", "pension_certify"})

# Operations that take something away from the resident at once and cannot be undone at the
# kiosk (a card stops working): the confirmation before one starts on its safe answer.
IRREVERSIBLE_OPERATIONS = frozenset({"report_loss"})
