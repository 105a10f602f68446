# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import importlib
import json
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest
import yaml
from ansible.module_utils.testing import patch_module_args

from ansible_collections.prisma_sase.mt_monitor.plugins.doc_fragments import query as query_fragment
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils import _info_module
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    FAMILIES,
    operations_by_family,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    ServerError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._info_module import (
    family_operation_names,
    info_argument_spec,
    query_argument_spec,
    run_info_module,
)
from ansible_collections.prisma_sase.mt_monitor.tests.unit.plugins.module_utils.gather_fakes import (
    HIERARCHY,
    Call,
    FakeClient,
    rows_by_region,
)

MODULES_DIR = Path(__file__).resolve().parents[4] / "plugins" / "modules"

# Family -> (module, return key), as docs/architecture.md fixes them.
FAMILY_MODULES = {
    "alerts": ("alert_info", "alerts"),
    "threats": ("threat_info", "threats"),
    "applications": ("application_info", "applications"),
    "urls": ("url_info", "urls"),
    "incidents": ("incident_info", "incidents"),
    "connectivity": ("connectivity_info", "connectivity"),
    "locations": ("location_info", "locations"),
    "resource": ("resource_info", "resources"),
    "upgrades": ("upgrade_info", "upgrades"),
    "license": ("license_info", "licenses"),
    "app_monitor": ("app_monitor_info", "app_monitor"),
}

CONNECTION = {
    "client_id": "demo-client-id",
    "client_secret": "PLACEHOLDER-SECRET-K05",
    "tsg_id": "1000000001",
    "auth_url": "http://127.0.0.1:9/oauth2/access_token",
    "api_url": "http://127.0.0.1:9",
}


