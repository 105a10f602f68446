# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import OPERATIONS
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._dataset import (
    COLLECTION_VERSION,
    SCHEMA_VERSION,
    build_dataset,
    collect_versions,
    default_operation_names,
    resolve_operation_names,
    time_window,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._gather import (
    OperationResult,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_default import (
    DEFAULT_POLICY,
)

REPO_ROOT = Path(__file__).resolve().parents[4]
NOW = datetime(2026, 12, 4, 19, 0, 0, tzinfo=timezone.utc)


def test_version_matches_galaxy() -> None:
    galaxy = yaml.safe_load((REPO_ROOT / "galaxy.yml").read_text(encoding="utf-8"))
    assert COLLECTION_VERSION == galaxy["version"]


def test_versions_name_three_components() -> None:
    versions = collect_versions()
    assert set(versions) == {"collection", "ansible_core", "python"}
    assert all(isinstance(value, str) and value for value in versions.values())


def test_default_operations_cover_policy() -> None:
    names = default_operation_names()
    used = {control["operation"] for control in DEFAULT_POLICY["controls"] if "operation" in control}
    assert set(names) == used
    assert len(names) == len(set(names))
    assert all(name in OPERATIONS for name in names)


@pytest.mark.parametrize("value", [None, [], ["default"]])
def test_resolve_default_set(value) -> None:
    assert resolve_operation_names(value) == default_operation_names()


def test_resolve_all_is_every_operation() -> None:
    names = resolve_operation_names(["all"])
    assert names == list(OPERATIONS)
    assert len(names) == 36


def test_resolve_names_keeps_order_drops_repeats() -> None:
    assert resolve_operation_names(["urls.logs", "alerts.list", "urls.logs"]) == [
        "urls.logs",
        "alerts.list",
    ]


def test_resolve_rejects_mixed_keyword() -> None:
    with pytest.raises(InvalidInputError, match="mixes 'all'"):
        resolve_operation_names(["all", "alerts.list"])


def test_resolve_rejects_unknown_name() -> None:
    with pytest.raises(InvalidInputError):
        resolve_operation_names(["threats.nothing"])


def test_window_default_is_seven_days() -> None:
    assert time_window(None, NOW) == {"from": "2026-11-27T19:00:00Z", "to": "2026-12-04T19:00:00Z"}


def test_window_relative_hours() -> None:
    window = time_window({"last": 3, "unit": "hours"}, NOW)
    assert window == {"from": "2026-12-04T16:00:00Z", "to": "2026-12-04T19:00:00Z"}


def test_window_absolute_kept() -> None:
    window = time_window({"from": "2026-11-01T00:00:00+01:00", "to": "2026-11-02T00:00:00Z"}, NOW)
    assert window == {"from": "2026-10-31T23:00:00Z", "to": "2026-11-02T00:00:00Z"}


def test_window_invalid_rejected() -> None:
    with pytest.raises(InvalidInputError):
        time_window({"last": 3, "unit": "weeks"}, NOW)


def test_build_dataset_document() -> None:
    failed = {"operation": "alerts.list", "region": "europe", "kind": "permission", "status": 403}
    results = {
        "alerts.list": OperationResult(
            operation="alerts.list",
            rows=[{"sub_tenant_id": "1000000002"}],
            request={"method": "POST"},
            regions=["americas", "europe"],
            errors=[failed],
            request_count=2,
        )
    }
    tenants = [{"tsg_id": "1000000001"}]
    dataset = build_dataset(
        results=results,
        tenants=tenants,
        regions=["americas", "europe"],
        root_tsg_id="1000000001",
        window={"from": "a", "to": "b"},
        collected_at=NOW,
        errors=[{"operation": "tenant.hierarchy", "kind": "server"}],
    )

    assert dataset["schema_version"] == SCHEMA_VERSION
    assert dataset["collected_at"] == "2026-12-04T19:00:00Z"
    assert dataset["time_window"] == {"from": "a", "to": "b"}
    assert dataset["root_tsg_id"] == "1000000001"
    assert dataset["regions"] == ["americas", "europe"]
    assert dataset["tenants"] == tenants
    assert dataset["tenants"][0] is not tenants[0]
    assert dataset["datasets"]["alerts.list"]["partial"] is True
    assert dataset["datasets"]["alerts.list"]["rows"] == [{"sub_tenant_id": "1000000002"}]
    assert [error["operation"] for error in dataset["errors"]] == ["tenant.hierarchy", "alerts.list"]
    assert set(dataset["versions"]) == {"collection", "ansible_core", "python"}
