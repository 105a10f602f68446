# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Vocabulary and validation of one policy control.

This is a private module: its interface may change between releases. Standard library only.
Every validation problem is a sentence that names the control id, the key, the bad value and
the valid values, so a user can fix a policy file without reading the code.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import re
from typing import Any, Dict, List, Optional

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)

try:
    from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import OPERATIONS
except ImportError:
    OPERATIONS = None

FAMILIES = ("alerts", "applications", "connectivity", "incidents", "license", "threats", "upgrades", "urls")
SEVERITIES = ("critical", "high", "medium", "low", "info")
NUMERIC_COMPARISONS = ("gt", "ge", "lt", "le")
EQUALITY_COMPARISONS = ("eq", "ne")
MEMBERSHIP_COMPARISONS = ("in", "not_in")
TIME_COMPARISONS = ("within_days", "older_than_hours")
COMPARISONS = (
    NUMERIC_COMPARISONS + EQUALITY_COMPARISONS + MEMBERSHIP_COMPARISONS + TIME_COMPARISONS + ("version_behind",)
)
AGGREGATES = ("any", "all", "sum", "max", "min", "count")
MISSING_CHOICES = ("skip", "pass", "error")
TIME_UNITS = ("auto", "ms", "s")

# Operation names of docs/architecture.md, used when the operation catalog is not importable.
_ARCHITECTURE_OPERATION_NAMES = (
    "alerts.count", "alerts.list",
    "applications.usage", "applications.count", "applications.list", "applications.source",
    "applications.summary",
    "app_monitor.applications", "app_monitor.node_trend", "app_monitor.tenants",
    "license.quota", "license.setup_status", "license.utilization",
    "tenant.hierarchy",
    "incidents.count", "incidents.impacted_list", "incidents.list", "incidents.tenants",
    "incidents.trends",
    "locations.list", "locations.tenants", "locations.users",
    "resource.count",
    "connectivity.status", "connectivity.cdl_status", "connectivity.gateway_status",
    "connectivity.license_allocated", "connectivity.top_outliers", "connectivity.unique_users",
    "threats.count", "threats.list", "threats.source", "threats.summary",
    "upgrades.list",
    "urls.summary", "urls.logs",
)

CONTROL_KEYS = (
    "id", "title", "family", "severity", "operation", "check", "warn_threshold", "missing",
    "applies_to", "remediation", "description", "frameworks", "enabled",
)
REQUIRED_CONTROL_KEYS = ("id", "title", "family", "severity", "operation", "check", "remediation")
CHECK_KEYS = ("field", "comparison", "threshold", "unit", "where", "aggregate", "percentage_of", "time_unit")
PERCENTAGE_OF_KEYS = ("used", "used_unit", "total", "total_unit")
APPLIES_TO_KEYS = ("license_types", "regions", "tenant_groups")
OVERRIDE_KEYS = ("threshold", "warn_threshold", "enabled", "severity")

_CONTROL_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")


class PolicyError(InvalidInputError):
    """A policy or waiver document is invalid; ``problems`` lists every problem found."""

    def __init__(self, problems: List[str], source: str = "policy") -> None:
        self.problems = list(problems)
        message = "%s is invalid: %s" % (source, "; ".join(self.problems))
        super().__init__(message)


def operation_names() -> List[str]:
    """Return the operation names a control may use: the catalog's, else the documented table."""
    if OPERATIONS:
        return sorted(OPERATIONS)
    return sorted(_ARCHITECTURE_OPERATION_NAMES)


def _choices(values: Any) -> str:
    return ", ".join(values)


def _label(control_id: Any) -> str:
    return "control %r" % (control_id,)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool))


def check_threshold(label: str, key: str, comparison: str, value: Any) -> Optional[str]:
    """Return a problem sentence when ``value`` has the wrong type for ``comparison``, else None."""
    if comparison in NUMERIC_COMPARISONS:
        if not _is_number(value):
            return "%s: %s %r is not a number; comparison %r needs a number such as 90" % (
                label, key, value, comparison)
    elif comparison in TIME_COMPARISONS or comparison == "version_behind":
        if not _is_number(value) or value < 0:
            return "%s: %s %r is not a number of 0 or more; comparison %r needs one such as 30" % (
                label, key, value, comparison)
    elif comparison in MEMBERSHIP_COMPARISONS:
        if not isinstance(value, list) or not value or not all(_is_scalar(item) for item in value):
            return "%s: %s %r is not a list of values; comparison %r needs one such as [Down]" % (
                label, key, value, comparison)
    elif comparison in EQUALITY_COMPARISONS and not _is_scalar(value):
        return "%s: %s %r is not a single value; comparison %r needs a string, number or boolean" % (
            label, key, value, comparison)
    return None


