"""``kiosk tour``: every service end to end, offscreen, a PNG per screen and ``manifest.json``.

Each combination of orientation, text size, theme and language gets a fresh demo database in a
temporary folder (a tour reports cards lost and changes phones; it must not touch real data) and
a fresh window. The autopilot completes each service by touch, typing a demo resident's ID
number (once wrongly first, to show the error); ``core.demo_resident`` picks one the service
can serve. Home, the timeout warning, the help strip after a call (staff told, then a helper
coming once a console acknowledges it), the staff PIN pad, assisted mode with the helper's
actions, and the sound settings strip are captured too. The manifest records, per screen, what
was shown and said and the measures the accessibility rules are checked against.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any, cast

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.api.kiosk import KioskApi
from kiosk.config import Settings, load_settings
from kiosk.errors import ConfigError
from kiosk.peripherals.scripted import ScriptedDevices
from kiosk.text import Lang, language_codes, unvoiced
from ui.assist.desk import HelpDesk
from ui.kiosk.app import application, check_font
from ui.kiosk.prefs import Prefs
from ui.kiosk.window import KioskWindow
from ui.screens.registry import SCREENS
from ui.speech.port import RecordingVoice
from ui.theme import SIZES, THEMES, SizeName, ThemeName
from ui.tour.autopilot import Autopilot
from ui.tour.measure import measure

LANDSCAPE = (1920, 1080)


def _check(kind: str, values: list[str], allowed: tuple[str, ...]) -> None:
    wrong = [v for v in values if v not in allowed]
    if wrong:
        raise ConfigError(f"tour: {kind} {', '.join(wrong)} unknown; use {', '.join(allowed)}")


def run_tour(
    settings: Settings,
    out_dir: str | Path,
    languages: list[str],
    sizes: list[str],
    themes: list[str],
    orientations: list[str],
    services: list[str] | None = None,
) -> int:
    _check("language", languages, language_codes())  # any listed language, Cantonese too
    _check("size", sizes, SIZES)
    _check("theme", themes, THEMES)
    _check("orientation", orientations, ("landscape", "portrait"))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    app = application()
    face = check_font()
    if face:
        app.setFont(QFont(face))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    manifest: list[dict[str, Any]] = []
    for orientation in orientations:
        for size in sizes:
            for theme in themes:
                for lang in languages:
                    manifest += _one_combination(
                        settings,
                        out,
                        orientation == "portrait",
                        cast(SizeName, size),
                        cast(ThemeName, theme),
                        lang,
                        services,
                    )
    (out / "manifest.json").write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    print(f"tour: {len(manifest)} screens in {out}")
    return 0


def _one_combination(
    settings: Settings,
    out: Path,
    portrait: bool,
    size: SizeName,
    theme: ThemeName,
    lang: Lang,
    only: list[str] | None,
) -> list[dict[str, Any]]:
    combo = f"{'portrait' if portrait else 'landscape'}-{size}-{theme}-{lang}"
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="kiosk-tour-") as data:
        tour_settings = load_settings(
            overrides={
                "paths.data_dir": data,
                "paths.services_dir": str(settings.services_dir),
                # The hall's own server, if it has one: its codes are the ones to look at.
                "server.base_url": settings.server.base_url,
            }
        )
        core = KioskApi.open(tour_settings)
        voice = RecordingVoice()
        window = KioskWindow(
            core, voice, ScriptedDevices(), screens=SCREENS, desk=HelpDesk, portrait=portrait
        )
        w, h = LANDSCAPE
        window.resize(*((h, w) if portrait else (w, h)))
        window.show()
        prefs = Prefs(lang=lang, size=size, theme=theme, voice=True)
        residents = core.demo_residents()
        pilot = Autopilot(window, "touch")
        seen: set[tuple[str, str]] = set()
        service_id = "home"

        def shot(label: str) -> None:
            key = (pilot.where(), window.last_spoken + label)
            if key in seen:
                return
            seen.add(key)
            QApplication.processEvents()
            engine = window.visit.engine
            step = engine.step.id if engine else ("home" if service_id == "home" else "done")
            name = f"{combo}-{len(rows):03d}-{service_id}-{step}-{label}.png"
            window.grab().save(str(out / name))
            rows.append(
                {
                    "file": name,
                    "screen": window.current.kind if window.current else "",
                    "service": service_id,
                    "step": step,
                    # As drawn: a finished visit resets the choices to the defaults.
                    "language": window.prefs.lang,
                    "size": window.prefs.size,
                    "theme": window.prefs.theme,
                    "orientation": "portrait" if portrait else "landscape",
                    "text_spoken": unvoiced(window.last_spoken),  # the words, as heard
                    "window_px": [window.width(), window.height()],
                    **measure(window, settings.display.pixels_per_mm).as_dict(),
                }
            )

        pilot.on_screen = shot
        try:
            window.prefs = prefs
            window.redraw()
            shot("home")
            ids = [s.id for s in core.catalogue.services if not only or s.id in only]
            for i, service_id in enumerate(ids):
                window.prefs = prefs
                window.redraw()
                service = core.catalogue.get(service_id)
                first = core.demo_resident(service_id)
                order = [first] + [r for r in residents if r != first]
                for attempt in range(len(order)):
                    pilot.id_number = order[attempt][1]
                    wrong = i == 0 and attempt == 0 and service.needs_identity
                    if pilot.complete(service_id, wrong_first=wrong):
                        break
                    window.prefs = prefs
                    window.redraw()
            service_id = ids[0] if ids else "home"
            _extra_screens(window, pilot, prefs, service_id, shot)
            _staff_screens(window, pilot, prefs, service_id, shot, core)
        finally:
            window.shutdown()
            window.close()
            window.deleteLater()
            core.close()
            QApplication.processEvents()
    return rows


def _extra_screens(window: Any, pilot: Any, prefs: Any, service_id: str, shot: Any) -> None:
    """The timeout warning and the help banner, on the first step of a service."""
    window.prefs = prefs  # a value: the window replaces it, never changes it
    window.redraw()
    pilot.start(service_id)
    engine = window.visit.engine
    engine.clock = lambda: engine.state.last_activity + engine.timings.step_timeout_s + 1
    window.visits.tick()
    shot("timeout-warning")
    window.visits.more_time()
    engine.clock = lambda: engine.state.last_activity
    pilot.press("bar.staff")
    pilot.settle()
    shot("help-sent")
    window.visits.go_home()


def _wait(condition: Any, timeout_s: float = 10.0) -> None:
    """Let the event loop run until ``condition()`` (a worker's answer has arrived)."""
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("tour: the window did not get there in time")
        QApplication.processEvents()
        time.sleep(0.005)


def _staff_screens(
    window: Any, pilot: Any, prefs: Any, service_id: str, shot: Any, core: Any
) -> None:
    """The human path: a call (told, then a helper coming), the staff PIN pad, assisted mode
    with the actions panel; and the sound settings strip."""
    helper = core.staff.add("1024", "王芳", "2468")
    window.prefs = prefs  # a value: the window replaces it, never changes it
    window.redraw()
    pilot.start(service_id)
    pilot.press("bar.staff")
    desk = window.desk
    _wait(lambda: desk.strip.status is not None)
    shot("help-told")
    core.help.acknowledge(desk.request_id, helper.id, eta_s=90)
    _wait(lambda: desk.strip.status is not None and desk.strip.status.phase == "coming")
    pilot.settle()
    shot("help-coming")
    desk.entry.click()
    pilot.settle()
    shot("staff-pin-pad")
    for key in ["1", "0", "2", "4", "确定", "2", "4", "6", "8"]:
        desk.helper.pad.keys[key].click()
    desk.helper.pad.keys["确定"].click()
    _wait(lambda: desk.helper.takeover is not None)
    pilot.settle()
    shot("staff-assisted")
    if window.portrait:  # the actions take the task's place; the helper may look at the task
        desk.helper.actions.task_button.click()
        pilot.settle()
        shot("staff-assisted-task")
        desk.entry.click()
        pilot.settle()
    desk.helper.actions.buttons["hand_back"].click()
    pilot.settle()
    pilot.press("bar.sound")
    shot("sound-settings")
    window.visits.go_home()
