# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Build the dataset document of one run from gathered operation results.

This is a private module: its interface may change between releases. The document format is
the one docs/architecture.md describes under "Dataset", which the controls engine reads.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import platform
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

from ansible.module_utils.ansible_release import __version__ as ANSIBLE_CORE_VERSION

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    OPERATIONS,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._gather import (
    check_operation_names,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_default import (
    DEFAULT_POLICY,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._query_time import (
    parse_time_range,
)

SCHEMA_VERSION = 1

# Must match `version` in galaxy.yml; a unit test compares the two.
COLLECTION_VERSION = "1.0.0"

# The default request bodies filter on the last 7 days, so a run without time_range covers
# that window.
DEFAULT_WINDOW_DAYS = 7

# Values of the `operations` option that stand for a whole set of operations.
ALL_OPERATIONS = "all"
DEFAULT_OPERATIONS = "default"


def default_operation_names() -> List[str]:
    """Return the operations that feed the built-in default policy, in policy order."""
    names: List[str] = []
    for control in DEFAULT_POLICY.get("controls", []):
        name = control.get("operation")
        if name and name not in names:
            names.append(name)
    return names


def resolve_operation_names(value: Optional[Sequence[Any]]) -> List[str]:
    """Turn the `operations` option into catalog names.

    None, an empty list or ``[default]`` selects the default policy's operations; ``[all]``
    selects every catalog operation. ``all`` and ``default`` cannot be mixed with names.
    """
    if not value:
        return default_operation_names()

    keywords = [item for item in value if item in (ALL_OPERATIONS, DEFAULT_OPERATIONS)]
    if keywords and len(value) > 1:
        raise InvalidInputError(
            "operations %r mixes '%s' with other entries; pass either one of 'all' or "
            "'default' alone, or a list of operation names" % (list(value), keywords[0])
        )
    if keywords == [ALL_OPERATIONS]:
        return list(OPERATIONS)
    if keywords == [DEFAULT_OPERATIONS]:
        return default_operation_names()
    return check_operation_names(value)


def utc_text(moment: datetime) -> str:
    """Format a datetime as ISO 8601 in UTC with a trailing Z, to the second."""
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def time_window(time_range: Optional[Dict[str, Any]], now: datetime) -> Dict[str, str]:
    """Return the ``{from, to}`` window that a run with this time_range covers.

    Raises InvalidInputError for an invalid time_range.
    """
    if time_range is None:
        start = now - timedelta(days=DEFAULT_WINDOW_DAYS)
        return {"from": utc_text(start), "to": utc_text(now)}

    window = parse_time_range(time_range)
    if window.is_relative:
        start = now - timedelta(minutes=window.minutes)
        return {"from": utc_text(start), "to": utc_text(now)}
    return {"from": utc_text(window.start), "to": utc_text(window.end)}


def collect_versions() -> Dict[str, str]:
    """Return the versions of the collection, ansible-core and Python that built a dataset."""
    return {
        "collection": COLLECTION_VERSION,
        "ansible_core": ANSIBLE_CORE_VERSION,
        "python": platform.python_version(),
    }


def build_dataset(
    *,
    results: Mapping[str, Any],
    tenants: Sequence[Mapping[str, Any]],
    regions: Sequence[str],
    root_tsg_id: Optional[str],
    window: Mapping[str, str],
    collected_at: datetime,
    errors: Iterable[Mapping[str, Any]] = (),
) -> Dict[str, Any]:
    """Assemble the dataset document.

    ``results`` maps operation names to OperationResult objects (anything with ``to_dict()``
    and ``errors``). ``errors`` adds failures found outside the operations, which come first.
    """
    all_errors: List[Dict[str, Any]] = [dict(error) for error in errors]
    datasets: Dict[str, Any] = {}
    for name, result in results.items():
        datasets[name] = result.to_dict()
        all_errors.extend(dict(error) for error in result.errors)

    return {
        "schema_version": SCHEMA_VERSION,
        "collected_at": utc_text(collected_at),
        "time_window": dict(window),
        "root_tsg_id": root_tsg_id,
        "regions": list(regions),
        "tenants": [dict(tenant) for tenant in tenants],
        "datasets": datasets,
        "errors": all_errors,
        "versions": collect_versions(),
    }