def _check_unknown_keys(label: str, where: str, mapping: Dict[str, Any], valid: Any) -> List[str]:
    problems = []
    for key in sorted(mapping, key=str):
        if key not in valid:
            problems.append("%s: key %r in %s is not known (valid: %s)" % (label, key, where, _choices(valid)))
    return problems


def _check_string_list(label: str, key: str, value: Any) -> List[str]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return ["%s: %s %r is not a list of strings" % (label, key, value)]
    return []


def _validate_check(label: str, check: Any) -> List[str]:
    if not isinstance(check, dict):
        return ["%s: check %r is not a mapping; give field, comparison and threshold" % (label, check)]

    problems = _check_unknown_keys(label, "check", check, CHECK_KEYS)
    aggregate = check.get("aggregate", "any")
    if aggregate not in AGGREGATES:
        problems.append("%s: check.aggregate %r is not valid (valid: %s)" % (label, aggregate, _choices(AGGREGATES)))

    field = check.get("field")
    if field is None and aggregate != "count":
        problems.append("%s: check.field is missing; name the row field to compare" % label)
    elif field is not None and (not isinstance(field, str) or not field):
        problems.append("%s: check.field %r is not a field name" % (label, field))

    comparison = check.get("comparison")
    if comparison is None:
        problems.append("%s: check.comparison is missing (valid: %s)" % (label, _choices(COMPARISONS)))
    elif comparison not in COMPARISONS:
        problems.append("%s: check.comparison %r is not valid (valid: %s)" % (label, comparison, _choices(COMPARISONS)))
    elif "threshold" not in check:
        problems.append("%s: check.threshold is missing; comparison %r needs one" % (label, comparison))
    else:
        problem = check_threshold(label, "check.threshold", comparison, check["threshold"])
        if problem:
            problems.append(problem)
    one_number = aggregate in ("sum", "max", "min", "count")
    if one_number and comparison in COMPARISONS and comparison not in NUMERIC_COMPARISONS + EQUALITY_COMPARISONS:
        problems.append(
            "%s: check.aggregate %r gives one number per tenant, so the comparison must be one of %s, not %r"
            % (label, aggregate, _choices(NUMERIC_COMPARISONS + EQUALITY_COMPARISONS), comparison))

    where = check.get("where", {})
    if not isinstance(where, dict):
        problems.append("%s: check.where %r is not a mapping of field to value or list of values" % (label, where))
    else:
        for key, value in sorted(where.items(), key=lambda item: str(item[0])):
            if not (_is_scalar(value) or (isinstance(value, list) and all(_is_scalar(v) for v in value))):
                problems.append("%s: check.where.%s %r is not a value or a list of values" % (label, key, value))

    percentage = check.get("percentage_of")
    if percentage is not None:
        if not isinstance(percentage, dict):
            problems.append("%s: check.percentage_of %r is not a mapping" % (label, percentage))
        else:
            problems.extend(_check_unknown_keys(label, "check.percentage_of", percentage, PERCENTAGE_OF_KEYS))
            for key in ("used", "total"):
                if not isinstance(percentage.get(key), str):
                    problems.append("%s: check.percentage_of.%s is missing; name the row field" % (label, key))

    time_unit = check.get("time_unit", "auto")
    if time_unit not in TIME_UNITS:
        problems.append("%s: check.time_unit %r is not valid (valid: %s)" % (label, time_unit, _choices(TIME_UNITS)))
    return problems


def validate_override(label: str, override: Any, comparison: Optional[str]) -> List[str]:
    """Validate one override mapping (threshold, warn_threshold, enabled, severity)."""
    if not isinstance(override, dict):
        return ["%s: override %r is not a mapping" % (label, override)]
    problems = _check_unknown_keys(label, "the override", override, OVERRIDE_KEYS + ("tenant_groups",))
    for key in ("threshold", "warn_threshold"):
        if key in override and comparison in COMPARISONS:
            problem = check_threshold(label, key, comparison, override[key])
            if problem:
                problems.append(problem)
    if "enabled" in override and not isinstance(override["enabled"], bool):
        problems.append("%s: enabled %r is not true or false" % (label, override["enabled"]))
    if "severity" in override and override["severity"] not in SEVERITIES:
        problems.append("%s: severity %r is not valid (valid: %s)" % (label, override["severity"], _choices(SEVERITIES)))
    return problems


