"""The ID card text block, ID numbers and the nations table."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.idcard import idnumber
from devices.idcard.nations import NATIONS
from devices.idcard.textblock import IdCard, TextBlockError, encode, parse
from devices.sim.idcard import sample_card


def test_round_trip_with_long_term_validity() -> None:
    card = sample_card()
    parsed = parse(encode(card), card.photo)
    assert parsed == card
    assert parsed.to_dict() == {
        "name": "张三",
        "sex": "男",
        "nation": "汉",
        "birth_date": "1949-12-31",
        "address": card.address,
        "id_number": "11010519491231002X",
        "authority": "北京市公安局西城分局",
        "valid_from": "2015-01-01",
        "valid_to": "长期",
    }
    assert parsed.photo == card.photo  # kept as bytes, undecoded


def test_dated_validity_female_and_another_nation() -> None:
    first17 = "44030419900101002"
    card = replace(
        sample_card("李四", first17),
        sex_code="2",
        nation_code="56",
        birth_date=date(1990, 1, 1),
        valid_to=date(2035, 1, 1),
    )
    parsed = parse(encode(card))
    assert (parsed.sex, parsed.nation, parsed.valid_to) == ("女", "基诺", date(2035, 1, 1))


def test_repr_masks_the_number() -> None:
    assert "11010519491231002X" not in repr(sample_card())
    assert "110105********002X" in repr(sample_card())


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"id_number": "110105194912310021"}, "id_number"),  # wrong check digit
        ({"id_number": "11010519491331002X"}, "id_number"),
        ({"birth_date": date(1950, 1, 1)}, "id_number"),  # differs from the number's date
        ({"sex_code": "3"}, "sex"),
        ({"nation_code": "77"}, "nation"),
        ({"name": ""}, "name"),
        ({"valid_to": date(2000, 1, 1)}, "valid_to"),
    ],
)
def test_bad_fields_are_named(change: dict[str, Any], field: str) -> None:
    card: IdCard = replace(sample_card(), **change)
    with pytest.raises(TextBlockError) as info:
        parse(encode(card))
    assert info.value.field == field


def test_check_digits() -> None:
    assert idnumber.check_digit("11010519491231002") == "X"
    assert idnumber.problem("11010519491231002X") is None
    assert idnumber.problem("11010519491231002x") is not None
    assert idnumber.mask("11010519491231002X") == "110105********002X"


def test_nations_table_has_all_56() -> None:
    assert [NATIONS[f"{i:02d}"] for i in (1, 2, 5, 8, 56)] == ["汉", "蒙古", "维吾尔", "壮", "基诺"]
    assert all(f"{i:02d}" in NATIONS for i in range(1, 57))
    assert len(set(NATIONS.values())) == len(NATIONS)


@given(st.binary(min_size=0, max_size=300))
def test_random_blocks_never_pass_as_a_card(data: bytes) -> None:
    try:
        card = parse(data)
    except TextBlockError:
        return
    assert idnumber.problem(card.id_number) is None  # practically never reached


@given(st.integers(0, 255), st.integers(0, 255))
def test_a_corrupted_byte_is_caught_or_harmless(pos: int, value: int) -> None:
    block = bytearray(encode(sample_card()))
    block[pos] = value
    try:
        card = parse(bytes(block))
    except TextBlockError:
        return
    assert idnumber.problem(card.id_number) is None
    assert idnumber.birth_date(card.id_number) == card.birth_date
