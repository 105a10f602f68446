"""Unit tests of the catalog's lookup functions and the consistency of its entries."""

from __future__ import annotations

import dataclasses
import types

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils import _catalog
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    BASE_PATH,
    FAMILIES,
    OPERATIONS,
    RESPONSE_SHAPES,
    TIME_UNITS,
    find_by_path,
    get_operation,
    operations_by_family,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)

EXPECTED_FAMILIES = (
    "alerts",
    "app_monitor",
    "applications",
    "connectivity",
    "incidents",
    "license",
    "locations",
    "resource",
    "tenant",
    "threats",
    "upgrades",
    "urls",
)


def test_families_are_the_info_modules():
    assert FAMILIES == EXPECTED_FAMILIES


def test_names_start_with_family():
    for name, operation in OPERATIONS.items():
        assert name == operation.name
        assert name.split(".", 1)[0] == operation.family


def test_get_operation_known():
    assert get_operation("threats.summary").path == BASE_PATH + "/threats/summary"


def test_get_operation_unknown_suggests():
    with pytest.raises(InvalidInputError) as caught:
        get_operation("threats.sumary")

    message = str(caught.value)
    assert "'threats.sumary' is not in the catalog" in message
    assert "did you mean 'threats.summary'?" in message
    assert "license.utilization" in message


def test_get_operation_unknown_without_match():
    with pytest.raises(InvalidInputError) as caught:
        get_operation("zzzz")

    assert "did you mean" not in str(caught.value)


def test_get_operation_rejects_non_string():
    with pytest.raises(InvalidInputError, match="None"):
        get_operation(None)


def test_operations_by_family():
    names = [op.name for op in operations_by_family("license")]

    assert names == ["license.quota", "license.setup_status", "license.utilization"]


def test_operations_by_family_unknown():
    with pytest.raises(InvalidInputError, match="family 'licence' is invalid; use one of: alerts"):
        operations_by_family("licence")


def test_every_family_has_operations():
    total = sum(len(operations_by_family(family)) for family in FAMILIES)

    assert total == 36


def test_find_by_path():
    operation = find_by_path("post", BASE_PATH + "/serviceConnectivity/cdlStatus?agg_by=tenant")

    assert operation is OPERATIONS["connectivity.cdl_status"]


def test_find_by_path_is_case_sensitive():
    assert find_by_path("POST", BASE_PATH + "/serviceconnectivity/cdlstatus") is None


def test_find_by_path_wrong_method():
    assert find_by_path("GET", BASE_PATH + "/threats/summary") is None


def test_duplicate_name_rejected(monkeypatch):
    family = types.SimpleNamespace(OPERATIONS=(OPERATIONS["alerts.list"],))
    monkeypatch.setattr(_catalog, "_FAMILY_MODULES", (family, family))

    with pytest.raises(ValueError, match="operation 'alerts.list' is defined twice"):
        _catalog._collect_operations()


def test_operation_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        OPERATIONS["alerts.list"].method = "GET"


def test_operation_is_hashable():
    assert len(set(OPERATIONS.values())) == 36


def test_new_default_body_is_a_copy():
    operation = OPERATIONS["threats.summary"]
    body = operation.new_default_body()
    body["filter"]["rules"].clear()

    assert operation.default_body["filter"]["rules"]


def test_default_bodies_share_no_objects():
    # A caller that edits one operation's body in place must not change another's.
    seen: dict[int, str] = {}
    for operation in OPERATIONS.values():
        for rule in (operation.default_body or {}).get("filter", {}).get("rules", []):
            assert id(rule) not in seen, (operation.name, seen.get(id(rule)))
            seen[id(rule)] = operation.name


@pytest.mark.parametrize("operation", list(OPERATIONS.values()), ids=lambda op: op.name)
def test_entry_is_consistent(operation):
    assert operation.method in ("GET", "POST")
    assert operation.path.startswith(BASE_PATH + "/")
    assert operation.response_shape in RESPONSE_SHAPES
    assert set(operation.time_fields.values()) <= set(TIME_UNITS)
    if operation.time_filter_property is not None:
        assert operation.time_filter_property in operation.time_fields
    if operation.time_filter_end_property is not None:
        assert operation.time_filter_end_property in operation.time_fields
    assert (operation.default_body is None) == (operation.method == "GET")
    for key in list(operation.default_query) + list(operation.query_choices):
        assert key in operation.query_params
    for variant in operation.query_variants:
        for key, value in variant.items():
            assert value in operation.query_choices[key]
    for value in operation.default_query.values():
        assert isinstance(value, str)
    assert list(operation.properties) == sorted(operation.properties)


def test_severity_values_only_where_filtered():
    for operation in OPERATIONS.values():
        if operation.severity_values:
            assert "in" in operation.filter_properties["severity"], operation.name


def test_catalog_imports_only_standard_library():
    # The simulator loads the catalog outside Ansible; no third-party module may be imported.
    import ast
    import sys
    from pathlib import Path

    folder = Path(_catalog.__file__).parent
    for path in sorted(folder.glob("_catalog*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                modules = [node.module or ""]
            else:
                continue
            for module in modules:
                top = module.split(".", 1)[0]
                allowed = top in sys.stdlib_module_names or module.startswith(
                    "ansible_collections.prisma_sase.mt_monitor.plugins.module_utils"
                )
                assert allowed, (path.name, module)
