# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._dataset_collect import (
    collect_dataset,
    failed_requests_warning,
    prepare_requests,
    time_range_for,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    PermissionDeniedError,
    ServerError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import (
    build_settings,
)
from ansible_collections.prisma_sase.mt_monitor.tests.unit.plugins.module_utils.fake_api_client import (
    CHILD,
    GRANDCHILD,
    ROOT,
    FakeClient,
)

NOW = datetime(2026, 12, 4, 19, 0, 0, tzinfo=timezone.utc)
LAST_DAY = {"last": 1, "unit": "days"}
ABSOLUTE_DAY = {"from": "2026-12-03T19:00:00Z", "to": "2026-12-04T19:00:00Z"}


def settings(**extra):
    values = {
        "tsg_id": ROOT,
        "client_id": "demo-client-id",
        "client_secret": "PLACEHOLDER-SECRET-K05",
        "auth_url": "http://127.0.0.1:9/oauth2/access_token",
        "api_url": "http://127.0.0.1:9",
    }
    values.update(extra)
    return build_settings(values)


def test_time_range_none_stays_none() -> None:
    assert time_range_for("threats.summary", None, NOW) is None


def test_time_range_post_relative_kept() -> None:
    assert time_range_for("threats.summary", LAST_DAY, NOW) == LAST_DAY


def test_time_range_skipped_without_time_filter() -> None:
    assert time_range_for("connectivity.cdl_status", LAST_DAY, NOW) is None
    assert time_range_for("license.quota", LAST_DAY, NOW) is None


def test_time_range_upgrades_made_absolute() -> None:
    assert time_range_for("upgrades.list", LAST_DAY, NOW) == ABSOLUTE_DAY


def test_time_range_get_known_period_kept() -> None:
    assert time_range_for("license.utilization", LAST_DAY, NOW) == LAST_DAY


def test_time_range_get_other_period_absolute() -> None:
    two_days = {"last": 2, "unit": "days"}
    expected = {"from": "2026-12-02T19:00:00Z", "to": "2026-12-04T19:00:00Z"}
    assert time_range_for("license.utilization", two_days, NOW) == expected


def test_prepare_requests_every_operation_builds() -> None:
    from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
        OPERATIONS,
    )

    for time_range in (None, LAST_DAY, {"last": 2, "unit": "days"}, ABSOLUTE_DAY):
        prepared = prepare_requests(list(OPERATIONS), time_range, NOW)
        assert [item.operation for item in prepared] == list(OPERATIONS)


def test_collect_root_scope() -> None:
    client = FakeClient()
    dataset = collect_dataset(client, settings(), ["threats.summary"], now=NOW)

    assert dataset["root_tsg_id"] == ROOT
    assert [tenant["tsg_id"] for tenant in dataset["tenants"]] == [ROOT, CHILD, GRANDCHILD]
    assert dataset["regions"] == ["americas", "europe"]
    rows = dataset["datasets"]["threats.summary"]["rows"]
    assert {row["tenant"]["tsg_id"] for row in rows} == {ROOT, CHILD, GRANDCHILD}
    assert {row["region"] for row in rows} == {"americas", "europe"}
    assert dataset["errors"] == []
    assert dataset["time_window"]["to"] == "2026-12-04T19:00:00Z"


def test_collect_tenant_scope_uses_its_token() -> None:
    client = FakeClient()
    dataset = collect_dataset(
        client, settings(), ["threats.summary"], scope_tsg_id=CHILD, now=NOW
    )

    assert {call.get("tsg_id") for call in client.calls} == {CHILD}
    assert dataset["root_tsg_id"] == CHILD
    assert [tenant["tsg_id"] for tenant in dataset["tenants"]] == [CHILD, GRANDCHILD]
    assert dataset["regions"] == ["europe"]


def test_collect_denied_region_is_recorded() -> None:
    client = FakeClient(deny=[("alerts.list", "europe")])
    dataset = collect_dataset(
        client, settings(), ["alerts.list", "threats.summary"], now=NOW
    )

    assert dataset["datasets"]["alerts.list"]["partial"] is True
    assert dataset["datasets"]["threats.summary"]["partial"] is False
    assert len(dataset["errors"]) == 1
    error = dataset["errors"][0]
    assert error["kind"] == "permission"
    assert error["operation"] == "alerts.list"
    assert error["region"] == "europe"
    assert error["status"] == 403


def test_collect_hierarchy_failure_raises() -> None:
    client = FakeClient(hierarchy_error=ServerError("hierarchy failed", status=500))
    with pytest.raises(ServerError):
        collect_dataset(client, settings(), ["alerts.list"], now=NOW)


