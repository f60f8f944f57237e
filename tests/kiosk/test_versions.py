"""Service versions in the store, on SQLite and PostgreSQL: publish (checked as check-services
checks), list, show, diff, rollback, the audit trail, the version each visit ran, and the
before/after comparison."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, sessionmaker

from kiosk.api.kiosk import KioskApi
from kiosk.assist import audit
from kiosk.catalog import versions
from kiosk.catalog.effective import build
from kiosk.catalog.loader import load_catalogue
from kiosk.cli import main
from kiosk.config import Settings
from kiosk.flow.engine import FlowEngine
from kiosk.report_compare import compare, render_text
from kiosk.store import db
from kiosk.store.models import ServiceVersion, Visit

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "assets" / "services"
TICKET = SHIPPED / "06-counter-ticket.toml"
OLD = "窗口取号"


def patched(folder: Path, title: str, name: str = "ticket.toml") -> Path:
    text = TICKET.read_text(encoding="utf-8")
    assert f'zh = "{OLD}"' in text
    path = folder / name
    path.write_text(text.replace(f'zh = "{OLD}"', f'zh = "{title}"', 1), encoding="utf-8")
    return path


def kiosk(settings: Settings, *args: str) -> int:
    return main([*args, "--data-dir", str(settings.data_dir), "--db", settings.db_url])


def sessions_of(settings: Settings) -> tuple[Engine, sessionmaker[Session]]:
    engine = db.make_engine(settings.db_url)
    db.check_current(engine, create_if_empty=True)
    return engine, db.session_factory(engine)


def test_publish_list_show_diff_and_rollback(
    db_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first, second = patched(tmp_path, "取号一", "one.toml"), patched(tmp_path, "取号二", "two.toml")
    s = db_settings
    assert kiosk(s, "db", "upgrade") == 0  # publishing needs a hall's store, not a new one
    assert kiosk(s, "services", "publish", str(first), "--author", "王芳", "--note", "一") == 0
    assert "published  counter-ticket v1 (was v0)" in capsys.readouterr().out
    assert kiosk(s, "services", "publish", str(second), "--author", "李强") == 0
    assert "published  counter-ticket v2 (was v1)" in capsys.readouterr().out
    assert kiosk(s, "services", "publish", str(second)) == 0  # the same text: nothing stored
    assert "unchanged  counter-ticket: the same as v2" in capsys.readouterr().out

    assert kiosk(s, "services", "list") == 0
    listed = capsys.readouterr().out.splitlines()
    assert any(line.startswith("counter-ticket") and " v2 " in line for line in listed)
    assert any(line.startswith("service-guide") and "v0   shipped" in line for line in listed)

    assert kiosk(s, "services", "show", "counter-ticket", "--version", "1") == 0
    assert 'zh = "取号一"' in capsys.readouterr().out
    assert kiosk(s, "services", "show", "counter-ticket", "--version", "0") == 0
    assert capsys.readouterr().out == TICKET.read_text(encoding="utf-8")
    assert kiosk(s, "services", "diff", "counter-ticket", "1", "2") == 0
    diff = capsys.readouterr().out
    assert '-title = { zh = "取号一"' in diff and '+title = { zh = "取号二"' in diff

    assert kiosk(s, "services", "rollback", "counter-ticket", "--author", "王芳") == 0
    assert "v3 serves the content of v1 (was v2)" in capsys.readouterr().out
    assert kiosk(s, "services", "rollback", "counter-ticket", "--to", "0") == 0
    assert "v4 serves the shipped file (was v3)" in capsys.readouterr().out
    assert kiosk(s, "services", "rollback", "counter-ticket", "--to", "4") == 2
    assert "--to must be a version from 0 to 3" in capsys.readouterr().err

    engine, sessions = sessions_of(s)
    try:
        shipped = load_catalogue(SHIPPED)
        effective = build(shipped, versions.newest(sessions))
        served = effective.catalogue.get("counter-ticket")
        assert (served.version, served.title.zh) == (4, OLD)  # withdrawn: the shipped file
        assert versions.content(sessions, "counter-ticket", 3, shipped)[1] == first.read_text(
            encoding="utf-8"
        )
        trail = [(e.action, e.detail["version"]) for e in audit.entries(sessions)]
        assert trail == [
            (versions.PUBLISHED, 1),
            (versions.PUBLISHED, 2),
            (versions.ROLLED_BACK, 3),
            (versions.ROLLED_BACK, 4),
        ]
        assert audit.entries(sessions)[0].detail["author"] == "王芳"
    finally:
        engine.dispose()


def test_a_broken_file_is_refused_with_the_message_check_services_gives(
    db_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = tmp_path / "ticket.toml"
    broken.write_text(
        TICKET.read_text(encoding="utf-8").replace('kind = "ticket"', 'kind = "tickets"'),
        encoding="utf-8",
    )
    assert kiosk(db_settings, "db", "upgrade") == 0
    capsys.readouterr()
    assert main(["check-services", str(broken)]) == 2
    checked = capsys.readouterr().out
    assert "ticket.toml:35: service 'counter-ticket', step 'ticket'" in checked
    assert "'tickets' is not a step kind" in checked
    assert kiosk(db_settings, "services", "publish", str(broken)) == 2
    assert capsys.readouterr().out == checked  # the same checks, the same words
    engine, sessions = sessions_of(db_settings)
    try:
        with sessions() as session:
            assert session.scalars(select(ServiceVersion)).all() == []
        assert audit.entries(sessions, action=versions.PUBLISHED) == []
    finally:
        engine.dispose()
    assert kiosk(db_settings, "services", "publish", str(tmp_path / "missing.toml")) == 2


def test_a_rollback_to_a_version_that_no_longer_passes_is_refused(
    db_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine, sessions = sessions_of(db_settings)
    try:
        with sessions.begin() as session:  # stored by an older release with other rules
            session.add(
                ServiceVersion(
                    service_id="counter-ticket", version=1, content="id = 1", filename="old.toml"
                )
            )
        assert kiosk(db_settings, "services", "publish", str(patched(tmp_path, "新"))) == 0
        capsys.readouterr()
        assert kiosk(db_settings, "services", "rollback", "counter-ticket") == 2
        out = capsys.readouterr().out
        assert "no longer passes the checks; nothing was changed" in out
        assert "old.toml@v1" in out and "problem(s) found" in out
        assert versions.signature(sessions) == 2  # nothing stored
    finally:
        engine.dispose()


# -- the version each visit ran, and the comparison ---------------------------------------------


def complete(core: KioskApi) -> FlowEngine:
    visit = core.start_visit("counter-ticket", "zh")
    visit.choose("pension")
    task = visit.pending_task()
    assert task is not None
    visit.task_done(core.run_task(visit, task))
    visit.advance()
    visit.rate("satisfied")
    assert visit.ended and visit.state.outcome is not None
    return visit


def give_up(core: KioskApi, at: str) -> FlowEngine:
    visit = core.start_visit("counter-ticket", "zh")
    if at == "rate":
        visit.choose("pension")
        task = visit.pending_task()
        assert task is not None
        visit.task_done(core.run_task(visit, task))
        visit.advance()
    assert visit.step.id == at
    visit.home()
    return visit


def test_every_visit_records_its_version_and_the_comparison_counts_them(
    db_settings: Settings, tmp_path: Path
) -> None:
    with KioskApi.open(db_settings) as core:
        before = [complete(core), give_up(core, "business"), give_up(core, "business")]
        versions.publish(core.store.sessions, [patched(tmp_path, "取号（新）")], "王芳")
        shipped = load_catalogue(SHIPPED)
        core.use_catalogue(build(shipped, versions.newest(core.store.sessions)).catalogue)
        # Leaving on the rating screen is a completed visit, not rated (the business was
        # done): the give-up after the patch is at the first step.
        after = [complete(core), complete(core), give_up(core, "business")]
        assert after[0].service.title.zh == "取号（新）"
        assert core.flush()
        with core.store.sessions() as session:
            ran = dict(session.execute(select(Visit.id, Visit.service_version)).all())
        assert ran == {
            **{v.state.visit_id: 0 for v in before},
            **{v.state.visit_id: 1 for v in after},
        }
        result = compare(core.store.sessions, "counter-ticket", 1)
    b, a = result.before, result.after
    assert (b.version, b.visits, b.completed) == (0, 3, 1)
    assert (a.version, a.visits, a.completed) == (1, 3, 2)
    assert b.completion_rate == pytest.approx(1 / 3) and a.completion_rate == pytest.approx(2 / 3)
    funnel_b = {f.step: (f.entered, f.gave_up) for f in b.steps}
    funnel_a = {f.step: (f.entered, f.gave_up) for f in a.steps}
    assert funnel_b == {"business": (3, 2), "ticket": (1, 0), "rate": (1, 0), "done": (1, 0)}
    assert funnel_a == {"business": (3, 1), "ticket": (2, 0), "rate": (2, 0), "done": (2, 0)}
    assert [f.step for f in a.steps] == ["business", "ticket", "rate", "done"]
    text = render_text(result)
    assert "v0 (before)" in text and "v1 (after)" in text
    assert "1 (33%)" in text and "2 (67%)" in text
    assert any(line.split()[:1] == ["business"] and "3 / 2" in line for line in text.splitlines())


def test_compare_command(
    db_settings: Settings, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with KioskApi.open(db_settings) as core:
        complete(core)
        assert core.flush()
    assert kiosk(db_settings, "services", "compare", "counter-ticket", "--version", "1") == 2
    assert "has no version 1" in capsys.readouterr().err  # none published yet
    assert kiosk(db_settings, "services", "publish", str(patched(tmp_path, "取号（新）"))) == 0
    capsys.readouterr()
    assert kiosk(db_settings, "services", "compare", "counter-ticket", "--version", "1") == 0
    out = capsys.readouterr().out
    assert "counter-ticket: v0 against v1" in out and "1 (100%)" in out
    # The same side by side from the report command.
    assert kiosk(db_settings, "report", "--compare", "counter-ticket", "--version", "1") == 0
    assert capsys.readouterr().out == out
    assert kiosk(db_settings, "report", "--compare", "counter-ticket") == 2


def test_a_store_out_of_reach_is_a_message_and_exit_3(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    away = "postgresql+psycopg://kiosk@127.0.0.1:1/kiosk"
    args = ["--data-dir", str(tmp_path), "--db", away]
    assert main(["services", "publish", str(patched(tmp_path, "新")), *args]) == 3
    assert main(["services", "list", *args]) == 3
    err = capsys.readouterr().err
    assert "cannot be reached" in err and "Traceback" not in err
