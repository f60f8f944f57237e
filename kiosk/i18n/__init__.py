"""Fixed words of the kiosk itself (not of a service), in both screen languages.

Kept in the domain, not in ui/, so that speech can pre-render them without Qt and the tests can
check that every message exists in both languages. Placeholders are ``{name}``. Any language of
the language list can ask: Cantonese gets the Chinese text, which its voice reads in Cantonese.

The messages live by subject: ``visit`` (a visit's screens), ``problems`` (what went wrong and
what to do), ``assist`` (a person's help) and ``spoken`` (for ears and keys).
"""

from __future__ import annotations

from kiosk.i18n import assist, problems, spoken, visit
from kiosk.speech.codes import code
from kiosk.text import Lang, fill, placeholders, text_language

__all__ = ["MESSAGES", "all_texts", "print_reason", "t", "ticket_ahead", "ticket_unprinted"]

MESSAGES: dict[str, tuple[str, str]] = {
    **visit.MESSAGES,
    **problems.MESSAGES,
    **assist.MESSAGES,
    **spoken.MESSAGES,
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The message in this language's screen text, with its placeholders filled."""
    zh, en = MESSAGES[key]
    text = zh if text_language(lang) == "zh" else en
    return fill(text, {k: str(v) for k, v in values.items()}) if values else text


def ticket_ahead(n: int, lang: Lang) -> str:
    """How many wait before a ticket, as a person would say it: no one, one person, n people."""
    if n <= 0:
        return t("ticket.none_ahead", lang)
    return t("ticket.one_ahead", lang) if n == 1 else t("ticket.ahead", lang, n=n)


def ticket_unprinted(paper: str, number: str, lang: Lang) -> str:
    """What a counter ticket's paper means for the resident, wherever the ticket was taken
    (a ticket step, a failed print's ways forward, the help strip): "" while it prints or once
    it came out; otherwise that it did not, why, and the number to keep. ``paper`` is
    ``CounterTickets.paper``: "", "printing", "printed" or a print reason."""
    if paper in ("", "printing", "printed"):
        return ""
    number = code(number)  # to be said back at a counter: read character by character
    return t("ticket.not_printed", lang, reason=print_reason(paper, lang), number=number)


def print_reason(reason: str, lang: Lang) -> str:
    """Why a printout did not come, in words (a reason without words of its own: "the printer
    did not answer")."""
    key = f"print.reason.{reason}"
    return t(key if key in MESSAGES else "print.reason.unknown", lang)


def all_texts(lang: Lang) -> list[str]:
    """Every fixed message without placeholders, for pre-rendering speech."""
    chinese = text_language(lang) == "zh"
    texts = (zh if chinese else en for zh, en in MESSAGES.values())
    return [text for text in texts if not placeholders(text)]
