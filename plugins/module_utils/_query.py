# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The query builder: turn a user's intent into the request of one catalog operation.

This is a private module: its interface may change between releases.

Layers, each overriding the one before: the operation's default body (or `body`), then a raw
`filter` and `raw_properties`, then the intents (`time_range`, `severity`, `rules`,
`properties`, `function`, `alias`, `sort`, `count`). Every error is an InvalidInputError that
names the value and the fix, raised before any API call.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
from dataclasses import dataclass, field
from typing import Any, Dict, List, Optional, Union

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    TIME_PERIODS,
    Operation,
    get_operation,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._query_checks import (
    check_body,
    check_count,
    check_filter,
    check_known,
    check_properties,
    normalize_sort,
    require_list,
    require_text,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._query_time import (
    TimeWindow,
    describe_minutes,
    format_time,
    parse_time_range,
)

# Query parameters that take epoch integers and the one that takes a number.
_EPOCH_QUERY_PARAMS = ("start_time", "end_time")
_NUMBER_QUERY_PARAMS = ("threshold",)

# Intents that only make sense for a request body, named in the error for GET operations.
_BODY_INTENTS = (
    "severity",
    "rules",
    "properties",
    "sort",
    "function",
    "alias",
    "filter",
    "raw_properties",
    "body",
    "count",
)


@dataclass
class PreparedRequest:
    """The request of one operation, without headers: the client adds auth and region."""

    operation: str
    method: str
    path: str
    query: Dict[str, Any] = field(default_factory=dict)
    body: Optional[Dict[str, Any]] = None


def build_request(
    operation: Union[str, Operation],
    *,
    time_range: Optional[Dict[str, Any]] = None,
    severity: Optional[Union[str, List[str]]] = None,
    rules: Optional[Union[str, List[str]]] = None,
    properties: Optional[List[Any]] = None,
    sort: Optional[Union[str, Dict[str, Any]]] = None,
    function: Optional[str] = None,
    alias: Optional[str] = None,
    filter: Optional[Dict[str, Any]] = None,
    raw_properties: Optional[List[Dict[str, Any]]] = None,
    body: Optional[Dict[str, Any]] = None,
    query: Optional[Dict[str, Any]] = None,
    count: Optional[int] = None,
    agg_by_tenant: bool = True,
    strict: bool = True,
) -> PreparedRequest:
    """Build the request of `operation` (a catalog name or Operation) from the user's intent.

    `function` and `alias` apply to the last property item, which is the measured value in the
    usual ``[group_by..., measure]`` order. `agg_by_tenant` adds ``agg_by=tenant`` where the
    operation takes it and is ignored elsewhere. With `strict` false, unknown property, rule,
    operator, function, severity and query parameter names pass through unchanged.
    """
    op = _resolve_operation(operation)
    _require_bool(strict, "strict", op)
    _require_bool(agg_by_tenant, "agg_by_tenant", op)
    window = parse_time_range(time_range) if time_range is not None else None

    request_query: Dict[str, Any] = {}
    if op.agg_by and agg_by_tenant:
        request_query["agg_by"] = "tenant"

    if op.method == "GET":
        body_intents = {
            "severity": severity, "rules": rules, "properties": properties, "sort": sort,
            "function": function, "alias": alias, "filter": filter,
            "raw_properties": raw_properties, "body": body, "count": count,
        }
        _reject_body_intents(op, body_intents)
        request_query.update(_build_get_query(op, window, query, strict))
        return PreparedRequest(op.name, op.method, op.path, request_query, None)

    if query:
        _check_post_query(op, query, strict)
        request_query.update(query)

    request_body = _build_body(
        op,
        window=window,
        severity=severity,
        rules=rules,
        properties=properties,
        sort=sort,
        function=function,
        alias=alias,
        raw_filter=filter,
        raw_properties=raw_properties,
        body=body,
        count=count,
        strict=strict,
    )
    return PreparedRequest(op.name, op.method, op.path, request_query, request_body)


def _resolve_operation(operation: Any) -> Operation:
    if isinstance(operation, Operation):
        return operation
    return get_operation(operation)


def _require_bool(value: Any, option: str, op: Operation) -> None:
    if not isinstance(value, bool):
        raise InvalidInputError(
            "%s %r is invalid for %s; use true or false" % (option, value, op.name),
            operation=op.name,
        )


def _reject_body_intents(op: Operation, body_intents: Dict[str, Any]) -> None:
    used = [name for name in _BODY_INTENTS if body_intents.get(name) is not None]
    if used:
        raise InvalidInputError(
            "%s is a GET operation without a request body, so %s cannot apply; "
            "use time_range or query (parameters: %s)"
            % (op.name, ", ".join(used), ", ".join(op.query_params) or "none"),
            operation=op.name,
        )


# --- GET operations: query parameters ---------------------------------------------------


def _build_get_query(
    op: Operation, window: Optional[TimeWindow], query: Any, strict: bool
) -> Dict[str, Any]:
    result: Dict[str, Any] = dict(op.default_query)

    if window is not None:
        for name in ("time_period",) + _EPOCH_QUERY_PARAMS:
            result.pop(name, None)
        result.update(_time_query(op, window))

    if query is not None:
        if not isinstance(query, dict):
            raise InvalidInputError(
                "query %r is invalid for %s; use a dict of query parameters" % (query, op.name),
                operation=op.name,
            )
        for name, value in query.items():
            _check_query_param(op, name, value, strict)
        result.update(query)

    start = result.get("start_time")
    end = result.get("end_time")
    if isinstance(start, int) and isinstance(end, int) and start >= end:
        raise InvalidInputError(
            "query start_time %r is not earlier than end_time %r for %s; swap them"
            % (start, end, op.name),
            operation=op.name,
        )
    return result


def _time_query(op: Operation, window: TimeWindow) -> Dict[str, Any]:
    if window.is_relative:
        if "time_period" not in op.query_params:
            raise _no_time_range(op)
        period = TIME_PERIODS.get(window.minutes)
        if period is None:
            choices = ", ".join(describe_minutes(minutes) for minutes in TIME_PERIODS)
            raise InvalidInputError(
                "time_range of %s is not a time_period that %s takes; use one of: %s, "
                "or 'from' and 'to'" % (describe_minutes(window.minutes), op.name, choices),
                operation=op.name,
            )
        return {"time_period": period}

    if "start_time" not in op.query_params:
        raise _no_time_range(op)
    unit = op.time_fields.get("start_time", "ms")
    return {
        "start_time": format_time(window.start, unit),
        "end_time": format_time(window.end, unit),
    }


def _check_query_param(op: Operation, name: Any, value: Any, strict: bool) -> None:
    if name == "agg_by":
        raise InvalidInputError(
            "query parameter agg_by is set by agg_by_tenant; remove it from query",
            operation=op.name,
        )
    if not isinstance(name, str):
        raise InvalidInputError(
            "query parameter name %r is invalid for %s; use a string" % (name, op.name),
            operation=op.name,
        )
    check_known(name, op.query_params, "query parameter", op, strict)

    if name in _EPOCH_QUERY_PARAMS:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise InvalidInputError(
                "query %s %r is invalid for %s; use epoch time as a whole number (%s)"
                % (name, value, op.name, op.time_fields.get(name, "ms")),
                operation=op.name,
            )
        return
    if name in _NUMBER_QUERY_PARAMS:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise InvalidInputError(
                "query %s %r is invalid for %s; use a number" % (name, value, op.name),
                operation=op.name,
            )
        return
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InvalidInputError(
            "query %s %r is invalid for %s; use a string or a number" % (name, value, op.name),
            operation=op.name,
        )
    if name in op.query_choices:
        check_known(value, op.query_choices[name], "query %s value" % name, op, strict)


def _check_post_query(op: Operation, query: Any, strict: bool) -> None:
    if not isinstance(query, dict):
        raise InvalidInputError(
            "query %r is invalid for %s; use a dict of query parameters" % (query, op.name),
            operation=op.name,
        )
    if strict and query and not op.query_params:
        raise InvalidInputError(
            "%s takes no query parameters besides agg_by (set by agg_by_tenant); remove query, "
            "or set strict to false to send it anyway" % op.name,
            operation=op.name,
        )
    for name, value in query.items():
        _check_query_param(op, name, value, strict)


def _no_time_range(op: Operation) -> InvalidInputError:
    return InvalidInputError(
        "%s takes no time range; remove time_range" % op.name, operation=op.name
    )


# --- POST operations: the request body ---------------------------------------------------


def _build_body(
    op: Operation,
    *,
    window: Optional[TimeWindow],
    severity: Any,
    rules: Any,
    properties: Any,
    sort: Any,
    function: Any,
    alias: Any,
    raw_filter: Any,
    raw_properties: Any,
    body: Any,
    count: Any,
    strict: bool,
) -> Dict[str, Any]:
    if body is not None:
        result = check_body(copy.deepcopy(body), op, strict)
    else:
        result = op.new_default_body() or {}

    if raw_filter is not None:
        _require_filter_support(op, "filter")
        result["filter"] = check_filter(copy.deepcopy(raw_filter), "filter", op, strict)
    if raw_properties is not None:
        result["properties"] = check_properties(
            copy.deepcopy(raw_properties), "raw_properties", op, strict
        )

    if window is not None:
        _apply_time_range(op, result, window)
    if severity is not None:
        _apply_severity(op, result, severity, strict)
    if rules is not None:
        _apply_named_rules(op, result, rules, strict)
    if properties is not None:
        result["properties"] = check_properties(properties, "properties", op, strict)
        if not result["properties"]:
            raise InvalidInputError(
                "properties is empty for %s; name at least one property" % op.name,
                operation=op.name,
            )
    if function is not None or alias is not None:
        _apply_function_and_alias(op, result, function, alias, strict)
    if sort is not None:
        _apply_sort(op, result, sort)
    if count is not None:
        result["count"] = check_count(count, op)
    return result


def _require_filter_support(op: Operation, option: str) -> None:
    # Only two operations have no filter; their request schema has `properties` alone.
    if not op.accepts_filter:
        raise InvalidInputError(
            "%s has no filter in its request, so %s cannot apply; use properties only"
            % (op.name, option),
            operation=op.name,
        )


def _filter_rules(body: Dict[str, Any]) -> List[Dict[str, Any]]:
    rule_filter = body.setdefault("filter", {"operator": "AND", "rules": []})
    return rule_filter.setdefault("rules", [])


def _apply_time_range(op: Operation, body: Dict[str, Any], window: TimeWindow) -> None:
    _require_filter_support(op, "time_range")
    if op.time_filter_property is None:
        raise _no_time_range(op)

    rules = [rule for rule in _filter_rules(body) if rule.get("property") not in op.time_fields]
    prop = op.time_filter_property
    unit = op.time_fields[prop]

    if op.time_filter_end_property is not None:
        if window.is_relative:
            raise InvalidInputError(
                "%s filters on absolute dates (%s and %s), so time_range needs 'from' and 'to' "
                "instead of 'last'" % (op.name, prop, op.time_filter_end_property),
                operation=op.name,
            )
        end_unit = op.time_fields[op.time_filter_end_property]
        rules.append(_rule(prop, "equals", format_time(window.start, unit)))
        rules.append(_rule(op.time_filter_end_property, "equals", format_time(window.end, end_unit)))
    elif window.is_relative:
        rules.append(_rule(prop, "last_n_" + window.unit, window.count))
    else:
        rules.append(_rule(prop, "gt", format_time(window.start, unit)))
        rules.append(_rule(prop, "lt", format_time(window.end, unit)))

    body["filter"]["rules"] = rules


def _rule(prop: str, operator: str, value: Any) -> Dict[str, Any]:
    # The spec types rule values as an array of strings.
    return {"operator": operator, "property": prop, "values": [str(value)]}


def _apply_severity(op: Operation, body: Dict[str, Any], severity: Any, strict: bool) -> None:
    _require_filter_support(op, "severity")
    values = require_list(severity, "severity", op)
    if not values:
        raise InvalidInputError(
            "severity is empty for %s; name at least one level or leave severity out" % op.name,
            operation=op.name,
        )
    if strict and not op.severity_values:
        raise InvalidInputError(
            "%s has no severity filter; leave severity out, or set strict to false to send it "
            "anyway" % op.name,
            operation=op.name,
        )

    by_lower = {level.lower(): level for level in op.severity_values}
    normalized: List[str] = []
    for index, value in enumerate(values):
        text = require_text(value, "severity[%d]" % index, op)
        level = by_lower.get(text.lower())
        if level is None:
            check_known(text.lower(), by_lower, "severity", op, strict)
            level = text
        if level not in normalized:
            normalized.append(level)

    rules = [rule for rule in _filter_rules(body) if rule.get("property") != "severity"]
    rules.append({"operator": "in", "property": "severity", "values": normalized})
    body["filter"]["rules"] = rules


def _apply_named_rules(op: Operation, body: Dict[str, Any], names: Any, strict: bool) -> None:
    """Replace the body's named rules (``{"rule": name}``) with `names`."""
    _require_filter_support(op, "rules")
    requested: List[str] = []
    for index, name in enumerate(require_list(names, "rules", op)):
        text = require_text(name, "rules[%d]" % index, op)
        check_known(text, op.rules, "rule", op, strict)
        if text not in requested:
            requested.append(text)

    other_rules = [rule for rule in _filter_rules(body) if "rule" not in rule]
    body["filter"]["rules"] = [{"rule": name} for name in requested] + other_rules


def _apply_function_and_alias(
    op: Operation, body: Dict[str, Any], function: Any, alias: Any, strict: bool
) -> None:
    items = body.get("properties") or []
    if not items:
        raise InvalidInputError(
            "function and alias apply to the last property, but %s requests none; "
            "add properties" % op.name,
            operation=op.name,
        )
    # check_properties validates the changed item with the same rules as any other item.
    last = dict(items[-1])
    if function is not None:
        last["function"] = function
    if alias is not None:
        last["alias"] = alias
    items[-1] = check_properties([last], "function/alias", op, strict)[0]
    body["properties"] = items


def _apply_sort(op: Operation, body: Dict[str, Any], sort: Any) -> None:
    if isinstance(sort, str):
        sort = {"property": sort}
    if not isinstance(sort, dict) or set(sort) - {"property", "order"}:
        raise InvalidInputError(
            "sort %r is invalid for %s; use {'property': name, 'order': 'asc' or 'desc'}"
            % (sort, op.name),
            operation=op.name,
        )
    name = require_text(sort.get("property"), "sort.property", op)
    order = normalize_sort(sort.get("order", "desc"), "sort", op)

    items = body.get("properties") or []
    target = _find_sort_target(items, name)
    if target is None:
        requested = sorted({item.get("alias", item["property"]) for item in items})
        raise InvalidInputError(
            "sort.property %r is not requested from %s; sort by one of: %s"
            % (name, op.name, ", ".join(requested) or "(no properties)"),
            operation=op.name,
        )

    for item in items:
        item.pop("sort", None)
    target["sort"] = order


def _find_sort_target(items: List[Dict[str, Any]], name: str) -> Optional[Dict[str, Any]]:
    # The response key is the alias when there is one, so an alias match wins.
    for item in items:
        if item.get("alias") == name:
            return item
    for item in items:
        if item["property"] == name and "alias" not in item:
            return item
    for item in items:
        if item["property"] == name:
            return item
    return None
