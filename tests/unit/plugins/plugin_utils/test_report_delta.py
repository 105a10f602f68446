# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_json import (
    render_json,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_delta import (
    PreviousReportError,
    compute_delta,
    load_previous_results,
)
from ansible_collections.prisma_sase.mt_monitor.tests.fixtures.report_data import (
    make_dataset,
    make_results,
)


def results_with(statuses: dict[tuple[str, str], str]) -> dict[str, Any]:
    tenants = sorted({tsg_id for tsg_id, _control in statuses})
    return {
        "generated_at": "2026-12-01T00:00:00Z",
        "tenants": [{"tsg_id": tsg_id, "display_name": f"T{tsg_id}"} for tsg_id in tenants],
        "results": [{"tsg_id": t, "control": c, "status": s} for (t, c), s in statuses.items()],
    }


def keys(entries: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(entry["tsg_id"], entry["control"]) for entry in entries]


def test_delta_first_run() -> None:
    delta = compute_delta(None, make_results(4, 1))
    assert delta["first_run"] is True
    assert all(count == 0 for count in delta["counts"].values())


def test_delta_transitions() -> None:
    previous = results_with({("1", "A"): "fail", ("1", "B"): "pass", ("1", "C"): "fail",
                             ("1", "D"): "fail", ("2", "A"): "pass"})
    current = results_with({("1", "A"): "pass", ("1", "B"): "fail", ("1", "C"): "fail",
                            ("1", "D"): "error", ("3", "A"): "fail"})
    delta = compute_delta(previous, current)
    assert delta["first_run"] is False
    assert delta["previous_generated_at"] == "2026-12-01T00:00:00Z"
    assert keys(delta["fixed"]) == [("1", "A")]
    assert keys(delta["newly_failing"]) == [("1", "B"), ("3", "A")]
    assert keys(delta["still_failing"]) == [("1", "C")]
    assert keys(delta["other_changes"]) == [("1", "D")]
    assert delta["other_changes"][0]["previous_status"] == "fail"
    assert delta["other_changes"][0]["status"] == "error"
    assert delta["tenants_added"] == [{"tsg_id": "3", "display_name": "T3"}]
    assert delta["tenants_removed"] == [{"tsg_id": "2", "display_name": "T2"}]
    assert delta["counts"]["newly_failing"] == 2


def test_delta_from_previous_json(tmp_path: Path) -> None:
    assert load_previous_results(str(tmp_path), "compliance") is None
    previous = make_results(5, 1)
    render_json(previous, make_dataset(5, 1), str(tmp_path))
    loaded = load_previous_results(str(tmp_path), "compliance")
    assert loaded is not None
    assert len(loaded["results"]) == len(previous["results"])
    delta = compute_delta(loaded, make_results(5, 1))
    assert delta["counts"]["newly_failing"] == 0
    assert delta["counts"]["fixed"] == 0
    assert delta["counts"]["still_failing"] == previous["totals"]["fail"]


def test_delta_corrupt_previous(tmp_path: Path) -> None:
    (tmp_path / "compliance-latest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(PreviousReportError, match="could not be read"):
        load_previous_results(str(tmp_path), "compliance")


def test_delta_previous_without_results(tmp_path: Path) -> None:
    (tmp_path / "compliance-latest.json").write_text("[]", encoding="utf-8")
    with pytest.raises(PreviousReportError, match="has no results document"):
        load_previous_results(str(tmp_path), "compliance")
