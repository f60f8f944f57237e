"""What the resident controls from the bar and the sound strip: text size, contrast, language,
elder mode, voice, audio mode, and the voice's pause, speed and volume; and how the window
speaks (a helper may have switched the sound off; the words then stay on the screen).

Every change ends in a redraw of the window, which is built afresh from the choices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.catalog.kinds import StepKind
from kiosk.i18n import t
from kiosk.speech.changes import again, answer_first, news
from kiosk.speech.controls import VOLUME_STEPS_DB
from kiosk.speech.private import aloud
from kiosk.text import Lang, sentence
from ui.kiosk.heard import screen_now
from ui.kiosk.keys import describe
from ui.kiosk.prefs import Prefs
from ui.screens.base import progress_words
from ui.speech.port import controls_of, speaking
from ui.widgets.languages import LanguageStrip
from ui.widgets.speech import SpeechStrip, next_rate

if TYPE_CHECKING:
    from ui.kiosk.window import KioskWindow
    from ui.theme import Look


class ResidentControls(QObject):
    # A QObject, not a plain object: screens connect their signals to its methods, and PySide6
    # 6.11 keeps a weak reference for good for every connection made to a bound method of a
    # plain Python object (about 130 a visit through these parts of the window).
    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_spoken = ""
        self._last_place: tuple[str, int, Lang] | None = None
        self._answered = ""  # what say_screen last said there as an answer (a refusal)
        self.speech_open = False  # the sound settings strip, opened from the bar
        self.languages_open = False  # the language strip, opened from the bar
        self.languages: LanguageStrip | None = None  # that strip, while the window shows it

    # -- speaking ------------------------------------------------------------------------------

    def say(self, text: str, *, force: bool = False, lang: Lang | None = None) -> None:
        """Say ``text`` (in ``lang``, else the resident's language); its private spans only
        through a headset (kiosk.speech.private)."""
        w = self.window
        if "audio" in w.visit.switched_off:
            return
        if text and (w.prefs.voice or w.prefs.audio_mode or force):
            lang = lang or w.prefs.lang
            headset = bool(getattr(w.voice, "headset", False))
            w.voice.speak(aloud(text, lang, headset=headset), lang)
            warm = getattr(w.voice, "warm", None)  # the voice is in use: prompts rendered ahead
            if warm is not None:
                warm()

    def say_screen(self, text: str, *, answer: bool = False) -> None:
        """A new screen's words, said once. Drawn again on the same step in the same language
        (a status change: printing, then printed), only the lines it did not say just before,
        unless those are still being said (the new words cut them off: all are said again).
        A screen that answers what the resident just did (``answer``: the same wrong number
        typed again) is always said, its answer first: the words it answered with last time
        that it still shows, then what is new (the offer of a person, after the third); if it
        cut off what was being said, the whole screen, those words still first.
        Repeat says the whole screen as it is now (ui.kiosk.heard)."""
        place = self.place()
        same = place == self._last_place
        if same and text == self.last_spoken and not answer:
            return  # drawn again with nothing new (a setting, the sound strip)
        if not same:
            self._answered = ""
        said, talking = text, speaking(self.window.voice)
        if same and answer:
            before = self._answered
            said = self._answered = again(before, text, news(self.last_spoken, text))
            if talking:  # in front: the last answer still shown, else the new one
                said = answer_first(again(before, text, "") or said, text)
        elif same and not talking:
            said = news(self.last_spoken, text)
        elif answer:
            self._answered = said
        self.last_spoken, self._last_place = text, place
        self.say(said)

    def place(self) -> tuple[str, int, Lang]:
        """Where the words are said: the visit's step (home: none), in which language."""
        w = self.window
        engine = w.visit.engine
        if engine is None:
            return ("", -1, w.prefs.lang)
        return (engine.state.visit_id, engine.state.step_index, w.prefs.lang)

    def say_status(self, text: str) -> None:
        """What the help strip or the staff banner announces: shown there, and said, as a
        sentence however it ends on the strip."""
        self.say(sentence(text, self.window.prefs.lang), force=True)

    def repeat(self) -> None:
        """The screen again, naming where the focus is now, not where it was when shown."""
        self.say(screen_now(self.window), force=True)

    def speak_help(self) -> None:
        """F1: help for this screen; pressing it also turns voice guidance on."""
        current = self.window.current
        if current is not None:
            self.window.prefs = self.window.prefs._replace(voice=True)
            self.say(current.help_text(), force=True)

    def announce(self, widget: QWidget) -> None:
        """Touch to hear and focus moves: the item, its role and its place among the choices.
        Not while the window is rebuilt: focus then passes on as widgets go, unasked."""
        if self.window.drawing:
            return
        # In the screen's language, its role and place too; a language choice's own name and
        # "switch to" words are in that language, and the voice reads them so (a Chinese text's
        # English words in the English voice, 粤语 in Cantonese: kiosk.speech.segments).
        lang = self.window.prefs.lang
        self.say(describe(widget, lang, self.position(widget)), force=True)

    def focus_words(self, focused: QWidget) -> str:
        """Where the focus is: "当前是：按钮：…" (F3, and the voice when it opens)."""
        lang = self.window.prefs.lang
        return t("where.focus", lang, item=describe(focused, lang, self.position(focused)))

    def position(self, widget: QWidget) -> tuple[int, int] | None:
        current, strip = self.window.current, self.languages
        choices = current.choices() if current is not None else []
        if strip is not None and widget in strip.buttons:
            choices = list(strip.buttons)
        if widget in choices:
            return choices.index(widget) + 1, len(choices)
        return None

    def where_am_i(self) -> None:
        """The service, the step and what is selected (EZ Access "where am I?")."""
        w = self.window
        lang = w.prefs.lang
        engine = w.visit.engine
        if engine is None:
            said = [t("where.home", lang)]
        elif engine.step.kind is StepKind.DONE:  # not a step: no number, the service is done
            said = [t("where.done", lang, service=engine.service.title.get(lang))]
        else:
            said = [
                t(
                    "where.step",
                    lang,
                    service=engine.service.title.get(lang),
                    progress=progress_words(engine.progress, lang),
                    title=engine.step.title.format(lang, engine.values(lang)),
                )
            ]
        call = w.desk.call_words if w.desk is not None else ""
        if call:
            said.append(t("where.call", lang, status=call))  # a call open: where it stands
        screen = w.current
        typed = screen.typed_status() if screen is not None else ""
        if typed:
            said.append(typed)  # a keypad: how many typed, the characters through a headset
        focused = QApplication.focusWidget()
        # What the screen waits for (nothing to press meanwhile); else where the focus is: on
        # the task, among the choices shown with it (a help offer's answers), on the bar (Call
        # staff) or a strip above it; never this very button, the sound strip's "where am I".
        if screen is not None and screen.waiting:
            said.append(screen.waiting)
        elif (
            focused is not None
            and focused.objectName() != "speech.where"
            and (w.isAncestorOf(focused) or (screen is not None and focused in screen.added))
        ):
            said.append(self.focus_words(focused))
        else:
            said.append(t("where.nothing", lang))
        # Each line one sentence: a title that asks ("您想查哪段时间？") gets no full stop after.
        self.say("\n".join(sentence(line, lang) for line in said), force=True)

    def name_key(self, name: str) -> None:
        """Key help: what a key does ("on"/"off" when the mode starts or ends)."""
        lang = self.window.prefs.lang
        if name in ("on", "off"):
            self.say(t(f"keys.help_{name}", lang), force=True)
        elif name.startswith("digit:"):
            self.say(t("keyname.digit", lang, char=name.partition(":")[2]), force=True)
        else:
            self.say(t(f"keyname.{name}", lang), force=True)

    # -- the sound strip -----------------------------------------------------------------------

    def toggle_speech_strip(self) -> None:
        """The bar's Sound button: the sound settings opened above the bar, the focus on the
        first of them and what appeared said (as the language button does); their controls
        follow Sound in the focus order, so Up goes back to it. Pressed again, closed: the
        button keeps the focus and says so."""
        w = self.window
        self.speech_open, self.languages_open = not self.speech_open, False
        w.redraw(keep_focus=True, said="")
        strip = w.speech
        if strip is not None:
            # Not a Tab reason: the focus is not announced on its own; the strip is said.
            strip.first.setFocus(QtCore.Qt.FocusReason.ActiveWindowFocusReason)
            self.say(strip.speech(), force=True)
        elif not self.speech_open:
            self.say(t("speech.closed", w.prefs.lang), force=True)

    def speech_strip(self, look: Look) -> SpeechStrip | None:
        """The sound settings while they are open (the window places them above the bar)."""
        controls = controls_of(self.window.voice)
        if not self.speech_open or controls is None:
            return None
        strip = SpeechStrip(
            look,
            self.window.prefs.lang,
            rate_step=controls.rate_step,
            volume_step=controls.volume_step,
            paused=controls.paused,
        )
        strip.pause_resume.connect(self.pause_or_resume)
        strip.rate.connect(self.next_rate)
        strip.quieter.connect(self.quieter)
        strip.louder.connect(self.louder)
        strip.where.connect(self.where_am_i)
        return strip

    def language_strip(self, look: Look) -> LanguageStrip | None:
        """The language strip while it is open (the window places it above the bar)."""
        lang = self.window.prefs.lang
        self.languages = LanguageStrip(look, lang) if self.languages_open else None
        if self.languages is not None:
            self.languages.chosen.connect(self.set_language)
        return self.languages

    def toggle_language_strip(self) -> None:
        """The bar's language button: every language opened above the bar, the focus on the
        one in use and the list said; pressed again, closed."""
        w = self.window
        self.languages_open, self.speech_open = not self.languages_open, False
        w.redraw(keep_focus=True, said="")
        strip = self.languages
        if strip is not None and strip.current is not None:
            # Not a Tab reason: the focus is not announced on its own; the list is said.
            strip.current.setFocus(QtCore.Qt.FocusReason.ActiveWindowFocusReason)
            self.say(strip.speech())

    def pause_or_resume(self) -> None:
        controls = controls_of(self.window.voice)
        if controls is None:
            return
        if controls.paused:
            controls.resume()
        else:
            controls.pause()
        self.window.redraw(keep_focus=True)

    def next_rate(self) -> None:
        controls = controls_of(self.window.voice)
        if controls is None:
            return
        controls.set_rate_step(next_rate(controls.rate_step))
        self.window.redraw(keep_focus=True)
        lang = self.window.prefs.lang
        # Heard at the new speed at once: the step's own words, said again.
        step = t(f"speech.rate.{controls.rate_step}", lang)
        self.say(t("speech.rate", lang, step=step), force=True)

    def quieter(self) -> None:
        self._change_volume(-1)

    def louder(self) -> None:
        self._change_volume(1)

    def _change_volume(self, by: int) -> None:
        """One volume step: the button keeps the focus and the new level is said in words, or,
        at the end already, that it is the quietest (loudest). While the voice is still saying
        something (a touch does not stop it), that goes on at the new level instead: it is
        what the resident is adjusting the volume to hear."""
        controls = controls_of(self.window.voice)
        if controls is None:
            return
        before = controls.volume_step
        if by < 0:
            controls.volume_down()
        else:
            controls.volume_up()
        self.window.redraw(keep_focus=True)
        lang = self.window.prefs.lang
        after = controls.volume_step
        if after == before:
            self.say(t("speech.quietest" if by < 0 else "speech.loudest", lang), force=True)
        elif not speaking(self.window.voice):
            total = len(VOLUME_STEPS_DB)
            self.say(t("speech.volume_said", lang, n=after + 1, total=total), force=True)

    def decline_help(self) -> None:
        """不用 to the offer of a person: it goes, a short "all right" is said instead of the
        screen again, and the focus stays where it was (on the answer, gone: the screen's
        first)."""
        w = self.window
        w.visit.dismiss_help_offer(redraw=False)
        w.redraw(keep_focus=True, said=t("help.offer_declined", w.prefs.lang))

    # -- the resident's choices ------------------------------------------------------------------

    def _set(self, prefs: Prefs, said: str | None = None) -> None:
        """A new look: the control pressed keeps the focus and what changed is said (``said``,
        else that control in its new state), not the whole screen again."""
        w = self.window
        w.prefs = prefs
        w.redraw(keep_focus=True, said=said or "")
        focused = QApplication.focusWidget()
        if said is None and focused is not None and w.isAncestorOf(focused):
            self.say(describe(focused, prefs.lang, self.position(focused)))

    def next_size(self) -> None:
        self._set(self.window.prefs.next_size())

    def next_theme(self) -> None:
        self._set(self.window.prefs.next_theme())

    def set_language(self, lang: str) -> None:
        """Any language of the language list (home and the bar's strip offer each one)."""
        w = self.window
        self.languages_open = False
        w.prefs = w.prefs._replace(lang=lang)
        w.visit.set_language(lang)
        w.redraw()

    def toggle_elder(self) -> None:
        """Elder mode on or off: the toggle keeps the focus and says what changed (home is
        not read again from its start)."""
        prefs = self.window.prefs.toggle_elder()
        self._set(
            prefs, t("home.elder_now_on" if prefs.elder else "home.elder_now_off", prefs.lang)
        )

    def toggle_voice(self) -> None:
        """Home's 语音导览: on, the voice reads and touch-to-hear starts (a first touch speaks
        an item, a second chooses it), so a resident without a keyboard explores by touch;
        off, both stop."""
        w = self.window
        w.voice.stop()
        on = not w.prefs.audio_mode
        w.prefs = w.prefs._replace(voice=on, audio_mode=on, blank=w.prefs.blank and on)
        w.touch_policy.audio_mode = on
        w.touch_policy.armed = None
        w.redraw()
        if on:  # how touch-to-hear works, then the screen again
            self.say(t("audio.touch_on", w.prefs.lang) + "\n" + self.last_spoken, force=True)

    def cycle_audio_mode(self) -> None:
        """Off, then touch to hear, then also a blank screen, then off again."""
        w = self.window
        p = w.prefs
        if not p.audio_mode:
            new, key = p._replace(audio_mode=True, voice=True), "audio.on"
        elif not p.blank:
            new, key = p._replace(blank=True), "audio.blank"
        else:
            new, key = p._replace(audio_mode=False, blank=False), "audio.off"
        w.prefs = new
        w.touch_policy.audio_mode = new.audio_mode
        w.touch_policy.armed = None
        w.show_blank(new.blank)
        self.say(t(key, new.lang), force=True)

    def reset(self) -> None:
        """The next resident starts from the defaults: text, colours, language, and the voice's
        speed and volume (ui.speech.speaker.Speaker.reset)."""
        w = self.window
        w.prefs = Prefs.defaults(w.settings)
        w.touch_policy.audio_mode = False
        self.speech_open = self.languages_open = False
        controls = controls_of(w.voice)
        if controls is not None:
            controls.reset()
