# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Tests of the HTML report: escaping, Content-Security-Policy, no external URLs, determinism, size."""

from __future__ import annotations

import base64
import hashlib
import html as html_module
import io
import json
import random
import re

import pytest
from ansible.errors import AnsibleError

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html import (
    build_html,
    render_html,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html_columns import (
    decode_column,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_delta import (
    compute_delta,
)
from ansible_collections.prisma_sase.mt_monitor.tests.browser.wide_report import make_wide_results
from ansible_collections.prisma_sase.mt_monitor.tests.fixtures.report_data import (
    HTML_NAME,
    JAVASCRIPT_LINK,
    LONG_TEXT_LENGTH,
    SCRIPT_TEXT,
    make_dataset,
    make_results,
)

INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)
INLINE_STYLE = re.compile(r"<style>(.*?)</style>", re.DOTALL)
DATA_BLOCK = re.compile(r'<script type="application/json" id="report-data">(.*?)</script>', re.DOTALL)
CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
SCRIPT_OR_STYLE = re.compile(r"<(script|style)\b[^>]*>.*?</\1>", re.DOTALL)
START_TAG = re.compile(r"<[a-zA-Z][^>]*>")
URL_ATTRIBUTE = re.compile(
    r"""\s(?:src|href|action|formaction|xlink:href|poster|data|srcset|background)\s*=\s*["']?([^"'\s>]*)""",
    re.IGNORECASE,
)


def sha256_source(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def csp_directives(html: str) -> dict[str, str]:
    match = CSP_META.search(html)
    assert match, "no Content-Security-Policy meta element"
    directives = {}
    for part in html_module.unescape(match.group(1)).split(";"):
        name, _separator, value = part.strip().partition(" ")
        directives[name] = value
    return directives


def payload_of(html: str) -> dict:
    match = DATA_BLOCK.search(html)
    assert match, "no JSON data block"
    return json.loads(match.group(1))


def operation_rows(payload: dict, operation: str) -> tuple[list[str], list[list]]:
    """Return the column names and decoded rows of one operation in the data block."""
    entry = payload["rows"][operation]
    columns = [decode_column(cells) for cells in entry["cells"]]
    return entry["columns"], [list(values) for values in zip(*columns)]


@pytest.fixture(scope="module")
def plain_report() -> str:
    html, _stats = build_html(make_results(40, 7), make_dataset(40, 7), None)
    return html


@pytest.fixture(scope="module")
def hostile_report() -> tuple[str, object]:
    options = {"title": HTML_NAME}
    results = make_results(40, 7, hostile=True)
    results["warnings"].append(SCRIPT_TEXT)
    return build_html(results, make_dataset(40, 7, hostile=True), None, options)


def test_hostile_tenant_name_escaped(hostile_report):
    html, _stats = hostile_report

    assert HTML_NAME not in html
    assert "<img" not in html
    assert "<title>&lt;img src=x onerror=alert(1)&gt;</title>" in html
    assert "<h1>&lt;img src=x onerror=alert(1)&gt;</h1>" in html


def test_hostile_name_kept_in_data(hostile_report):
    html, _stats = hostile_report
    names = decode_column(payload_of(html)["tenants"]["name"])

    assert HTML_NAME in names


def test_script_text_cannot_close_block(hostile_report):
    html, _stats = hostile_report

    # One data block and one script: the text `</script><script>` from the data adds none.
    assert html.count("<script") == 2
    assert html.count("</script>") == 2
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert any(SCRIPT_TEXT in text for text in payload_of(html)["strings"])


def test_javascript_link_dropped(hostile_report):
    html, _stats = hostile_report
    columns, rows = operation_rows(payload_of(html), "urls.summary")
    values = [row[columns.index("sample_url")] for row in rows]

    assert JAVASCRIPT_LINK in values
    assert {"u": JAVASCRIPT_LINK} not in values
    assert {"u": "https://example.com/path"} in values
    assert 'href="javascript' not in html.lower()


def test_control_characters_and_long_text_counted(hostile_report):
    html, stats = hostile_report

    assert stats.controls_replaced >= 2
    assert stats.truncated_values == 1
    assert stats.truncated_characters > LONG_TEXT_LENGTH // 2
    assert "\x07" not in html
    assert "\x0b" not in html
    assert "… [truncated" in html
    assert f"{stats.controls_replaced} control characters replaced" in html


def test_csp_directives_restrictive(plain_report):
    directives = csp_directives(plain_report)

    assert directives["default-src"] == "'none'"
    assert directives["img-src"] == "data:"
    assert directives["base-uri"] == "'none'"
    assert directives["form-action"] == "'none'"
    assert "unsafe-inline" not in directives["script-src"]
    assert "unsafe-eval" not in directives["script-src"]
    assert "unsafe-inline" not in directives["style-src"]


def test_csp_hashes_match_inline_code(plain_report):
    directives = csp_directives(plain_report)
    scripts = INLINE_SCRIPT.findall(plain_report)
    styles = INLINE_STYLE.findall(plain_report)

    assert len(scripts) == 1
    assert len(styles) == 1
    assert directives["script-src"] == sha256_source(scripts[0])
    assert directives["style-src"] == sha256_source(styles[0])


def test_no_inline_handlers_or_styles(plain_report):
    # The policy allows no inline style attributes and no event handler attributes.
    assert not re.search(r"<[^>]+\sstyle\s*=", plain_report)
    assert not re.search(r"<[^>]+\son[a-z]+\s*=", plain_report)


def test_no_external_url(plain_report):
    markup = SCRIPT_OR_STYLE.sub("", plain_report)
    tags = START_TAG.findall(markup)
    urls = [value for tag in tags for value in URL_ATTRIBUTE.findall(tag)]

    assert len(tags) > 50
    assert urls, "the scan found no URL attribute at all, so it checks nothing"
    for value in urls:
        assert value.startswith(("data:", "#")), f"attribute URL {value!r} would leave the page"
    style = INLINE_STYLE.findall(plain_report)[0]
    assert "url(" not in style
    assert "@import" not in style
    assert "fetch(" not in INLINE_SCRIPT.findall(plain_report)[0]
    assert "XMLHttpRequest" not in INLINE_SCRIPT.findall(plain_report)[0]


def test_output_deterministic():
    results = make_results(30, 3)
    dataset = make_dataset(30, 3)
    first, _stats = build_html(results, dataset, None)

    shuffled = json.loads(json.dumps(results))
    random.Random(1).shuffle(shuffled["results"])
    random.Random(2).shuffle(shuffled["tenants"])
    random.Random(3).shuffle(shuffled["controls"])
    second, _stats = build_html(shuffled, dataset, None)

    assert first == second


def test_writes_path_and_streams(tmp_path):
    results = make_results(8, 5)
    dataset = make_dataset(8, 5)
    expected, _stats = build_html(results, dataset, None)

    path = tmp_path / "report.html"
    render_html(results, dataset, None, str(path))
    binary = io.BytesIO()
    render_html(results, dataset, None, binary)
    text = io.StringIO()
    render_html(results, dataset, None, text)

    assert path.read_bytes() == expected.encode("utf-8")
    assert binary.getvalue() == expected.encode("utf-8")
    assert text.getvalue() == expected


def test_unknown_option_rejected():
    with pytest.raises(AnsibleError, match="page_sise"):
        build_html(make_results(6, 1), make_dataset(6, 1), None, {"page_sise": 10})


def test_invalid_page_size_rejected():
    with pytest.raises(AnsibleError, match="page_size"):
        build_html(make_results(6, 1), make_dataset(6, 1), None, {"page_size": 0})


def test_delta_rendered():
    previous = make_results(12, 4)
    current = make_results(12, 9)
    delta = compute_delta(previous, current)
    html, _stats = build_html(current, make_dataset(12, 9), delta)
    changes = decode_column(payload_of(html)["delta"]["change"])

    expected = len(delta["newly_failing"]) + len(delta["still_failing"]) + len(delta["fixed"]) \
        + len(delta["other_changes"])
    assert len(changes) == expected
    assert set(changes) <= {"newly_failing", "still_failing", "fixed", "other_changes"}
    assert f"<span class=\"value\">{len(delta['newly_failing'])}</span><span class=\"label\">newly failing" in html


def test_first_run_says_no_previous():
    current = make_results(6, 2)
    html, _stats = build_html(current, make_dataset(6, 2), compute_delta(None, current))

    assert "No previous run to compare with." in html
    assert decode_column(payload_of(html)["delta"]["change"]) == []


def test_summary_counts_match_results(plain_report):
    payload = payload_of(plain_report)
    statuses = decode_column(payload["results"]["status"])
    fails = sum(1 for status in statuses if payload["statuses"][status] == "fail")

    assert len(statuses) == 40 * 6
    assert sum(payload["results"]["tenantCounts"]) == 40 * 6
    assert f'<span class="value">{fails}</span><span class="label">fail</span>' in plain_report


@pytest.mark.slow
def test_large_report_size():
    results = make_wide_results(5000, 11, 18)
    html, _stats = build_html(results, make_dataset(5000, 11), None)
    size = len(html.encode("utf-8"))

    print(f"HTML report for 5,000 tenants x 18 controls: {size / 1e6:.2f} MB")
    assert sum(payload_of(html)["results"]["tenantCounts"]) == 5000 * 18
    assert size < 15_000_000
    # Stored column by column, this report is 3.3 MB, against 6.5 MB with one JSON array per
    # result and per dataset row.
    assert size < 4_500_000
