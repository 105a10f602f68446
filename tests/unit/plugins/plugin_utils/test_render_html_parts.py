# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Tests of the HTML report's chart geometry, data block encoding, script and style."""

from __future__ import annotations

import json

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    RenderStats,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html_charts import (
    histogram_bin,
    horizontal_bars,
    score_histogram,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html_data import (
    PayloadBuilder,
    script_json,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html_script import (
    REPORT_SCRIPT,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html_template import (
    REPORT_STYLE,
)


@pytest.mark.parametrize(("score", "expected"), [
    (0, 0), (9.99, 0), (10, 1), (55.5, 5), (99.9, 9), (100, 9), (-3, 0), (250, 9),
])
def test_histogram_bin_edges(score, expected):
    assert histogram_bin(score) == expected


def test_histogram_counts_and_unscored():
    chart = score_histogram([100.0, 95.0, 10.0, None, 0.0])

    assert [chart_bar.value for chart_bar in chart.bars] == [1, 1, 0, 0, 0, 0, 0, 0, 0, 2]
    assert chart.bars[9].label == "90–100"
    assert chart.bars[0].label == "0–9"
    assert "1 tenants have no score" in chart.note


def test_horizontal_bars_scaled():
    chart = horizontal_bars("t", [("a", 10, "x"), ("b", 5, "y"), ("c", 0, "z")], "d")
    widths = [chart_bar.width for chart_bar in chart.bars]

    assert widths[0] == 2 * widths[1]
    assert widths[2] == 0
    assert chart.bars[1].y > chart.bars[0].y


def test_horizontal_bars_all_zero():
    chart = horizontal_bars("t", [("a", 0, "x")], "d")

    assert chart.bars[0].width == 0


@pytest.mark.parametrize("text", [
    "</script><script>alert(1)</script>",
    "<!-- <script>",
    "a & b > c",
    "line\u2028separator\u2029paragraph",
])
def test_script_json_escapes(text):
    encoded = script_json({"value": text})

    for character in ("<", ">", "&", "\u2028", "\u2029"):
        assert character not in encoded
    assert json.loads(encoded) == {"value": text}


def test_script_json_rejects_nan():
    with pytest.raises(ValueError):
        script_json({"value": float("nan")})


def test_script_and_style_never_close_early():
    # Both are inserted verbatim into <script> and <style> elements.
    assert "</" not in REPORT_SCRIPT
    assert "</" not in REPORT_STYLE
    assert "innerHTML" not in REPORT_SCRIPT
    assert "eval(" not in REPORT_SCRIPT


def test_string_table_shares_repeats():
    builder = PayloadBuilder(RenderStats())
    first = builder.table.ref("same message")
    second = builder.table.ref("same message")

    assert first == second
    assert builder.table.ref(None) == -1
    assert builder.table.strings == ["same message"]


def test_repeated_control_characters_counted_each_time():
    stats = RenderStats()
    builder = PayloadBuilder(stats)
    builder.table.ref("bell \x07")
    builder.table.ref("bell \x07")

    assert stats.controls_replaced == 2
    assert builder.table.strings == ["bell \ufffd"]


def test_unknown_tenant_and_control_added():
    builder = PayloadBuilder(RenderStats())
    builder.add_tenants([{"tsg_id": "1000000002", "display_name": "Known"}], {})
    rows = builder.encode_results([{"tsg_id": "1999999999", "control": "NEW-001", "status": "odd"}])

    assert builder.tenants[rows[0][0]][0] == "1999999999"
    assert builder.controls[rows[0][1]][0] == "NEW-001"
    assert builder.statuses[rows[0][2]] == "odd"


def test_tenants_sorted_by_name():
    builder = PayloadBuilder(RenderStats())
    builder.add_tenants([
        {"tsg_id": "3", "display_name": "beta"},
        {"tsg_id": "1", "display_name": "Alpha"},
        {"tsg_id": "2", "display_name": "alpha"},
    ], {"1": {"score": 50.0}})

    assert [tenant[1] for tenant in builder.tenants] == ["1", "2", "3"]
    assert builder.tenants[0][6] == 50.0
    assert builder.tenants[1][6] is None


def test_evidence_keeps_numbers():
    builder = PayloadBuilder(RenderStats())
    rows = builder.encode_results([{
        "tsg_id": "1", "control": "C", "status": "fail", "message": "m",
        "evidence": {"operation": "license.utilization", "field": "f", "observed": 93.5,
                     "comparison": "gt", "threshold": 90, "unit": "%", "rows": 1,
                     "sample": [1, 2]},
    }])
    evidence = rows[0][5]

    assert evidence[2] == 93.5
    assert evidence[4] == 90
    assert builder.table.strings[evidence[0]] == "license.utilization"
    assert builder.table.strings[evidence[7]] == '{"sample":[1,2]}'
