# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Gather many operations for one tenant scope and build the dataset document.

This is a private module: its interface may change between releases.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from datetime import datetime, timedelta
from typing import Any, Callable, Dict, Iterable, List, Mapping, Optional, Sequence

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    get_operation,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog_model import (
    TIME_PERIODS,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._dataset import (
    build_dataset,
    time_window,
    utc_text,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._gather import (
    gather_scope,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._query import (
    build_request,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._query_time import (
    parse_time_range,
)

WarnCallback = Callable[[str], None]

# Names of each kind listed in the failed-request warning before "and N more".
WARNING_NAME_LIMIT = 3


def _absolute(minutes: int, now: datetime) -> Dict[str, str]:
    return {"from": utc_text(now - timedelta(minutes=minutes)), "to": utc_text(now)}


def time_range_for(
    operation_name: str, time_range: Optional[Dict[str, Any]], now: datetime
) -> Optional[Dict[str, Any]]:
    """Return the time_range to send to one operation, or None when it takes no time filter.

    A relative window becomes an absolute one where the operation cannot take it as it is:
    upgrades.list filters on a start and an end date, and GET operations accept only the
    time_period values 15m, 1h, 3h, 24h, 7d and 30d.
    """
    if time_range is None:
        return None
    window = parse_time_range(time_range)
    operation = get_operation(operation_name)

    if operation.method == "GET":
        params = operation.query_params
        if window.is_relative and "time_period" in params and window.minutes in TIME_PERIODS:
            return time_range
        if "start_time" not in params:
            return None
        return _absolute(window.minutes, now) if window.is_relative else time_range

    if operation.time_filter_property is None:
        return None
    if window.is_relative and operation.time_filter_end_property is not None:
        return _absolute(window.minutes, now)
    return time_range


def prepare_requests(
    names: Sequence[str], time_range: Optional[Dict[str, Any]], now: datetime
) -> List[Any]:
    """Build the default request of each operation with the run's time window applied."""
    return [build_request(name, time_range=time_range_for(name, time_range, now)) for name in names]


def collect_dataset(
    client: Any,
    settings: Any,
    names: Sequence[str],
    *,
    time_range: Optional[Dict[str, Any]] = None,
    scope_tsg_id: Optional[str] = None,
    now: datetime,
    warn: Optional[WarnCallback] = None,
) -> Dict[str, Any]:
    """Gather ``names`` for one scope and return the dataset document.

    ``scope_tsg_id`` selects the token scope and so the subtree the rows cover (default: the
    settings' tsg_id). A failed hierarchy call raises its MonitorError, because no row can be
    joined to a tenant without it. A failed operation call is recorded in ``errors``.
    """
    window = time_window(time_range, now)
    prepared = prepare_requests(names, time_range, now)

    scope, regions, results = gather_scope(
        client, prepared, settings, tsg_id=scope_tsg_id, warn=warn
    )

    return build_dataset(
        results=results,
        tenants=scope.tenants,
        regions=regions,
        root_tsg_id=scope.root_tsg_id or scope_tsg_id or settings.tsg_id,
        window=window,
        collected_at=now,
    )


def _listed(values: Iterable[Any]) -> str:
    """Join the distinct values in first-seen order, capped at WARNING_NAME_LIMIT names."""
    names: List[str] = []
    for value in values:
        name = "(none)" if value in (None, "") else str(value)
        if name not in names:
            names.append(name)
    shown = ", ".join(names[:WARNING_NAME_LIMIT])
    hidden = len(names) - WARNING_NAME_LIMIT
    return "%s and %d more" % (shown, hidden) if hidden > 0 else shown


def failed_requests_warning(errors: Sequence[Mapping[str, Any]]) -> Optional[str]:
    """Summarize the failed requests of a dataset in one warning, or return None when none failed.

    The text names only counts, operations, regions and TSG ids. Error messages are left out,
    because a service message may repeat a request detail that should not reach the log.
    """
    if not errors:
        return None
    return (
        "%d %s failed, so the dataset is partial. Operations: %s. Regions: %s. TSG ids: %s. "
        "The errors list of the dataset has the status and message of each failed request."
        % (
            len(errors),
            "request" if len(errors) == 1 else "requests",
            _listed(error.get("operation") for error in errors),
            _listed(error.get("region") for error in errors),
            _listed(error.get("tsg_id") for error in errors),
        )
    )
