# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checks that the query builder runs on property items, filter rules and whole bodies.

This is a private module: its interface may change between releases. Type and shape errors
always raise. Unknown names (properties, rules, operators, functions) raise only in strict mode,
so that `strict: false` can send names the catalog does not list yet.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Dict, Iterable, List

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    FUNCTIONS,
    SORT_ORDERS,
    Operation,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)

PROPERTY_ITEM_KEYS = ("property", "alias", "function", "sort")
RULE_KEYS = ("property", "operator", "values")
BODY_KEYS = ("filter", "properties", "count", "histogram")
FILTER_KEYS = ("operator", "rules")

_STRICT_HINT = "; or set strict to false to send it anyway"


def check_known(value: str, known: Iterable[str], kind: str, operation: Operation, strict: bool) -> None:
    """Raise InvalidInputError when strict and `value` is not one of `known`."""
    known = tuple(known)
    if not strict or value in known:
        return
    listing = ", ".join(sorted(known)) if known else "(none)"
    raise InvalidInputError(
        "%s %r is not known for %s; use one of: %s%s"
        % (kind, value, operation.name, listing, _STRICT_HINT),
        operation=operation.name,
    )


def check_keys(value: Dict[Any, Any], allowed: Iterable[str], option: str, operation: Operation) -> None:
    """Raise InvalidInputError when the dict `value` has keys outside `allowed`."""
    allowed = tuple(allowed)
    unknown_keys = sorted(str(key) for key in set(value) - set(allowed))
    if unknown_keys:
        raise InvalidInputError(
            "%s has invalid keys %s for %s; use only: %s"
            % (option, ", ".join(unknown_keys), operation.name, ", ".join(allowed)),
            operation=operation.name,
        )


def require_text(value: Any, option: str, operation: Operation) -> str:
    """Return `value` when it is a non-empty string; raise InvalidInputError otherwise."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError(
            "%s %r is invalid for %s; use a non-empty string" % (option, value, operation.name),
            operation=operation.name,
        )
    return value


def require_list(value: Any, option: str, operation: Operation) -> List[Any]:
    """Return `value` as a list: a single string becomes a one-item list."""
    if isinstance(value, str):
        return [value]
    if not isinstance(value, (list, tuple)):
        raise InvalidInputError(
            "%s %r is invalid for %s; use a list" % (option, value, operation.name),
            operation=operation.name,
        )
    return list(value)


def normalize_sort(value: Any, option: str, operation: Operation) -> Dict[str, str]:
    """Return a sort as the API's ``{"order": ...}`` from "asc", "desc" or that dict."""
    order = value.get("order") if isinstance(value, dict) else value
    if isinstance(value, dict) and set(value) - {"order"}:
        raise InvalidInputError(
            "%s %r is invalid for %s; use {'order': 'asc'} or {'order': 'desc'}"
            % (option, value, operation.name),
            operation=operation.name,
        )
    if order not in SORT_ORDERS:
        raise InvalidInputError(
            "%s order %r is invalid for %s; use one of: %s"
            % (option, order, operation.name, ", ".join(SORT_ORDERS)),
            operation=operation.name,
        )
    return {"order": order}


def normalize_property_item(item: Any, option: str, operation: Operation, strict: bool) -> Dict[str, Any]:
    """Validate one property item (a name or a dict) and return it in the API's form."""
    if isinstance(item, str):
        item = {"property": item}
    if not isinstance(item, dict):
        raise InvalidInputError(
            "%s %r is invalid for %s; use a property name or a dict with keys %s"
            % (option, item, operation.name, ", ".join(PROPERTY_ITEM_KEYS)),
            operation=operation.name,
        )

    check_keys(item, PROPERTY_ITEM_KEYS, option, operation)
    if "property" not in item:
        raise InvalidInputError(
            "%s %r is missing the key 'property'" % (option, item), operation=operation.name
        )

    name = require_text(item["property"], option + ".property", operation)
    check_known(name, operation.properties, "property", operation, strict)
    normalized: Dict[str, Any] = {"property": name}

    if item.get("alias") is not None:
        normalized["alias"] = require_text(item["alias"], option + ".alias", operation)
    if item.get("function") is not None:
        function = require_text(item["function"], option + ".function", operation)
        check_known(function, FUNCTIONS, "function", operation, strict)
        normalized["function"] = function
    if item.get("sort") is not None:
        normalized["sort"] = normalize_sort(item["sort"], option + ".sort", operation)
    return normalized


