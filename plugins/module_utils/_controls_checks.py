# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Row selection, value extraction and the comparisons of the controls engine.

This is a private module: its interface may change between releases. Standard library only.
A check describes the failing condition: ``utilization_percentage gt 90`` fails above 90 %.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import bisect
import datetime
import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls_units import (
    BANDWIDTH_TO_MBPS,
    ConversionError,
    bandwidth_to_mbps,
    is_number,
    parse_version,
    percentage_of,
    to_datetime,
    to_number,
)

SECONDS_PER_DAY = 86400.0
SECONDS_PER_HOUR = 3600.0

_BANDWIDTH_TEXT = re.compile(r"^\s*([-+]?[0-9]*\.?[0-9]+)\s*([KMG]bps)\s*$", re.IGNORECASE)

# Phrases of result messages for a value that meets the failing condition and for one that
# does not, as in "<field> is 93 %, which is greater than the threshold 90 %".
COMPARISON_PHRASES = {
    "gt": ("greater than", "not greater than"),
    "ge": ("at least", "less than"),
    "lt": ("less than", "not less than"),
    "le": ("at most", "more than"),
    "eq": ("equal to", "not equal to"),
    "ne": ("different from", "equal to"),
    "in": ("one of", "not one of"),
    "not_in": ("not one of", "one of"),
    "within_days": ("within", "not within"),
    "older_than_hours": ("older than", "not older than"),
    "version_behind": ("more than", "not more than"),
}


def field_values(row: Dict[str, Any], field: str) -> List[Tuple[str, Any]]:
    """Return ``(path, value)`` pairs for a dotted field; ``*`` matches every key or list item.

    ``licenseDetails.*.expiry_ts`` on ``{"licenseDetails": {"RN": {"expiry_ts": 1}}}`` returns
    ``[("licenseDetails.RN.expiry_ts", 1)]``. A path that does not exist yields ``(path, None)``
    so the caller can report the missing field. A key that contains dots is found as a whole first.
    """
    if field in row:
        return [(field, row[field])]
    found: List[Tuple[str, Any]] = []
    _walk(row, field.split("."), [], found)
    return found


def _walk(node: Any, parts: Sequence[str], trail: List[str], found: List[Tuple[str, Any]]) -> None:
    if not parts:
        found.append((".".join(trail), node))
        return
    head, rest = parts[0], parts[1:]
    if head == "*":
        if isinstance(node, dict):
            children = [(str(key), node[key]) for key in sorted(node, key=str)]
        elif isinstance(node, list):
            children = [(str(index), item) for index, item in enumerate(node)]
        else:
            children = []
        if not children:
            found.append((".".join(trail + ["*"] + list(rest)), None))
        for key, child in children:
            _walk(child, rest, trail + [key], found)
        return
    child = node.get(head) if isinstance(node, dict) else None
    if child is None:
        found.append((".".join(trail + list(parts)), None))
        return
    _walk(child, rest, trail + [head], found)


def values_equal(left: Any, right: Any) -> bool:
    """Compare numbers numerically and text without regard to case or surrounding spaces.

    The service spells the same value in different cases (``External`` and ``external`` in one
    example), so text comparisons ignore case.
    """
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right or str(left).lower() == str(right).lower()
    if str(left).strip().lower() == str(right).strip().lower():
        return True
    return is_number(left) and is_number(right) and to_number(left) == to_number(right)


def row_matches(row: Dict[str, Any], where: Dict[str, Any]) -> bool:
    """Return True when every ``where`` field equals its value or one of its listed values."""
    for field, expected in where.items():
        actual = row.get(field)
        if actual is None:
            return False
        options = expected if isinstance(expected, list) else [expected]
        if not any(values_equal(actual, option) for option in options):
            return False
    return True


