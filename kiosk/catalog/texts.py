"""A service's text: what the screen shows in zh and en, and what is said in each language.

Apart from the service model (``schema``): home shows its services' titles before any service's
steps are loaded (``kiosk.catalog.snapshot``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from kiosk.text import PLACEHOLDER, Lang, fill, text_language

# A text filled in per visit, read outside any visit (a report names a step by its title):
# each placeholder reads as an ellipsis, and a text that is nothing else as what it stands for.
CHOSEN = {"zh": "（居民所选的内容）", "en": "(what the resident chose)"}


@dataclass(frozen=True)
class Text:
    """Screen text in zh and en; spoken forms where the screen text would read badly aloud.

    A language that shows another's screen text (Cantonese shows zh) is spoken from its own
    form in ``spoken_more`` when the service file gives one (``spoken_yue``), else from the
    spoken form of the text it shows.
    """

    zh: str
    en: str
    spoken_zh: str = ""
    spoken_en: str = ""
    spoken_more: tuple[tuple[str, str], ...] = ()  # (language code, spoken form)

    def __post_init__(self) -> None:
        # Text(**asdict(text)) hands back lists; keep the value hashable.
        object.__setattr__(self, "spoken_more", tuple(tuple(p) for p in self.spoken_more))

    def get(self, lang: Lang) -> str:
        return self.zh if text_language(lang) == "zh" else self.en

    def spoken(self, lang: Lang) -> str:
        """What to say: the spoken form where one is given, else the screen text."""
        for code, said in self.spoken_more:
            if code == lang and said:
                return said
        said = self.spoken_zh if text_language(lang) == "zh" else self.spoken_en
        return said or self.get(lang)

    def format(self, lang: Lang, values: Mapping[str, str]) -> str:
        return fill(self.get(lang), values)

    def outline(self, lang: Lang) -> str:
        """The text outside any visit: "您的缴费记录：{period.label}" reads "您的缴费记录：…",
        and "{topic.label}" alone reads as what it stands for (``CHOSEN``)."""
        text = self.get(lang)
        if PLACEHOLDER.search(text) is None:
            return text
        if not PLACEHOLDER.sub("", text).strip(" :：,，-—/|·"):
            return CHOSEN[text_language(lang)]
        return PLACEHOLDER.sub("…", text)

    def format_spoken(self, lang: Lang, values: Mapping[str, str]) -> str:
        return fill(self.spoken(lang), values)

    def all(self) -> Iterator[str]:
        yield from (t for t in (self.zh, self.en, self.spoken_zh, self.spoken_en) if t)
        yield from (said for _code, said in self.spoken_more if said)
