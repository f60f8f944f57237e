"""Private data in speech: said in full only through a headset.

Screens mark the spans of their speech that are personal (a name, an ID number, an amount, a
phone number) with ``private``; ``aloud`` then keeps them for a headset. On the loudspeaker a
span says what it may instead (a phone number's last four digits, a table's months and row
count), a "label：value" line whose value has nothing to say instead is left out, and one short
notice, in the place of the first thing left out, names what was kept back and says how to hear
it. What is read from a printout is marked as on paper (``printed``): an ID number there is
kept back whole, not said by the last digits its mask shows, and the notice says the details
are printed. The marks never reach the synthesiser: the normaliser keeps only what they hold.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import NamedTuple

from kiosk.i18n import t
from kiosk.id_numbers import mask
from kiosk.text import Lang, text_language

OPEN, CLOSE = "\u27e6", "\u27e7"  # ⟦ ⟧: never in screen text
SEP = "\u241f"  # ␟ between a span's parts: its text, what the loudspeaker says, flags, labels
LABELS = "\u241e"  # ␞ between the labels of what a span keeps back
_NL = "\u2424"  # ␤ a line break inside a span, while lines are taken one by one
_SPAN = re.compile(f"{OPEN}(.*?){CLOSE}", re.DOTALL)
# A line that is only a label and one marked value: "姓名：⟦王小明⟧", "Name: ⟦Wang⟧".
_LABELLED = re.compile(f"([^{OPEN}{CLOSE}\n]*?)\\s*[：:]\\s*({OPEN}[^{CLOSE}]*{CLOSE})\\s*[。.]?")
# The placeholders that always name a person.
PRIVATE_NAMES = frozenset({"resident.name", "resident.masked", "resident.id"})
_MONEY = re.compile(
    r"[¥￥]\s?\d[\d,]*(?:\.\d+)?元?|\d[\d,]*(?:\.\d+)?\s?元|(?<![\d.])\d[\d,]*\.\d{2}(?![\d.])"
)
# An ID number, full or masked, and any masked number (a card number shown as A10***001).
_ID = re.compile(r"\b\d{6}[\d*•●＊]{8,11}[\dXx*•●＊]\b|[0-9A-Za-z]+[*•●＊]{2,}[0-9A-Za-z]*")
_ID_SHAPED = re.compile(r"\d{6}[\d*•●＊]{8,11}[\dXx*•●＊]")  # full or masked, nothing else
_FULL_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9]\d{9}(?![0-9])")
_MASKED = re.compile(r"^[0-9A-Za-z]*[*•●＊]{2,}[0-9A-Za-z]*$")
_UNIT = re.compile(r"\s*[(（][^)）]*[)）]\s*|\s*[¥￥]\s*")
MAX_LABELS = 5  # a notice names at most this many things kept back


def private(
    text: str,
    instead: str = "",
    *,
    quiet: bool = False,
    labels: Iterable[str] = (),
    printed: bool = False,
) -> str:
    """``text`` marked as personal ("" stays ""). ``instead``: what the loudspeaker says in
    its place; ``quiet``: that says all there is to say, no notice; ``labels``: the names of
    what it keeps back, for the notice (a table's columns); ``printed``: read from a printout
    (the notice then says the details are on the paper)."""
    if not text:
        return ""
    names = LABELS.join(label for label in labels if label)
    if not (instead or quiet or names or printed):
        return f"{OPEN}{text}{CLOSE}"
    flags = ("q" if quiet else "") + ("p" if printed else "")
    return f"{OPEN}{text}{SEP}{instead}{SEP}{flags}{SEP}{names}{CLOSE}"


class _Span(NamedTuple):
    text: str
    instead: str = ""
    quiet: bool = False
    labels: tuple[str, ...] = ()
    printed: bool = False

    @classmethod
    def parse(cls, inner: str) -> _Span:
        parts = inner.split(SEP)
        if len(parts) < 4:
            return cls(parts[0])
        names = tuple(n for n in parts[3].split(LABELS) if n)
        return cls(parts[0], parts[1], "q" in parts[2], names, "p" in parts[2])


def mobile_masked(number: str) -> str:
    """138****5678: what the loudspeaker says of a mobile number (its last four digits)."""
    return f"{number[:3]}****{number[-4:]}"


def mark_value(value: str, *, printed: bool = False) -> str:
    """One value as said: a phone or an ID number said in full only through a headset and
    by its last digits on the loudspeaker; a masked number is already what may be said; an
    amount is kept back. ``printed``: read from a printout, where an ID number, masked or
    not, is kept back whole (the paper has it; the hall need not hear any of it)."""
    if not value:
        return value
    bare = value.strip()
    if printed and _ID_SHAPED.fullmatch(bare):
        return private(value, printed=True)
    if _MASKED.match(bare):
        return value
    if _MOBILE.fullmatch(bare):
        return private(value, mobile_masked(bare), printed=printed)
    if _FULL_ID.fullmatch(bare):
        return private(value, mask(bare), printed=printed)
    if _MONEY.search(value) or _ID.search(value) or _MOBILE.search(value):
        return private(value, printed=printed)
    return value


def looks_money(value: str) -> bool:
    return bool(_MONEY.search(value))


def looks_private(value: str) -> bool:
    """An amount of money, an ID number (masked or not) or a mobile number."""
    return bool(_MONEY.search(value) or _ID.search(value) or _MOBILE.search(value))


def mark_values(values: Mapping[str, str]) -> dict[str, str]:
    """Placeholder values with the personal ones marked, for the spoken form of a text."""
    out = {}
    for name, value in values.items():
        if name == "resident.masked":
            out[name] = value  # said as its last four digits, as the loudspeaker may
        elif name in PRIVATE_NAMES and mark_value(value) == value:
            out[name] = private(value)  # a name: kept back on the loudspeaker
        else:
            out[name] = mark_value(value)
    return out


def mark_personal(text: str, names: tuple[str, ...] = (), *, printed: bool = False) -> str:
    """Free text with its amounts, ID numbers, phone numbers and the given names marked
    (``printed``: read from a printout, as ``mark_value`` marks its values)."""
    spans = [m.span() for m in _MONEY.finditer(text)] + [m.span() for m in _ID.finditer(text)]
    spans += [m.span() for m in _MOBILE.finditer(text)]
    for name in (n for n in names if n):
        spans += [m.span() for m in re.finditer(re.escape(name), text)]
    out, at = [], 0
    for start, end in sorted(spans):
        if start < at:
            continue  # inside a span already marked
        value = text[start:end]
        marked = mark_value(value, printed=printed)
        # A masked number is said as it is (its last digits); a name is kept back.
        said = (
            marked if marked != value or _MASKED.match(value) else private(value, printed=printed)
        )
        out += [text[at:start], said]
        at = end
    return "".join(out) + text[at:]


def strip_marks(text: str) -> str:
    """The text in full, as a headset hears it."""
    return _SPAN.sub(lambda m: _Span.parse(m.group(1)).text, text)


def has_private(text: str) -> bool:
    return bool(_SPAN.search(text))


def label_of(header: str) -> str:
    """A column's or a row's name as the notice says it: no unit ("基数(元)" is 基数)."""
    return _UNIT.sub("", header).strip(" ：:")


def spoken_lines(text: str) -> list[str]:
    """The lines of ``text``, a marked span that holds several (a table's rows) kept as one."""
    joined = _SPAN.sub(lambda m: m.group(0).replace("\n", _NL), text)
    return [line.replace(_NL, "\n") for line in joined.split("\n")]


def aloud(text: str, lang: Lang, *, headset: bool) -> str:
    """What may be said: everything with a headset. On the loudspeaker each span says what
    it may instead, a line that is only a label and a value kept back is left out, and the
    notice stands where the first thing was kept back."""
    if headset or not has_private(text):
        return strip_marks(text)
    out: list[str] = []
    kept_back: list[str] = []
    notice_at: int | None = None
    on_paper = False  # something kept back was read from a printout
    # A span may hold several lines (a table's rows): it is one item, not a line each.
    joined = _SPAN.sub(lambda m: m.group(0).replace("\n", _NL), text)
    for line in joined.split("\n"):
        if not has_private(line):
            out.append(line)
            continue
        labelled = _LABELLED.fullmatch(line)
        if labelled is not None:
            span = _Span.parse(labelled.group(2)[1:-1])
            if not (span.instead or span.quiet):
                kept_back.append(label_of(labelled.group(1)))
                notice_at = len(out) if notice_at is None else notice_at
                on_paper = on_paper or span.printed
                continue
        said, withheld = _said_instead(line, lang, kept_back)
        out.append(said)
        on_paper = on_paper or withheld == "printed"
        if withheld and notice_at is None:
            notice_at = len(out)  # after what was said instead: "尾号 5678", then why
    if notice_at is not None:
        out.insert(notice_at, notice(kept_back, lang, printed=on_paper))
    return "\n".join(line for line in out if line.strip()).replace(_NL, "\n")


def _said_instead(line: str, lang: Lang, kept_back: list[str]) -> tuple[str, str]:
    """The line with each span replaced by what the loudspeaker may say; whether anything
    was kept back (the notice is then due): "" nothing, "printed" something read from a
    printout, "said" only what was on the screen."""
    withheld = ""

    def replace(m: re.Match[str]) -> str:
        nonlocal withheld
        span = _Span.parse(m.group(1))
        kept_back.extend(label_of(label) for label in span.labels)
        if not span.quiet and withheld != "printed":
            withheld = "printed" if span.printed else "said"
        return span.instead if (span.instead or span.quiet) else t("private.inline", lang)

    return _SPAN.sub(replace, line), withheld


def notice(kept_back: list[str], lang: Lang, *, printed: bool = False) -> str:
    """One notice: what was kept back (its labels, when known) and how to hear it;
    ``printed``: that it is on the paper the resident holds."""
    key = "private.printed" if printed else "private.notice"
    names = list(dict.fromkeys(label for label in kept_back if label))
    if not names:
        return t(key, lang)
    sep = "、" if text_language(lang) == "zh" else ", "
    shown = sep.join(names[:MAX_LABELS])
    return t(f"{key}_items", lang, what=shown)
