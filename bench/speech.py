"""Speech latency: from "a screen asks to speak" to "audio ready to play", and barge-in.

    .venv/bin/python bench/speech.py [--runs 5]

Measures, each as the median over runs of that run's p50 and p95:
- pre-rendered prompts (a cache hit through Speaker.say to the player's play call), Mandarin,
  Cantonese and English, and Cantonese alone;
- new ~30-character sentences (synthesis on the worker, hop back to the Qt thread, play call),
  against the floor: the `espeak-ng` command writing the same sentence to a WAV; all languages
  together and each language alone (Cantonese: voice sit/yue, its own normaliser);
- barge-in: SpeechPlayer.stop() on the real player (a QAudioSink pulling the WAV's frames from
  a QBuffer) while it plays, the median over runs of each run's median and the worst stop of all;
  with no sound card (a test machine) the player keeps time silently and the figure is its own
  bookkeeping, which the output says.
The ratios of new sentences to the floor are printed last.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from itertools import chain
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtMultimedia import QMediaDevices

from kiosk.speech.normalize import speakable
from kiosk.speech.synth import Synthesizer
from ui.speech.player import SpeechPlayer
from ui.speech.speaker import Speaker

# fmt: off
ZH_WORDS = ["请", "您", "到", "窗口", "办理", "参保", "缴费", "证明", "打印", "工作人员", "身份证",
            "社保卡", "养老", "医疗", "失业", "查询", "记录", "材料", "原件", "复印件", "核对",
            "信息", "确认", "提交", "领取", "回执", "服务", "大厅", "自助", "终端", "帮助"]
EN_WORDS = ["please", "take", "your", "card", "ticket", "counter", "pension", "record", "print",
            "staff", "help", "check", "details", "confirm", "receipt", "insurance", "service",
            "hall", "window", "wait", "call", "number", "form", "copy", "sign", "here", "now"]
# fmt: on


LANGS = ("zh", "yue", "en")  # Cantonese says the Chinese screen text


def sentences(lang: str, count: int, seed: int) -> list[str]:
    """Distinct sentences of about 30 characters, new to the cache."""
    rng = random.Random(seed)
    words = EN_WORDS if lang == "en" else ZH_WORDS
    out: list[str] = []
    while len(out) < count:
        text = ""
        while len(text) < 30:
            text += rng.choice(words) + (" " if lang == "en" else "")
        text = text[:30].strip() + ("." if lang == "en" else "。")
        if text not in out:
            out.append(text)
    return out


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


class ReadyPlayer:
    """Records when the Speaker hands a WAV to playback: the end of the measured span."""

    def __init__(self) -> None:
        self.at: float | None = None
        self.loop: QEventLoop | None = None

    def play(self, path: Path) -> None:
        self.at = time.perf_counter()
        if self.loop is not None:
            self.loop.quit()

    def stop(self) -> None: ...
    def pause(self) -> None: ...
    def resume(self) -> None: ...
    def repeat(self) -> bool:
        return False

    def set_volume_step(self, step: int) -> None: ...
    def reset_output(self) -> None: ...


def time_say(speaker: Speaker, player: ReadyPlayer, text: str, lang: str) -> float:
    player.at = None
    player.loop = QEventLoop()
    start = time.perf_counter()
    speaker.say(text, lang)
    if player.at is None:  # not a cache hit: wait for the worker's answer
        QTimer.singleShot(10_000, player.loop.quit)
        player.loop.exec()
    if player.at is None:
        raise RuntimeError(f"no audio for {text!r}")
    return (player.at - start) * 1000


def floor_ms(text: str, voice: str, rate: int, out: Path) -> float:
    start = time.perf_counter()
    subprocess.run(["espeak-ng", "-v", voice, "-s", str(rate), "-w", str(out), text], check=True)
    return (time.perf_counter() - start) * 1000


def barge_in_ms(app: QCoreApplication, wav: Path, cycles: int) -> list[float]:
    """One run: play, let it sound a moment, time stop(); ``cycles`` times."""
    player = SpeechPlayer()
    out = []
    for _ in range(cycles):
        player.play(wav)
        if not player.is_playing():
            raise RuntimeError("not playing after play()")
        settle = QEventLoop()
        QTimer.singleShot(200, settle.quit)  # let it play a moment, as a resident would hear
        settle.exec()
        start = time.perf_counter()
        player.stop()
        out.append((time.perf_counter() - start) * 1000)
        if player.is_playing():
            raise RuntimeError("still playing after stop()")
        app.processEvents()
    player.deleteLater()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--prompts", type=int, default=200, help="cache hits a run")
    parser.add_argument("--new", type=int, default=20, help="new sentences a run and language")
    parser.add_argument("--barge-in", type=int, default=20, help="stops a run (0: skip)")
    args = parser.parse_args()
    app = QCoreApplication.instance() or QCoreApplication(sys.argv)
    work = Path(tempfile.mkdtemp(prefix="bench-speech-"))
    hit_p50: list[float] = []
    hit_p95: list[float] = []
    yue_hit_p50: list[float] = []
    yue_hit_p95: list[float] = []
    new_p50: dict[str, list[float]] = {lang: [] for lang in ("all", *LANGS)}
    new_p95: dict[str, list[float]] = {lang: [] for lang in ("all", *LANGS)}
    fl_p50: dict[str, list[float]] = {lang: [] for lang in ("all", *LANGS)}
    fl_p95: dict[str, list[float]] = {lang: [] for lang in ("all", *LANGS)}
    with Synthesizer(work / "cache") as synth:
        if not (synth.ready.wait(10) and synth.available):
            print(f"no synthesis: {synth.fault_message}")
            return 3
        player = ReadyPlayer()
        speaker = Speaker(synth, player)
        prompts = [(t, lang) for i, lang in enumerate(LANGS) for t in sentences(lang, 40, i + 1)]
        for text, lang in prompts:
            synth.prerender([text], lang)[0].result(30)
        for run in range(args.runs):
            hits = [
                time_say(speaker, player, *prompts[i % len(prompts)]) for i in range(args.prompts)
            ]
            yue_prompts = [p for p in prompts if p[1] == "yue"]
            yue_hits = [
                time_say(speaker, player, *yue_prompts[i % len(yue_prompts)])
                for i in range(args.prompts)
            ]
            ours: dict[str, list[float]] = {lang: [] for lang in LANGS}
            floor: dict[str, list[float]] = {lang: [] for lang in LANGS}
            for n, lang in enumerate(LANGS):
                for text in sentences(lang, args.new, seed=100 + run * len(LANGS) + n):
                    ours[lang].append(time_say(speaker, player, text, lang))
                    floor[lang].append(
                        floor_ms(
                            speakable(text, lang),
                            synth.voice_for(lang),
                            synth.rate_wpm,
                            work / "floor.wav",
                        )
                    )
            hit_p50.append(pct(hits, 0.5))
            hit_p95.append(pct(hits, 0.95))
            yue_hit_p50.append(pct(yue_hits, 0.5))
            yue_hit_p95.append(pct(yue_hits, 0.95))
            for key in ("all", *LANGS):
                mine = list(chain(*ours.values())) if key == "all" else ours[key]
                bare = list(chain(*floor.values())) if key == "all" else floor[key]
                new_p50[key].append(pct(mine, 0.5))
                new_p95[key].append(pct(mine, 0.95))
                fl_p50[key].append(pct(bare, 0.5))
                fl_p95[key].append(pct(bare, 0.95))
        speaker.deleteLater()
    med = statistics.median
    voices = ", ".join(f"{lang} {synth.voice_for(lang)}" for lang in LANGS)
    print(f"runs: {args.runs}; espeak-ng voices {voices}; {synth.rate_wpm} wpm")
    print(
        f"pre-rendered prompt, say -> play: p50 {med(hit_p50):.2f} ms, p95 {med(hit_p95):.2f} ms"
        f" ({args.prompts} a run, zh, yue and en)"
    )
    print(
        f"pre-rendered Cantonese prompt, say -> play: p50 {med(yue_hit_p50):.2f} ms, "
        f"p95 {med(yue_hit_p95):.2f} ms ({args.prompts} a run)"
    )
    for key in ("all", *LANGS):
        which = "zh, yue and en" if key == "all" else key
        count = args.new * (len(LANGS) if key == "all" else 1)
        print(
            f"new ~30-char sentence ({which}), say -> play: p50 {med(new_p50[key]):.1f} ms, "
            f"p95 {med(new_p95[key]):.1f} ms ({count} a run); floor, espeak-ng CLI to WAV: "
            f"p50 {med(fl_p50[key]):.1f} ms, p95 {med(fl_p95[key]):.1f} ms"
        )
    if args.barge_in:
        wav = synth.cache.folder / "barge.wav"
        with wave.open(str(wav), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(22050)
            out.writeframes(b"\x00\x10" * 22050 * 3)
        outputs = QMediaDevices.audioOutputs()
        runs = [barge_in_ms(app, wav, args.barge_in) for _ in range(args.runs)]
        where = (
            f"QAudioSink on {outputs[0].description()!r}"
            if outputs
            else "no audio output: silent timekeeping, no sink opened"
        )
        print(
            f"barge-in, SpeechPlayer.stop() while playing ({where}): median "
            f"{med(med(r) for r in runs):.3f} ms, max {max(max(r) for r in runs):.3f} ms "
            f"({args.runs} runs of {args.barge_in} stops)"
        )
    for key in ("all", *LANGS):
        print(
            f"ratio new/floor ({key}): p50 {med(new_p50[key]) / med(fl_p50[key]):.2f}x, "
            f"p95 {med(new_p95[key]) / med(fl_p95[key]):.2f}x"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
