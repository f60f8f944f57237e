"""Languages as data: the language list, screen text per language, spoken forms per language."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import pytest

from kiosk import i18n
from kiosk.catalog.loader import CatalogueError, load_file
from kiosk.catalog.schema import Text
from kiosk.errors import ConfigError
from kiosk.text import (
    Lang,
    language,
    language_codes,
    languages,
    load_languages,
    sentence,
    sentences,
    text_language,
)
from tests.helpers.catalog_files import HEAD, write
from tests.helpers.engines import make, resident

GOOD = """
[[language]]
code = "zh"
name = "中文"
text = "zh"
voice = "sit/cmn-latn-pinyin"
normaliser = "zh"

[[language]]
code = "en"
name = "English"
text = "en"
voice = "en"
normaliser = "en"
"""


def test_the_shipped_list_has_mandarin_cantonese_and_english() -> None:
    assert language_codes() == ("zh", "yue", "en")
    yue = language("yue")
    assert (yue.name, yue.text, yue.voice, yue.normaliser) == ("粤语", "zh", "sit/yue", "yue")
    assert language("zh").voice == "sit/cmn-latn-pinyin" and language("en").voice == "en"
    assert [lang.name for lang in languages()] == ["中文", "粤语", "English"]


def test_a_hall_adds_a_language_without_code(tmp_path: Path) -> None:
    path = tmp_path / "languages.toml"
    path.write_text(
        GOOD
        + """
