"""The size and contrast rules over every screen of tour runs: two services (their screens cover
every kind but handoff, confirm, input and info, which the end-to-end tests reach), every size and
theme, both orientations and languages. ``kiosk tour`` over everything takes about 15 s a
combination; that run is for review, this one for CI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import load_settings
from ui.tour.tour import run_tour

# One screen of the tour's manifest.json, as the JSON module reads it.
Row = dict[str, Any]


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> list[Row]:
    settings = load_settings(environ={})
    services = ["contribution-record", "counter-ticket"]
    # Every theme at the standard size; each larger size in the other orientation and language.
    runs = [
        (["zh"], ["standard"], ["standard", "dark", "light"], ["landscape"]),
        (["en"], ["largest"], ["dark"], ["portrait"]),
        (["zh", "yue"], ["large"], ["light"], ["portrait"]),
        (["en"], ["largest"], ["standard"], ["landscape"]),
    ]
    rows: list[Row] = []
    for i, (langs, sizes, themes, orientations) in enumerate(runs):
        out = tmp_path_factory.mktemp(f"tour{i}")
        assert run_tour(settings, out, langs, sizes, themes, orientations, services) == 0
        found = json.loads((out / "manifest.json").read_text("utf-8"))
        assert all((out / str(r["file"])).exists() for r in found)
        rows += found
    return rows


def test_every_screen_meets_the_rules(manifest: list[Row]) -> None:
    assert len(manifest) > 30
    for row in manifest:
        where = row["file"]
        assert float(row["smallest_target_mm"]) >= 16.0, where
        assert float(row["smallest_gap_mm"]) >= 2.5, where
        minimum_cap = 4.8 if row["size"] == "standard" else 6.1
        assert float(row["smallest_capital_mm"]) >= minimum_cap, where
        assert float(row["lowest_text_contrast"]) >= 7.0, where
        assert float(row["lowest_border_contrast"]) >= 3.0, where
        assert float(row["lowest_focus_contrast"]) >= 3.0, where
        assert row["text_shown"], where
        assert row["clipped"] == [], where  # no words cut off for want of height
        # No word broken across lines ("呼叫工作人/员", "标/准") nor cut off at an edge.
        assert row["broken_words"] == [], where
        # Every control keeps the bar's margin from the panel's edge, and is drawn whole.
        edge = float(row["smallest_edge_mm"])
        assert edge >= 2.5, (where, row["nearest_edge"])
        assert row["cut_off"] == [], where
        # The panel's size, whatever the screen holds: nothing pushes the window past its edge.
        panel = [1080, 1920] if row["orientation"] == "portrait" else [1920, 1080]
        assert row["window_px"] == panel, where


def test_manifest_names_screen_service_step_and_speech(manifest: list[Row]) -> None:
    keys = {"screen", "service", "step", "language", "size", "theme", "text_spoken", "broken_words"}
    assert all(keys <= set(row) for row in manifest)
    kinds = {row["screen"] for row in manifest}
    assert {"home", "identify", "choose", "lookup", "print", "rate", "done", "ticket"} <= kinds
    assert any(str(row["file"]).endswith("timeout-warning.png") for row in manifest)
    # The helper's actions in both orientations (in portrait in the task's place).
    for orientation in ("landscape", "portrait"):
        assert any(
            str(row["file"]).endswith("staff-assisted.png") and row["orientation"] == orientation
            for row in manifest
        ), orientation


def test_tour_refuses_unknown_names(tmp_path: Path) -> None:
    from kiosk.errors import ConfigError

    with pytest.raises(ConfigError):
        run_tour(
            load_settings(environ={}), tmp_path, ["fr"], ["standard"], ["standard"], ["landscape"]
        )


def test_broken_words_are_found(qapp: object) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from ui.tour.broken import broken_words
    from ui.widgets.wrap import keep_words

    font = QFont()
    font.setPixelSize(40)
    one = QFontMetrics(font).horizontalAdvance("呼")
    # Plain Qt wrapping would give "呼叫工作人/员"; kept whole, the run moves to a line of its own.
    assert broken_words("请点呼叫工作人员", font, one * 7) == []
    assert "\u2060" in keep_words("标准")
    assert broken_words("Delete", font, QFontMetrics(font).horizontalAdvance("Del")) == ["Delete|"]
    assert broken_words("呼叫工作人员", font, one * 5) == ["呼叫工作人员|"]
    # A long run may break, but not inside a word the kiosk knows: plain Qt wrapping would
    # give "或输入身份/证号码" at six characters a line.
    assert broken_words("或输入身份证号码。", font, one * 6) == []
    assert "身\u2060份\u2060证\u2060号\u2060码" in keep_words("或输入身份证号码。")


def test_a_break_inside_a_known_word_of_a_long_run_is_found() -> None:
    from ui.tour.broken import broken_at

    text = "请对照身份证核对，用删除键改正。"
    assert broken_at(text, text.index("证"))  # 身份/证
    assert not broken_at(text, text.index("身"))  # 请对照/身份证: between words
    assert broken_at(text, text.index("键"))  # 删除/键


def test_a_control_at_the_edge_or_cut_off_is_found(qapp: object) -> None:
    from PySide6.QtWidgets import QFrame, QPushButton, QWidget

    from ui.tour.measure import measure

    panel = QWidget()
    panel.resize(400, 300)
    inner = QPushButton("inner", panel)
    inner.setGeometry(20, 20, 100, 60)
    holder = QFrame(panel)
    holder.setGeometry(20, 150, 100, 100)
    QPushButton("half", holder).setGeometry(60, 10, 80, 60)  # its right part outside the frame
    at_edge = QPushButton("edge", panel)
    at_edge.setGeometry(300, 100, 100, 60)  # its right side on the panel's
    panel.show()
    found = measure(panel, pixels_per_mm=10.0)
    assert (found.smallest_edge_mm, found.nearest_edge) == (0.0, "edge")
    assert found.cut_off == ["half"]
    at_edge.move(280, 100)
    assert measure(panel, pixels_per_mm=10.0).smallest_edge_mm == 2.0
    panel.close()
