# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Turn unwrapped API responses into lists of flat rows, one shape per operation.

This is a private module: its interface may change between releases.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from collections import Counter
from typing import Any, Dict, Iterable, List, Mapping, Optional

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    BadResponseError,
)

# Remote-network capacity comes in Mbps while usage comes in Kbps; both are compared in Mbps.
_TO_MBPS = {"kbps": 0.001, "mbps": 1.0, "gbps": 1000.0}
NORMALIZED_BANDWIDTH_UNIT = "Mbps"


def _merge_single_key_objects(items: List[Any], operation: str) -> List[Dict[str, Any]]:
    """Rebuild records from a list of one-key objects, starting a record when a key repeats.

    upgrades/list returns ``[{tenant_id}, {sub_tenant_id}, {current_version}, ...]``: one
    record split into pieces. A list whose objects already have several keys passes through.
    """
    if all(isinstance(item, dict) and len(item) > 1 for item in items):
        return [dict(item) for item in items]

    records: List[Dict[str, Any]] = []
    current: Dict[str, Any] = {}
    for position, item in enumerate(items):
        if not isinstance(item, dict):
            raise BadResponseError(
                "item %d of the response is a %s, not an object" % (position, type(item).__name__),
                operation=operation,
            )
        if any(key in current for key in item):
            records.append(current)
            current = {}
        current.update(item)
    if current:
        records.append(current)
    return records


def _check_object_row(operation: Any, data: Dict[str, Any]) -> None:
    """Reject an object in place of the rows of a list operation when it is not a row.

    Some list operations return a bare object (url/summary without a group key), so an
    object is a row when it carries at least one known property or tenant id field. Without
    this check an error document such as ``{"status": "success", "result": "..."}`` would
    become one unmatched row and its operation would look like it returned data.
    """
    if getattr(operation, "response_shape", "list") != "list":
        return
    known = set(getattr(operation, "properties", ()) or ()) | set(
        getattr(operation, "tenant_id_fields", ()) or ()
    )
    # NOTE: a bare object whose only keys are aliases set by the caller is rejected too.
    if not known or known & set(data):
        return
    raise BadResponseError(
        "operation %s returned an object with the keys %s, none of them a known property, "
        "where a list of rows was expected"
        % (operation.name, ", ".join(sorted(str(key) for key in data)[:10])),
        operation=operation.name,
    )


def normalize_rows(operation: Any, data: Any) -> List[Dict[str, Any]]:
    """Return the rows of one unwrapped response as a list of dicts.

    ``operation`` is a catalog entry; its ``response_shape`` decides how records are rebuilt.
    A bare object becomes one row and ``None`` (an empty aggregate) becomes no rows.
    """
    name = getattr(operation, "name", None)
    if data is None:
        return []
    if isinstance(data, dict):
        _check_object_row(operation, data)
        return [dict(data)]
    if not isinstance(data, list):
        raise BadResponseError(
            "the response is a %s where a list of rows or an object was expected"
            % type(data).__name__,
            operation=name,
        )

    if getattr(operation, "response_shape", "list") == "single_key_list":
        return _merge_single_key_objects(data, name)

    rows: List[Dict[str, Any]] = []
    for position, item in enumerate(data):
        if not isinstance(item, dict):
            raise BadResponseError(
                "row %d of the response is a %s, not an object" % (position, type(item).__name__),
                operation=name,
            )
        rows.append(dict(item))
    return rows


def row_key(row: Mapping[str, Any]) -> str:
    """Return a stable text key of a row's content without its region, for de-duplication."""
    content = {key: value for key, value in row.items() if key != "region"}
    return json.dumps(content, sort_keys=True, default=str)


def merge_region_rows(rows_by_region: Iterable[tuple]) -> List[Dict[str, Any]]:
    """Merge ``(region, rows)`` pairs, tagging each row with its region and dropping repeats.

    A row that an earlier region already returned with the same content is dropped, because a
    tenant whose data lives in two regions can appear in both responses. Equal rows inside one
    response are kept: a list operation may return two events with the same fields.
    """
    batches = list(rows_by_region)
    merged: List[Dict[str, Any]] = []
    if len(batches) == 1:
        # No earlier response can repeat a row, so the content keys are not needed.
        region, rows = batches[0]
        for row in rows:
            tagged = dict(row)
            if region is not None:
                tagged["region"] = region
            merged.append(tagged)
        return merged

    emitted: Counter = Counter()
    for region, rows in batches:
        in_this_response: Counter = Counter()
        for row in rows:
            key = row_key(row)
            in_this_response[key] += 1
            if in_this_response[key] <= emitted[key]:
                continue
            emitted[key] += 1
            tagged = dict(row)
            if region is not None:
                tagged["region"] = region
            merged.append(tagged)
    return merged


def label_variant_rows(
    operation: Any, query: Mapping[str, Any], rows: List[Dict[str, Any]]
) -> List[Dict[str, Any]]:
    """Add the variant's query values (such as ``product_type``) to rows that lack them.

    The rows of one variant call belong to that variant, so after the calls are merged each
    row still shows which product type it counts.
    """
    keys = set()
    for variant in getattr(operation, "query_variants", ()) or ():
        keys.update(variant)
    if not keys:
        return rows

    labelled = []
    for row in rows:
        copy = dict(row)
        for key in sorted(keys):
            if copy.get(key) in (None, "") and query.get(key) not in (None, ""):
                copy[key] = query[key]
        labelled.append(copy)
    return labelled


def unflag_rows_without_ids(rows: List[Dict[str, Any]], fields: Iterable[str]) -> None:
    """Remove ``unmatched`` from rows that carry none of the tenant id fields.

    Such rows (incident impact lists, location lists) are not per tenant, so they keep
    ``tenant: None`` but are not reported as rows of an unknown tenant.
    """
    names = tuple(fields)
    for row in rows:
        if row.get("tenant") is None and not any(row.get(name) not in (None, "") for name in names):
            row.pop("unmatched", None)


def bandwidth_in_mbps(value: Any, unit: Any) -> Optional[float]:
    """Convert a bandwidth figure to Mbps; None when the value or unit is not a bandwidth."""
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        return None
    try:
        number = float(value)
    except ValueError:
        return None
    factor = _TO_MBPS.get(str(unit or "").strip().lower())
    if factor is None:
        return None
    return round(number * factor, 6)


def normalize_license_row(row: Dict[str, Any]) -> Dict[str, Any]:
    """Add Mbps figures and a computed utilization to one license utilization row.

    The original fields and their units stay in the row. Mobile-user rows count users and
    have no bandwidth unit, so only the computed percentage is added for them.
    """
    result = dict(row)
    used = bandwidth_in_mbps(row.get("license_units_used"), row.get("license_used_unit"))
    allocated = bandwidth_in_mbps(row.get("license_units"), row.get("license_unit"))
    if used is not None and allocated is not None:
        result["license_units_used_mbps"] = used
        result["license_units_mbps"] = allocated
        result["normalized_unit"] = NORMALIZED_BANDWIDTH_UNIT
        if allocated > 0:
            result["utilization_percentage_computed"] = round(100.0 * used / allocated, 2)
        return result

    try:
        used_count = float(row.get("license_units_used"))
        allocated_count = float(row.get("license_units"))
    except (TypeError, ValueError):
        return result
    if allocated_count > 0:
        result["utilization_percentage_computed"] = round(100.0 * used_count / allocated_count, 2)
    return result
