from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.catalog.loader import CatalogueError, load_catalogue, load_file
from kiosk.catalog.schema import StepKind
from kiosk.config import DEFAULT_SERVICES_DIR
from kiosk.i18n import MESSAGES, all_texts, t
from kiosk.i18n import assist as i18n_assist
from kiosk.i18n import problems as i18n_problems
from kiosk.i18n import spoken as i18n_spoken
from kiosk.i18n import visit as i18n_visit
from kiosk.text import fill, language_codes
from tests.helpers.catalog_files import HEAD, write


def problems(path: Path) -> list[str]:
    with pytest.raises(CatalogueError) as err:
        load_file(path)
    return [str(p) for p in err.value.problems]


def test_shipped_catalogue_loads_with_seven_complete_services() -> None:
    catalogue = load_catalogue(DEFAULT_SERVICES_DIR)
    ids = [s.id for s in catalogue.services]
    assert ids == [
        "contribution-record",
        "insurance-certificate",
        "card-status",
        "pension-certification",
        "change-phone",
        "counter-ticket",
        "service-guide",
    ]
    for service in catalogue.services:
        kinds = [s.kind for s in service.steps]
        assert kinds[-1] is StepKind.DONE and StepKind.RATE in kinds
        for text in service.texts():
            assert text.zh.strip() and text.en.strip()
    assert not catalogue.get("counter-ticket").needs_identity
    assert catalogue.get("card-status").needs_identity


def test_spoken_texts_have_no_placeholders() -> None:
    catalogue = load_catalogue(DEFAULT_SERVICES_DIR)
    for lang in language_codes():
        texts = catalogue.spoken_texts(lang)
        assert texts and not any("{" in x for x in texts)


def test_a_good_minimal_file_loads(tmp_path: Path) -> None:
    service = load_file(write(tmp_path, ""))
    assert [s.id for s in service.steps] == ["rate", "done"]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            '[[steps]]\nid = "x"\nkind = "dance"\ntitle = { zh = "a", en = "b" }\n',
            "step 'x', field 'kind': 'dance' is not a step kind; allowed: info, choose",
        ),
        (
            '[[steps]]\nid = "x"\nkind = "info"\ntitle = { zh = "a" }\n',
            "step 'x', field 'title.en': is missing or empty: every text needs zh and en",
        ),
        (
            '[[steps]]\nid = "x"\nkind = "info"\ntitle = "plain"\n',
            "field 'title': must be a table with zh and en text",
        ),
        (
            '[[steps]]\nid = "x"\nkind = "info"\ntitle = { zh = "a", en = "b", fr = "c" }\n',
            "field 'title.fr': unknown language key",
        ),
        (
            '[[steps]]\nid = "x"\nkind = "info"\ntitle = { zh = "a", en = "b" }\ncolour = 1\n',
            "field 'colour': is not used by a info step",
        ),
        (
            '[[steps]]\nid = "x"\nkind = "choose"\nfield = "f"\ntitle = { zh = "a", en = "b" }\n',
            "field 'options': needs at least 2 options",
        ),
        (
            '[[steps]]\nid = "x"\nkind = "input"\nfield = "f"\nvalidator = "email"\n'
            'title = { zh = "a", en = "b" }\n',
            "field 'validator': 'email' is not a validator; allowed: id_number, phone",
        ),
        (
            '[[steps]]\nid = "x"\nkind = "lookup"\noperation = "launch"\n'
            'title = { zh = "a", en = "b" }\n',
            "field 'operation': 'launch' is not a backend operation",
        ),
        (
            '[[steps]]\nid = "x"\nkind = "lookup"\noperation = "contributions"\n'
            'title = { zh = "a", en = "b" }\n',
            "field 'params.period': is needed by 'contributions'",
        ),
        (
            '[[steps]]\nid = "x"\nkind = "identify"\nmethods = ["retina"]\n'
            'title = { zh = "a", en = "b" }\n',
            "field 'methods': must be a non-empty list of card, qr, keypad",
        ),
        (
            '[[steps]]\nid = "x"\nkind = "print"\ntitle = { zh = "a", en = "b" }\n',
            "field 'document': is missing",
        ),
        (
            '[[steps]]\nid = "x"\nkind = "info"\ntitle = { zh = "{nope}", en = "b" }\n',
            "field 'title': '{nope}' is not given by an earlier step",
        ),
        (
            '[[steps]]\nid = "Bad Id"\nkind = "info"\ntitle = { zh = "a", en = "b" }\n',
            "field 'id': must be lower-case letters",
        ),
        (
            '[[steps]]\nid = "rate"\nkind = "info"\ntitle = { zh = "a", en = "b" }\n',
            "field 'id': step id 'rate' is used twice",
        ),
        (
            '[[steps]]\nid = "x"\nkind = "choose"\nfield = "f"\ntitle = { zh = "a", en = "b" }\n'
            '  [[steps.options]]\n  value = "a"\n  label = { zh = "a", en = "a" }\n'
            '  goto = "nowhere"\n'
            '  [[steps.options]]\n  value = "b"\n  label = { zh = "b", en = "b" }\n',
            "field 'options[0].goto': 'nowhere' is not a later step",
        ),
    ],
)
def test_each_problem_names_file_service_step_and_field(
    tmp_path: Path, body: str, expected: str
) -> None:
    found = problems(write(tmp_path, body))
    assert any(expected in p for p in found), found
    assert all(p.startswith(str(tmp_path / "demo.toml")) for p in found)
    assert any("service 'demo'" in p for p in found)


