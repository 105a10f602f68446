# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""docs/operation-map.md lists exactly the catalog's operations, each with its module."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from pathlib import Path
from typing import Dict, List

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    BASE_PATH,
    OPERATIONS,
)

MAP_PATH = Path(__file__).resolve().parents[2] / "docs" / "operation-map.md"
MODULES_DIR = Path(__file__).resolve().parents[2] / "plugins" / "modules"


def table_rows() -> List[Dict[str, str]]:
    """Parse the Markdown table into dicts keyed by the header cells."""
    lines = [
        line for line in MAP_PATH.read_text(encoding="utf-8").splitlines() if line.startswith("|")
    ]
    header = [cell.strip() for cell in lines[0].strip("|").split("|")]
    rows = []
    for line in lines[2:]:
        cells = [cell.strip() for cell in line.strip("|").split("|")]
        rows.append(dict(zip(header, cells)))
    return rows


def test_map_lists_every_catalog_name_once() -> None:
    names = [row["name"] for row in table_rows()]
    assert len(names) == len(set(names))
    assert sorted(names) == sorted(OPERATIONS)


def test_map_method_and_path_match_catalog() -> None:
    for row in table_rows():
        operation = OPERATIONS[row["name"]]
        assert row["method and path"] == "%s %s" % (
            operation.method,
            operation.path.replace(BASE_PATH, ""),
        )


def test_map_module_serves_family() -> None:
    for row in table_rows():
        module = row["module"].strip("`").rsplit(".", 1)[1]
        assert (MODULES_DIR / ("%s.py" % module)).is_file(), module
        source = (MODULES_DIR / ("%s.py" % module)).read_text(encoding="utf-8")
        if row["name"] == "tenant.hierarchy":
            assert module == "tenant_info"
            continue
        assert "- %s\n" % row["name"] in source, (row["name"], module)
        assert row["module option"] == "`operation: %s`" % row["name"]


def test_map_lookup_term_is_name() -> None:
    for row in table_rows():
        expected = "`query('prisma_sase.mt_monitor.aggregate', '%s')`" % row["name"]
        assert row["lookup term"] == expected
