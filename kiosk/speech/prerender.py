"""Every fixed prompt, rendered ahead so most screens speak with no synthesis delay.

A new catalogue's prompts, rendered before the switch to it: ``catalogue_prompts``.
"""

from __future__ import annotations

import logging
import threading
from typing import TYPE_CHECKING

from kiosk import i18n
from kiosk.catalog.effective import load_cached
from kiosk.catalog.loader import CatalogueError
from kiosk.errors import ConfigError
from kiosk.text import language_codes

if TYPE_CHECKING:
    from kiosk.config import Settings
    from kiosk.speech.synth import SpeechFuture, Synthesizer

log = logging.getLogger(__name__)


def fixed_texts(settings: Settings, lang: str) -> list[str]:
    """The catalogue's spoken texts and the UI's own messages, without placeholders."""
    try:
        catalogue = load_cached(settings).catalogue  # with the versions published to the hall
    except CatalogueError as exc:
        raise ConfigError(f"the service catalogue has problems:\n{exc}") from None
    return [*catalogue.spoken_texts(lang), *i18n.all_texts(lang)]


def prerender_all(
    synth: Synthesizer,
    settings: Settings,
    langs: tuple[str, ...] | None = None,
    rates: list[int] | None = None,
) -> list[SpeechFuture]:
    """Queue every fixed prompt behind any speech a screen asks for, in every listed language
    (Cantonese speaks the Chinese prompts) unless ``langs`` names some."""
    futures: list[SpeechFuture] = []
    for lang in langs or language_codes():
        futures += synth.prerender(fixed_texts(settings, lang), lang, rates=rates)
    return futures


def prerender_in_background(synth: Synthesizer, settings: Settings) -> threading.Thread:
    """At kiosk start: read the catalogue off the GUI thread and queue its prompts."""

    def run() -> None:
        try:
            prerender_all(synth, settings)
        except Exception:
            log.warning("speech: could not pre-render the fixed prompts", exc_info=True)

    thread = threading.Thread(target=run, name="speech-prerender", daemon=True)
    thread.start()
    return thread
