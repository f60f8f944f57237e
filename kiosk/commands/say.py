"""``kiosk say``: speak a text, show or render its spoken form, or pre-render every prompt."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import time
from pathlib import Path

from kiosk.commands.common import add_data_options, settings_from_args
from kiosk.config import Settings
from kiosk.errors import ConfigError, OperationFailed
from kiosk.speech.controls import RATE_STEPS
from kiosk.speech.normalize import speakable
from kiosk.speech.prerender import prerender_all
from kiosk.speech.synth import Synthesizer
from kiosk.text import Lang, language_codes

RENDER_TIMEOUT_S = 60.0


def _open(settings: Settings) -> Synthesizer:
    synth = Synthesizer.from_settings(settings)
    synth.ready.wait(RENDER_TIMEOUT_S)
    if not synth.available:
        synth.close()
        raise OperationFailed(synth.fault_message or "speech synthesis unavailable")
    return synth


def _language(args: argparse.Namespace, settings: Settings) -> Lang:
    lang: Lang = args.lang or settings.kiosk.default_language
    if lang not in language_codes():
        raise ConfigError(
            f"say: language {lang!r} is not in the language list; "
            f"choose one of: {', '.join(language_codes())}"
        )
    return lang


def _say(args: argparse.Namespace, settings: Settings) -> int:
    if not args.text:
        raise ConfigError("say: give a TEXT to speak, or --prerender")
    lang = _language(args, settings)
    if args.show:
        print(speakable(args.text, lang))
        return 0
    with _open(settings) as synth:
        path = synth.request(args.text, lang, rate=synth.rate_for(args.rate)).result(
            RENDER_TIMEOUT_S
        )
    if path is None:
        raise OperationFailed("nothing was rendered (empty text, or the engine failed)")
    if args.out:
        shutil.copyfile(path, args.out)
        print(f"wrote {args.out}")
        return 0
    aplay = shutil.which("aplay")
    if aplay is None:
        print(f"no aplay to play it; the speech is in {path}")
        return 0
    played = subprocess.run([aplay, "-q", str(path)], check=False, capture_output=True)
    if played.returncode != 0:
        raise OperationFailed(f"could not play (no audio device?); the speech is in {path}")
    return 0


def _prerender(args: argparse.Namespace, settings: Settings) -> int:
    langs = [_language(args, settings)] if args.lang else list(language_codes())
    rates_steps = RATE_STEPS if args.all_rates else ("normal",)
    started = time.perf_counter()
    total = new = 0
    with _open(settings) as synth:
        rates = [synth.rate_for(step) for step in rates_steps]
        before = len(synth.cache)
        futures = prerender_all(synth, settings, tuple(langs), rates)
        failed = sum(1 for f in futures if f.result(RENDER_TIMEOUT_S) is None)
        total, new = len(futures), len(synth.cache) - before
        folder = synth.cache.folder
    seconds = time.perf_counter() - started
    print(
        f"{total} prompts ({', '.join(langs)}; {len(rates)} rate(s)): {new} rendered, "
        f"{total - new - failed} already cached, {failed} failed, in {seconds:.1f} s "
        f"into {folder}"
    )
    return 3 if failed else 0


def _cmd(args: argparse.Namespace) -> int:
    settings = settings_from_args(args)
    return _prerender(args, settings) if args.prerender else _say(args, settings)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = sub.add_parser("say", help="speak a text, render it to a WAV, or pre-render prompts")
    add_data_options(parser)
    parser.add_argument("text", nargs="?", metavar="TEXT", help="screen text to speak")
    parser.add_argument(
        "--lang",
        metavar="L",
        help="a code of the language list, e.g. zh, yue, en (default: the kiosk's)",
    )
    parser.add_argument(
        "--show", action="store_true", help="print the spoken form of TEXT; render nothing"
    )
    parser.add_argument("--out", type=Path, metavar="F.wav", help="write the WAV here, do not play")
    parser.add_argument("--rate", choices=RATE_STEPS, default="normal", help="speaking rate")
    parser.add_argument(
        "--prerender",
        action="store_true",
        help="render every fixed prompt of the catalogue and the UI into the cache",
    )
    parser.add_argument(
        "--all-rates",
        action="store_true",
        help="with --prerender: at the slow and fast rates as well",
    )
    parser.set_defaults(func=_cmd)
