"""A new catalogue's fixed prompts, rendered before the kiosk switches to it.

Apart from ``prerender`` (which reads the catalogue from the service files) so the kiosk's window
can hand this to its catalogue watcher without loading the catalogue's reader before home is
painted.
"""

from __future__ import annotations

from concurrent.futures import wait
from typing import TYPE_CHECKING

from kiosk.text import language_codes

if TYPE_CHECKING:
    from kiosk.catalog.schema import Catalogue
    from kiosk.speech.synth import SpeechFuture, Synthesizer


def prerender_catalogue(
    synth: Synthesizer,
    catalogue: Catalogue,
    langs: tuple[str, ...] | None = None,
    timeout_s: float = 120.0,
) -> int:
    """Render a new catalogue's fixed prompts and wait for them (the catalogue watcher's
    thread, before it offers the switch); prompts already cached cost a lookup. Returns how
    many failed or did not finish in time. Every listed language unless ``langs`` names some."""
    futures: list[SpeechFuture] = []
    for lang in langs or language_codes():
        futures += synth.prerender(catalogue.spoken_texts(lang), lang)
    done, late = wait(futures, timeout_s)  # one deadline for all: a stuck engine delays once
    failed = len(late)
    for future in done:
        if future.cancelled() or future.exception() is not None or future.result() is None:
            failed += 1  # it is rendered when it is first said
    return failed
