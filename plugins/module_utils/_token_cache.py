# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Access tokens cached per scope, in memory and in private files.

This is a private module: its interface may change between releases. A scope is the triple
(auth_url, client_id, tsg_id) together with the client secret that requests its tokens, so a
changed or revoked secret never reuses a token issued for another one. Files are named after
an HMAC-SHA256 of the scope keyed with the secret, and contain only that digest, the token and
its expiry, so neither the client id nor the client secret is written. Module runs and plugins
on the same controller reuse a token this way.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import hashlib
import hmac
import json
import os
import stat
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Callable, Dict, Iterator, Optional

try:
    import fcntl
except ImportError:  # fcntl is POSIX-only, so elsewhere token requests are not limited across processes.
    fcntl = None  # type: ignore[assignment]

CACHE_DIRECTORY_NAME = "prisma_sase_mt_monitor"

# Seconds between attempts to take a free slot file while all of them are locked.
SLOT_POLL_INTERVAL = 0.02

DebugCallback = Callable[[str], None]


@dataclass(frozen=True)
class CachedToken:
    """An access token and the wall-clock time (epoch seconds) at which it expires."""

    access_token: str
    expires_at: float

    def remaining(self, now: float) -> float:
        """Return the seconds left before expiry at wall-clock time ``now``."""
        return self.expires_at - now

    def __repr__(self) -> str:
        return "CachedToken(access_token=<hidden>, expires_at=%r)" % self.expires_at


def scope_key(auth_url: str, client_id: str, client_secret: str, tsg_id: str) -> str:
    """Return the HMAC-SHA256 hex digest, keyed with the client secret, of one token scope.

    The digest is one-way, so the cache file does not reveal the secret, yet a token cached
    under one secret is never found under another.
    """
    material = f"{auth_url}\0{client_id}\0{tsg_id}".encode()
    return hmac.new(client_secret.encode(), material, hashlib.sha256).hexdigest()


