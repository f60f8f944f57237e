"""The synthesis worker with a fake engine: cache, overtaking, cancellation, degraded mode."""

from __future__ import annotations

import logging
import threading
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import load_settings
from kiosk.speech.cache import TEMP_PREFIX, WavCache
from kiosk.speech.synth import PRERENDER, Synthesizer
from tests.helpers.synth import WAIT, FakeEngine


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def synth(tmp_path: Path, engine: FakeEngine) -> Iterator[Synthesizer]:
    with Synthesizer(tmp_path / "cache", engine_factory=lambda: engine) as s:
        yield s


def held(tmp_path: Path) -> tuple[Synthesizer, FakeEngine]:
    engine = FakeEngine(hold_first=True)
    return Synthesizer(tmp_path / "cache", engine_factory=lambda: engine), engine


def test_request_renders_a_wav_into_the_cache(synth: Synthesizer, engine: FakeEngine) -> None:
    path = synth.request("请取号", "zh").result(WAIT)
    assert path is not None and path.parent == synth.cache.folder
    assert path.stat().st_size > 44
    assert engine.rendered == [("请取号", "sit/cmn-latn-pinyin", 165)]


def test_engine_lives_on_one_worker_thread(tmp_path: Path) -> None:
    made_on: list[int] = []
    engine = FakeEngine()

    def factory() -> FakeEngine:
        made_on.append(threading.get_ident())
        return engine

    with Synthesizer(tmp_path, engine_factory=factory) as s:
        for text in ("one", "two", "three"):
            s.request(text, "en").result(WAIT)
    assert made_on[0] != threading.get_ident()
    assert engine.threads == {made_on[0]}
    assert engine.closed


def test_cache_hit_answers_without_the_worker(synth: Synthesizer, engine: FakeEngine) -> None:
    first = synth.request("Hello", "en").result(WAIT)
    again = synth.request("Hello", "en")
    assert again.done() and again.result() == first
    assert len(engine.rendered) == 1


def test_cache_is_keyed_by_text_voice_and_rate(synth: Synthesizer, engine: FakeEngine) -> None:
    paths = {
        synth.request("Hello", "en").result(WAIT),
        synth.request("Hello", "en", rate=195).result(WAIT),
        synth.request("Hello", "zh").result(WAIT),
        synth.request("Hello there", "en").result(WAIT),
    }
    assert len(paths) == 4 and len(engine.rendered) == 4


def test_text_is_normalised_before_rendering(synth: Synthesizer, engine: FakeEngine) -> None:
    synth.request("应缴¥5", "zh").result(WAIT)
    synth.request("A023", "en", normalise=False).result(WAIT)
    assert [r[0] for r in engine.rendered] == ["应缴五元", "A023"]


def test_nothing_to_say_resolves_to_none_at_once(synth: Synthesizer, engine: FakeEngine) -> None:
    future = synth.request("   ", "en")
    assert future.done() and future.result() is None
    assert engine.rendered == []


def test_newer_requests_overtake_older_ones(tmp_path: Path) -> None:
    synth, engine = held(tmp_path)
    with synth:
        busy = synth.request("busy", "en")
        assert engine.first_started.wait(WAIT)
        futures = [synth.request(t, "en") for t in ("old", "newer", "newest")]
        engine.go.set()
        for f in [busy, *futures]:
            f.result(WAIT)
    assert [r[0] for r in engine.rendered] == ["busy", "newest", "newer", "old"]


def test_screen_speech_overtakes_prerendering(tmp_path: Path) -> None:
    synth, engine = held(tmp_path)
    with synth:
        busy = synth.request("busy", "en")
        assert engine.first_started.wait(WAIT)
        ahead = synth.prerender(["p1", "p2", "p3"], "en")
        now = synth.request("the screen", "en")
        engine.go.set()
        for f in [busy, now, *ahead]:
            f.result(WAIT)
    assert [r[0] for r in engine.rendered][:2] == ["busy", "the screen"]


def test_supersede_cancels_what_has_not_started(tmp_path: Path) -> None:
    synth, engine = held(tmp_path)
    with synth:
        busy = synth.request("busy", "en")
        assert engine.first_started.wait(WAIT)
        stale = [synth.request(t, "en") for t in ("stale one", "stale two")]
        ahead = synth.prerender(["kept prompt"], "en")
        fresh = synth.request("fresh", "en", supersede=True)
        assert all(f.cancelled() for f in stale)
        engine.go.set()
        assert fresh.result(WAIT) is not None
        assert busy.result(WAIT) is not None  # a render that started finishes
        assert ahead[0].result(WAIT) is not None  # prerendering is not a screen's request
    assert [r[0] for r in engine.rendered] == ["busy", "fresh", "kept prompt"]


