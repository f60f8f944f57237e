"""Languages and localised text: the one home of language codes, the language list and ``fill``.

Languages are data (``assets/languages.toml``): each has a code, its own name, the language of
its screen text, an espeak-ng voice and the normaliser family that turns its numbers into
words. Screen text exists in two languages only (``zh`` and ``en``, inline in every service
file and message); a spoken language such as Cantonese shows the Chinese text and speaks it with
its own voice and normaliser. So a hall adds a language without code when a normaliser family
for it exists.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path
from typing import Any, Literal, NamedTuple, cast

from kiosk.errors import ConfigError

# A language code from the language list ("zh", "yue", "en", ...). A plain string, not a
# Literal: the list is data, read at run time.
Lang = str
# The languages screen text is written in; every other language shows one of these.
TextLang = Literal["zh", "en"]
TEXT_LANGS: tuple[TextLang, ...] = ("zh", "en")
# Normaliser families that exist in kiosk.speech.normalize (checked there at import).
NORMALISERS = ("zh", "yue", "en")

LANGUAGES_FILE = Path(__file__).resolve().parent.parent / "assets" / "languages.toml"
_CODE = re.compile(r"^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$")


class Language(NamedTuple):
    code: Lang
    name: str  # its own name, as a resident looks for it: 中文, 粤语, English
    text: TextLang  # the language of the screen text it shows
    voice: str  # espeak-ng voice
    normaliser: str  # family in kiosk.speech.normalize: zh, yue, en


def _problem(path: Path, where: str, what: str) -> ConfigError:
    return ConfigError(f"{path}: {where}: {what}")


def _language(path: Path, index: int, raw: Mapping[str, Any]) -> Language:
    where = f"language {index + 1}"
    for key in ("code", "name", "text", "voice", "normaliser"):
        value = raw.get(key)
        if not isinstance(value, str) or not value.strip():
            raise _problem(path, f"{where}.{key}", "is missing or empty")
    code = raw["code"]
    where = f"language {code!r}"
    if not _CODE.match(code):
        raise _problem(path, f"{where}.code", "must look like zh, yue or zh-TW")
    if raw["text"] not in TEXT_LANGS:
        raise _problem(
            path, f"{where}.text", f"screen text exists in {' and '.join(TEXT_LANGS)} only"
        )
    if raw["normaliser"] not in NORMALISERS:
        raise _problem(
            path,
            f"{where}.normaliser",
            f"{raw['normaliser']!r} unknown; known: {', '.join(NORMALISERS)}",
        )
    extra = sorted(set(raw) - {"code", "name", "text", "voice", "normaliser"})
    if extra:
        raise _problem(path, where, f"unknown key(s): {', '.join(extra)}")
    return Language(code, raw["name"], cast(TextLang, raw["text"]), raw["voice"], raw["normaliser"])


def load_languages(path: Path = LANGUAGES_FILE) -> tuple[Language, ...]:
    """The language list in its file's order; a wrong file is a ConfigError naming the field."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read the language list: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    entries = data.get("language")
    if not isinstance(entries, list) or not entries:
        raise _problem(path, "language", "give at least one [[language]] table")
    out: list[Language] = []
    for i, raw in enumerate(entries):
        if not isinstance(raw, dict):
            raise _problem(path, f"language {i + 1}", "must be a table")
        lang = _language(path, i, raw)
        if any(other.code == lang.code for other in out):
            raise _problem(path, f"language {lang.code!r}", "is listed twice")
        out.append(lang)
    for needed in TEXT_LANGS:
        if not any(lang.code == needed for lang in out):
            raise _problem(path, "language", f"{needed!r} must be listed (it is screen text)")
    return tuple(out)


@cache
def languages() -> tuple[Language, ...]:
    """The shipped language list, read once."""
    return load_languages()


def language_codes() -> tuple[Lang, ...]:
    return tuple(lang.code for lang in languages())


def language(code: Lang) -> Language:
    for lang in languages():
        if lang.code == code:
            return lang
    raise ValueError(f"language {code!r} not in the language list; known: {language_codes()}")


def text_language(code: Lang) -> TextLang:
    """The language of the screen text ``code`` shows: zh for Cantonese, itself for zh and en."""
    if code in TEXT_LANGS:
        return code
    return language(code).text


# ---- placeholders -------------------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_.]*)\}")


def fill(template: str, values: Mapping[str, str]) -> str:
    """Fill ``{name}`` placeholders; names may contain dots (``{lookup.total}``).

    A name with no value renders as empty rather than failing in the middle of a visit; the
    loader has already checked that every name is provided by an earlier step.
    """
    return PLACEHOLDER.sub(lambda m: values.get(m.group(1), ""), template)


def placeholders(template: str) -> list[str]:
    return PLACEHOLDER.findall(template)


# ---- sentences ----------------------------------------------------------------------------

# What ends a sentence already (a question, an exclamation, a colon before a list), and what may
# close one after its stop (a quotation, a bracket).
_ENDS = "。！？…；：.!?;:"
_CLOSERS = "”’\"')）」』】\u2e29"  # and the end of words in a language's voice (below)


def sentence(text: str, lang: Lang) -> str:
    """``text`` as one sentence in ``lang``'s script: a full stop added where it has no ending
    of its own (never "？。" nor "?."), an English one begun with a capital letter."""
    words = text.strip()
    if not words:
        return ""
    english = text_language(lang) == "en"
    if english and words[0].islower():
        words = words[0].upper() + words[1:]
    bare = words.rstrip(_CLOSERS)
    if bare and bare[-1] in _ENDS:
        return words
    return words + ("." if english else "。")


def sentences(parts: Iterable[str], lang: Lang) -> str:
    """Sentences said or shown one after another: each ended once (``sentence``), joined with
    nothing between Chinese ones and one space between English ones."""
    joiner = " " if text_language(lang) == "en" else ""
    return joiner.join(s for s in (sentence(part, lang) for part in parts) if s)


# ---- words in a language's own voice ------------------------------------------------------

# Words said in a named language's voice, whatever the screen's language: a language's own
# name and what choosing it does in its own words (粤语 is Cantonese on a Mandarin screen,
# though both are Chinese script to a splitter that guesses by script). The marks go only to
# the voice; kiosk.speech.segments cuts on them and says the words without them.
VOICED_OPEN, VOICED_SEP, VOICED_CLOSE = "\u2e28", "\u241d", "\u2e29"  # ⸨ code ␝ words ⸩
VOICED = re.compile(
    f"{VOICED_OPEN}([^{VOICED_SEP}{VOICED_CLOSE}]*){VOICED_SEP}([^{VOICED_CLOSE}]*){VOICED_CLOSE}"
)


def in_language(words: str, code: Lang) -> str:
    """``words`` marked as said in language ``code``'s voice ("" stays "")."""
    return f"{VOICED_OPEN}{code}{VOICED_SEP}{words}{VOICED_CLOSE}" if words else ""


def unvoiced(text: str) -> str:
    """``text`` without the marks of ``in_language``: its words as heard."""
    return VOICED.sub(lambda m: m.group(2), text)
