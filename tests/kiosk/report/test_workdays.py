"""Deadlines in working days across weekends, public holidays and 调休 working weekends."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.config import load_settings
from kiosk.errors import ConfigError
from kiosk.report.cases import CasePolicy
from kiosk.report.workdays import Calendar, parse_dates

D = dt.date.fromisoformat


def test_weekends_do_not_count() -> None:
    cal = Calendar()
    assert cal.add_working_days(D("2026-12-04"), 1) == D("2026-12-07")  # Friday -> Monday
    assert cal.add_working_days(D("2026-12-05"), 1) == D("2026-12-07")  # Saturday -> Monday
    assert cal.add_working_days(D("2026-12-01"), 15) == D("2026-12-22")  # three weeks


def test_holidays_and_make_up_working_days() -> None:
    # National Day 2026: 1-7 October off, Saturday 10 October worked instead.
    cal = Calendar(parse_dates("2026-10-01..2026-10-07", "h"), parse_dates("2026-10-10", "w"))
    assert cal.add_working_days(D("2026-09-30"), 1) == D("2026-10-08")
    assert cal.add_working_days(D("2026-09-30"), 3) == D("2026-10-10")  # the 调休 Saturday
    assert cal.add_working_days(D("2026-09-30"), 4) == D("2026-10-12")
    assert cal.working_days_between(D("2026-09-30"), D("2026-10-12")) == 4


def test_policy_reads_the_configuration_and_the_halls_day() -> None:
    settings = load_settings(
        environ={
            "KIOSK_REPORT_CASE_WORKING_DAYS": "5",
            "KIOSK_REPORT_HOLIDAYS": "2027-01-01, 2027-02-16..2027-02-19",
        }
    )
    policy = CasePolicy.from_settings(settings)
    # 20:00 UTC on Thursday 31 December is already Friday 1 January (a holiday) in the hall.
    rated = dt.datetime(2026, 12, 31, 20, 0, tzinfo=dt.UTC)
    assert policy.local_date(rated) == D("2027-01-01")
    assert policy.due_on(rated) == D("2027-01-08")  # 4, 5, 6, 7, 8 January


@pytest.mark.parametrize("text", ["2027-13-01", "tomorrow", "2027-01-05..2027-01-01"])
def test_a_bad_holiday_list_is_a_configuration_error(text: str) -> None:
    with pytest.raises(ConfigError, match=r"report\.holidays"):
        parse_dates(text, "report.holidays")