def check_rule(rule: Any, option: str, operation: Operation, strict: bool) -> None:
    """Validate one filter rule: ``{"rule": name}`` or ``{"property", "operator", "values"}``."""
    if not isinstance(rule, dict):
        raise InvalidInputError(
            "%s %r is invalid for %s; use {'rule': name} or "
            "{'property': name, 'operator': name, 'values': [...]}" % (option, rule, operation.name),
            operation=operation.name,
        )

    if "rule" in rule:
        if set(rule) != {"rule"}:
            raise InvalidInputError(
                "%s %r mixes 'rule' with other keys; a named rule has only the key 'rule'"
                % (option, rule),
                operation=operation.name,
            )
        name = require_text(rule["rule"], option + ".rule", operation)
        check_known(name, operation.rules, "rule", operation, strict)
        return

    check_keys(rule, RULE_KEYS, option, operation)
    name = require_text(rule.get("property"), option + ".property", operation)
    operator = require_text(rule.get("operator"), option + ".operator", operation)
    check_known(name, operation.filter_properties, "filter property", operation, strict)
    check_known(operator, operation.filter_properties.get(name, ()), "operator of %r" % name, operation, strict)

    if "values" in rule and not isinstance(rule["values"], list):
        raise InvalidInputError(
            "%s.values %r is invalid for %s; use a list" % (option, rule["values"], operation.name),
            operation=operation.name,
        )
    if "values" not in rule and operator != "is_not_null":
        raise InvalidInputError(
            "%s is missing 'values'; only the operator is_not_null takes none" % option,
            operation=operation.name,
        )


def check_filter(value: Any, option: str, operation: Operation, strict: bool) -> Dict[str, Any]:
    """Validate a raw filter and return a copy with `operator` set to AND when missing.

    Several official examples leave `operator` out although the spec requires it.
    """
    if not isinstance(value, dict):
        raise InvalidInputError(
            "%s %r is invalid for %s; use {'operator': 'AND', 'rules': [...]}"
            % (option, value, operation.name),
            operation=operation.name,
        )
    check_keys(value, FILTER_KEYS, option, operation)

    operator = value.get("operator", "AND")
    if operator != "AND":
        raise InvalidInputError(
            "%s.operator %r is invalid; the API accepts only 'AND'" % (option, operator),
            operation=operation.name,
        )
    rules = value.get("rules", [])
    if not isinstance(rules, list):
        raise InvalidInputError(
            "%s.rules %r is invalid for %s; use a list" % (option, rules, operation.name),
            operation=operation.name,
        )
    for index, rule in enumerate(rules):
        check_rule(rule, "%s.rules[%d]" % (option, index), operation, strict)
    return {"operator": "AND", "rules": [dict(rule) for rule in rules]}


def check_properties(value: Any, option: str, operation: Operation, strict: bool) -> List[Dict[str, Any]]:
    """Validate a list of property items and return them in the API's form."""
    items = require_list(value, option, operation)
    return [
        normalize_property_item(item, "%s[%d]" % (option, index), operation, strict)
        for index, item in enumerate(items)
    ]


def check_body(value: Any, operation: Operation, strict: bool) -> Dict[str, Any]:
    """Validate a whole request body and return a normalized copy."""
    if not isinstance(value, dict):
        raise InvalidInputError(
            "body %r is invalid for %s; use a dict with keys %s"
            % (value, operation.name, ", ".join(BODY_KEYS)),
            operation=operation.name,
        )
    unknown_keys = sorted(str(key) for key in set(value) - set(BODY_KEYS))
    if unknown_keys and strict:
        raise InvalidInputError(
            "body has keys %s that %s does not take; use only: %s%s"
            % (", ".join(unknown_keys), operation.name, ", ".join(BODY_KEYS), _STRICT_HINT),
            operation=operation.name,
        )

    body = dict(value)
    if "filter" in body:
        if not operation.accepts_filter and strict:
            raise InvalidInputError(
                "body.filter is not taken by %s, whose request has only properties%s"
                % (operation.name, _STRICT_HINT),
                operation=operation.name,
            )
        body["filter"] = check_filter(body["filter"], "body.filter", operation, strict)
    if "properties" in body:
        body["properties"] = check_properties(body["properties"], "body.properties", operation, strict)
    if "count" in body:
        body["count"] = check_count(body["count"], operation)
    return body


def check_count(value: Any, operation: Operation) -> int:
    """Return `value` when it is a positive whole number; raise InvalidInputError otherwise."""
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise InvalidInputError(
            "count %r is invalid for %s; use a positive whole number (the maximum rows to return)"
            % (value, operation.name),
            operation=operation.name,
        )
    return value
