"""Compare the operation catalog with the vendored official spec."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import OPERATIONS

OVERLAY_PATH = Path(__file__).resolve().parents[3] / "spec" / "overlay.py"


def _load_overlay():
    # tests/spec is not a package, so the overlay is imported by file path.
    spec = importlib.util.spec_from_file_location("mt_monitor_spec_overlay", OVERLAY_PATH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


overlay = _load_overlay()
UPSTREAM = overlay.load_upstream()
CORRECTED, CHANGED_SCHEMAS = overlay.apply_overlay(UPSTREAM)
HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def _spec_operations() -> dict[tuple[str, str], dict[str, Any]]:
    found = {}
    for path, item in UPSTREAM["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                found[(method.upper(), path)] = item[method]
    return found


SPEC_OPERATIONS = _spec_operations()
CATALOG_BY_ROUTE = {(op.method, op.path): op for op in OPERATIONS.values()}
POST_OPERATIONS = [op for op in OPERATIONS.values() if op.method == "POST"]


def _parameters(spec_operation: dict[str, Any], location: str) -> list[str]:
    return [p["name"] for p in spec_operation.get("parameters", []) if p["in"] == location]


def _request_schema_name(spec_operation: dict[str, Any]) -> str | None:
    body = spec_operation.get("requestBody")
    if body is None:
        return None
    return body["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]


def test_spec_has_36_operations():
    assert len(SPEC_OPERATIONS) == 36
    assert len(OPERATIONS) == 36


def test_every_spec_route_is_in_catalog():
    missing = sorted(set(SPEC_OPERATIONS) - set(CATALOG_BY_ROUTE))
    assert missing == []


def test_every_catalog_route_is_in_spec():
    extra = sorted(set(CATALOG_BY_ROUTE) - set(SPEC_OPERATIONS))
    assert extra == []


@pytest.mark.parametrize("route", sorted(SPEC_OPERATIONS), ids=lambda r: "%s %s" % r)
def test_operation_matches_spec(route):
    spec_operation = SPEC_OPERATIONS[route]
    operation = CATALOG_BY_ROUTE[route]
    query = _parameters(spec_operation, "query")

    assert operation.operation_id == spec_operation["operationId"]
    assert operation.summary == spec_operation["summary"]
    assert operation.agg_by == ("agg_by" in query)
    assert operation.region_header == ("X-PANW-Region" in _parameters(spec_operation, "header"))
    assert sorted(operation.query_params) == sorted(q for q in query if q != "agg_by")
    assert operation.body_schema == _request_schema_name(spec_operation)


def test_upstream_rules_schema_rejects_every_array():
    # The unmodified spec rejects even an empty rules array, which is the defect the overlay fixes.
    schema = overlay.request_schema(UPSTREAM, "RequestBody_Alert")
    body = {"filter": {"operator": "AND", "rules": []}, "properties": []}

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(body, schema, cls=jsonschema.Draft202012Validator)


def test_overlay_changes_only_filter_schemas():
    assert CHANGED_SCHEMAS
    assert all(name.endswith("Filter") for name in CHANGED_SCHEMAS)
    # UpgradeListFilter already declares its items correctly and has no anyOf to move.
    assert "UpgradeListFilter" not in CHANGED_SCHEMAS


def test_overlay_leaves_upstream_unchanged():
    reloaded = overlay.load_upstream()
    rules = reloaded["components"]["schemas"]["AlertFilter"]["properties"]["rules"]

    assert "anyOf" in rules
    assert reloaded == UPSTREAM


def test_overlay_still_rejects_bad_rule_values():
    # The corrected schema keeps every other constraint: rule values are strings.
    schema = overlay.request_schema(CORRECTED, "RequestBody_Alert")
    body = {
        "filter": {"operator": "AND", "rules": [{"operator": "in", "property": "domain", "values": [7]}]},
        "properties": [],
    }

    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(body, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("operation", POST_OPERATIONS, ids=lambda op: op.name)
def test_default_body_validates(operation):
    schema = overlay.request_schema(CORRECTED, operation.body_schema)
    jsonschema.validate(operation.default_body, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.parametrize("operation", POST_OPERATIONS, ids=lambda op: op.name)
def test_default_body_has_required_keys(operation):
    spec_schema = CORRECTED["components"]["schemas"][operation.body_schema]

    for key in spec_schema.get("required", []):
        assert key in operation.default_body, key
    if "filter" in operation.default_body:
        assert operation.default_body["filter"]["operator"] == "AND"


def test_get_operations_have_no_body():
    for operation in OPERATIONS.values():
        if operation.method == "GET":
            assert operation.default_body is None, operation.name
            assert operation.body_schema is None, operation.name