def test_problem_gives_the_line(tmp_path: Path) -> None:
    body = (
        '[[steps]]\nid = "x"\nkind = "input"\nfield = "f"\nvalidator = "email"\n'
        'title = { zh = "a", en = "b" }\n'
    )
    found = problems(write(tmp_path, body))
    line = HEAD.count("\n") + 5
    assert any(p.startswith(f"{tmp_path / 'demo.toml'}:{line}:") for p in found), found


def test_service_level_problems(tmp_path: Path) -> None:
    no_rate = '\n[[steps]]\nid = "done"\nkind = "done"\ntitle = { zh = "完成", en = "Done" }\n'
    assert any(
        "every service ends with a rate step" in p
        for p in problems(write(tmp_path, "", tail=no_rate))
    )
    found = problems(write(tmp_path, "", head='id = "demo"\ncolour = "red"\n'))
    assert any("field 'colour': unknown key" in p for p in found)
    assert any("field 'title': is missing" in p for p in found)


def test_invalid_toml_gives_the_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('id = "a"\ntitle = {\n', encoding="utf-8")
    found = problems(path)
    assert found[0].startswith(f"{path}:") and "not valid TOML" in found[0]


def test_duplicate_service_ids_across_files(tmp_path: Path) -> None:
    write(tmp_path, "")
    (tmp_path / "copy.toml").write_text((tmp_path / "demo.toml").read_text(), encoding="utf-8")
    with pytest.raises(CatalogueError, match="service id is used by another file"):
        load_catalogue(tmp_path)


