"""The kinds of step a service is made of, and the checks a typed value can be given.

Apart from the service model (``schema``) so the kiosk's window, which tells steps apart by
kind, holds these before any service is loaded.
"""

from __future__ import annotations

from enum import StrEnum


class StepKind(StrEnum):
    INFO = "info"
    CHOOSE = "choose"
    IDENTIFY = "identify"
    INPUT = "input"
    CONFIRM = "confirm"
    LOOKUP = "lookup"
    PRINT = "print"
    HANDOFF = "handoff"
    TICKET = "ticket"
    RATE = "rate"
    DONE = "done"


class Validator(StrEnum):
    ID_NUMBER = "id_number"
    PHONE = "phone"
    DATE = "date"
    AMOUNT = "amount"
    DIGITS = "digits"
