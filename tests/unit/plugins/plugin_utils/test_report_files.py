# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import annotations

import errno
import os
import re
import stat
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils import _report_files
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_files import (
    ReportFileError,
    latest_name,
    publish,
)

NOW = datetime(2026, 12, 4, 19, 0, 0, tzinfo=timezone.utc)


def writer_of(data: bytes):
    def render(stream: BinaryIO) -> None:
        stream.write(data)

    return render


def leftover_temporaries(directory: Path) -> list[str]:
    return [name for name in os.listdir(directory) if name.endswith(".tmp")]


def test_publish_writes_both_names(tmp_path: Path) -> None:
    result = publish(str(tmp_path), "compliance", "json", writer_of(b"one"), now=NOW)
    assert result.changed
    assert result.written
    assert Path(result.latest_path).read_bytes() == b"one"
    assert Path(result.path).read_bytes() == b"one"
    assert re.fullmatch(r"compliance-20261204T190000Z-[0-9a-f]{6}\.json",
                        os.path.basename(result.path))
    assert os.path.basename(result.latest_path) == latest_name("compliance", "json")
    assert leftover_temporaries(tmp_path) == []


def test_publish_default_mode_0640(tmp_path: Path) -> None:
    result = publish(str(tmp_path), "r", "json", writer_of(b"x"))
    assert stat.S_IMODE(os.stat(result.latest_path).st_mode) == 0o640
    assert stat.S_IMODE(os.stat(result.path).st_mode) == 0o640


def test_publish_configured_mode(tmp_path: Path) -> None:
    result = publish(str(tmp_path), "r", "json", writer_of(b"x"), mode=0o600)
    assert stat.S_IMODE(os.stat(result.latest_path).st_mode) == 0o600


def test_publish_unchanged_content(tmp_path: Path) -> None:
    first = publish(str(tmp_path), "r", "json", writer_of(b"same"), now=NOW)
    second = publish(str(tmp_path), "r", "json", writer_of(b"same"), now=NOW)
    assert first.changed
    assert not second.changed
    assert not second.written
    assert second.sha256 == first.sha256
    assert len(os.listdir(tmp_path)) == 2


def test_publish_changed_content(tmp_path: Path) -> None:
    publish(str(tmp_path), "r", "json", writer_of(b"old"), now=NOW)
    second = publish(str(tmp_path), "r", "json", writer_of(b"new"), now=NOW)
    assert second.changed
    assert Path(second.latest_path).read_bytes() == b"new"
    assert len(os.listdir(tmp_path)) == 3


def test_publish_same_second_no_collision(tmp_path: Path) -> None:
    paths = set()
    for number in range(30):
        result = publish(str(tmp_path), "r", "json", writer_of(str(number).encode()), now=NOW)
        paths.add(result.path)
    assert len(paths) == 30
    assert len(os.listdir(tmp_path)) == 31


def test_publish_same_suffix_no_overwrite(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    suffixes = iter(["aaaaaa", "aaaaaa", "bbbbbb"])
    monkeypatch.setattr(_report_files.secrets, "token_hex", lambda size: next(suffixes))
    first = publish(str(tmp_path), "r", "json", writer_of(b"first"), now=NOW)
    second = publish(str(tmp_path), "r", "json", writer_of(b"second"), now=NOW)
    assert first.path.endswith("-aaaaaa.json")
    assert second.path.endswith("-bbbbbb.json")
    assert Path(first.path).read_bytes() == b"first"
    assert Path(second.path).read_bytes() == b"second"


def test_publish_failed_render_keeps_old(tmp_path: Path) -> None:
    publish(str(tmp_path), "r", "xlsx", writer_of(b"good report"), now=NOW)

    def broken(stream: BinaryIO) -> None:
        stream.write(b"half a rep")
        raise RuntimeError("renderer failed midway")

    with pytest.raises(RuntimeError, match="midway"):
        publish(str(tmp_path), "r", "xlsx", broken, now=NOW)
    assert (tmp_path / "r-latest.xlsx").read_bytes() == b"good report"
    assert leftover_temporaries(tmp_path) == []
    assert len(os.listdir(tmp_path)) == 2


def test_publish_disk_full(tmp_path: Path) -> None:
    publish(str(tmp_path), "r", "json", writer_of(b"good"), now=NOW)

    def full(stream: BinaryIO) -> None:
        stream.write(b"partial")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(ReportFileError) as raised:
        publish(str(tmp_path), "r", "json", full, now=NOW)
    message = str(raised.value)
    assert "no space left" in message
    assert str(tmp_path / "r-latest.json") in message
    assert "free space" in message
    assert (tmp_path / "r-latest.json").read_bytes() == b"good"
    assert leftover_temporaries(tmp_path) == []


def test_publish_missing_directory(tmp_path: Path) -> None:
    missing = tmp_path / "absent"
    with pytest.raises(ReportFileError) as raised:
        publish(str(missing), "r", "json", writer_of(b"x"))
    assert f"report directory {missing} does not exist" in str(raised.value)
    assert "create it" in str(raised.value)


def test_publish_path_is_file(tmp_path: Path) -> None:
    target = tmp_path / "file"
    target.write_bytes(b"")
    with pytest.raises(ReportFileError, match="is not a directory"):
        publish(str(target), "r", "json", writer_of(b"x"))


def test_publish_read_only_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The tests may run as root, which ignores directory permissions, so the error that a
    # read-only file system gives is raised where the temporary file is created.
    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(_report_files.tempfile, "mkstemp", read_only)
    with pytest.raises(ReportFileError) as raised:
        publish(str(tmp_path), "r", "json", writer_of(b"x"))
    assert "read-only file system" in str(raised.value)
    assert str(tmp_path) in str(raised.value)
    assert "writable directory" in str(raised.value)


def test_publish_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def denied(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(_report_files.tempfile, "mkstemp", denied)
    with pytest.raises(ReportFileError, match="permission denied"):
        publish(str(tmp_path), "r", "json", writer_of(b"x"))


def test_publish_check_mode_writes_nothing(tmp_path: Path) -> None:
    result = publish(str(tmp_path), "r", "json", writer_of(b"planned"), check_mode=True, now=NOW)
    assert result.changed
    assert not result.written
    assert result.content == b"planned"
    assert os.listdir(tmp_path) == []


def test_publish_check_mode_unchanged(tmp_path: Path) -> None:
    publish(str(tmp_path), "r", "json", writer_of(b"same"))
    result = publish(str(tmp_path), "r", "json", writer_of(b"same"), check_mode=True)
    assert not result.changed
    assert len(os.listdir(tmp_path)) == 2


def test_publish_check_mode_missing_directory(tmp_path: Path) -> None:
    result = publish(str(tmp_path / "later"), "r", "json", writer_of(b"x"), check_mode=True)
    assert result.changed
    assert not (tmp_path / "later").exists()


def test_publish_without_hard_links(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(source: str, target: str) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(_report_files.os, "link", no_links)
    result = publish(str(tmp_path), "r", "json", writer_of(b"copied"))
    assert Path(result.path).read_bytes() == b"copied"
    assert stat.S_IMODE(os.stat(result.path).st_mode) == 0o640
    assert leftover_temporaries(tmp_path) == []