def test_check_services_command(tmp_path: Path) -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "kiosk", "check-services"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0 and "7 service(s), no problems" in ok.stdout
    bad = write(tmp_path, '[[steps]]\nid = "x"\nkind = "info"\ntitle = { zh = "a" }\n')
    run = subprocess.run(
        [sys.executable, "-m", "kiosk", "check-services", str(bad)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 2
    assert "field 'title.en'" in run.stdout and "1 problem(s) found" in run.stdout


def test_fill_leaves_unknown_names_empty_and_keeps_other_text() -> None:
    assert fill("{a} and {b.c} {", {"a": "1", "b.c": "2"}) == "1 and 2 {"
    assert fill("{missing}!", {}) == "!"


def test_every_ui_message_exists_in_both_languages() -> None:
    for key, (zh, en) in MESSAGES.items():
        assert zh.strip() and en.strip(), key
    assert t("step.progress", "zh", n=2, total=4) == "第 2 步，共 4 步"
    assert t("step.progress", "en", n=2, total=4) == "Step 2 of 4"
    assert "呼叫工作人员" in all_texts("zh")


def test_no_ui_message_is_written_in_two_places() -> None:
    """The messages live in several modules; one merged over another would hide it."""
    parts = (i18n_assist, i18n_problems, i18n_spoken, i18n_visit)
    keys = [key for part in parts for key in part.MESSAGES]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []
    assert set(keys) == set(MESSAGES)


def _mutations() -> list[str]:
    source = (DEFAULT_SERVICES_DIR / "03-card-status.toml").read_text(encoding="utf-8")
    return source.splitlines()


@settings(max_examples=150, deadline=None)
@given(drop=st.sets(st.integers(0, len(_mutations()) - 1), max_size=6), junk=st.text(max_size=20))
def test_a_damaged_service_file_gives_problems_never_a_traceback(
    tmp_path_factory: pytest.TempPathFactory, drop: set[int], junk: str
) -> None:
    lines = [line for i, line in enumerate(_mutations()) if i not in drop]
    if drop:
        lines.insert(min(drop), junk)
    path = tmp_path_factory.mktemp("damaged") / "s.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    try:
        load_file(path)
    except CatalogueError as exc:
        assert exc.problems and all(str(p).startswith(str(path)) for p in exc.problems)


def test_a_handoff_step_may_say_what_to_do_where_there_is_no_code(tmp_path: Path) -> None:
    """``no_code``: the step's own words at a kiosk with no hall server for phones; its
    placeholders are checked like the prompt's."""
    step = """
[[steps]]
id = "phone"
kind = "handoff"
url = "{kiosk.server}/m/x"
title = { zh = "在手机上继续", en = "Carry on on your phone" }
prompt = { zh = "请扫码", en = "Scan the code" }
no_code = { zh = "请到 {kiosk.hall} 人工窗口", en = "Please ask at a counter in {kiosk.hall}" }
"""
    service = load_file(write(tmp_path, step))
    handoff = service.steps[0]
    assert handoff.kind is StepKind.HANDOFF
    assert handoff.no_code is not None  # type: ignore[attr-defined]
    assert handoff.no_code.get("en") == "Please ask at a counter in {kiosk.hall}"  # type: ignore[attr-defined]
    wrong = step.replace("{kiosk.hall} 人工", "{nowhere} 人工")
    assert any("no_code" in p and "nowhere" in p for p in problems(write(tmp_path, wrong)))


def test_a_lookup_step_may_say_what_it_does_while_it_works(tmp_path: Path) -> None:
    """``working``: a lookup's own words while the backend works (挂失, not 查询), in zh and
    en, its placeholders checked like the prompt's; without it the kiosk's own words."""
    step = """
[[steps]]
id = "report"
kind = "lookup"
operation = "report_loss"
title = { zh = "挂失已生效", en = "Your card has been blocked" }
working = { zh = "正在挂失，请稍候……", en = "Reporting the card lost, one moment…" }
"""
    lookup = load_file(write(tmp_path, step)).steps[0]
    assert lookup.working is not None  # type: ignore[attr-defined]
    assert lookup.working.get("yue") == "正在挂失，请稍候……"  # type: ignore[attr-defined]
    plain = load_file(write(tmp_path, step.replace("working", "#working"))).steps[0]
    assert plain.working is None  # type: ignore[attr-defined]
    no_en = step.replace(', en = "Reporting the card lost, one moment…"', "")
    assert any("working.en" in p for p in problems(write(tmp_path, no_en)))
    wrong = step.replace("正在挂失", "正在挂失 {nowhere}")
    assert any("working" in p and "nowhere" in p for p in problems(write(tmp_path, wrong)))
    assert any("working" in p for p in problems(write(tmp_path, step.replace("lookup", "rate"))))
