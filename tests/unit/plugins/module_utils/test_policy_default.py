# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The built-in default policy: coverage, documentation, and fields that the official spec shows."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import importlib.util
import re
from pathlib import Path
from typing import Any, Dict, Set

import pytest
import yaml

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import OPERATIONS
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy import load_policy
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_default import (
    DEFAULT_POLICY,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_schema import FAMILIES

SPEC = Path(__file__).resolve().parents[4] / "tests" / "spec" / "upstream" / "paloaltonetworks-MSP_Monitoring.yaml"
CONTROLS = DEFAULT_POLICY["controls"]
FRAMEWORK_TAG = re.compile(r"^(CIS-8:\d+\.\d+|NIST-CSF:[A-Z]{2}\.[A-Z]{2}-\d+)$")


@pytest.fixture(scope="module")
def spec() -> Dict[str, Any]:
    with SPEC.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _resolve(spec: Dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and "$ref" in node:
        name = node["$ref"].rsplit("/", 1)[-1]
        node = spec["components"]["schemas"][name]
    return node


def _schema_names(spec: Dict[str, Any], node: Any, names: Set[str], depth: int = 0) -> None:
    node = _resolve(spec, node)
    if not isinstance(node, dict) or depth > 8:
        return
    for name, child in (node.get("properties") or {}).items():
        names.add(name)
        _schema_names(spec, child, names, depth + 1)
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            _schema_names(spec, node[key], names, depth + 1)


def _example_names(value: Any, names: Set[str]) -> None:
    if isinstance(value, dict):
        for key, child in value.items():
            names.add(str(key))
            _example_names(child, names)
    elif isinstance(value, list):
        for child in value:
            _example_names(child, names)


def response_names(spec: Dict[str, Any], operation_name: str) -> Set[str]:
    """Return every field name of the operation's 200 response schema and examples."""
    operation = OPERATIONS[operation_name]
    content = spec["paths"][operation.path][operation.method.lower()]["responses"]["200"]["content"]
    names: Set[str] = set()
    for media in content.values():
        _schema_names(spec, media.get("schema"), names)
        for example in (media.get("examples") or {}).values():
            _example_names(example.get("value"), names)
        _example_names(media.get("example"), names)
    return names


def fields_read(control: Dict[str, Any]) -> Set[str]:
    """Return the response field names a control reads: the check field's parts, where keys, inputs."""
    check = control["check"]
    names = {part for part in check["field"].split(".") if part != "*"}
    names.update(check.get("where", {}))
    for key in ("used", "used_unit", "total", "total_unit"):
        if check.get("percentage_of", {}).get(key):
            names.add(check["percentage_of"][key])
    return names


def test_default_policy_size_and_families():
    assert len(CONTROLS) >= 15
    assert {control["family"] for control in CONTROLS} == set(FAMILIES)


def test_default_policy_ids_unique():
    ids = [control["id"] for control in CONTROLS]
    assert len(ids) == len(set(ids))
    for control in CONTROLS:
        assert re.match(r"^[A-Z]{3}-\d{3}$", control["id"])


@pytest.mark.parametrize("control", CONTROLS, ids=[control["id"] for control in CONTROLS])
def test_default_control_documented(control):
    assert len(control["title"]) <= 60
    assert control["description"].endswith(".")
    assert control["remediation"].endswith(".")
    assert len(control["remediation"].split()) >= 15
    assert control["frameworks"]
    for tag in control["frameworks"]:
        assert FRAMEWORK_TAG.match(tag), tag
    assert control["missing"] in ("skip", "pass", "error")


@pytest.mark.parametrize("control", CONTROLS, ids=[control["id"] for control in CONTROLS])
def test_default_control_fields_in_spec(spec, control):
    missing = fields_read(control) - response_names(spec, control["operation"])
    assert missing == set()


# GET operations return fixed fields, so only POST bodies have a properties list to check.
POST_CONTROLS = [control for control in CONTROLS if OPERATIONS[control["operation"]].method == "POST"]


@pytest.mark.parametrize("control", POST_CONTROLS, ids=[control["id"] for control in POST_CONTROLS])
def test_default_control_fields_requested(control):
    """Every field a control reads from a POST operation is in the catalog's default body."""
    operation = OPERATIONS[control["operation"]]
    requested = {item.get("alias") or item["property"] for item in operation.default_body.get("properties", [])}
    check = control["check"]
    needed = {check["field"].split(".")[0]} | set(check.get("where", {}))
    assert needed - requested == set()


def test_default_policy_validates():
    policy = load_policy(None)
    assert len(policy["controls"]) == len(CONTROLS)


def _load_docs_generator():
    path = Path(__file__).resolve().parents[4] / "docs" / "_gen_controls.py"
    spec = importlib.util.spec_from_file_location("_gen_controls_under_test", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_controls_page_up_to_date():
    generator = _load_docs_generator()
    current = generator.PAGE.read_text(encoding="utf-8")
    expected = generator.render_page(current, DEFAULT_POLICY)
    assert current == expected, "docs/controls.md is out of date; run python docs/_gen_controls.py"


def test_controls_page_lists_every_control():
    generator = _load_docs_generator()
    section = generator.render_section(DEFAULT_POLICY)
    for control in CONTROLS:
        assert "### %s: %s" % (control["id"], control["title"]) in section
        assert control["remediation"] in section


def test_controls_page_check_mode_detects_drift(tmp_path, monkeypatch):
    generator = _load_docs_generator()
    stale = tmp_path / "controls.md"
    stale.write_text("intro\n%s\nold table\n%s\n" % (generator.BEGIN, generator.END), encoding="utf-8")
    monkeypatch.setattr(generator, "PAGE", stale)
    assert generator.main(["--check"]) == 1
    assert generator.main([]) == 0
    assert generator.main(["--check"]) == 0
    assert stale.read_text(encoding="utf-8").startswith("intro\n" + generator.BEGIN)
