# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checks of the collection metadata that Galaxy, Automation Hub and ansible-builder read."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import re
from pathlib import Path
from typing import Any, Dict, Set

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
COLLECTION = "prisma_sase.mt_monitor"


def load_yaml(relative: str) -> Dict[str, Any]:
    with open(REPO_ROOT / relative, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


CONNECTION_FRAGMENT = "prisma_sase.mt_monitor.connection"


def module_documentation(path: Path) -> Dict[str, Any]:
    """Return a module's DOCUMENTATION as data, read without importing the module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(target, ast.Name) and target.id == "DOCUMENTATION" for target in node.targets
        ):
            try:
                return yaml.safe_load(ast.literal_eval(node.value)) or {}
            except yaml.YAMLError as error:
                raise AssertionError(
                    "%s: DOCUMENTATION is invalid YAML: %s" % (path, error)
                ) from error
    return {}


def api_module_names(modules_dir: Path) -> Set[str]:
    """Return the modules that take the connection options, which the action group is for.

    Modules backed by controller-side action plugins that make no API call (report,
    compliance_check) stay out, because module_defaults would pass them options they reject.
    """
    names = set()
    for path in modules_dir.glob("*.py"):
        if path.name.startswith("_"):
            continue
        fragments = module_documentation(path).get("extends_documentation_fragment") or []
        if CONNECTION_FRAGMENT in fragments:
            names.add(path.stem)
    return names


def action_group_names(runtime: Dict[str, Any]) -> Set[str]:
    """Return the short module names in the ``all`` action group, FQCN or not."""
    entries = (runtime.get("action_groups") or {}).get("all") or []
    return {entry.split(".")[-1] for entry in entries if isinstance(entry, str)}


def group_mismatch(modules_dir: Path, runtime: Dict[str, Any]) -> Dict[str, Set[str]]:
    modules = api_module_names(modules_dir)
    grouped = action_group_names(runtime)
    return {"not in action group": modules - grouped, "not an API module": grouped - modules}


def test_action_group_lists_every_module() -> None:
    mismatch = group_mismatch(REPO_ROOT / "plugins" / "modules", load_yaml("meta/runtime.yml"))

    assert mismatch["not in action group"] == set(), "add these to action_groups.all"
    assert mismatch["not an API module"] == set(), "remove these from action_groups.all"


def test_action_group_check_catches_gaps(tmp_path: Path) -> None:
    api_module = 'DOCUMENTATION = """\nmodule: x\nextends_documentation_fragment:\n  - %s\n"""\n'
    local_module = 'DOCUMENTATION = """\nmodule: report\n"""\n'
    for name in ("tenant_info", "alert_info"):
        (tmp_path / (name + ".py")).write_text(api_module % CONNECTION_FRAGMENT, encoding="utf-8")
    (tmp_path / "report.py").write_text(local_module, encoding="utf-8")
    (tmp_path / "__init__.py").write_text("", encoding="utf-8")
    runtime = {"action_groups": {"all": ["tenant_info", "%s.report" % COLLECTION]}}

    mismatch = group_mismatch(tmp_path, runtime)

    assert mismatch["not in action group"] == {"alert_info"}
    assert mismatch["not an API module"] == {"report"}


def test_runtime_requires_ansible() -> None:
    assert load_yaml("meta/runtime.yml")["requires_ansible"] == ">=2.16.0"


def test_galaxy_identity() -> None:
    galaxy = load_yaml("galaxy.yml")

    assert galaxy["namespace"] == "prisma_sase"
    assert galaxy["name"] == "mt_monitor"
    assert re.fullmatch(r"\d+\.\d+\.\d+", galaxy["version"]), galaxy["version"]
    assert galaxy["license"] == ["GPL-3.0-or-later"]
    assert "license_file" not in galaxy  # Galaxy rejects both keys together
    assert (REPO_ROOT / galaxy["readme"]).is_file()


def test_galaxy_tags() -> None:
    tags = load_yaml("galaxy.yml")["tags"]

    assert len(tags) <= 20
    assert len(tags) == len(set(tags))
    assert {"monitoring", "security"} <= set(tags)
    for tag in tags:
        assert re.fullmatch(r"[a-z][a-z0-9_]{0,63}", tag), tag


@pytest.mark.parametrize("key", ["repository", "documentation", "issues", "homepage"])
def test_galaxy_links(key: str) -> None:
    assert load_yaml("galaxy.yml")[key].startswith("https://")


@pytest.mark.parametrize(
    "pattern", [".venv", ".build", "reports", "tests/output", "*.tar.gz", "__pycache__"]
)
def test_galaxy_build_ignore(pattern: str) -> None:
    assert pattern in load_yaml("galaxy.yml")["build_ignore"]


def test_execution_environment_files_exist() -> None:
    environment = load_yaml("meta/execution-environment.yml")

    assert environment["version"] == 3
    dependencies = environment["dependencies"]
    assert set(dependencies) >= {"python", "system"}
    for kind in ("python", "system"):
        assert (REPO_ROOT / dependencies[kind]).is_file(), dependencies[kind]


def test_no_sanity_ignore_files() -> None:
    sanity_dir = REPO_ROOT / "tests" / "sanity"
    ignore_files = sorted(path.name for path in sanity_dir.glob("ignore*.txt"))

    assert ignore_files == []


def test_license_is_gpl3() -> None:
    text = (REPO_ROOT / "COPYING").read_text(encoding="utf-8")

    assert "GNU GENERAL PUBLIC LICENSE" in text
    assert "Version 3, 29 June 2007" in text
