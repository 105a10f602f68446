"""Every operation returns rows shaped as the official spec describes."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.unit.simulator.helpers import (
    API,
    SimulatorClient,
)
from simulator._collection import load_catalog
from simulator._routes import built_in_routes, catalog_routes

CATALOG = load_catalog()
OPERATION_NAMES = sorted(CATALOG.OPERATIONS) if CATALOG else []


def _call_default(simulator: SimulatorClient, name: str, region: str = "americas") -> Any:
    operation = CATALOG.OPERATIONS[name]
    path = operation.path[len(API):]
    return simulator.call(operation.method, path, region=region if operation.region_header
                          else None, agg_by=operation.agg_by, body=operation.default_body)


def _rows(name: str, answer: Any) -> list[Any]:
    shape = CATALOG.OPERATIONS[name].response_shape
    if shape == "envelope":
        return answer["data"]
    if isinstance(answer, dict):
        return [answer]
    return answer


def _spec_schema(spec: dict[str, Any], method: str, path: str) -> dict[str, Any] | None:
    content = spec["paths"][path][method.lower()]["responses"]["200"].get("content", {})
    return content.get("application/json", {}).get("schema")


def test_built_in_routes_match_catalog() -> None:
    assert CATALOG is not None
    assert sorted(built_in_routes(), key=str) == sorted(catalog_routes(), key=str)


def test_every_spec_path_is_served(spec: dict[str, Any]) -> None:
    spec_routes = {(method.upper(), path) for path, methods in spec["paths"].items()
                   for method in methods}
    served = {(route.method, route.path) for route in built_in_routes()}

    assert served == spec_routes
    assert len(served) == 36


@pytest.mark.parametrize("name", OPERATION_NAMES)
def test_operation_returns_rows(simulator: SimulatorClient, name: str) -> None:
    response = _call_default(simulator, name)

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    assert _rows(name, response.json()), "%s returned no rows" % name


@pytest.mark.parametrize("name", OPERATION_NAMES)
def test_response_matches_spec_schema(simulator: SimulatorClient, spec: dict[str, Any],
                                      name: str) -> None:
    operation = CATALOG.OPERATIONS[name]
    answer = _call_default(simulator, name).json()
    schema = _spec_schema(spec, operation.method, operation.path)

    if schema is not None:
        # The schema describes one object; agg_by=tenant returns one such object per row.
        root = {"components": spec["components"], **schema}
        for row in _rows(name, answer):
            jsonschema.validate(row, root)
        return

    # Operations without a schema are checked against the shape of their response examples.
    examples = spec["paths"][operation.path][operation.method.lower()]["responses"]["200"][
        "content"]["application/json"]["examples"]
    example_types = {type(example["value"]).__name__ for example in examples.values()}
    assert type(answer).__name__ in example_types
    if operation.response_shape == "envelope":
        assert set(answer["header"]) == {"clientRequestId", "createdAt", "dataCount", "status"}
        assert answer["header"]["dataCount"] == len(answer["data"])
        example_row = next(iter(examples.values()))["value"]["data"][0]
        assert set(answer["data"][0]) == set(example_row)
    if operation.response_shape == "single_key_list":
        assert all(isinstance(piece, dict) and len(piece) == 1 for piece in answer)


# Spec examples whose response does not follow from their request: "Site Status" returns
# site_state_name in place of the requested sub_tenant_id, and "Top Outliers" adds a count
# to one row. The simulator returns the requested keys for them.
EXAMPLES_NOT_MATCHING_REQUEST = {"Site Status", "Top Outliers"}
# Examples that select one specific incident id or a location no tenant uses.
EXAMPLES_WITHOUT_ROWS = {"List Of Impacted Objects"}


def _spec_examples(spec: dict[str, Any]) -> list[tuple[str, str, dict, Any]]:
    examples = []
    for path, methods in spec["paths"].items():
        operation = methods.get("post")
        if operation is None:
            continue
        requests = operation["requestBody"]["content"]["application/json"].get("examples", {})
        responses = operation["responses"]["200"]["content"]["application/json"].get(
            "examples", {})
        for title, example in requests.items():
            if title in responses:
                examples.append((path, title, example["value"], responses[title]["value"]))
    return examples


def test_spec_examples_answer_with_example_keys(make_simulator: Any,
                                                spec: dict[str, Any]) -> None:
    simulator = make_simulator(tenants=300, seed=5)
    token = simulator.token()
    checked = 0
    for path, title, request, expected in _spec_examples(spec):
        response = simulator.call("POST", path[len(API):], token=token, body=request)
        assert response.status_code == 200, "%s: %s" % (title, response.text)
        answer = response.json()
        assert type(answer) is type(expected), title
        if isinstance(expected, dict):
            assert set(answer) == set(expected), title
            checked += 1
            continue
        if title in EXAMPLES_WITHOUT_ROWS:
            continue
        assert answer, "%s returned no rows" % title
        expected_keys = set().union(*(row.keys() for row in expected))
        answered_keys = set().union(*(row.keys() for row in answer))
        if title in EXAMPLES_NOT_MATCHING_REQUEST:
            requested = {item.get("alias") or item["property"] for item in request["properties"]}
            assert answered_keys == requested, title
        else:
            assert answered_keys == expected_keys, title
        checked += 1
    assert checked >= 40


@pytest.mark.parametrize("name", OPERATION_NAMES)
def test_catalog_properties_are_accepted(simulator: SimulatorClient, name: str) -> None:
    operation = CATALOG.OPERATIONS[name]
    if operation.method != "POST":
        return
    path = operation.path[len(API):]
    for prop in operation.properties:
        response = simulator.call("POST", path, body={"properties": [{"property": prop}]})
        assert response.status_code == 200, "%s %s: %s" % (name, prop, response.text)
    for prop, operators in (operation.filter_properties or {}).items():
        rule = {"property": prop, "operator": operators[0], "values": ["1"]}
        response = simulator.call("POST", path, body={"filter": {"rules": [rule]}})
        assert response.status_code == 200, "%s %s: %s" % (name, prop, response.text)
