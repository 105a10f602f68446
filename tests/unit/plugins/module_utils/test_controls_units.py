# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Unit conversions of the controls engine: numbers, bandwidth, percentages, times, versions."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls_units import (
    ConversionError,
    bandwidth_to_mbps,
    format_datetime,
    is_number,
    parse_version,
    percentage_of,
    to_datetime,
    to_number,
)

UTC = datetime.timezone.utc


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3.0), (2.5, 2.5), ("3", 3.0), (" 93.5 ", 93.5), ("93%", 93.0), ("-1", -1.0), ("1e3", 1000.0)],
)
def test_to_number_accepts(value, expected):
    assert to_number(value) == expected
    assert is_number(value)


@pytest.mark.parametrize("value", [None, True, False, "", "abc", "12 apples", [1], {"a": 1}])
def test_to_number_rejects(value):
    with pytest.raises(ConversionError):
        to_number(value)
    assert not is_number(value)


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [(500, "Kbps", 0.5), (500, "kbps", 0.5), (20, "Mbps", 20.0), (2, "Gbps", 2000.0), (150, "", 150.0),
     (150, None, 150.0), ("1500", "Kbps", 1.5)],
)
def test_bandwidth_to_mbps(value, unit, expected):
    assert bandwidth_to_mbps(value, unit) == pytest.approx(expected)


def test_bandwidth_unknown_unit_names_known_units():
    with pytest.raises(ConversionError) as info:
        bandwidth_to_mbps(1, "bps")
    assert "'bps'" in str(info.value)
    assert "gbps, kbps, mbps" in str(info.value)


def test_percentage_of_mixed_units():
    assert percentage_of(930000, "Kbps", 1000, "Mbps") == pytest.approx(93.0)
    assert percentage_of(1.5, "Gbps", 2000, "Mbps") == pytest.approx(75.0)
    assert percentage_of(150, "", 200, "") == pytest.approx(75.0)


def test_percentage_of_zero_total_raises():
    with pytest.raises(ConversionError) as info:
        percentage_of(5, "Mbps", 0, "Mbps")
    assert "allocated amount is 0" in str(info.value)


EXPECTED_MOMENT = datetime.datetime(2026, 12, 4, 19, 0, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "unit"),
    [
        (1796410800000, "auto"),
        (1796410800, "auto"),
        (1796410800000, "ms"),
        (1796410800, "s"),
        ("1796410800000", "auto"),
        ("2026-12-04T19:00:00Z", "auto"),
        ("2026-12-04T19:00:00.000Z", "auto"),
        ("2026-12-04 19:00:00+00:00", "auto"),
        ("2026-12-04T20:00:00+01:00", "auto"),
        ("2026-12-04T19:00:00", "auto"),
        (datetime.datetime(2026, 12, 4, 19, 0, 0), "auto"),
    ],
)
def test_to_datetime_forms(value, unit):
    assert to_datetime(value, unit) == EXPECTED_MOMENT


def test_to_datetime_date_is_midnight_utc():
    assert to_datetime(datetime.date(2026, 12, 4)) == datetime.datetime(2026, 12, 4, tzinfo=UTC)


@pytest.mark.parametrize("value", ["yesterday", "2026-13-45", None, True])
def test_to_datetime_rejects(value):
    with pytest.raises(ConversionError):
        to_datetime(value)


def test_to_datetime_rejects_unknown_unit():
    with pytest.raises(ConversionError) as info:
        to_datetime(1796410800, "minutes")
    assert "auto, ms, s" in str(info.value)


def test_format_datetime_uses_z_suffix():
    moment = datetime.datetime(2026, 12, 4, 20, 0, 0, 123456, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))
    assert format_datetime(moment) == "2026-12-04T19:00:00Z"


@pytest.mark.parametrize(
    ("older", "newer"),
    [("10.2.9", "10.2.10"), ("10.2.4", "10.2.4-h3"), ("10.2.4-h2", "10.2.4-h10"), ("9.1", "10.0"),
     ("10.2", "10.2.1"), ("5.2.0-beta", "5.2.0.1")],
)
def test_parse_version_orders(older, newer):
    assert parse_version(older) < parse_version(newer)


def test_parse_version_ignores_case_of_letters():
    assert parse_version("10.2.4-H3") == parse_version("10.2.4-h3")


@pytest.mark.parametrize("value", [None, "", "  ", "--"])
def test_parse_version_rejects_empty(value):
    with pytest.raises(ConversionError):
        parse_version(value)