def default_cache_directory() -> str:
    """Return $XDG_CACHE_HOME/prisma_sase_mt_monitor, or ~/.cache/prisma_sase_mt_monitor."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, CACHE_DIRECTORY_NAME)


class TokenCache:
    """Tokens per scope key, kept in memory and, unless ``directory`` is None, in files.

    File problems are never fatal: a missing, corrupt, foreign-owned or unreadable file is
    ignored with a debug message and the caller requests a new token.
    """

    def __init__(
        self,
        directory: Optional[str] = None,
        debug: Optional[DebugCallback] = None,
    ) -> None:
        self.directory = directory
        self._debug = debug
        self._memory: Dict[str, CachedToken] = {}
        self._lock = threading.Lock()

    def get(self, key: str) -> Optional[CachedToken]:
        """Return the cached token of a scope from memory, else from its file, else None."""
        with self._lock:
            token = self._memory.get(key)
        if token is not None:
            return token

        token = self._read_file(key)
        if token is not None:
            with self._lock:
                self._memory[key] = token
        return token

    def put(self, key: str, token: CachedToken) -> None:
        """Store a token in memory and, when a directory is set, in its file."""
        with self._lock:
            self._memory[key] = token
        self._write_file(key, token)

    def discard(self, key: str) -> None:
        """Forget the token of a scope, in memory and on disk."""
        with self._lock:
            self._memory.pop(key, None)
        path = self._path(key)
        if path is None:
            return
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError as exc:
            self._log("could not remove token cache file %s: %s" % (path, exc.strerror))

    def _log(self, message: str) -> None:
        if self._debug is not None:
            self._debug(message)

    def _path(self, key: str) -> Optional[str]:
        if self.directory is None:
            return None
        return os.path.join(self.directory, "%s.json" % key)

    def _read_file(self, key: str) -> Optional[CachedToken]:
        path = self._path(key)
        if path is None:
            return None

        try:
            # O_NOFOLLOW: a symlink planted in place of the cache file is not followed.
            descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return None
        except OSError as exc:
            self._log("ignoring token cache file %s: %s" % (path, exc.strerror))
            return None

        with os.fdopen(descriptor, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or info.st_uid != os.getuid():
                self._log(
                    "ignoring token cache file %s: not a regular file owned by this user" % path
                )
                return None
            if info.st_mode & 0o077:
                self._log("ignoring token cache file %s: readable by other users" % path)
                return None
            raw = handle.read(64 * 1024)

        try:
            content = json.loads(raw.decode("utf-8"))
            token = CachedToken(str(content["access_token"]), float(content["expires_at"]))
            matches = content.get("scope") == key
        except (ValueError, KeyError, TypeError, AttributeError):
            self._log("ignoring token cache file %s: content is not a valid cache entry" % path)
            return None
        if not matches or not token.access_token:
            self._log("ignoring token cache file %s: content is not a valid cache entry" % path)
            return None
        return token

    def _write_file(self, key: str, token: CachedToken) -> None:
        path = self._path(key)
        if path is None or self.directory is None:
            return

        content = json.dumps(
            {"scope": key, "access_token": token.access_token, "expires_at": token.expires_at}
        ).encode("utf-8")
        try:
            self._ensure_directory(self.directory)
            # mkstemp creates the file with mode 0600; os.replace makes the write atomic.
            descriptor, temporary = tempfile.mkstemp(
                dir=self.directory, prefix=".tmp-", suffix=".json"
            )
            try:
                with os.fdopen(descriptor, "wb") as handle:
                    handle.write(content)
                    handle.flush()
                    os.fsync(handle.fileno())
                os.replace(temporary, path)
            except BaseException:
                os.unlink(temporary)
                raise
        except OSError as exc:
            self._log("could not write token cache file %s: %s" % (path, exc.strerror))

    def _ensure_directory(self, directory: str) -> None:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        info = os.lstat(directory)
        if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
            raise OSError(0, "not a directory owned by this user")
        if info.st_mode & 0o077:
            os.chmod(directory, 0o700)


@contextmanager
def process_slot(
    directory: Optional[str],
    count: int,
    debug: Optional[DebugCallback] = None,
    sleep: Callable[[float], None] = time.sleep,
) -> Iterator[None]:
    """Hold one of ``count`` slots shared by every process of this user that uses ``directory``.

    Each slot is an flock on the file ``token-slot-N.lock`` in the cache folder, so ansible-playbook's
    forked workers and module processes together send at most ``count`` token requests at once.
    The kernel drops the lock of a process that dies. Without a directory or fcntl, the block runs
    with no slot. When the folder cannot be created, is not owned by this user, or rejects flock,
    the block runs with no slot and a debug message.
    """
    descriptor = _take_slot(directory, count, debug, sleep)
    try:
        yield
    finally:
        if descriptor is not None:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
            os.close(descriptor)


def _take_slot(
    directory: Optional[str],
    count: int,
    debug: Optional[DebugCallback],
    sleep: Callable[[float], None],
) -> Optional[int]:
    if directory is None or fcntl is None:
        return None
    try:
        os.makedirs(directory, mode=0o700, exist_ok=True)
        info = os.lstat(directory)
    except OSError as exc:
        if debug is not None:
            debug("token requests are not limited across processes: %s: %s" % (directory, exc.strerror))
        return None
    # Another user could hold every slot file of a folder they own and stall the token requests.
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        if debug is not None:
            debug("token requests are not limited across processes: %s is not a directory owned by this user" % directory)
        return None

    while True:
        for number in range(count):
            path = os.path.join(directory, "token-slot-%d.lock" % number)
            try:
                descriptor = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o600)
            except OSError as exc:
                if debug is not None:
                    debug("token requests are not limited across processes: %s: %s" % (path, exc.strerror))
                return None
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(descriptor)
                continue
            except OSError as exc:
                # flock can fail in other ways, such as ENOLCK (see flock(2)), so the block runs without a slot.
                os.close(descriptor)
                if debug is not None:
                    debug("token requests are not limited across processes: %s: %s" % (path, exc.strerror))
                return None
            return descriptor
        sleep(SLOT_POLL_INTERVAL)
