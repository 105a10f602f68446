# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Browser tests that the page shows every value of the documents it was built from.

The data block stores columns in compact forms that the page's script decodes. These tests
compute the expected text of each cell in Python from the results and dataset documents
and compare it with what Chromium shows.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    clean_text,
    to_json_text,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html import render_html
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_delta import (
    compute_delta,
)
from ansible_collections.prisma_sase.mt_monitor.tests.fixtures.report_data import (
    make_dataset,
    make_results,
)

N_TENANTS = 12
SEED = 7
DEPARTED = {"tsg_id": "1000099999", "display_name": "Departed tenant"}

READ_TABLE = "table => Array.from(table.querySelectorAll('tbody tr'), row => Array.from(row.cells, cell => cell.textContent))"


def shown_text(value: Any) -> str:
    """Return the text the page shows for a value of the documents, as JavaScript's String() prints it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, str):
        return clean_text(value).text
    return clean_text(to_json_text(value)).text


def evidence_text(evidence: Any) -> str:
    if evidence is None:
        return ""
    if not isinstance(evidence, dict):
        return shown_text(evidence)
    unit = f" {evidence['unit']}" if evidence.get("unit") else ""
    observed = "no value" if evidence.get("observed") is None else shown_text(evidence["observed"]) + unit
    parts = []
    if evidence.get("field"):
        parts.append(f"{evidence['field']} = {observed}")
    if evidence.get("comparison") is not None:
        parts.append(f"threshold {evidence['comparison']} {shown_text(evidence.get('threshold'))}{unit}")
    if evidence.get("operation") is not None:
        parts.append(f"from {evidence['operation']}")
    if evidence.get("rows") is not None:
        parts.append(f"{shown_text(evidence['rows'])} rows")
    known = ("operation", "field", "observed", "comparison", "threshold", "unit", "rows")
    extra = {key: value for key, value in evidence.items() if key not in known}
    if extra:
        parts.append(to_json_text(extra))
    return "; ".join(parts)


def waiver_text(waiver: Any) -> str:
    # The fixture's waivers set all four fields.
    if not waiver:
        return ""
    return f"{waiver['reason']}; expires {waiver['expires']}; approved by {waiver['approved_by']}; waiver {waiver['id']}"


def expected_rows(dataset: dict[str, Any], tsg_id: str) -> dict[str, tuple[list[str], list[list[str]]]]:
    """Return per operation the column names and the shown cells of one tenant's rows."""
    expected = {}
    for operation, entry in sorted(dataset["datasets"].items()):
        rows = entry["rows"]
        columns = sorted({key for row in rows for key in row if key not in ("tenant", "unmatched")})
        mine = [row for row in rows if (row.get("tenant") or {}).get("tsg_id") == tsg_id]
        if mine:
            expected[operation] = (columns, [[shown_text(row.get(column)) for column in columns] for row in mine])
    return expected


@pytest.fixture(scope="module")
def documents() -> tuple[dict[str, Any], dict[str, Any]]:
    results = make_results(N_TENANTS, SEED)
    dataset = make_dataset(N_TENANTS, SEED)
    # A nested value with long ids, stored as JSON text with its digits in a template.
    for number, row in enumerate(dataset["datasets"]["threats.summary"]["rows"]):
        row["licenseDetails"] = {"MU": {"expiry_ts": 1848863986163 + number, "sku": "PAN-MU-007"}}
    return results, dataset


@pytest.fixture(scope="module")
def data_report(report_dir: Path, documents) -> Path:
    results, dataset = documents
    previous = copy.deepcopy(results)
    previous["tenants"].append(dict(DEPARTED))
    previous["results"].append({"tsg_id": DEPARTED["tsg_id"], "control": results["controls"][0]["id"],
                                "status": "fail", "severity": "high", "message": "failed before"})
    path = report_dir / "report-data.html"
    render_html(results, dataset, compute_delta(previous, results), str(path))
    return path


def open_tenant(page: Any, name: str) -> None:
    page.locator("#matrix button.tenant-link", has_text=name).click()
    for block in page.locator("#tenant-detail details").all():
        block.locator("summary").click()


def test_drilldown_rows_match_dataset(open_report, data_report, documents):
    results, dataset = documents
    page, events = open_report(data_report)

    for tenant in results["tenants"][:4]:
        open_tenant(page, tenant["display_name"])
        expected = expected_rows(dataset, tenant["tsg_id"])
        blocks = page.locator("#tenant-detail details.rows").all()

        assert len(blocks) == len(expected)
        for block, (operation, (columns, rows)) in zip(blocks, expected.items()):
            assert block.locator("summary").text_content() == f"{operation}: {len(rows)} rows"
            assert block.locator("thead th").all_text_contents() == columns
            assert block.locator("table").evaluate(READ_TABLE) == rows
    events.assert_clean(page)


def test_drilldown_results_match_documents(open_report, data_report, documents):
    results, _dataset = documents
    page, events = open_report(data_report)
    controls = {control["id"]: control for control in results["controls"]}

    for tenant in results["tenants"][:4]:
        open_tenant(page, tenant["display_name"])
        mine = sorted((result for result in results["results"] if result["tsg_id"] == tenant["tsg_id"]),
                      key=lambda result: result["control"])
        expected = [[
            f"{result['control']} {controls[result['control']]['title']}",
            result["severity"],
            result["status"],
            result.get("message") or "",
            evidence_text(result.get("evidence")),
            controls[result["control"]].get("remediation") or "",
            waiver_text(result.get("waiver")),
        ] for result in mine]

        assert page.locator("#tenant-detail table.drill").evaluate(READ_TABLE) == expected
    assert any(row.get("waiver") for row in results["results"][:4 * len(controls)])
    events.assert_clean(page)


def test_tenant_facts_match_documents(open_report, data_report, documents):
    results, _dataset = documents
    page, events = open_report(data_report)
    tenant = results["tenants"][2]

    open_tenant(page, tenant["display_name"])
    facts = dict(zip(page.locator("#tenant-detail dl.facts dt").all_text_contents(),
                     page.locator("#tenant-detail dl.facts dd").all_text_contents()))

    assert facts["TSG id"] == tenant["tsg_id"]
    assert facts["CDL tenant id"] == tenant["cdl_tenant_id"]
    assert facts["Path"] == " / ".join(tenant["path"])
    assert facts["Regions"] == ", ".join(tenant["region_headers"] + tenant["regions"])
    assert facts["License type"] == tenant["license_type"]
    assert facts["Vertical"] == tenant["vertical"]
    events.assert_clean(page)


def test_delta_names_departed_tenant(open_report, data_report):
    page, events = open_report(data_report)

    page.locator("#delta input[type=search]").fill(DEPARTED["tsg_id"])
    page.wait_for_function("() => document.querySelector('#delta').dataset.rows === '1'")
    cells = page.locator("#delta tbody tr").first.locator("td").all_text_contents()

    assert cells[1] == f"{DEPARTED['display_name']} (not in this run)"
    assert cells[2] == DEPARTED["tsg_id"]
    assert cells[4] != ""
    assert cells[5] == "fail"
    events.assert_clean(page)
