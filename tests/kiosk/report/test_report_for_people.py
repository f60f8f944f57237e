"""``kiosk report`` as a manager reads it: headings and values in words, one part with a
headline for each of the four measures, the days asked for in the hall's time, one unit per
time column; its CSV with unique row keys, what it covers, and the JSON's column names."""

from __future__ import annotations

import contextlib
import csv
import html
import io
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from kiosk.cli import main

CODE_NAMES = {"key", "p50_s", "ack_p90_s", "card_retries", "to_counter", "down_s", "not_rated",
              "loss", "completion", "elder", "acknowledged_p90_s", "loss_rate"}  # fmt: skip
CODE_VALUES = {"service", "slow", "unsolved", "contacted", "(none)", "idcard", "printer"}
ASKED = ("--from", "2026-11-06", "--to", "2026-12-05")


def _run(*argv: str) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(list(argv))
    assert code == 0
    return out.getvalue()


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("hall")
    _run("demo-data", "--data-dir", str(path), "--history", "21", "--seed", "7")
    return path


@pytest.fixture(scope="module")
def page(data_dir: Path) -> str:
    return _run("report", "--data-dir", str(data_dir), *ASKED, "--format", "html")


@pytest.fixture(scope="module")
def text(data_dir: Path) -> str:
    return _run("report", "--data-dir", str(data_dir), *ASKED)


