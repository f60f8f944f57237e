"""A published version's prompts are rendered by the real voice before the kiosk is offered
the switch, so the first resident after a patch hears them at once."""

from __future__ import annotations

import ctypes.util
import shutil
from pathlib import Path

import pytest

from kiosk.catalog import versions
from kiosk.catalog.effective import CatalogueCache, build
from kiosk.catalog.loader import load_catalogue
from kiosk.catalog.schema import Catalogue
from kiosk.catalog.watcher import CatalogueWatcher
from kiosk.speech.catalogue_prompts import prerender_catalogue
from kiosk.speech.normalize import speakable
from kiosk.speech.synth import Synthesizer
from kiosk.store import db, migrate

HAVE_ESPEAK = bool(ctypes.util.find_library("espeak-ng")) and bool(shutil.which("espeak-ng"))
pytestmark = [
    pytest.mark.speech,
    pytest.mark.skipif(not HAVE_ESPEAK, reason="espeak-ng is not installed"),
]
TICKET = Path(__file__).resolve().parents[2] / "assets" / "services" / "06-counter-ticket.toml"
NEW = "到窗口办理请先取号"


def test_the_new_prompts_are_in_the_cache_when_the_switch_is_offered(tmp_path: Path) -> None:
    engine = db.make_engine(f"sqlite:///{tmp_path / 'hall.sqlite3'}")
    migrate.upgrade(engine)
    sessions = db.session_factory(engine)
    shipped = load_catalogue(TICKET)  # one service: a short render
    heard: list[bool] = []
    with Synthesizer(tmp_path / "speech-cache") as synth:
        assert synth.ready.wait(10) and synth.available, synth.fault_message

        def offer(catalogue: Catalogue) -> None:
            # A cached prompt comes back already done: no synthesis between touch and sound.
            said = synth.request(catalogue.get("counter-ticket").title.zh, "zh")
            heard.append(said.done() and said.result() is not None)

        watcher = CatalogueWatcher(
            engine,
            "kiosk-1",
            shipped,
            build(shipped, []),
            CatalogueCache(tmp_path / "catalogue-cache.json"),
            offer,
            prerender=lambda catalogue: prerender_catalogue(synth, catalogue, ("zh",)),
        )

        def cached() -> Path | None:
            return synth.cache.lookup(speakable(NEW, "zh"), synth.voice_for("zh"), synth.rate_wpm)

        assert cached() is None  # not rendered before the patch
        patched = tmp_path / "ticket.toml"
        patched.write_text(
            TICKET.read_text(encoding="utf-8").replace('zh = "窗口取号"', f'zh = "{NEW}"', 1),
            encoding="utf-8",
        )
        versions.publish(sessions, [patched], "王芳")
        assert watcher.check() is True
        assert cached() is not None
    engine.dispose()
    assert heard == [True]
