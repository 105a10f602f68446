# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import errno
import hashlib
import json
import os
import stat
import subprocess
import sys
import time
from pathlib import Path
from typing import List

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils import (
    _token_cache as token_cache_module,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._token_cache import (
    CachedToken,
    TokenCache,
    default_cache_directory,
    process_slot,
    scope_key,
)

CLIENT_ID = "demo-client-id"
CLIENT_SECRET = "PLACEHOLDER-SECRET-K05"
KEY = scope_key("http://127.0.0.1:1/oauth2/access_token", CLIENT_ID, CLIENT_SECRET, "1000000001")
TOKEN = CachedToken("PLACEHOLDER-SECRET-K06", 1_800_000_900.0)


def test_scope_key_separates_scopes() -> None:
    keys = {
        scope_key("http://127.0.0.1:1/a", CLIENT_ID, CLIENT_SECRET, "1000000001"),
        scope_key("http://127.0.0.1:1/b", CLIENT_ID, CLIENT_SECRET, "1000000001"),
        scope_key("http://127.0.0.1:1/a", "other", CLIENT_SECRET, "1000000001"),
        scope_key("http://127.0.0.1:1/a", CLIENT_ID, CLIENT_SECRET, "1000000002"),
        scope_key("http://127.0.0.1:1/a", CLIENT_ID, "PLACEHOLDER-SECRET-K06", "1000000001"),
    }
    assert len(keys) == 5
    assert all(len(key) == 64 for key in keys)


def test_scope_key_hides_secret() -> None:
    assert CLIENT_SECRET not in KEY
    assert CLIENT_SECRET.encode().hex() not in KEY
    # The digest is keyed, so it is not the plain hash of the secret or of the joined parts.
    assert hashlib.sha256(CLIENT_SECRET.encode()).hexdigest() != KEY


def test_cache_misses_under_other_secret(tmp_path: Path) -> None:
    TokenCache(str(tmp_path)).put(KEY, TOKEN)
    other = scope_key(
        "http://127.0.0.1:1/oauth2/access_token", CLIENT_ID, "PLACEHOLDER-SECRET-K06", "1000000001"
    )
    assert TokenCache(str(tmp_path)).get(other) is None
    assert TokenCache(str(tmp_path)).get(KEY) == TOKEN


def test_default_directory_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_directory() == str(tmp_path / "prisma_sase_mt_monitor")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_directory() == str(tmp_path / "home" / ".cache" / "prisma_sase_mt_monitor")


def test_file_private_and_minimal(tmp_path: Path) -> None:
    directory = tmp_path / "cache" / "prisma_sase_mt_monitor"
    TokenCache(str(directory)).put(KEY, TOKEN)

    path = directory / ("%s.json" % KEY)
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    content = json.loads(path.read_text())
    assert content == {
        "scope": KEY,
        "access_token": TOKEN.access_token,
        "expires_at": TOKEN.expires_at,
    }
    assert CLIENT_ID not in path.read_text()
    assert os.listdir(directory) == [path.name]


def test_file_read_by_new_instance(tmp_path: Path) -> None:
    TokenCache(str(tmp_path)).put(KEY, TOKEN)
    assert TokenCache(str(tmp_path)).get(KEY) == TOKEN


def test_token_repr_hides_value() -> None:
    assert TOKEN.access_token not in repr(TOKEN)


def test_memory_only_without_directory() -> None:
    cache = TokenCache(None)
    cache.put(KEY, TOKEN)
    assert cache.get(KEY) == TOKEN
    cache.discard(KEY)
    assert cache.get(KEY) is None


def test_discard_removes_file(tmp_path: Path) -> None:
    cache = TokenCache(str(tmp_path))
    cache.put(KEY, TOKEN)
    cache.discard(KEY)
    assert not (tmp_path / ("%s.json" % KEY)).exists()
    assert TokenCache(str(tmp_path)).get(KEY) is None


def write_entry(directory: Path, text: str, mode: int = 0o600) -> Path:
    path = directory / ("%s.json" % KEY)
    path.write_text(text)
    os.chmod(path, mode)
    return path


@pytest.mark.parametrize(
    "text",
    [
        "{not json",
        "[]",
        '{"scope": "%s"}' % KEY,
        '{"scope": "other", "access_token": "t", "expires_at": 1}',
        '{"scope": "%s", "access_token": "", "expires_at": 1}' % KEY,
        '{"scope": "%s", "access_token": "t", "expires_at": "later"}' % KEY,
    ],
)
def test_corrupt_file_ignored_with_debug(tmp_path: Path, text: str) -> None:
    write_entry(tmp_path, text)
    debug: List[str] = []
    assert TokenCache(str(tmp_path), debug=debug.append).get(KEY) is None
    assert len(debug) == 1
    assert "ignoring token cache file" in debug[0]


def test_file_readable_by_others_ignored(tmp_path: Path) -> None:
    write_entry(tmp_path, json.dumps({"scope": KEY, "access_token": "t", "expires_at": 1}), 0o644)
    debug: List[str] = []
    assert TokenCache(str(tmp_path), debug=debug.append).get(KEY) is None
    assert "readable by other users" in debug[0]


@pytest.mark.skipif(os.geteuid() != 0, reason="changing a file's owner needs root")
def test_foreign_owned_file_ignored(tmp_path: Path) -> None:
    path = write_entry(tmp_path, json.dumps({"scope": KEY, "access_token": "t", "expires_at": 1}))
    os.chown(path, 65534, 65534)
    debug: List[str] = []
    assert TokenCache(str(tmp_path), debug=debug.append).get(KEY) is None
    assert "not a regular file owned by this user" in debug[0]


def test_symlink_not_followed(tmp_path: Path) -> None:
    target = tmp_path / "elsewhere.json"
    target.write_text(json.dumps({"scope": KEY, "access_token": "t", "expires_at": 1}))
    os.chmod(target, 0o600)
    (tmp_path / ("%s.json" % KEY)).symlink_to(target)
    debug: List[str] = []
    assert TokenCache(str(tmp_path), debug=debug.append).get(KEY) is None
    assert len(debug) == 1


def test_unwritable_directory_only_logs(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-directory"
    blocker.write_text("")
    debug: List[str] = []
    cache = TokenCache(str(blocker / "cache"), debug=debug.append)
    cache.put(KEY, TOKEN)
    assert cache.get(KEY) == TOKEN
    assert "could not write token cache file" in debug[0]


def test_loose_directory_mode_tightened(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    directory.mkdir(mode=0o755)
    os.chmod(directory, 0o755)
    TokenCache(str(directory)).put(KEY, TOKEN)
    assert stat.S_IMODE(os.stat(directory).st_mode) == 0o700


def test_process_slot_limits_holders(tmp_path) -> None:
    waits = []

    def reject_wait(seconds: float) -> None:
        waits.append(seconds)
        raise TimeoutError("no free slot")

    with process_slot(str(tmp_path), 2):
        with process_slot(str(tmp_path), 2), pytest.raises(TimeoutError), process_slot(str(tmp_path), 2, sleep=reject_wait):
            pass
        with process_slot(str(tmp_path), 2, sleep=reject_wait):
            pass

    assert len(waits) == 1
    assert sorted(path.name for path in tmp_path.iterdir()) == ["token-slot-0.lock", "token-slot-1.lock"]
    assert stat.S_IMODE(os.stat(tmp_path / "token-slot-0.lock").st_mode) == 0o600


# Locks the slot file argv[1] in another process and creates argv[2] once the lock is taken.
HOLD_LOCK_SCRIPT = """
import fcntl, os, sys, time
descriptor = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(descriptor, fcntl.LOCK_EX)
open(sys.argv[2], "w").close()
time.sleep(30)
"""


def test_process_slot_across_processes(tmp_path) -> None:
    ready = tmp_path / "ready"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            HOLD_LOCK_SCRIPT,
            str(tmp_path / "token-slot-0.lock"),
            str(ready),
        ]
    )
    try:
        for _attempt in range(500):
            if ready.exists():
                break
            time.sleep(0.01)
        assert ready.exists(), "the lock holder process did not start within 5 s"

        def reject_wait(seconds: float) -> None:
            raise TimeoutError("no free slot")

        with pytest.raises(TimeoutError), process_slot(str(tmp_path), 1, sleep=reject_wait):
            pass
    finally:
        holder.kill()
        holder.wait()

    # The kernel released the lock of the killed holder, so the slot is free again.
    with process_slot(str(tmp_path), 1):
        pass


def test_process_slot_without_directory() -> None:
    with process_slot(None, 1), process_slot(None, 1):
        pass


def test_process_slot_symlinked_directory(tmp_path) -> None:
    target = tmp_path / "target"
    target.mkdir()
    link = tmp_path / "link"
    link.symlink_to(target)
    messages: List[str] = []

    with process_slot(str(link), 1, debug=messages.append):
        pass

    assert len(messages) == 1
    assert "not a directory owned by this user" in messages[0]
    assert list(target.iterdir()) == []


def test_process_slot_flock_unsupported(tmp_path, monkeypatch) -> None:
    def reject_flock(descriptor: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, os.strerror(errno.ENOLCK))

    monkeypatch.setattr(token_cache_module.fcntl, "flock", reject_flock)
    messages: List[str] = []

    with process_slot(str(tmp_path), 1, debug=messages.append):
        pass

    assert len(messages) == 1
    assert "token-slot-0.lock" in messages[0]