def validate_control(control: Any, index: int) -> List[str]:
    """Return every problem of one control; an empty list means the control is valid."""
    if not isinstance(control, dict):
        return ["controls[%d] %r is not a mapping" % (index, control)]
    control_id = control.get("id")
    label = _label(control_id) if control_id is not None else "controls[%d]" % index
    problems = _check_unknown_keys(label, "the control", control, CONTROL_KEYS)

    for key in REQUIRED_CONTROL_KEYS:
        if key not in control:
            problems.append("%s: %s is missing" % (label, key))
    if control_id is not None and (not isinstance(control_id, str) or not _CONTROL_ID.match(control_id)):
        problems.append("%s: id %r is not valid; use letters, digits, '-', '_' or '.', such as ACME-001" % (
            label, control_id))
    for key in ("title", "remediation", "description"):
        if key in control and not isinstance(control[key], str):
            problems.append("%s: %s %r is not a string" % (label, key, control[key]))

    if "family" in control and control["family"] not in FAMILIES:
        problems.append("%s: family %r is not valid (valid: %s)" % (label, control["family"], _choices(FAMILIES)))
    if "severity" in control and control["severity"] not in SEVERITIES:
        problems.append("%s: severity %r is not valid (valid: %s)" % (label, control["severity"], _choices(SEVERITIES)))
    if "operation" in control and control["operation"] not in operation_names():
        problems.append("%s: operation %r is not a known operation (valid: %s)" % (
            label, control["operation"], _choices(operation_names())))
    if "missing" in control and control["missing"] not in MISSING_CHOICES:
        problems.append("%s: missing %r is not valid (valid: %s)" % (label, control["missing"], _choices(MISSING_CHOICES)))
    if "enabled" in control and not isinstance(control["enabled"], bool):
        problems.append("%s: enabled %r is not true or false" % (label, control["enabled"]))
    if "frameworks" in control:
        problems.extend(_check_string_list(label, "frameworks", control["frameworks"]))

    applies_to = control.get("applies_to", {})
    if not isinstance(applies_to, dict):
        problems.append("%s: applies_to %r is not a mapping (valid keys: %s)" % (
            label, applies_to, _choices(APPLIES_TO_KEYS)))
    else:
        problems.extend(_check_unknown_keys(label, "applies_to", applies_to, APPLIES_TO_KEYS))
        for key in APPLIES_TO_KEYS:
            if key in applies_to:
                problems.extend(_check_string_list(label, "applies_to.%s" % key, applies_to[key]))

    if "check" in control:
        problems.extend(_validate_check(label, control["check"]))
        check = control["check"] if isinstance(control["check"], dict) else {}
        if control.get("warn_threshold") is not None:
            problem = check_threshold(label, "warn_threshold", check.get("comparison"), control["warn_threshold"])
            if problem:
                problems.append(problem)
    return problems


def normalize_control(control: Dict[str, Any]) -> Dict[str, Any]:
    """Return a validated control with every optional key filled with its default."""
    check = dict(control["check"])
    check.setdefault("field", None)
    check.setdefault("unit", "")
    check.setdefault("where", {})
    check.setdefault("aggregate", "any")
    check.setdefault("percentage_of", None)
    check.setdefault("time_unit", "auto")
    applies_to = dict(control.get("applies_to") or {})
    for key in APPLIES_TO_KEYS:
        applies_to.setdefault(key, [])
    return {
        "id": control["id"],
        "title": control["title"],
        "family": control["family"],
        "severity": control["severity"],
        "operation": control["operation"],
        "description": control.get("description", ""),
        "remediation": control["remediation"],
        "frameworks": list(control.get("frameworks", [])),
        "enabled": control.get("enabled", True),
        # No rows is an error unless the control sets another choice, so missing data never passes.
        "missing": control.get("missing", "error"),
        "warn_threshold": control.get("warn_threshold"),
        "applies_to": applies_to,
        "check": check,
    }