[[language]]
code = "zh-TW"
name = "國語"
text = "zh"
voice = "sit/cmn"
normaliser = "zh"
""",
        encoding="utf-8",
    )
    listed = load_languages(path)
    assert [lang.code for lang in listed] == ["zh", "en", "zh-TW"]
    assert listed[-1].text == "zh"


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        ('code = "fr"\nname = "Français"\ntext = "fr"\nvoice = "fr"\nnormaliser = "en"', "text"),
        ('code = "fr"\nname = "Français"\ntext = "en"\nvoice = "fr"\nnormaliser = "fr"', "'fr'"),
        ('code = "fr"\nname = "Français"\ntext = "en"\nvoice = "fr"', "normaliser"),
        ('code = "en"\nname = "E"\ntext = "en"\nvoice = "en"\nnormaliser = "en"', "twice"),
        ('code = "F R"\nname = "x"\ntext = "en"\nvoice = "fr"\nnormaliser = "en"', "code"),
        ('code = "fr"\nname = "x"\ntext = "en"\nvoice = "fr"\nnormaliser = "en"\nx = 1', "x"),
    ],
)
def test_a_wrong_list_names_the_language_and_field(
    tmp_path: Path, extra: str, message: str
) -> None:
    path = tmp_path / "languages.toml"
    path.write_text(GOOD + "\n[[language]]\n" + extra + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=message) as caught:
        load_languages(path)
    assert str(path) in str(caught.value)


def test_the_screen_text_languages_must_be_listed(tmp_path: Path) -> None:
    path = tmp_path / "languages.toml"
    path.write_text(GOOD.split("[[language]]")[1].join(["[[language]]", ""]), encoding="utf-8")
    with pytest.raises(ConfigError, match="'en' must be listed"):
        load_languages(path)
    with pytest.raises(ConfigError, match="cannot read"):
        load_languages(tmp_path / "missing.toml")


def test_cantonese_shows_chinese_text() -> None:
    assert text_language("yue") == "zh" and text_language("en") == "en"
    with pytest.raises(ValueError, match="fr"):
        text_language("fr")


def test_a_text_speaks_its_own_form_per_language() -> None:
    text = Text("3 号窗口", "Counter 3", spoken_zh="三号窗口", spoken_more=(("yue", "三号窗"),))
    assert text.get("yue") == "3 号窗口"
    assert text.spoken("yue") == "三号窗"
    assert text.spoken("zh") == "三号窗口"
    plain = Text("请取号", "Take a ticket")
    assert plain.get("yue") == plain.spoken("yue") == "请取号"
    assert list(text.all()) == ["3 号窗口", "Counter 3", "三号窗口", "三号窗"]
    # Rebuilt from JSON (answers kept in the store), spoken_more comes back as lists; the
    # rebuilt text stays hashable and equal to the original.
    stored = json.loads(json.dumps(asdict(text)))
    assert stored["spoken_more"] == [["yue", "三号窗"]]
    rebuilt = Text(**stored)
    assert hash(rebuilt) == hash(text) and rebuilt == text


def test_service_files_may_give_a_cantonese_spoken_form(tmp_path: Path) -> None:
    head = HEAD.replace('en = "Example" }', 'en = "Example", spoken_yue = "示范" }')
    service = load_file(write(tmp_path, "", head=head))
    assert service.title.spoken("yue") == "示范" and service.title.spoken("zh") == "示例"
    with pytest.raises(CatalogueError, match=r"spoken_fr.*spoken_yue"):
        load_file(write(tmp_path, "", head=head.replace("spoken_yue", "spoken_fr")))


def test_messages_in_cantonese_are_the_chinese_text() -> None:
    assert i18n.t("bar.home", "yue") == "首页"
    assert i18n.t("ticket.number", "yue", number="A023") == "您的号码是 A023"
    assert i18n.all_texts("yue") == i18n.all_texts("zh")


@pytest.mark.parametrize(
    ("ahead", "zh", "en"),
    [
        (0, "前面没有人等候，下一位就是您", "No one is ahead of you: you are next"),
        (1, "前面还有 1 人", "1 person ahead of you"),
        (12, "前面还有 12 人", "12 people ahead of you"),
    ],
)
def test_a_ticket_says_who_is_ahead_as_a_person_would(ahead: int, zh: str, en: str) -> None:
    assert (i18n.ticket_ahead(ahead, "zh"), i18n.ticket_ahead(ahead, "en")) == (zh, en)
    assert i18n.ticket_ahead(ahead, "yue") == zh  # Cantonese reads the Chinese text


def test_a_ticket_names_the_counter_as_the_hall_signs_do() -> None:
    assert i18n.t("ticket.counter", "zh", counter="3-5") == "请到 3-5 号窗口办理"
    assert i18n.t("ticket.counter", "yue", counter="6") == "请到 6 号窗口办理"
    assert i18n.t("ticket.counter", "en", counter="3-5") == "Please go to counter 3-5"
    taken = i18n.t("help.ticket_taken", "zh", number="A001", counter="3-5")
    assert "请到 3-5 号窗口等候叫号" in taken


def test_a_cantonese_visit_fills_in_chinese_labels() -> None:
    engine, _sink, _clock = make("contribution-record", lang="yue")
    assert engine.state.language == "yue"
    engine.identify(resident())
    engine.choose("last12")
    assert engine.values("yue")["period.label"] == engine.values("zh")["period.label"]
    assert engine.values("yue")["period.label"] != engine.values("en")["period.label"]


def test_domain_wording_in_cantonese_is_the_chinese_wording() -> None:
    from kiosk.assist.delivery import fallback_text
    from kiosk.assist.vocabulary import HelpStatus, status_text
    from kiosk.backends.base import Fact

    status = HelpStatus(phase="told", request_id=1, told_s=5)
    assert status_text(status, "yue") == status_text(status, "zh") != status_text(status, "en")
    assert fallback_text("12333", "E001", "yue") == fallback_text("12333", "E001", "zh")
    fact = Fact(Text("卡状态", "Status"), "正常", "In use")
    assert fact.value_in("yue") == "正常" and fact.value_in("en") == "In use"


def test_a_hall_may_start_in_any_listed_language() -> None:
    from kiosk.config import load_settings

    settings = load_settings(environ={"KIOSK_KIOSK_DEFAULT_LANGUAGE": "yue"})
    assert settings.kiosk.default_language == "yue"
    with pytest.raises(ConfigError, match=r"default_language.*zh, yue, en"):
        load_settings(environ={}, overrides={"kiosk.default_language": "fr"})


@pytest.mark.parametrize(
    ("zh", "en", "lang", "reads"),
    [
        ("您的缴费记录：{period.label}", "Your contributions: {period.label}", "zh",
         "您的缴费记录：…"),
        ("您的缴费记录：{period.label}", "Your contributions: {period.label}", "yue",
         "您的缴费记录：…"),
        ("您的缴费记录：{period.label}", "Your contributions: {period.label}", "en",
         "Your contributions: …"),
        ("{topic.label}", "{topic.label}", "zh", "（居民所选的内容）"),
        ("{topic.label}", "{topic.label}", "en", "(what the resident chose)"),
        ("请确认您的身份", "Tell us who you are", "en", "Tell us who you are"),
    ],
)  # fmt: skip
def test_a_title_filled_per_visit_reads_sensibly_outside_one(
    zh: str, en: str, lang: Lang, reads: str
) -> None:
    """How a report names a step whose title holds what the resident chose."""
    assert Text(zh, en).outline(lang) == reads


def test_a_sentence_is_ended_once_in_its_languages_script() -> None:
    assert sentence("您想查哪段时间？", "zh") == "您想查哪段时间？"
    assert sentence("已通知工作人员，您可以继续办理", "yue") == "已通知工作人员，您可以继续办理。"
    assert sentence("How was this service?", "en") == "How was this service?"
    assert sentence("item 2 of 11", "en") == "Item 2 of 11."
    assert sentence("请点“呼叫工作人员”。", "zh") == "请点“呼叫工作人员”。"  # a stop in the quote
    assert sentence("打印没有成功：打印机没纸了。您可以：", "zh").endswith("您可以：")
    assert sentence("  ", "en") == ""


def test_sentences_are_joined_without_a_stray_space_in_chinese() -> None:
    parts = ("身份证号码应为 18 位。请核对，改正后再按确定。", "您输入了 5 位")
    assert sentences(parts, "zh") == "身份证号码应为 18 位。请核对，改正后再按确定。您输入了 5 位。"
    assert sentences(("Staff have been told", "", "you may carry on"), "en") == (
        "Staff have been told. You may carry on."
    )
