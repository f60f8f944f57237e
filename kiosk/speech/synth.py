"""The synthesis worker: one thread owns the engine and renders text to cached WAV files.

A request returns a Future at once. Cache hits are answered on the caller's thread without
touching the worker. Misses queue by priority: speech a screen asks for goes before
pre-rendering, and among equals the newest goes first (a new screen overtakes the old one);
``supersede=True`` also cancels every earlier request that has not started.
If the engine cannot load, one warning is logged, ``on_fault`` is called once, and every
Future resolves to None: the kiosk carries on without a voice.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.speech.cache import VisitMarks, WavCache
from kiosk.speech.controls import rate_for_step
from kiosk.speech.normalize import family, speakable
from kiosk.speech.segments import join_wavs, voice_parts
from kiosk.speech.tts import EspeakRenderer, Renderer
from kiosk.text import language, languages, unvoiced

if TYPE_CHECKING:
    from kiosk.config import Settings

log = logging.getLogger(__name__)

SPEAK = 0  # a screen is waiting for this
PRERENDER = 1  # fixed prompts rendered ahead, whenever the worker is idle
_STOP = -1

SpeechFuture = Future[Path | None]


def cache_folder(settings: Settings) -> Path:
    return settings.data_dir / "speech-cache"


@dataclass(order=True)
class _Job:
    priority: int
    order: int  # minus a counter: the newest first among equal priorities
    text: str = field(compare=False, default="")
    voice: str = field(compare=False, default="")  # the language's voice: the cache's key
    rate: int = field(compare=False, default=0)
    future: SpeechFuture = field(compare=False, default_factory=Future)
    # (voice, words) in order: a text's words in another script go to a voice that reads them
    parts: tuple[tuple[str, str], ...] = field(compare=False, default=())


class Synthesizer:
    def __init__(
        self,
        cache_dir: Path,
        *,
        voices: Mapping[str, str] | None = None,
        rate_wpm: int = 165,
        engine_factory: Callable[[], Renderer] = EspeakRenderer,
        on_fault: Callable[[str], None] | None = None,
        visit_marks: bool = False,
    ) -> None:
        """``visit_marks``: list a visit's files on disk as they are made, and delete what a
        visit that never ended left (the kiosk's synthesizer; not ``kiosk say``)."""
        self.cache = WavCache(cache_dir)
        self.cache.clean_temps()
        self._visit_files: set[Path] = set()
        self._marks = VisitMarks(self.cache) if visit_marks else None
        if self._marks is not None and (left := self._marks.forget()):
            log.info("speech: %d sentences of a visit that never ended deleted", left)
        # Each language's voice from the language list; ``voices`` overrides some (settings).
        self.voices = {lang.code: lang.voice for lang in languages()} | dict(voices or {})
        self.rate_wpm = rate_wpm
        self._factory = engine_factory
        self._fault_listeners: list[Callable[[str], None]] = []
        self.fault_message: str | None = None
        self._queue: queue.PriorityQueue[_Job] = queue.PriorityQueue()
        self._counter = itertools.count()
        self._lock = threading.Lock()
        self._pending: set[SpeechFuture] = set()  # SPEAK requests not started yet
        self._closed = False
        self.available: bool | None = None  # None until the engine has tried to load
        self.ready = threading.Event()
        if on_fault is not None:
            self.add_fault_listener(on_fault)
        self._thread = threading.Thread(target=self._run, name="speech-synth", daemon=True)
        self._thread.start()

    @classmethod
    def from_settings(
        cls,
        settings: Settings,
        *,
        engine_factory: Callable[[], Renderer] = EspeakRenderer,
        on_fault: Callable[[str], None] | None = None,
        visit_marks: bool = True,
    ) -> Synthesizer:
        """Voices from the language list, ``[speech]`` overriding Mandarin's and English's; rate
        from ``[speech]``; the cache in ``<data dir>/speech-cache``."""
        speech = settings.speech
        return cls(
            cache_folder(settings),
            voices={"zh": speech.voice_zh, "en": speech.voice_en},
            rate_wpm=speech.rate_wpm,
            engine_factory=engine_factory,
            on_fault=on_fault,
            visit_marks=visit_marks,
        )

    def rate_for(self, step: str) -> int:
        """Words a minute for "slow", "normal" or "fast" around the configured default."""
        return rate_for_step(step, self.rate_wpm)

    def voice_for(self, lang: str) -> str:
        """The espeak-ng voice of a language code; ValueError if it is not in the list."""
        return self.voices.get(lang) or language(lang).voice

    def request(
        self,
        text: str,
        lang: str,
        *,
        rate: int | None = None,
        normalise: bool = True,
        supersede: bool = False,
        priority: int = SPEAK,
    ) -> SpeechFuture:
        """A Future of the WAV path (None: nothing to say, or no voice). Returns at once."""
        spoken = speakable(text, lang) if normalise else text
        voice, rate = self.voice_for(lang), rate or self.rate_wpm
        if supersede:
            self.cancel_pending()
        hit = self.cache.lookup(spoken, voice, rate) if spoken.strip() else None
        if hit is not None or not spoken.strip() or self.available is False or self._closed:
            done: SpeechFuture = Future()
            done.set_result(hit)
            return done
        parts = voice_parts(spoken, family(lang), self.voices)
        job = _Job(priority, -next(self._counter), spoken, voice, rate, parts=tuple(parts))
        if priority == SPEAK:
            with self._lock:
                self._pending.add(job.future)
        self._queue.put(job)
        return job.future

    def prerender(
        self, texts: Iterable[str], lang: str, rates: Iterable[int] | None = None
    ) -> list[SpeechFuture]:
        """Queue fixed prompts behind any speech a screen asks for; duplicates are skipped."""
        unique = dict.fromkeys(t for t in texts if t.strip())
        return [
            self.request(t, lang, rate=r, priority=PRERENDER)
            for r in (rates or [self.rate_wpm])
            for t in unique
        ]

    def add_fault_listener(self, listener: Callable[[str], None]) -> None:
        """Call ``listener(message)`` (on the worker thread) when the engine fails to load; a
        listener added after the failure is called at once, so none misses it."""
        with self._lock:
            message = self.fault_message
            if message is None:
                self._fault_listeners.append(listener)
        if message is not None:
            _call(listener, message)

    def cancel_pending(self) -> int:
        """Cancel screen requests not started yet (the screen they were for has gone)."""
        with self._lock:
            pending, self._pending = self._pending, set()
        return sum(f.cancel() for f in pending)

    def close(self, timeout: float = 5.0) -> None:
        """Stop the worker; requests not started are cancelled."""
        if self._closed:
            return
        self._closed = True
        self._queue.put(_Job(_STOP, 0))
        self._thread.join(timeout)

    def __enter__(self) -> Synthesizer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ---- the worker thread --------------------------------------------------------------------

    def _run(self) -> None:
        engine = self._load()
        try:
            while True:
                job = self._queue.get()
                if job.priority == _STOP:
                    break
                with self._lock:
                    self._pending.discard(job.future)
                if job.future.set_running_or_notify_cancel():
                    job.future.set_result(self._render(engine, job))
        finally:
            self._drain()
            if engine is not None:
                engine.close()

    def _load(self) -> Renderer | None:
        try:
            engine = self._factory()
        except Exception as exc:  # any failure to load means "no voice", never a crash
            self.available = False
            message = f"speech synthesis unavailable, continuing without a voice: {exc}"
            log.warning(message)
            self._fault(message)
            return None
        else:
            self.available = True
            return engine
        finally:
            self.ready.set()

    def _render(self, engine: Renderer | None, job: _Job) -> Path | None:
        if engine is None:
            return None
        final = self.cache.path(job.text, job.voice, job.rate)
        if self.cache.lookup(job.text, job.voice, job.rate):
            return final  # rendered meanwhile by an earlier job or another process
        temp = self.cache.temp_for(final)
        try:
            self._render_parts(engine, job, temp)
            path = self.cache.commit(temp, final)
        except Exception as exc:
            temp.unlink(missing_ok=True)
            # The text may hold what a resident was told: log its length, never its words.
            log.warning(
                "speech: could not render %d characters with %s: %s", len(job.text), job.voice, exc
            )
            return None
        if job.priority != PRERENDER:
            with self._lock:
                self._visit_files.add(path)
                if self._marks is not None:
                    self._marks.add(path)
        return path

    def _render_parts(self, engine: Renderer, job: _Job, temp: Path) -> None:
        """The job's text into ``temp``: its parts each in their voice, joined."""
        parts = job.parts or ((job.voice, unvoiced(job.text)),)
        if len(parts) == 1:
            engine.render(parts[0][1], parts[0][0], job.rate, temp)
            return
        pieces = [temp.with_name(f"{temp.stem}-{n}.wav") for n in range(len(parts))]
        try:
            for (voice, words), piece in zip(parts, pieces, strict=True):
                engine.render(words, voice, job.rate, piece)
            if not join_wavs(pieces, temp):  # voices of different formats: one voice then
                engine.render(unvoiced(job.text), job.voice, job.rate, temp)
        finally:
            for piece in pieces:
                piece.unlink(missing_ok=True)

    def forget_visit(self) -> int:
        """End of a visit: delete what was rendered for it (names, amounts, numbers said aloud).

        Only fixed prompts, rendered by ``prerender``, stay in the cache across visits; a file
        name is a hash of its text, so a kept file would tell what was said.
        """
        with self._lock:
            files, self._visit_files = self._visit_files, set()
            if self._marks is not None:
                self._marks.forget()
        for path in files:
            path.unlink(missing_ok=True)
        return len(files)

    def _drain(self) -> None:
        """The worker is stopping: cancel whatever has not started."""
        while True:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                return
            job.future.cancel()

    def _fault(self, message: str) -> None:
        with self._lock:
            self.fault_message = message
            listeners, self._fault_listeners = self._fault_listeners, []
        for listener in listeners:
            _call(listener, message)


def _call(listener: Callable[[str], None], message: str) -> None:
    try:
        listener(message)
    except Exception:
        log.exception("speech: a fault listener failed")
