# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The ``Operation`` entry of the operation catalog and the values that entries share.

This is a private module: its interface may change between releases. It imports only the
standard library, because the simulator loads the catalog outside Ansible.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional, Tuple

BASE_PATH = "/mt/monitor/v1/agg"

# Operators of the spec's TimeFilter rule; values count minutes, hours or days for last_n_*.
TIME_OPERATORS = ("gt", "lt", "last_n_minutes", "last_n_hours", "last_n_days")

# Aggregate functions that property items carry in the spec's schemas and examples.
FUNCTIONS = ("avg", "count", "distinct_count", "sum")

SORT_ORDERS = ("asc", "desc")

# Shapes of a 200 response, as the response unwrapping code distinguishes them.
RESPONSE_SHAPES = ("list", "object", "envelope", "single_key_list", "hierarchy")

TIME_UNITS = ("ms", "s", "iso", "datetime")

# The spec's TimeFilter lists these three properties for every filter that accepts it.
TIME_FILTER_PROPERTIES: Dict[str, Tuple[str, ...]] = {
    "event_time": TIME_OPERATORS,
    "update_time": TIME_OPERATORS,
    "updated_time": TIME_OPERATORS,
}

# Epoch-millisecond time fields that every data operation with a TimeFilter returns.
DATA_TIME_FIELDS: Dict[str, str] = {"event_time": "ms", "update_time": "ms", "updated_time": "ms"}

# Operators that the examples use on free-text fields (`is_not_null`, `not_equals [""]`).
PRESENCE_OPERATORS = ("is_not_null", "not_equals")

# Relative windows that the license and Application Monitor GET operations accept as
# `time_period` ("last 15m, 1h, 3h, 24h, 7d, 30d" in the spec), keyed by length in minutes.
TIME_PERIODS: Dict[int, str] = {
    15: "15m",
    60: "1h",
    180: "3h",
    1440: "24h",
    10080: "7d",
    43200: "30d",
}


@dataclass(frozen=True)
class Operation:
    """One operation of the Aggregate Monitoring API and the collection's facts about it.

    Mapping fields are plain dicts: treat them as read-only, and call ``new_default_body()``
    for a body to change.
    """

    name: str
    family: str
    summary: str
    method: str
    path: str
    operation_id: str
    agg_by: bool
    region_header: bool
    response_shape: str
    query_params: Tuple[str, ...] = ()
    body_schema: Optional[str] = None
    default_body: Optional[Dict[str, Any]] = None
    properties: Tuple[str, ...] = ()
    rules: Tuple[str, ...] = ()
    filter_properties: Dict[str, Tuple[str, ...]] = field(default_factory=dict)
    time_fields: Dict[str, str] = field(default_factory=dict)
    time_filter_property: Optional[str] = None
    tenant_id_fields: Tuple[str, ...] = ()
    # Additions beyond the fields in docs/architecture.md:
    # the upper-bound property of an absolute date window (upgrades.list filters on
    # start_date and end_date with `equals`), None for every other operation.
    time_filter_end_property: Optional[str] = None
    # Values that the `severity` filter takes, in the API's capitalisation; () when the
    # operation has no severity filter.
    severity_values: Tuple[str, ...] = ()
    # Query parameters sent by default (GET operations), apart from agg_by.
    default_query: Dict[str, Any] = field(default_factory=dict)
    # One extra set of query parameters per call when one call is not enough, e.g. one call per
    # license product type; () means a single call.
    query_variants: Tuple[Mapping[str, Any], ...] = ()
    # Allowed values of query parameters whose values are a closed list.
    query_choices: Dict[str, Tuple[str, ...]] = field(default_factory=dict)

    def __hash__(self) -> int:
        return hash(self.name)

    @property
    def accepts_filter(self) -> bool:
        """True when the request body has a `filter` (every POST except two)."""
        return self.default_body is not None and "filter" in self.default_body

    def new_default_body(self) -> Optional[Dict[str, Any]]:
        """Return a deep copy of the default body that the caller may change."""
        return copy.deepcopy(self.default_body)


def time_rule(property_name: str, days: int = 7) -> Dict[str, Any]:
    """Build a `last_n_days` rule; values are strings because the spec types them so."""
    return {"operator": "last_n_days", "property": property_name, "values": [str(days)]}


def external_domain_rule() -> Dict[str, Any]:
    """Build the alert and incident rule that keeps external events, as the examples send it."""
    return {"operator": "in", "property": "domain", "values": ["External", "external"]}


def props(*names: str) -> list:
    """Build a `properties` list that requests each name as it is."""
    return [{"property": name} for name in names]