def _tables(page: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Each table of the page by its id: headings, then body rows cell by cell."""
    found: dict[str, tuple[list[str], list[list[str]]]] = {}
    for m in re.finditer(r'<h3 id="([^"]+)">.*?<table>(.*?)</table>', page):
        cells = [
            [html.unescape(c) for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", row)]
            for row in re.findall(r"<tr[^>]*>(.*?)</tr>", m.group(2))
        ]
        found.setdefault(m.group(1), (cells[0], cells[1:]))
    return found


def test_html_headings_and_values_are_words_not_codes(page: str) -> None:
    tables = _tables(page)
    headings = {h for heads, _ in tables.values() for h in heads}
    assert not headings & CODE_NAMES, headings & CODE_NAMES
    assert {"完成率", "未评价", "流失率"} <= headings
    values = {c for _, rows in tables.values() for row in rows for c in row}
    assert not values & CODE_VALUES, values & CODE_VALUES
    reasons = [row[0] for row in tables["reasons"][1]]
    assert "未说明原因" in reasons and "(none)" not in reasons
    assert "nothing in this period" not in " ".join(reasons)


def test_each_of_the_four_measures_has_a_part_with_a_headline(page: str) -> None:
    parts = re.findall(r'<section id="s-(\w+)"><h2>([^<]+)</h2><p class=headline>([^<]+)</p>', page)
    titles = {title: headline for _, title, headline in parts}
    assert {"便利", "可及", "及时", "温度"} <= set(titles)
    assert "完成率" in titles["便利"] and "%" in titles["便利"]
    assert "长者模式" in titles["可及"] and "%" in titles["可及"]
    assert "响应" in titles["及时"] and "已超期" in titles["及时"]
    assert "满意率" in titles["温度"] and "%" in titles["温度"]


def test_the_period_is_the_days_asked_for_in_the_halls_time(page: str, text: str) -> None:
    for rendered in (page, text):
        assert "2026-11-06 至 2026-12-05" in rendered
        assert "UTC+8" in rendered
        assert "2026-11-05 16:00" not in rendered


def test_a_time_column_has_one_unit_said_in_its_heading(page: str) -> None:
    tables = _tables(page)
    for table_id in ("help", "downtime", "overall"):
        heads, rows = tables[table_id]
        for i, heading in enumerate(heads):
            if not heading.endswith(("（秒）", "（分钟）")):
                continue
            cells = [row[i] for row in rows if row[i] != "–"]
            assert cells and all(re.fullmatch(r"\d+(\.\d)?", c) for c in cells), (heading, cells)
    downtime_heads = tables["downtime"][0]
    assert "停机时长（分钟）" in downtime_heads


def test_the_text_report_reads_as_the_page(text: str) -> None:
    assert "== 便利 ==" in text and "== 可及 ==" in text
    assert "请确认您的身份" in text  # a step by its title
    lines = text.splitlines()
    assert not any(re.search(r"\bidentify\b", line) for line in lines)
    assert not any(line.strip() == "(none)" for line in lines)
    assert "未说明原因" in text
    headings = {word for line in lines for word in line.split()}
    assert not headings & {"p50_s", "ack_p90_s", "card_retries", "down_s", "loss"}


def test_csv_rows_have_unique_keys_say_what_they_cover_and_use_the_json_names(
    data_dir: Path,
) -> None:
    out = _run("report", "--data-dir", str(data_dir), *ASKED, "--mode", "elder", "--format", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert rows[0] == ["section", "table", "row", "column", "value"]
    about = {(r[2], r[3]): r[4] for r in rows[1:] if r[:2] == ["report", "period"]}
    assert about[("period", "first_day")] == "2026-11-06"
    assert about[("period", "last_day")] == "2026-12-05"
    assert about[("filter", "elder")] == "elder"
    cells = Counter((r[1], r[2], r[3]) for r in rows[1:])
    assert [c for c, n in cells.items() if n > 1] == []
    funnel_keys = {r[2] for r in rows if r[1] == "funnel"}
    assert "pension-cert/identify" in funnel_keys or any("/" in k for k in funnel_keys)
    downtime_keys = {r[2] for r in rows if r[1] == "downtime"}
    assert {"kiosk-1/printer", "kiosk-1/idcard"} <= downtime_keys
    data = json.loads(_run("report", "--data-dir", str(data_dir), *ASKED, "--format", "json"))
    overall_columns = {r[3] for r in rows if r[1] == "overall"}
    assert overall_columns <= set(data["overall"])
    funnel_columns = {r[3] for r in rows if r[1] == "funnel"}
    assert funnel_columns <= set(data["funnel"][0])
    help_columns = {r[3] for r in rows if r[1] == "help"}
    assert help_columns <= set(data["timeliness"]["overall"])


def test_case_times_are_the_halls_and_say_so(data_dir: Path) -> None:
    listed = json.loads(_run("report", "cases", "--data-dir", str(data_dir), "--json"))
    assert listed and all(c["rated_at"].endswith("+08:00") for c in listed)
    one = json.loads(_run("report", "case", str(listed[0]["id"]), "--data-dir", str(data_dir)))
    assert one["rated_at"] == listed[0]["rated_at"]
    lines = _run("report", "cases", "--data-dir", str(data_dir)).splitlines()
    first = listed[0]["rated_at"]  # "2026-11-09T10:00:00+08:00"
    assert f"rated {first[:10]} {first[11:16]} hall time (UTC+0800)" in lines[0]


@pytest.mark.browser
def test_no_chart_legend_covers_a_bar(page: str, tmp_path: Path, browser: Any) -> None:
    path = tmp_path / "report.html"
    path.write_text(page, encoding="utf-8")
    tab = browser.new_page(viewport={"width": 1280, "height": 1800})
    try:
        tab.goto(path.as_uri())
        overlaps = tab.evaluate(OVERLAPS_JS)
        SHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SHOTS / "report-for-people.png"), full_page=True)
    finally:
        tab.close()
    assert overlaps["legends"] >= 2  # the help times' P50/P90 and the funnel's 放弃/超时
    assert overlaps["covered"] == []


ROOT = Path(__file__).resolve().parents[3]
SHOTS = ROOT / "build" / "screens"
# Each chart's legend box against each of its bars (matplotlib's "legend_*" and "patch_*").
OVERLAPS_JS = """() => {
  const covered = []; let legends = 0;
  for (const svg of document.querySelectorAll('svg.chart')) {
    for (const legend of svg.querySelectorAll('g[id^="legend_"]')) {
      legends += 1;
      const l = legend.getBoundingClientRect();
      for (const bar of svg.querySelectorAll('g[id^="axes_"] > g[id^="patch_"]')) {
        const b = bar.getBoundingClientRect();
        if (b.width < 1 || b.height < 1 || b.width > 0.9 * svg.getBoundingClientRect().width)
          continue;  // the axes' own background
        if (b.left < l.right && l.left < b.right && b.top < l.bottom && l.top < b.bottom)
          covered.push(svg.getAttribute('aria-label'));
      }
    }
  }
  return {legends, covered};
}"""


def test_compare_splits_gave_up_from_timed_out_as_the_report_does(
    data_dir: Path, tmp_path: Path
) -> None:
    service = "pension-certification"
    data = json.loads(_run("report", "--data-dir", str(data_dir), "--from", "2000-01-01",
                           "--service", service, "--format", "json"))  # fmt: skip
    funnel = {r["step"]: (r["entered"], r["gave_up"], r["timed_out"]) for r in data["funnel"]}
    assert any(timed_out for _, _, timed_out in funnel.values())
    # Version 1 published after the history: every visit counted ran version 0, "before".
    shipped = ROOT / "assets" / "services" / "04-pension-certification.toml"
    text = shipped.read_text(encoding="utf-8")
    assert 'zh = "养老金领取资格认证"' in text
    renamed = tmp_path / "pension.toml"
    renamed.write_text(text.replace('zh = "养老金领取资格认证"', 'zh = "资格认证"', 1), "utf-8")
    _run("services", "publish", str(renamed), "--data-dir", str(data_dir))
    out = _run("services", "compare", service, "--version", "1", "--data-dir", str(data_dir))
    assert "step: entered / gave up / timed out" in out
    shown = {}
    for line in out.splitlines():
        m = re.fullmatch(r"  (\S+)\s+(\d+) / (\d+) / (\d+)\s+-", line)
        if m:
            shown[m.group(1)] = (int(m.group(2)), int(m.group(3)), int(m.group(4)))
    assert shown == funnel
