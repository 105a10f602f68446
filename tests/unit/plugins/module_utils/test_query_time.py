"""Unit tests of the time_range parser and the time formats of the query builder."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._query_time import (
    describe_minutes,
    format_time,
    parse_datetime,
    parse_time_range,
)

JAN_1 = datetime(2026, 1, 1, tzinfo=timezone.utc)


def test_relative_window():
    window = parse_time_range({"last": 3, "unit": "hours"})

    assert window.is_relative
    assert window.count == 3
    assert window.unit == "hours"
    assert window.minutes == 180


def test_relative_unit_defaults_to_days():
    window = parse_time_range({"last": 2})

    assert window.unit == "days"
    assert window.minutes == 2880


def test_relative_count_as_digit_string():
    assert parse_time_range({"last": "15", "unit": "minutes"}).count == 15


@pytest.mark.parametrize("count", [0, -1])
def test_relative_count_not_positive(count):
    with pytest.raises(InvalidInputError, match="time_range.last %r is invalid; use a positive" % count):
        parse_time_range({"last": count})


@pytest.mark.parametrize("count", [True, 1.5, "7d", "٣", None, [7]])
def test_relative_count_wrong_type(count):
    with pytest.raises(InvalidInputError, match="time_range.last .* is invalid; use a whole number"):
        parse_time_range({"last": count})


def test_relative_unit_invalid():
    with pytest.raises(InvalidInputError) as caught:
        parse_time_range({"last": 7, "unit": "weeks"})

    assert str(caught.value) == "time_range.unit 'weeks' is invalid; use one of: minutes, hours, days"


def test_absolute_window():
    window = parse_time_range({"from": "2026-01-01T00:00:00Z", "to": "2026-01-08T00:00:00Z"})

    assert not window.is_relative
    assert window.start == JAN_1
    assert window.end == JAN_1 + timedelta(days=7)


def test_absolute_offset_converted_to_utc():
    window = parse_time_range({"from": "2026-01-01T02:00:00+02:00", "to": "2026-01-02"})

    assert window.start == JAN_1
    assert window.end == JAN_1 + timedelta(days=1)


def test_absolute_datetime_objects():
    naive = datetime(2026, 1, 1)
    window = parse_time_range({"from": naive, "to": JAN_1 + timedelta(hours=1)})

    assert window.start == JAN_1


def test_absolute_inverted():
    with pytest.raises(InvalidInputError, match="time_range is inverted: 'from' .* swap them"):
        parse_time_range({"from": "2026-01-02", "to": "2026-01-01"})


def test_absolute_empty():
    with pytest.raises(InvalidInputError, match="time_range is empty"):
        parse_time_range({"from": "2026-01-01T00:00:00Z", "to": "2026-01-01T00:00:00+00:00"})


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "", "２０２６-01-01", 1767225600, None])
def test_absolute_unparseable(value):
    with pytest.raises(InvalidInputError, match="time_range.from .* is not a valid ISO 8601 time"):
        parse_time_range({"from": value, "to": "2026-01-02"})


def test_absolute_before_epoch():
    with pytest.raises(InvalidInputError, match="is before 1970-01-01"):
        parse_time_range({"from": "1969-12-31T00:00:00Z", "to": "2026-01-02"})


@pytest.mark.parametrize(
    "value",
    [{}, {"unit": "days"}, {"from": "2026-01-01"}, {"last": 1, "from": "2026-01-01"}, {"Last": 7}],
)
def test_keys_invalid(value):
    with pytest.raises(InvalidInputError, match="time_range keys .* are invalid"):
        parse_time_range(value)


@pytest.mark.parametrize("value", ["7d", 7, ["last", 7]])
def test_not_a_dict(value):
    with pytest.raises(InvalidInputError, match="time_range .* is invalid; use"):
        parse_time_range(value)


def test_parse_datetime_lowercase_z():
    assert parse_datetime("2026-01-01t00:00:00z", "x") == JAN_1


def test_format_time_units():
    moment = JAN_1 + timedelta(milliseconds=250)

    assert format_time(moment, "ms") == 1767225600250
    assert format_time(moment, "s") == 1767225600
    assert format_time(moment, "iso") == "2026-01-01T00:00:00.250Z"
    assert format_time(moment, "datetime") == "2026-01-01 00:00:00+00:00"


def test_format_time_unknown_unit():
    with pytest.raises(ValueError, match="unknown time unit 'ns'"):
        format_time(JAN_1, "ns")


@pytest.mark.parametrize(
    ("minutes", "text"),
    [(15, "15 minutes"), (60, "1 hour"), (180, "3 hours"), (1440, "1 day"), (10080, "7 days")],
)
def test_describe_minutes(minutes, text):
    assert describe_minutes(minutes) == text
