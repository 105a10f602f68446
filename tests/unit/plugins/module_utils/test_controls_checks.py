# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Comparisons, field paths, row filters and value conversion of the controls engine."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls_checks import (
    COMPARISON_PHRASES,
    FleetVersions,
    compare,
    field_values,
    observe_value,
    row_matches,
    values_equal,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls_units import (
    ConversionError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_schema import (
    COMPARISONS,
)

NOW = datetime.datetime(2026, 12, 4, 19, 0, 0, tzinfo=datetime.timezone.utc)

COMPARE_CASES = [
    ("gt", 91, 90, True), ("gt", 90, 90, False), ("gt", "91", 90, True),
    ("ge", 90, 90, True), ("ge", 89.9, 90, False),
    ("lt", 4, 5, True), ("lt", 5, 5, False),
    ("le", 5, 5, True), ("le", 5.1, 5, False),
    ("eq", "Down", "down", True), ("eq", "Up", "Down", False), ("eq", "3", 3, True), ("eq", 3, 3.0, True),
    ("ne", "Up", "Down", True), ("ne", "DOWN", "down", False),
    ("in", "failed", ["Failed", "Error"], True), ("in", "Completed", ["Failed", "Error"], False),
    ("not_in", "Error", ["Complete"], True), ("not_in", "complete", ["Complete"], False),
    ("within_days", 12.0, 30, True), ("within_days", 30.0, 30, True), ("within_days", 30.5, 30, False),
    ("within_days", -3.0, 30, True),
    ("older_than_hours", 25.0, 24, True), ("older_than_hours", 24.0, 24, False),
    ("version_behind", 2, 1, True), ("version_behind", 1, 1, False), ("version_behind", 1, 0, True),
]


@pytest.mark.parametrize(("comparison", "observed", "threshold", "expected"), COMPARE_CASES)
def test_compare_table(comparison, observed, threshold, expected):
    assert compare(comparison, observed, threshold) is expected


def test_compare_covers_every_comparison():
    assert {case[0] for case in COMPARE_CASES} == set(COMPARISONS)
    assert set(COMPARISON_PHRASES) == set(COMPARISONS)


def test_compare_unknown_comparison_raises():
    with pytest.raises(ValueError):
        compare("between", 1, 2)


def test_compare_numeric_on_text_raises():
    with pytest.raises(ConversionError):
        compare("gt", "Down", 0)


def test_values_equal_booleans_stay_booleans():
    assert values_equal(True, True)
    assert not values_equal(True, 1)
    assert values_equal(False, "false")


def test_field_values_wildcard_over_mapping():
    row = {"licenseDetails": {"RN": {"expiry_ts": 2}, "MU": {"expiry_ts": 1}}}
    assert field_values(row, "licenseDetails.*.expiry_ts") == [
        ("licenseDetails.MU.expiry_ts", 1), ("licenseDetails.RN.expiry_ts", 2)]


def test_field_values_wildcard_over_list():
    row = {"items": [{"v": 1}, {"v": 2}]}
    assert field_values(row, "items.*.v") == [("items.0.v", 1), ("items.1.v", 2)]


def test_field_values_missing_path_yields_none():
    assert field_values({"a": {}}, "a.b.c") == [("a.b.c", None)]
    assert field_values({"licenseDetails": {}}, "licenseDetails.*.expiry_ts") == [
        ("licenseDetails.*.expiry_ts", None)]


def test_field_values_key_with_hyphen_and_dots():
    assert field_values({"sub-category": "x"}, "sub-category") == [("sub-category", "x")]
    assert field_values({"a.b": 1}, "a.b") == [("a.b", 1)]


def test_row_matches_where():
    row = {"status": "Raised", "severity": "Critical"}
    assert row_matches(row, {})
    assert row_matches(row, {"status": "raised"})
    assert row_matches(row, {"severity": ["Warning", "Critical"]})
    assert not row_matches(row, {"severity": "Warning"})
    assert not row_matches(row, {"domain": "External"})


def test_fleet_versions_counts_newer():
    fleet = FleetVersions(["10.2.4", "10.2.10", "10.2.8", "10.2.10", "not a version", ""])
    assert fleet.newest == "10.2.10"
    assert fleet.count_newer("10.2.10") == 0
    assert fleet.count_newer("10.2.8") == 1
    assert fleet.count_newer("10.2.4") == 2
    assert fleet.count_newer("9.0.0") == 3


def test_fleet_versions_empty():
    fleet = FleetVersions([])
    assert fleet.newest is None
    assert fleet.count_newer("1.0") == 0


def _check(comparison, **extra):
    check = {"field": "value", "comparison": comparison, "unit": "", "where": {}, "aggregate": "any",
             "percentage_of": None, "time_unit": "auto"}
    check.update(extra)
    return check


def test_observe_within_days_returns_days_left():
    expiry = int((NOW + datetime.timedelta(days=12)).timestamp() * 1000)
    observed, detail = observe_value(_check("within_days"), {}, expiry, NOW, None)
    assert observed == pytest.approx(12.0)
    assert detail.startswith("2026-12-16")


def test_observe_older_than_hours_returns_age():
    created = int((NOW - datetime.timedelta(hours=30)).timestamp())
    observed, _detail = observe_value(_check("older_than_hours", time_unit="s"), {}, created, NOW, None)
    assert observed == pytest.approx(30.0)


def test_observe_version_behind_needs_fleet():
    with pytest.raises(ConversionError):
        observe_value(_check("version_behind"), {}, "10.2.4", NOW, None)
    observed, detail = observe_value(_check("version_behind"), {}, "10.2.4", NOW, FleetVersions(["10.2.4", "11.0"]))
    assert observed == 1
    assert "11.0" in detail


def test_observe_percentage_fallback_shows_both_units():
    check = _check("gt", field="utilization_percentage", percentage_of={
        "used": "license_units_used", "used_unit": "license_used_unit",
        "total": "license_units", "total_unit": "license_unit"})
    row = {"license_units_used": 930000, "license_used_unit": "Kbps", "license_units": 1000, "license_unit": "Mbps"}
    observed, detail = observe_value(check, row, None, NOW, None)
    assert observed == pytest.approx(93.0)
    assert detail == "computed from 930000 Kbps used of 1000 Mbps allocated"


def test_observe_percentage_fallback_without_inputs_raises():
    check = _check("gt", percentage_of={"used": "a", "total": "b"})
    with pytest.raises(ConversionError) as info:
        observe_value(check, {"a": 1}, None, NOW, None)
    assert "b is missing" in str(info.value)


def test_observe_bandwidth_text_in_check_unit():
    observed, detail = observe_value(_check("gt", unit="Mbps"), {}, "1500 Kbps", NOW, None)
    assert observed == pytest.approx(1.5)
    assert detail == "1500 Kbps as Mbps"


def test_observe_missing_field_raises():
    with pytest.raises(ConversionError) as info:
        observe_value(_check("gt"), {}, None, NOW, None)
    assert "missing" in str(info.value)


def test_observe_text_kept_for_equality():
    assert observe_value(_check("in"), {}, "Down", NOW, None) == ("Down", None)
