from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.idcard import idnumber
from kiosk import identity
from kiosk.config import load_settings
from kiosk.errors import ConfigError
from kiosk.identity import IdProblem, Resident

VALID = "11010519491231002X"  # the textbook example of GB 11643


def test_textbook_number_is_valid() -> None:
    assert identity.validate(VALID) is None
    assert identity.validate(VALID.lower()) is None
    assert identity.validate(" 110105 19491231 002X ") is None


def test_each_problem_is_named() -> None:
    assert identity.validate(VALID[:-1]) is IdProblem.LENGTH
    assert identity.validate("A" + VALID[1:]) is IdProblem.CHARACTERS
    assert identity.validate(VALID[:17] + "Y") is IdProblem.CHARACTERS
    assert identity.validate("11010519491331002X") is IdProblem.BIRTH_DATE  # month 13
    assert identity.validate(VALID[:17] + "1") is IdProblem.CHECK_DIGIT


def test_future_birth_date_is_refused() -> None:
    first17 = "11010520300101001"
    number = first17 + identity.check_digit(first17)
    assert identity.validate(number, today=dt.date(2026, 11, 26)) is IdProblem.BIRTH_DATE


dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 1, 1))


@given(area=st.from_regex(r"[1-6][0-9]{5}", fullmatch=True), born=dates, seq=st.integers(0, 999))
def test_any_well_made_number_validates(area: str, born: dt.date, seq: int) -> None:
    first17 = f"{area}{born:%Y%m%d}{seq:03d}"
    number = first17 + identity.check_digit(first17)
    assert identity.validate(number, today=dt.date(2026, 11, 26)) is None
    assert idnumber.birth_date(number) == born


@given(
    area=st.from_regex(r"[1-6][0-9]{5}", fullmatch=True),
    born=dates,
    seq=st.integers(0, 999),
    position=st.integers(0, 16),
    delta=st.integers(1, 9),
)
def test_any_single_digit_error_is_caught(
    area: str, born: dt.date, seq: int, position: int, delta: int
) -> None:
    first17 = f"{area}{born:%Y%m%d}{seq:03d}"
    number = first17 + identity.check_digit(first17)
    wrong = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1 :]
    assert identity.validate(wrong, today=dt.date(2026, 11, 26)) is not None


@given(st.text(max_size=30))
def test_validate_never_raises(text: str) -> None:
    identity.validate(text)
    identity.mask(text)


def test_mask_shows_first_six_and_last_four() -> None:
    assert identity.mask(VALID) == "110105********002X"


def test_resident_keeps_only_hash_and_mask_in_public() -> None:
    secret = b"k" * 32
    resident = Resident.from_number(VALID, secret, name="张三")
    public = resident.public()
    assert VALID not in str(public) and VALID not in repr(resident)
    assert public["masked"] == "110105********002X"
    assert public["id_hash"] == identity.keyed_hash(VALID, secret)
    assert identity.keyed_hash(VALID, b"other" * 8) != public["id_hash"]
    resident.clear()
    assert resident.number == "" and resident.name == ""


def test_secret_is_made_once_and_private(tmp_path: Path) -> None:
    path = tmp_path / "id.key"
    first = identity.load_secret(path)
    assert identity.load_secret(path) == first and len(first) == 32
    assert path.stat().st_mode & 0o077 == 0


def test_a_damaged_key_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "id.key"
    path.write_bytes(b"short")
    with pytest.raises(ConfigError, match="has 5 bytes, not 32"):
        identity.load_secret(path)


def test_a_hall_shares_one_key_file(tmp_path: Path) -> None:
    shared = tmp_path / "hall.key"
    one = load_settings(
        environ={"KIOSK_DATA_DIR": str(tmp_path / "a"), "KIOSK_PATHS_IDENTITY_KEY": str(shared)}
    )
    two = load_settings(
        environ={"KIOSK_DATA_DIR": str(tmp_path / "b"), "KIOSK_PATHS_IDENTITY_KEY": str(shared)}
    )
    assert identity.load_secret(one.identity_key_file) == identity.load_secret(
        two.identity_key_file
    )
