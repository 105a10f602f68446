# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Readers of the four report formats that the main job writes, for integration tests."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any, Dict, List
from xml.etree import ElementTree

from openpyxl import load_workbook

from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import REPO_ROOT

MAIN_PLAYBOOK = REPO_ROOT / "playbooks" / "compliance_report.yml"
REPORT_SUFFIXES = ("xlsx", "html", "xml", "json")

_CARD = re.compile(r'<span class="value">([^<]*)</span><span class="label">([^<]*)</span>')


def output_args(directory: Path, *extra: str) -> List[str]:
    """Return the ansible-playbook arguments that point the main job at `directory`."""
    return ["-e", "compliance_report_output_dir=%s" % directory] + list(extra)


def read_json_report(directory: Path) -> Dict[str, Any]:
    return json.loads((directory / "compliance-latest.json").read_text(encoding="utf-8"))


def html_cards(directory: Path) -> Dict[str, str]:
    """Return the summary cards of the HTML report as label to value text."""
    text = (directory / "compliance-latest.html").read_text(encoding="utf-8")
    return {label.strip(): value for value, label in _CARD.findall(text)}


def junit_counts(directory: Path) -> Dict[str, int]:
    """Return the test case, failure and error counts of the JUnit report."""
    root = ElementTree.parse(directory / "compliance-latest.xml").getroot()
    cases = root.findall(".//testcase")
    return {
        "tests": len(cases),
        "failures": sum(1 for case in cases if case.find("failure") is not None),
        "errors": sum(1 for case in cases if case.find("error") is not None),
        "suites_attribute_tests": int(root.get("tests", "-1")),
    }


def workbook_rows(directory: Path, sheet: str) -> List[List[Any]]:
    """Return the rows of one sheet of the workbook, the header first."""
    workbook = load_workbook(directory / "compliance-latest.xlsx", read_only=True)
    try:
        return [list(row) for row in workbook[sheet].iter_rows(values_only=True)]
    finally:
        workbook.close()


def status_counts(results: Dict[str, Any]) -> Counter:
    return Counter(item["status"] for item in results["results"])