def test_collect_unknown_scope_raises_denied() -> None:
    with pytest.raises(PermissionDeniedError):
        collect_dataset(FakeClient(), settings(), ["alerts.list"], scope_tsg_id="1999999999", now=NOW)


class ConcurrentFakeClient(FakeClient):
    """FakeClient with a pool of two threads, whose first two calls wait until both are in flight.

    A run that reads the hierarchy before it sends the operations fails at the barrier.
    """

    def __init__(self) -> None:
        super().__init__()
        self.both_in_flight = threading.Barrier(2, timeout=5)
        self.waited: list = []
        self._lock = threading.Lock()

    def request(self, method, path, **kwargs):
        with self._lock:
            wait = len(self.waited) < 2
            if wait:
                self.waited.append(kwargs.get("operation"))
        if wait:
            self.both_in_flight.wait()
        return super().request(method, path, **kwargs)

    def map_concurrent(self, fn, items):
        def run(item):
            try:
                return fn(item)
            except PermissionDeniedError as error:
                return error

        with ThreadPoolExecutor(max_workers=2) as pool:
            return list(zip(items, pool.map(run, items)))


def test_collect_named_regions_overlap_hierarchy() -> None:
    client = ConcurrentFakeClient()
    dataset = collect_dataset(
        client, settings(region=["americas", "europe"]), ["threats.summary"], now=NOW
    )

    assert sorted(client.waited) == ["tenant.hierarchy", "threats.summary"]
    rows = dataset["datasets"]["threats.summary"]["rows"]
    assert {row["tenant"]["tsg_id"] for row in rows} == {ROOT, CHILD, GRANDCHILD}


def test_collect_named_regions_match_auto() -> None:
    names = ["tenant.hierarchy", "threats.summary", "alerts.list"]
    automatic = collect_dataset(FakeClient(), settings(), names, now=NOW)
    named_client = FakeClient()
    named = collect_dataset(named_client, settings(region=["americas", "europe"]), names, now=NOW)

    assert named == automatic
    hierarchy_calls = [call for call in named_client.calls if call["operation"] == "tenant.hierarchy"]
    assert len(hierarchy_calls) == 1
    assert named["datasets"]["tenant.hierarchy"]["rows"]


def test_collect_named_regions_hierarchy_failure() -> None:
    client = FakeClient(hierarchy_error=ServerError("hierarchy failed", status=500))
    with pytest.raises(ServerError, match="hierarchy failed"):
        collect_dataset(
            client, settings(region=["americas"]), ["alerts.list", "threats.summary"], now=NOW
        )

    # The fake's pool runs one call at a time, so no call starts after the hierarchy failed.
    assert [call["operation"] for call in client.calls] == ["tenant.hierarchy"]


def error_record(operation, region, tsg_id="1000000001"):
    return {
        "operation": operation,
        "region": region,
        "tsg_id": tsg_id,
        "kind": "permission",
        "status": 403,
        "request_id": "req-1",
        "message": "alerts.list returned 403 for PLACEHOLDER-SECRET-K06",
    }


def test_warning_none_without_errors() -> None:
    assert failed_requests_warning([]) is None


def test_warning_names_operations_regions_tsgs() -> None:
    warning = failed_requests_warning(
        [error_record("alerts.list", "americas"), error_record("alerts.list", "au")]
    )
    assert warning is not None
    assert warning.startswith("2 requests failed, so the dataset is partial.")
    assert "Operations: alerts.list." in warning
    assert "Regions: americas, au." in warning
    assert "TSG ids: 1000000001." in warning
    assert "PLACEHOLDER-SECRET-K06" not in warning
    assert "403" not in warning


def test_warning_caps_names() -> None:
    errors = [
        error_record("operation.%d" % index, "region-%d" % (index % 2), "100000000%d" % index)
        for index in range(5)
    ]
    warning = failed_requests_warning(errors)
    assert warning is not None
    assert warning.startswith("5 requests failed")
    assert "Operations: operation.0, operation.1, operation.2 and 2 more." in warning
    assert "Regions: region-0, region-1." in warning
    assert "TSG ids: 1000000000, 1000000001, 1000000002 and 2 more." in warning


def test_warning_single_request_without_region() -> None:
    warning = failed_requests_warning([error_record("license.quota", None)])
    assert warning is not None
    assert warning.startswith("1 request failed")
    assert "Regions: (none)." in warning
