# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Meta-tests: every failure case K01-K12 has a test, and docs/reliability.md names real tests."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import ast
import re
import subprocess
import sys
from pathlib import Path
from typing import Dict, List, Set

REPO_ROOT = Path(__file__).resolve().parents[2]
TESTS_ROOT = REPO_ROOT / "tests"
RELIABILITY_PAGE = REPO_ROOT / "docs" / "reliability.md"

CASE_IDS = ["k%02d" % number for number in range(1, 13)]

# A pytest node id in backticks: tests/...py::test_name or tests/...py::test_name[param-id].
NODE_ID = re.compile(r"`(tests/[\w/]+\.py::\w+(?:\[[^\]`]+\])?)`")


def function_names_by_file() -> Dict[str, List[str]]:
    """Return the names of test functions per test file under tests/, read with ast."""
    names: Dict[str, List[str]] = {}
    for path in sorted(TESTS_ROOT.rglob("test_*.py")):
        if "output" in path.relative_to(TESTS_ROOT).parts[:1]:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        names[str(path.relative_to(REPO_ROOT))] = [
            node.name
            for node in ast.walk(tree)
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef))
            and node.name.startswith("test_")
        ]
    return names


def documented_node_ids() -> List[str]:
    return NODE_ID.findall(RELIABILITY_PAGE.read_text(encoding="utf-8"))


def collected_node_ids(files: Set[str]) -> Set[str]:
    """Collect the node ids of some test files with pytest, without running them."""
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"]
        + sorted(files),
        cwd=str(REPO_ROOT),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    return {line.strip() for line in completed.stdout.splitlines() if "::" in line}


def test_every_case_has_named_test() -> None:
    all_names = [name for names in function_names_by_file().values() for name in names]
    missing = [
        case for case in CASE_IDS if not any(name.startswith("test_%s_" % case) for name in all_names)
    ]
    assert missing == [], "no test function named test_<case>_... for: %s" % ", ".join(missing)


def test_reliability_page_names_tests() -> None:
    node_ids = documented_node_ids()
    assert len(node_ids) >= 80, node_ids

    names = function_names_by_file()
    unknown_functions = [
        node_id
        for node_id in node_ids
        if node_id.split("::")[1].split("[")[0] not in names.get(node_id.split("::")[0], [])
    ]
    assert unknown_functions == []

    collected = collected_node_ids({node_id.split("::")[0] for node_id in node_ids})
    assert [node_id for node_id in node_ids if node_id not in collected] == []