def main_call(module: str) -> Tuple[str, str, str]:
    """Return the arguments of the run_info_module call in a module file's main()."""
    tree = ast.parse((MODULES_DIR / ("%s.py" % module)).read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "run_info_module":
            family, key, default = (arg.value for arg in node.args)  # type: ignore[attr-defined]
            return family, key, default
    raise AssertionError("%s.py does not call run_info_module" % module)


def module_doc(module: str) -> Dict[str, Any]:
    imported = importlib.import_module(
        "ansible_collections.prisma_sase.mt_monitor.plugins.modules.%s" % module
    )
    return yaml.safe_load(imported.DOCUMENTATION)


def test_every_family_has_a_module() -> None:
    assert sorted(FAMILY_MODULES) == sorted(family for family in FAMILIES if family != "tenant")


@pytest.mark.parametrize("family", sorted(FAMILY_MODULES))
def test_module_calls_body_with_family(family: str) -> None:
    module, key = FAMILY_MODULES[family]
    called_family, called_key, default = main_call(module)
    assert called_family == family
    assert called_key == key
    assert default in family_operation_names(family)


@pytest.mark.parametrize("family", sorted(FAMILY_MODULES))
def test_module_doc_matches_spec(family: str) -> None:
    module, _key = FAMILY_MODULES[family]
    _family, _key, default = main_call(module)
    documented = module_doc(module)["options"]["operation"]
    spec = info_argument_spec(family, default)["operation"]
    assert documented["choices"] == spec["choices"]
    assert documented["default"] == spec["default"]
    assert spec["choices"] == [operation.name for operation in operations_by_family(family)]


def test_query_fragment_matches_argument_spec() -> None:
    documented = yaml.safe_load(query_fragment.ModuleDocFragment.DOCUMENTATION)["options"]
    spec = query_argument_spec()
    assert sorted(documented) == sorted(spec)
    for name, entry in spec.items():
        assert documented[name]["type"] == entry["type"], name
        assert documented[name].get("elements") == entry.get("elements"), name
        assert documented[name].get("default") == entry.get("default"), name


class ModuleExit(Exception):
    """Raised in place of sys.exit, carrying the module's JSON result."""

    def __init__(self, result: Dict[str, Any]) -> None:
        super().__init__(result)
        self.result = result


def run_module(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture,
    handler: Any,
    args: Dict[str, Any],
    family: str = "alerts",
) -> Tuple[Dict[str, Any], List[FakeClient]]:
    """Run one info module in-process with a fake client; return its result and clients."""
    clients: List[FakeClient] = []

    def make_client(settings: Any, warn: Any = None, debug: Any = None) -> FakeClient:
        client = FakeClient(handler)
        clients.append(client)
        return client

    monkeypatch.setattr(_info_module, "Client", make_client)
    module, key = FAMILY_MODULES[family]
    _family, _key, default = main_call(module)
    with patch_module_args(dict(CONNECTION, **args)), pytest.raises(SystemExit):
        run_info_module(family, key, default)
    return json.loads(capsys.readouterr().out), clients


def api(call: Call) -> Any:
    if call["operation"] == "tenant.hierarchy":
        return HIERARCHY
    return rows_by_region(call)


def test_run_returns_rows_of_every_region(monkeypatch: Any, capsys: Any) -> None:
    result, clients = run_module(monkeypatch, capsys, api, {})
    assert result["changed"] is False
    assert "ansible_facts" not in result
    assert result["operation"] == "alerts.count"
    assert result["regions"] == ["americas", "europe"]
    assert result["partial"] is False
    assert result["errors"] == []
    assert len(result["alerts"]) == 3
    assert all(row["tenant"] for row in result["alerts"])
    assert result["request"]["query"] == {"agg_by": "tenant"}
    assert clients[0].closed is True


def test_run_explicit_region_narrows(monkeypatch: Any, capsys: Any) -> None:
    result, clients = run_module(monkeypatch, capsys, api, {"region": ["europe"]})
    assert result["regions"] == ["europe"]
    data_calls = [call for call in clients[0].calls if call["operation"] == "alerts.count"]
    assert [call["region"] for call in data_calls] == ["europe"]


def test_run_region_down_is_partial(monkeypatch: Any, capsys: Any) -> None:
    def handler(call: Call) -> Any:
        if call["region"] == "europe" and call["operation"] != "tenant.hierarchy":
            raise ServerError("status 503 from europe", status=503)
        return api(call)

    result, _clients = run_module(monkeypatch, capsys, handler, {})
    assert result["partial"] is True
    assert [error["region"] for error in result["errors"]] == ["europe"]
    assert {row["region"] for row in result["alerts"]} == {"americas"}


def test_run_every_region_down_fails(monkeypatch: Any, capsys: Any) -> None:
    def handler(call: Call) -> Any:
        if call["operation"] != "tenant.hierarchy":
            raise ServerError("status 500 from %s" % call["region"], status=500)
        return api(call)

    result, _clients = run_module(monkeypatch, capsys, handler, {})
    assert result["failed"] is True
    assert "status 500" in result["msg"]
    assert result["error"]["kind"] == "server"
    assert len(result["errors"]) == 2
    assert result["partial"] is True


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ({"properties": ["no_such_property"]}, "no_such_property"),
        ({"tsg_id": "123456789"}, "tsg_id"),
        ({"region": ["us-east-1"]}, "us-east-1"),
    ],
)
def test_run_bad_input_before_any_call(
    monkeypatch: Any, capsys: Any, args: Dict[str, Any], expected: str
) -> None:
    result, clients = run_module(monkeypatch, capsys, api, args)
    assert result["failed"] is True
    assert expected in result["msg"]
    assert clients == []


def test_run_unknown_operation_rejected(monkeypatch: Any, capsys: Any) -> None:
    result, clients = run_module(monkeypatch, capsys, api, {"operation": "threats.summary"})
    assert result["failed"] is True
    assert "alerts.count" in result["msg"]
    assert clients == []


def test_run_secret_not_in_result(monkeypatch: Any, capsys: Any) -> None:
    result, _clients = run_module(monkeypatch, capsys, api, {})
    assert "PLACEHOLDER-SECRET-K05" not in json.dumps(result)
