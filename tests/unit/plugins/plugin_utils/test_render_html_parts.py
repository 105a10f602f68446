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
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html_columns import (
    decode_column,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html_data import (
    NO_EVIDENCE,
    VALUE_EVIDENCE,
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
    columns = builder.encode_results([{"tsg_id": "1999999999", "control": "NEW-001", "status": "odd"}])

    assert builder.tenants[columns["tenant"][0]][0] == "1999999999"
    assert builder.controls[columns["control"][0]][0] == "NEW-001"
    assert builder.statuses[columns["status"][0]] == "odd"


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
    columns = builder.encode_results([{
        "tsg_id": "1", "control": "C", "status": "fail", "message": "m",
        "evidence": {"operation": "license.utilization", "field": "f", "observed": 93.5,
                     "comparison": "gt", "threshold": 90, "unit": "%", "rows": 1,
                     "sample": [1, 2]},
    }])
    operation, field, comparison, threshold, unit = builder.evidence_kinds[columns["evidence"][0]]

    assert columns["observed"] == [93.5]
    assert columns["rows"] == [1]
    assert threshold == 90
    assert builder.table.strings[operation] == "license.utilization"
    assert builder.table.strings[field] == "f"
    assert builder.table.strings[comparison] == "gt"
    assert builder.table.strings[unit] == "%"
    assert builder.table.strings[columns["extra"][0]] == '{"sample":[1,2]}'


def test_evidence_kind_shared_and_value_kept():
    builder = PayloadBuilder(RenderStats())
    evidence = {"operation": "o", "field": "f", "comparison": "gt", "threshold": 1, "unit": "u"}
    columns = builder.encode_results([
        {"tsg_id": "1", "control": "A", "status": "fail", "evidence": dict(evidence, observed=2)},
        {"tsg_id": "1", "control": "B", "status": "pass", "evidence": dict(evidence, observed=0)},
        {"tsg_id": "1", "control": "C", "status": "pass", "evidence": dict(evidence, threshold=1.0)},
        {"tsg_id": "1", "control": "D", "status": "error", "evidence": "not a mapping"},
        {"tsg_id": "1", "control": "E", "status": "skip"},
    ])

    # 1 and 1.0 print differently, so they are two kinds.
    assert columns["evidence"] == [0, 0, 1, VALUE_EVIDENCE, NO_EVIDENCE]
    assert len(builder.evidence_kinds) == 2
    assert columns["observed"] == [2, 0, None, "not a mapping", None]


def test_delta_payload_names_tenants_not_in_run():
    builder = PayloadBuilder(RenderStats())
    builder.add_tenants([{"tsg_id": "1000000002", "display_name": "Kept"}], {})
    builder.add_controls([{"id": "C-1", "title": "Control one"}])
    rows = builder.encode_delta({
        "fixed": [{"tsg_id": "1000000009", "display_name": "Gone", "control": "C-1",
                   "previous_status": "fail", "status": None}],
        "newly_failing": [{"tsg_id": "1000000002", "control": "C-OLD",
                           "previous_status": "pass", "status": "fail"}],
    })
    payload = builder.delta_payload(rows)

    assert decode_column(payload["change"]) == ["newly_failing", "fixed"]
    assert payload["tenant"] == [0, ["Gone", "1000000009"]]
    assert payload["control"] == [["C-OLD", ""], 0]
    assert [builder.statuses[status] for status in decode_column(payload["previous"])] == ["pass", "fail"]
    assert decode_column(payload["status"])[1] == -1


def test_dataset_rows_grouped_by_tenant():
    builder = PayloadBuilder(RenderStats())
    builder.add_tenants([{"tsg_id": "2", "display_name": "b"}, {"tsg_id": "1", "display_name": "a"}], {})
    encoded = builder.encode_rows({"op": {"rows": [
        {"tenant": {"tsg_id": "2"}, "value": "b-first"},
        {"tenant": {"tsg_id": "1"}, "value": "a-only"},
        {"tenant": None, "unmatched": True, "value": "left out"},
        {"tenant": {"tsg_id": "2"}, "value": "b-second"},
    ]}})["op"]

    assert encoded["columns"] == ["value"]
    assert encoded["tenantSteps"] == [0, 1, 0]
    assert decode_column(encoded["cells"][0]) == ["a-only", "b-first", "b-second"]


def test_tenant_path_shares_parent():
    builder = PayloadBuilder(RenderStats())
    builder.add_tenants([
        {"tsg_id": "1", "display_name": "a", "path": ["Root", "a"]},
        {"tsg_id": "2", "display_name": "b", "path": ["Root", "b"]},
        {"tsg_id": "3", "display_name": "c", "path": ["Root", "other"]},
        {"tsg_id": "4", "display_name": "d"},
    ], {})
    columns = {name: decode_column(column) for name, column in builder.tenant_columns().items()}

    assert columns["pathParent"] == ["Root", "Root", None, None]
    assert columns["path"] == [None, None, "Root / other", ""]
    assert [tenant[2] for tenant in builder.tenants] == ["Root / a", "Root / b", "Root / other", ""]
