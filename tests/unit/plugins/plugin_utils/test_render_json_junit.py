# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import io
import json
import math
from pathlib import Path
from xml.etree import ElementTree

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    CELL_LIMIT,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_json import (
    build_json_document,
    render_json,
    same_report_sections,
    stream_json_report,
    write_json,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_junit import (
    render_junit,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_delta import (
    compute_delta,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_meta import (
    ReportOptions,
)
from ansible_collections.prisma_sase.mt_monitor.tests.fixtures.report_data import (
    FORMULA_NAME,
    VERTICAL_TAB_NAME,
    make_dataset,
    make_results,
)

CONTROL_CHARACTERS = [chr(code) for code in range(32) if chr(code) not in "\t\n"]


def test_json_document_sections(tmp_path: Path) -> None:
    results = make_results(10, 4)
    dataset = make_dataset(10, 4)
    written = render_json(results, dataset, str(tmp_path))
    document = json.loads(Path(written.latest_path).read_text(encoding="utf-8"))
    assert sorted(document) == ["dataset", "delta", "report", "results", "schema_version"]
    assert len(document["results"]["results"]) == len(results["results"])
    assert document["report"]["counts"]["results"] == len(results["results"])
    assert document["report"]["totals"] == results["totals"]
    assert document["delta"]["first_run"] is True
    assert document["dataset"]["errors"][0]["status"] == 403


def test_json_cleaning_rules(tmp_path: Path) -> None:
    written = render_json(make_results(8, 4, hostile=True), make_dataset(8, 4, hostile=True),
                          str(tmp_path))
    text = Path(written.latest_path).read_text(encoding="utf-8")
    for character in CONTROL_CHARACTERS:
        assert json.dumps(character)[1:-1] not in text
    document = json.loads(text)
    names = [tenant["display_name"] for tenant in document["results"]["tenants"]]
    assert VERTICAL_TAB_NAME.replace("\x0b", "\ufffd") in names
    assert FORMULA_NAME in names
    notes = [row.get("notes") for row in document["dataset"]["datasets"]["upgrades.list"]["rows"]]
    long_notes = [note for note in notes if note]
    assert len(long_notes[0]) == CELL_LIMIT
    assert "[truncated " in long_notes[0]
    cleaning = document["report"]["text_cleaning"]
    assert cleaning["truncated_values"] == 1
    assert cleaning["controls_replaced"] >= 2


def test_json_no_nan(tmp_path: Path) -> None:
    results = make_results(3, 4)
    results["results"][0]["evidence"]["observed"] = math.nan
    written = render_json(results, make_dataset(3, 4), str(tmp_path))
    text = Path(written.latest_path).read_text(encoding="utf-8")
    assert "NaN" not in text
    target = (results["results"][0]["tsg_id"], results["results"][0]["control"])
    written_results = json.loads(text)["results"]["results"]
    item = next(r for r in written_results if (r["tsg_id"], r["control"]) == target)
    assert item["evidence"]["observed"] is None


def test_json_deterministic_order(tmp_path: Path) -> None:
    first = make_results(10, 4)
    second = make_results(10, 4)
    second["results"].reverse()
    dataset = make_dataset(10, 4)
    shuffled = make_dataset(10, 4)
    for entry in shuffled["datasets"].values():
        entry["rows"].reverse()
    one = render_json(first, dataset, str(tmp_path))
    two = render_json(second, shuffled, str(tmp_path))
    assert one.changed
    assert not two.changed


def test_junit_structure(tmp_path: Path) -> None:
    results = make_results(10, 4)
    written = render_junit(results, make_dataset(10, 4), str(tmp_path))
    root = ElementTree.parse(written.latest_path).getroot()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    families = sorted({control["family"] for control in results["controls"]})
    assert [suite.get("name") for suite in suites] == families
    cases = root.findall("testsuite/testcase")
    assert len(cases) == len(results["results"])
    totals = results["totals"]
    assert int(root.get("tests")) == len(results["results"])
    assert int(root.get("failures")) == totals["fail"]
    assert int(root.get("errors")) == totals["error"]
    assert len(root.findall("testsuite/testcase/failure")) == totals["fail"]
    assert len(root.findall("testsuite/testcase/error")) == totals["error"]
    assert len(root.findall("testsuite/testcase/skipped")) == totals["skip"] + totals["waived"]
    skipped_sum = sum(int(suite.get("skipped")) for suite in suites)
    assert skipped_sum == totals["skip"] + totals["waived"]


def test_junit_testcase_names(tmp_path: Path) -> None:
    results = make_results(3, 4)
    written = render_junit(results, make_dataset(3, 4), str(tmp_path))
    root = ElementTree.parse(written.latest_path).getroot()
    case = root.find("testsuite[@name='license']/testcase")
    assert case.get("classname") == "Tenant 00001 (1000000002)"
    assert case.get("name") == "LIC-001 License utilization below limit"


def test_junit_waiver_reason(tmp_path: Path) -> None:
    written = render_junit(make_results(10, 4), make_dataset(10, 4), str(tmp_path))
    root = ElementTree.parse(written.latest_path).getroot()
    messages = [element.get("message") for element in root.iter("skipped")]
    assert "waived: Accepted risk until the hardware refresh" in messages


def test_junit_properties(tmp_path: Path) -> None:
    previous = make_results(4, 1)
    current = make_results(5, 2)
    delta = compute_delta(previous, current)
    written = render_junit(current, make_dataset(5, 2), str(tmp_path), {"delta": delta})
    root = ElementTree.parse(written.latest_path).getroot()
    for suite in root.findall("testsuite"):
        properties = {p.get("name"): p.get("value") for p in suite.findall("properties/property")}
        assert properties["run.root_tsg_id"] == "1000000001"
        assert properties["run.policy.name"] == "default"
        assert properties["delta.first_run"] == "False"
        assert properties["delta.tenants_added"] == "1000000006"
        assert properties["delta.counts.newly_failing"] == str(delta["counts"]["newly_failing"])


def test_junit_hostile_text(tmp_path: Path) -> None:
    written = render_junit(make_results(8, 4, hostile=True), make_dataset(8, 4, hostile=True),
                           str(tmp_path))
    raw = Path(written.latest_path).read_bytes()
    for character in CONTROL_CHARACTERS:
        assert character.encode() not in raw
    root = ElementTree.fromstring(raw)
    classnames = {case.get("classname") for case in root.iter("testcase")}
    assert "Acme\ufffdCorp (1000000005)" in classnames
    assert any(name.startswith("<img src=x") for name in classnames)
    properties = {p.get("name"): p.get("value") for p in root.find("testsuite").iter("property")}
    assert int(properties["text_cleaning.controls_replaced"]) >= 2


def test_junit_same_bytes(tmp_path: Path) -> None:
    first = render_junit(make_results(6, 4), make_dataset(6, 4), str(tmp_path))
    second = render_junit(make_results(6, 4), make_dataset(6, 4), str(tmp_path))
    assert first.changed
    assert not second.changed


@pytest.mark.parametrize("hostile", [False, True])
def test_json_stream_equals_document_bytes(hostile: bool) -> None:
    results = make_results(12, seed=3, hostile=hostile)
    dataset = make_dataset(12, seed=3, hostile=hostile)
    options = ReportOptions(text_limit=200, delta=compute_delta(make_results(10, seed=4), results))
    expected = io.BytesIO()
    write_json(build_json_document(results, dataset, options), expected)

    streamed = io.BytesIO()
    stream_json_report(results, dataset, options, streamed)
    assert streamed.getvalue() == expected.getvalue()
    report = json.loads(streamed.getvalue())["report"]
    if hostile:
        assert report["text_cleaning"]["truncated_values"] > 0


def test_json_stream_empty_documents() -> None:
    expected = io.BytesIO()
    write_json(build_json_document({}, {}, ReportOptions()), expected)
    streamed = io.BytesIO()
    stream_json_report({}, {}, ReportOptions(), streamed)
    assert streamed.getvalue() == expected.getvalue()


def test_same_report_sections_cases() -> None:
    results = make_results(8, seed=5, hostile=True)
    dataset = make_dataset(8, seed=5, hostile=True)
    options = ReportOptions(text_limit=300)
    previous = json.loads(json.dumps(build_json_document(results, dataset, options)))
    assert same_report_sections(results, dataset, options, previous)

    changed_result = json.loads(json.dumps(previous))
    changed_result["results"]["results"][3]["status"] = "changed"
    assert not same_report_sections(results, dataset, options, changed_result)

    changed_row = json.loads(json.dumps(previous))
    operation = min(changed_row["dataset"]["datasets"])
    changed_row["dataset"]["datasets"][operation]["rows"].pop()
    assert not same_report_sections(results, dataset, options, changed_row)

    assert not same_report_sections(results, dataset, ReportOptions(text_limit=100), previous)
    assert not same_report_sections(results, dataset, options, {"results": previous["results"]})