def test_a_cancelled_future_is_skipped(tmp_path: Path) -> None:
    synth, engine = held(tmp_path)
    with synth:
        synth.request("busy", "en")
        assert engine.first_started.wait(WAIT)
        dropped = synth.request("dropped", "en")
        assert dropped.cancel()
        last = synth.request("last", "en")
        engine.go.set()
        last.result(WAIT)
        assert synth.cancel_pending() == 0
    assert "dropped" not in [r[0] for r in engine.rendered]


def test_close_cancels_requests_not_started(tmp_path: Path) -> None:
    synth, engine = held(tmp_path)
    synth.request("busy", "en")
    assert engine.first_started.wait(WAIT)
    waiting = synth.request("waiting", "en")
    engine.go.set()
    synth.close()
    assert waiting.cancelled()
    assert synth.request("after close", "en").result(WAIT) is None


def test_prerender_skips_duplicates_and_fills_the_cache(
    synth: Synthesizer, engine: FakeEngine
) -> None:
    futures = synth.prerender(["欢迎", "欢迎", "请插卡", " "], "zh")
    assert len(futures) == 2
    assert all(f.result(WAIT) for f in futures)
    assert synth.request("请插卡", "zh").done()
    assert len(synth.cache) == 2


def test_prerender_at_several_rates(synth: Synthesizer, engine: FakeEngine) -> None:
    rates = [synth.rate_for(step) for step in ("slow", "normal", "fast")]
    for f in synth.prerender(["Welcome"], "en", rates=rates):
        f.result(WAIT)
    assert sorted(r[2] for r in engine.rendered) == [140, 165, 195]
    assert synth.request("Welcome", "en", rate=195).done()


