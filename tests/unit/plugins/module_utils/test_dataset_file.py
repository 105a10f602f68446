# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import stat

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._dataset_file import (
    check_dest,
    comparable,
    parse_mode,
    serialize_dataset,
    write_dataset,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
    MonitorError,
)


def dataset(**changes):
    document = {
        "schema_version": 1,
        "collected_at": "2026-12-04T19:00:00Z",
        "time_window": {"from": "2026-11-27T19:00:00Z", "to": "2026-12-04T19:00:00Z"},
        "tenants": [{"tsg_id": "1000000001", "display_name": "Zoë, Ltd"}],
        "datasets": {"alerts.list": {"rows": [{"value": 1}]}},
        "errors": [{"operation": "alerts.list", "request_id": "req-1", "status": 403}],
    }
    document.update(changes)
    return document


def mode_of(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_first_write_creates_file(tmp_path) -> None:
    path = tmp_path / "dataset.json"
    assert write_dataset(str(path), dataset(), 0o600) is True
    assert json.loads(path.read_text(encoding="utf-8")) == dataset()
    assert mode_of(path) == 0o600


def test_same_data_not_rewritten(tmp_path) -> None:
    path = tmp_path / "dataset.json"
    write_dataset(str(path), dataset(), 0o600)
    newer = dataset(
        collected_at="2026-12-05T19:00:00Z",
        time_window={"from": "2026-11-28T19:00:00Z", "to": "2026-12-05T19:00:00Z"},
        errors=[{"operation": "alerts.list", "request_id": "req-2", "status": 403}],
    )
    assert write_dataset(str(path), newer, 0o600) is False
    assert json.loads(path.read_text(encoding="utf-8"))["collected_at"] == "2026-12-04T19:00:00Z"


def test_changed_rows_rewrite(tmp_path) -> None:
    path = tmp_path / "dataset.json"
    write_dataset(str(path), dataset(), 0o600)
    changed = dataset(datasets={"alerts.list": {"rows": [{"value": 2}]}})
    assert write_dataset(str(path), changed, 0o600) is True
    assert json.loads(path.read_text(encoding="utf-8")) == changed


def test_mode_change_alone_is_change(tmp_path) -> None:
    path = tmp_path / "dataset.json"
    write_dataset(str(path), dataset(), 0o600)
    assert write_dataset(str(path), dataset(), 0o640) is True
    assert mode_of(path) == 0o640
    assert write_dataset(str(path), dataset(), 0o640) is False


def test_check_mode_writes_nothing(tmp_path) -> None:
    path = tmp_path / "dataset.json"
    assert write_dataset(str(path), dataset(), 0o600, check_mode=True) is True
    assert not path.exists()
    write_dataset(str(path), dataset(), 0o600)
    assert write_dataset(str(path), dataset(), 0o600, check_mode=True) is False
    changed = dataset(tenants=[])
    assert write_dataset(str(path), changed, 0o600, check_mode=True) is True
    assert json.loads(path.read_text(encoding="utf-8")) == dataset()


def test_corrupt_file_replaced(tmp_path) -> None:
    path = tmp_path / "dataset.json"
    path.write_text("{not json", encoding="utf-8")
    assert write_dataset(str(path), dataset(), 0o600) is True
    assert json.loads(path.read_text(encoding="utf-8")) == dataset()


def test_no_temporary_file_left(tmp_path) -> None:
    path = tmp_path / "dataset.json"
    write_dataset(str(path), dataset(), 0o600)
    write_dataset(str(path), dataset(tenants=[]), 0o600)
    assert sorted(item.name for item in tmp_path.iterdir()) == ["dataset.json"]


def test_missing_directory_is_clear(tmp_path) -> None:
    path = tmp_path / "absent" / "dataset.json"
    with pytest.raises(MonitorError, match="does not exist"):
        write_dataset(str(path), dataset(), 0o600)


def test_serialization_is_deterministic() -> None:
    first = serialize_dataset({"b": 1, "a": {"d": 2, "c": "é"}})
    second = serialize_dataset({"a": {"c": "é", "d": 2}, "b": 1})
    assert first == second
    assert "é" in first


def test_serialization_is_compact() -> None:
    text = serialize_dataset({"b": [1, 2], "a": {"c": "x"}})

    assert text == '{"a":{"c":"x"},"b":[1,2]}\n'


def test_comparable_drops_volatile_keys() -> None:
    document = comparable(dataset())
    assert "collected_at" not in document
    assert "time_window" not in document
    assert document["errors"] == [{"operation": "alerts.list", "status": 403}]


@pytest.mark.parametrize("value,expected", [("0600", 0o600), ("600", 0o600), ("0640", 0o640)])
def test_mode_accepted(value, expected) -> None:
    assert parse_mode(value) == expected


@pytest.mark.parametrize("value", ["0644", "0777", "rw", ""])
def test_mode_rejected(value) -> None:
    with pytest.raises(InvalidInputError, match="0600 or 0640"):
        parse_mode(value)


def test_check_dest_accepts_new_file(tmp_path) -> None:
    check_dest(str(tmp_path / "dataset.json"))


def test_check_dest_missing_directory(tmp_path) -> None:
    path = tmp_path / "missing" / "dataset.json"
    with pytest.raises(MonitorError) as raised:
        check_dest(str(path))
    assert str(path) in raised.value.message
    assert "does not exist" in raised.value.message
    assert "create it first" in raised.value.message


def test_check_dest_parent_is_file(tmp_path) -> None:
    blocker = tmp_path / "reports"
    blocker.write_text("not a directory\n", encoding="utf-8")
    path = blocker / "sub" / "dataset.json"
    with pytest.raises(MonitorError) as raised:
        check_dest(str(path))
    assert str(path) in raised.value.message
    assert "%s is a file, not a directory" % blocker in raised.value.message


def test_check_dest_is_directory(tmp_path) -> None:
    with pytest.raises(MonitorError) as raised:
        check_dest(str(tmp_path))
    assert "dest %s is a directory" % tmp_path in raised.value.message
    assert str(tmp_path / "dataset.json") in raised.value.message


def test_check_dest_not_writable(tmp_path, monkeypatch) -> None:
    # Tests may run as root, for which access() allows every directory, so access() is replaced.
    monkeypatch.setattr(os, "access", lambda path, flags: False)
    path = tmp_path / "dataset.json"
    with pytest.raises(MonitorError) as raised:
        check_dest(str(path))
    assert str(path) in raised.value.message
    assert "is not writable" in raised.value.message
    assert "make it writable or choose another dest" in raised.value.message


def test_name_too_long_raises_monitor_error(tmp_path) -> None:
    path = tmp_path / ("d" * 300 + ".json")
    with pytest.raises(MonitorError) as raised:
        write_dataset(str(path), dataset(), 0o600)
    assert str(path) in raised.value.message
    assert list(tmp_path.iterdir()) == []
