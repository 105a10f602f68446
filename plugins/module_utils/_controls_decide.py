# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Decide pass, warn, fail or error for one control and one tenant's rows, with evidence.

This is a private module: its interface may change between releases. Standard library only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
from typing import Any, Dict, List, Optional, Tuple

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls_checks import (
    COMPARISON_PHRASES,
    FleetVersions,
    compare,
    field_values,
    observe_value,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls_units import (
    ConversionError,
)

# At most this many observed values and details are copied into one result's evidence, so a
# tenant with thousands of rows does not make the results document huge.
MAX_EVIDENCE_VALUES = 20


class Item:
    """One observed value: a field of one row after conversion."""

    __slots__ = ("detail", "failed", "path", "value", "warned")

    def __init__(self, path: str, value: Any, detail: Optional[str]) -> None:
        self.path = path
        self.value = value
        self.detail = detail
        self.failed = False
        self.warned = False


def _round(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, 2)
    return value


def _format(value: Any) -> str:
    value = _round(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "[%s]" % ", ".join(_format(item) for item in value)
    return str(value)


def _with_unit(value: Any, unit: str) -> str:
    text = _format(value)
    return "%s %s" % (text, unit) if unit else text


def collect_items(
    check: Dict[str, Any], rows: List[Dict[str, Any]], now: datetime.datetime, fleet: Optional[FleetVersions]
) -> Tuple[List[Item], List[str]]:
    """Extract and convert the check's field from every row; returns the items and the problems."""
    items: List[Item] = []
    problems: List[str] = []
    for row in rows:
        for path, raw in field_values(row, check["field"]):
            try:
                value, detail = observe_value(check, row, raw, now, fleet)
            except ConversionError as exc:
                problems.append("%s: %s" % (path, exc))
                continue
            items.append(Item(path, value, detail))
    return items, problems


def _combine(aggregate: str, items: List[Item], row_count: int) -> Any:
    if aggregate == "count":
        return row_count
    values = [item.value for item in items]
    if aggregate == "sum":
        return sum(values)
    if aggregate == "max":
        return max(values)
    return min(values)


def decide(
    check: Dict[str, Any],
    threshold: Any,
    warn_threshold: Any,
    rows: List[Dict[str, Any]],
    now: datetime.datetime,
    fleet: Optional[FleetVersions],
) -> Tuple[str, str, Dict[str, Any]]:
    """Return ``(status, message, evidence)`` for rows that already passed the where filter."""
    comparison = check["comparison"]
    aggregate = check["aggregate"]
    unit = check.get("unit") or ""
    field = check["field"] or "rows"
    evidence: Dict[str, Any] = {
        "field": field,
        "comparison": comparison,
        "threshold": threshold,
        "warn_threshold": warn_threshold,
        "unit": unit,
        "rows": len(rows),
    }

    if aggregate == "count":
        items: List[Item] = []
        problems: List[str] = []
    else:
        items, problems = collect_items(check, rows, now, fleet)
    if problems:
        evidence["observed"] = None
        evidence["problems"] = problems[:MAX_EVIDENCE_VALUES]
        message = "%d of the tenant's values could not be read, for example %s." % (len(problems), problems[0])
        return "error", message, evidence

    if aggregate in ("any", "all"):
        status, observed = _decide_each(aggregate, comparison, threshold, warn_threshold, items)
    else:
        try:
            observed = _combine(aggregate, items, len(rows))
            failed = compare(comparison, observed, threshold)
            warned = warn_threshold is not None and compare(comparison, observed, warn_threshold)
        except ConversionError as exc:
            evidence["observed"] = None
            return "error", "The %s of %s could not be computed: %s." % (aggregate, field, exc), evidence
        if failed:
            status = "fail"
        elif warned:
            status = "warn"
        else:
            status = "pass"

    evidence["observed"] = _round(observed)
    details = [item.detail for item in items if item.detail]
    if details:
        evidence["details"] = details[:MAX_EVIDENCE_VALUES]
    if len(items) > MAX_EVIDENCE_VALUES and isinstance(observed, list):
        evidence["truncated"] = True
    return status, _message(status, check, observed, threshold, warn_threshold, len(rows), fleet), evidence


def _decide_each(
    aggregate: str, comparison: str, threshold: Any, warn_threshold: Any, items: List[Item]
) -> Tuple[str, Any]:
    """Compare each item; ``any`` fails when one item fails, ``all`` only when every item does."""
    for item in items:
        item.failed = compare(comparison, item.value, threshold)
        item.warned = warn_threshold is not None and compare(comparison, item.value, warn_threshold)

    join = any if aggregate == "any" else all
    if join(item.failed for item in items):
        status = "fail"
        deciding = [item for item in items if item.failed]
    elif join(item.failed or item.warned for item in items):
        status = "warn"
        deciding = [item for item in items if item.failed or item.warned]
    else:
        status = "pass"
        deciding = items

    values = [_round(item.value) for item in deciding[:MAX_EVIDENCE_VALUES]]
    observed = values[0] if len(values) == 1 else values
    return status, observed


def _subject(check: Dict[str, Any], observed: Any, fleet: Optional[FleetVersions]) -> str:
    comparison = check["comparison"]
    unit = check.get("unit") or ""
    field = check["field"] or "the number of rows"
    if check["aggregate"] in ("sum", "max", "min"):
        field = "the %s of %s" % (check["aggregate"], field)
    if comparison == "within_days":
        return "%s is %s away" % (field, _with_unit(observed, unit or "days"))
    if comparison == "older_than_hours":
        return "%s is %s old" % (field, _with_unit(observed, unit or "hours"))
    if comparison == "version_behind":
        newest = fleet.newest if fleet else None
        return "%s is %s behind the newest in the fleet (%s)" % (field, _with_unit(observed, unit), newest)
    return "%s is %s" % (field, _with_unit(observed, unit))


def _message(
    status: str,
    check: Dict[str, Any],
    observed: Any,
    threshold: Any,
    warn_threshold: Any,
    row_count: int,
    fleet: Optional[FleetVersions],
) -> str:
    """Build the one-sentence reason of a pass, warn or fail result."""
    comparison = check["comparison"]
    meets, misses = COMPARISON_PHRASES[comparison]
    unit = check.get("unit") or ""
    if comparison == "version_behind":
        unit = unit or "versions"
    subject = "%s over %d row%s" % (_subject(check, observed, fleet), row_count, "" if row_count == 1 else "s")
    if subject.startswith("the "):
        subject = "The " + subject[4:]

    # Lists and text values read as the values themselves; numbers read as a threshold.
    label = "" if comparison in ("eq", "ne", "in", "not_in") else "the threshold "
    limit = label + _with_unit(threshold, unit)
    if status == "fail":
        return "%s, which is %s %s." % (subject, meets, limit)
    if status == "warn":
        warn_label = "" if not label else "the warning threshold "
        return "%s, which is %s %s but %s %s%s." % (
            subject, misses, limit, meets, warn_label, _with_unit(warn_threshold, unit))
    return "%s, which is %s %s." % (subject, misses, limit)
