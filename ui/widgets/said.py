"""A control's words as said, where they differ from what it shows.

Two properties of a control say so: ``spoken``, its words in their spoken form (an option's
Cantonese words, each language of the bar's button marked with its own), and ``voiced_in``, the
language its name and description are in (a language's own button: 粤语 and 改用粤语 are
Cantonese on a Mandarin screen). The screen's role and place words around them stay in the
screen's language (kiosk.speech.segments gives each its voice).
"""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from kiosk.text import Lang, in_language

SPOKEN = "spoken"
VOICED_IN = "voiced_in"


def speak_in(widget: QWidget, code: Lang) -> None:
    """The control's name and description are said in language ``code``'s voice."""
    widget.setProperty(VOICED_IN, code)


def say_as(widget: QWidget, words: str) -> None:
    """The control's name is said as ``words`` (marks of ``in_language`` kept)."""
    widget.setProperty(SPOKEN, words)


def _voiced(widget: QWidget, words: str) -> str:
    code = widget.property(VOICED_IN)
    return in_language(words, code) if isinstance(code, str) and code else words


def said_name(widget: QWidget) -> str:
    """The control's name as said: its spoken form, else its accessible name (or its text)."""
    spoken = widget.property(SPOKEN)
    if isinstance(spoken, str) and spoken:
        return spoken
    name = widget.accessibleName() or getattr(widget, "text", lambda: "")()
    return _voiced(widget, str(name))


def said_about(widget: QWidget) -> str:
    """What the control does as said: its description ("" when it only repeats the name)."""
    about = widget.accessibleDescription()
    if not about or about == widget.accessibleName():
        return ""
    return _voiced(widget, about)