def test_a_failed_render_leaves_nothing_behind(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    class Broken(FakeEngine):
        def render(self, text: str, voice: str, rate: int, path: Path) -> None:
            path.write_bytes(b"RIFF half a file")
            raise OSError("disk on fire")

    with Synthesizer(tmp_path, engine_factory=Broken) as synth:
        assert synth.request("x", "en").result(WAIT) is None
    assert list(tmp_path.iterdir()) == []
    assert "disk on fire" in caplog.text


def test_an_empty_render_is_not_cached(tmp_path: Path) -> None:
    class Silent(FakeEngine):
        def render(self, text: str, voice: str, rate: int, path: Path) -> None:
            with wave.open(str(path), "wb") as out:
                out.setnchannels(1)
                out.setsampwidth(2)
                out.setframerate(22050)

    with Synthesizer(tmp_path, engine_factory=Silent) as synth:
        assert synth.request("x", "en").result(WAIT) is None
    assert list(tmp_path.iterdir()) == []


def test_no_engine_degrades_to_one_warning_and_a_fault(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    faults: list[str] = []

    def missing() -> FakeEngine:
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    with (
        caplog.at_level(logging.WARNING),
        Synthesizer(tmp_path, engine_factory=missing, on_fault=faults.append) as synth,
    ):
        results = [synth.request(t, "zh").result(WAIT) for t in ("一", "二", "三")]
        assert synth.ready.wait(WAIT) and synth.available is False
        results.append(synth.request("四", "zh").result(WAIT))
    assert results == [None] * 4
    assert len(faults) == 1 and "libespeak-ng" in faults[0]
    assert len([r for r in caplog.records if r.levelno == logging.WARNING]) == 1


def test_from_settings_reads_voices_rate_and_data_dir(tmp_path: Path) -> None:
    settings = load_settings(
        environ={}, overrides={"paths.data_dir": str(tmp_path), "speech.voice_en": "en-us"}
    )
    with Synthesizer.from_settings(settings, engine_factory=FakeEngine) as synth:
        assert synth.cache.folder == tmp_path / "speech-cache"
        assert synth.voice_for("en") == "en-us"
        assert synth.voice_for("zh") == "sit/cmn-latn-pinyin"
        assert synth.voice_for("yue") == "sit/yue"  # from the language list
        assert synth.rate_wpm == 165
        with pytest.raises(ValueError, match="fr"):
            synth.voice_for("fr")


def test_wav_cache_commit_and_stale_temporaries(tmp_path: Path) -> None:
    cache = WavCache(tmp_path)
    final = cache.path("t", "en", 165)
    temp = cache.temp_for(final)
    assert temp.name.startswith(TEMP_PREFIX) and temp.parent == final.parent
    temp.write_bytes(b"\0" * 100)
    assert cache.lookup("t", "en", 165) is None
    cache.commit(temp, final)
    assert cache.lookup("t", "en", 165) == final and not temp.exists()
    old = cache.temp_for(final)
    old.write_bytes(b"x")
    assert cache.clean_temps(older_than_s=3600) == 0  # young: may be another process's
    assert cache.clean_temps(older_than_s=-1) == 1


def test_priority_constant_is_behind_screen_speech() -> None:
    assert PRERENDER > 0


def test_a_late_fault_listener_still_hears_of_the_fault(tmp_path: Path) -> None:
    def missing() -> FakeEngine:
        raise RuntimeError("could not initialize espeak")

    with Synthesizer(tmp_path, engine_factory=missing) as synth:
        assert synth.ready.wait(WAIT)
        late: list[str] = []
        synth.add_fault_listener(late.append)
        assert late == [synth.fault_message] and "espeak" in late[0]


def test_prerender_all_gathers_catalogue_and_ui_texts(tmp_path: Path, engine: FakeEngine) -> None:
    from kiosk import i18n
    from kiosk.speech.prerender import prerender_all, prerender_in_background

    settings = load_settings(environ={}, overrides={"paths.data_dir": str(tmp_path)})
    with Synthesizer.from_settings(settings, engine_factory=lambda: engine) as synth:
        futures = prerender_all(synth, settings)
        assert all(f.result(WAIT) is not None for f in futures)
        assert len(futures) > len(i18n.all_texts("zh"))
        assert synth.request(i18n.all_texts("en")[0], "en").done()  # now a cache hit
        rendered = len(engine.rendered)
        prerender_in_background(synth, settings).join(WAIT)
        assert synth.request(i18n.all_texts("zh")[-1], "zh").result(WAIT) is not None
    assert len(engine.rendered) == rendered  # the second pass found everything cached


def test_what_was_said_in_a_visit_leaves_the_cache_at_its_end(tmp_path: Path) -> None:
    synth = Synthesizer(tmp_path, engine_factory=FakeEngine)
    try:
        fixed = synth.prerender(["请选择要办理的事情"], "zh")[0].result(5)
        said = synth.request("您的新号码是 13912345678", "zh").result(5)
        assert fixed is not None and said is not None and said.exists()
        assert synth.forget_visit() == 1
        assert fixed.exists() and not said.exists()
    finally:
        synth.close()


def test_a_visit_that_never_ended_has_its_speech_deleted_at_the_next_start(
    tmp_path: Path,
) -> None:
    """The kiosk stopped mid-visit (no forget_visit): the amounts it said are not kept."""
    settings = load_settings(environ={}, overrides={"paths.data_dir": str(tmp_path)})
    crashed = Synthesizer.from_settings(settings, engine_factory=FakeEngine)
    said = crashed.request("您本月应缴三百二十元", "zh").result(WAIT)
    prompt = crashed.prerender(["请选择业务"], "zh")[0].result(WAIT)
    assert said is not None and said.exists() and prompt is not None
    crashed.close()  # closing is all a killed kiosk would have done, and less
    with Synthesizer.from_settings(settings, engine_factory=FakeEngine) as synth:
        assert not said.exists()
        assert prompt.exists()  # fixed prompts stay
        again = synth.request("您本月应缴三百二十元", "zh").result(WAIT)
        assert again is not None
        assert synth.forget_visit() == 1
        assert not again.exists() and not (synth.cache.folder / ".visit-files").exists()


def test_kiosk_say_keeps_a_running_kiosks_visit_speech(tmp_path: Path) -> None:
    settings = load_settings(environ={}, overrides={"paths.data_dir": str(tmp_path)})
    with Synthesizer.from_settings(settings, engine_factory=FakeEngine) as kiosk:
        said = kiosk.request("您本月应缴三百二十元", "zh").result(WAIT)
        with Synthesizer.from_settings(
            settings, engine_factory=FakeEngine, visit_marks=False
        ) as say:
            say.request("你好", "zh").result(WAIT)
        assert said is not None and said.exists()


def test_cantonese_is_rendered_with_its_voice_and_normaliser(
    synth: Synthesizer, engine: FakeEngine
) -> None:
    synth.request("应缴¥2，请拨打12333", "yue").result(WAIT)
    synth.request("应缴¥2，请拨打12333", "zh").result(WAIT)
    assert engine.rendered == [
        ("应缴两元，请拨打一二三三三", "sit/yue", 165),
        ("应缴两元，请拨打幺二三三三", "sit/cmn-latn-pinyin", 165),
    ]


def test_prerender_all_covers_every_listed_language(tmp_path: Path, engine: FakeEngine) -> None:
    from kiosk import i18n
    from kiosk.speech.prerender import prerender_all

    settings = load_settings(environ={}, overrides={"paths.data_dir": str(tmp_path)})
    with Synthesizer.from_settings(settings, engine_factory=lambda: engine) as synth:
        for future in prerender_all(synth, settings):
            assert future.result(WAIT) is not None
        voices = {voice for _text, voice, _rate in engine.rendered}
        assert voices == {"sit/cmn-latn-pinyin", "sit/yue", "en"}
        assert synth.request(i18n.t("bar.home", "yue"), "yue").done()  # a cache hit
