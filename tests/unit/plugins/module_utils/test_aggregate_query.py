# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Dict

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._aggregate_query import (
    check_path,
    prepare_from_params,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    get_operation,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)


def params(**values: Any) -> Dict[str, Any]:
    base = {"operation": None, "path": None, "method": None, "body": None, "query": None}
    base["agg_by_tenant"] = True
    base.update(values)
    return base


@pytest.mark.parametrize(
    "path",
    [
        "/api/sase/v2.0/config",
        "/mt/monitor/../../api/sase",
        "/mt/monitor//v1/agg/alerts",
        "https://example.invalid/mt/monitor/v1/agg/alerts",
        "mt/monitor/v1/agg/alerts",
        "/mt/monitorx/v1",
    ],
)
def test_check_path_rejects_outside(path: str) -> None:
    with pytest.raises(InvalidInputError) as caught:
        check_path(path)
    assert "/mt/monitor/" in caught.value.message


def test_check_path_strips_query_string() -> None:
    assert check_path("/mt/monitor/v1/agg/alerts?x=1") == "/mt/monitor/v1/agg/alerts"


def test_operation_uses_default_body() -> None:
    prepared, extra = prepare_from_params(params(operation="threats.summary"))
    assert extra is None
    assert prepared.operation == "threats.summary"
    assert prepared.body == get_operation("threats.summary").default_body
    assert prepared.query == {"agg_by": "tenant"}


def test_operation_method_mismatch_rejected() -> None:
    with pytest.raises(InvalidInputError) as caught:
        prepare_from_params(params(operation="threats.summary", method="GET"))
    assert "POST" in caught.value.message


def test_operation_and_path_rejected() -> None:
    with pytest.raises(InvalidInputError):
        prepare_from_params(params(operation="alerts.count", path="/mt/monitor/v1/agg/alerts"))


def test_neither_operation_nor_path_rejected() -> None:
    with pytest.raises(InvalidInputError):
        prepare_from_params(params())


def test_catalog_path_keeps_name_and_raw_body() -> None:
    body = {"properties": [{"property": "sub_tenant_id"}]}
    prepared, extra = prepare_from_params(params(path="/mt/monitor/v1/agg/alerts", body=body))
    assert extra is None
    assert prepared.operation == "alerts.count"
    assert prepared.method == "POST"
    assert prepared.body == body


def test_catalog_path_method_from_catalog() -> None:
    prepared, _extra = prepare_from_params(params(path="/mt/monitor/v1/agg/custom/license/quota"))
    assert prepared.method == "GET"
    assert prepared.operation == "license.quota"
    assert prepared.body is None


def test_unlisted_path_gets_ad_hoc_entry() -> None:
    prepared, extra = prepare_from_params(
        params(path="/mt/monitor/v1/agg/newThing", method="POST", query={"x": "1"})
    )
    assert extra is not None
    assert extra.name == "POST /mt/monitor/v1/agg/newThing"
    assert prepared.operation == extra.name
    assert prepared.body == {}
    assert prepared.query == {"agg_by": "tenant", "x": "1"}


def test_unlisted_path_outside_agg_no_agg_by() -> None:
    prepared, _extra = prepare_from_params(params(path="/mt/monitor/v2/other", method="GET"))
    assert prepared.query == {}


def test_get_with_body_rejected() -> None:
    with pytest.raises(InvalidInputError) as caught:
        prepare_from_params(params(path="/mt/monitor/v1/agg/x", method="GET", body={"a": 1}))
    assert "GET" in caught.value.message