def compare(comparison: str, observed: Any, threshold: Any) -> bool:
    """Return True when ``observed`` meets the failing condition ``comparison threshold``.

    Time and version comparisons expect the observed value already converted by
    ``observe_value``: days left for within_days, age in hours for older_than_hours, and the
    number of newer fleet versions for version_behind.
    """
    if comparison == "gt":
        return to_number(observed) > threshold
    if comparison == "ge":
        return to_number(observed) >= threshold
    if comparison == "lt":
        return to_number(observed) < threshold
    if comparison == "le":
        return to_number(observed) <= threshold
    if comparison == "eq":
        return values_equal(observed, threshold)
    if comparison == "ne":
        return not values_equal(observed, threshold)
    if comparison == "in":
        return any(values_equal(observed, option) for option in threshold)
    if comparison == "not_in":
        return not any(values_equal(observed, option) for option in threshold)
    if comparison == "within_days":
        return observed <= threshold
    if comparison in ("older_than_hours", "version_behind"):
        return observed > threshold
    raise ValueError("comparison %r is not known" % (comparison,))


class FleetVersions:
    """The distinct versions of one field across all tenants, to count how far one is behind."""

    def __init__(self, values: Sequence[Any]) -> None:
        parsed = {}
        for value in values:
            try:
                parsed[parse_version(value)] = str(value)
            except ConversionError:
                continue
        self._keys = sorted(parsed)
        self._labels = [parsed[key] for key in self._keys]

    @property
    def newest(self) -> Optional[str]:
        return self._labels[-1] if self._labels else None

    def count_newer(self, value: Any) -> int:
        """Return how many distinct fleet versions are newer than ``value``."""
        key = parse_version(value)
        return len(self._keys) - bisect.bisect_right(self._keys, key)


def _bandwidth_from_text(value: Any, unit: str) -> Optional[float]:
    if not isinstance(value, str):
        return None
    match = _BANDWIDTH_TEXT.match(value)
    if not match:
        return None
    mbps = bandwidth_to_mbps(match.group(1), match.group(2))
    return mbps / BANDWIDTH_TO_MBPS[unit.lower()]


def observe_value(
    check: Dict[str, Any],
    row: Dict[str, Any],
    raw: Any,
    now: datetime.datetime,
    fleet: Optional[FleetVersions],
) -> Tuple[Any, Optional[str]]:
    """Convert one raw field value into the value the comparison needs.

    Returns ``(observed, detail)``; ``detail`` is a short text with the original units when a
    conversion took place (for example ``computed from 930000 Kbps used of 1000 Mbps allocated``), else None. Raises
    ConversionError when the value cannot be read.
    """
    comparison = check["comparison"]
    unit = check.get("unit") or ""
    percentage = check.get("percentage_of")

    if comparison == "within_days":
        moment = to_datetime(raw, check.get("time_unit", "auto"))
        return (moment - now).total_seconds() / SECONDS_PER_DAY, moment.isoformat()
    if comparison == "older_than_hours":
        moment = to_datetime(raw, check.get("time_unit", "auto"))
        return (now - moment).total_seconds() / SECONDS_PER_HOUR, moment.isoformat()
    if comparison == "version_behind":
        if fleet is None:
            raise ConversionError("no fleet versions to compare with")
        return fleet.count_newer(raw), "%s (newest in the fleet: %s)" % (raw, fleet.newest)

    if raw is None and percentage:
        return _percentage_from_row(row, percentage)
    if raw is None:
        raise ConversionError("the field is missing")
    if comparison in ("eq", "ne", "in", "not_in"):
        return raw, None
    if unit.lower() in BANDWIDTH_TO_MBPS:
        converted = _bandwidth_from_text(raw, unit)
        if converted is not None:
            return converted, "%s as %s" % (raw, unit)
    return to_number(raw), None


def _percentage_from_row(row: Dict[str, Any], percentage: Dict[str, Any]) -> Tuple[float, str]:
    used = row.get(percentage["used"])
    total = row.get(percentage["total"])
    used_unit = row.get(percentage.get("used_unit") or "") or ""
    total_unit = row.get(percentage.get("total_unit") or "") or ""
    if used is None or total is None:
        raise ConversionError("the field is missing and %s or %s is missing too, so no percentage can be computed" % (
            percentage["used"], percentage["total"]))
    value = percentage_of(used, used_unit, total, total_unit)
    detail = "computed from %s %s used of %s %s allocated" % (
        _plain(used), used_unit, _plain(total), total_unit)
    return value, " ".join(detail.split())


def _plain(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
