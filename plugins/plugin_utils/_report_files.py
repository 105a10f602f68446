# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Atomic, collision-free writing of report files.

This is a private module: its interface may change between releases.

Each format is published under two names in the report directory:
`<stem>-<YYYYmmddTHHMMSSZ>-<6 hex digits>.<ext>`, a copy kept per run, and
`<stem>-latest.<ext>`, a stable name that always points at the newest content. A renderer
writes into a temporary file in the same directory. The file is synced and then renamed, so a
reader sees either the old report or the new one, never a partial file. When the new bytes
equal the current latest file, nothing is written and the result reports `changed=False`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import errno
import hashlib
import io
import os
import secrets
import tempfile
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import BinaryIO, Callable

DEFAULT_MODE = 0o640
LATEST_SUFFIX = "latest"
_CHUNK_SIZE = 1024 * 1024
_NAME_ATTEMPTS = 20

# A function that writes the whole report into a binary file object.
Renderer = Callable[[BinaryIO], None]


class ReportFileError(Exception):
    """A report file could not be written, with the path and the fix in the message."""

    def __init__(self, message: str, path: str) -> None:
        super().__init__(message)
        self.message = message
        self.path = path


@dataclass(frozen=True)
class WriteResult:
    """Outcome of publishing one report file."""

    path: str
    latest_path: str
    changed: bool
    written: bool
    size: int
    sha256: str
    content: bytes | None = None

    def as_dict(self) -> dict[str, object]:
        """Describe the outcome for module results, without the content."""
        return {
            "path": self.path,
            "latest_path": self.latest_path,
            "changed": self.changed,
            "written": self.written,
            "size": self.size,
            "sha256": self.sha256,
        }


def run_name(stem: str, extension: str, now: datetime | None = None) -> str:
    """Return a per-run file name: stem, UTC timestamp to the second and a random suffix.

    The 24-bit suffix makes two runs that start in the same second pick different names,
    and `publish` still creates the file exclusively in case two suffixes ever match.
    """
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
    return f"{stem}-{moment:%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}.{extension}"


def latest_name(stem: str, extension: str) -> str:
    """Return the stable file name that contains the newest report of a format."""
    return f"{stem}-{LATEST_SUFFIX}.{extension}"


def _error_for(error: OSError, action: str, path: str) -> ReportFileError:
    """Translate an OSError into a message that names the path and the fix."""
    directory = os.path.dirname(path) or "."
    code = error.errno
    if code == errno.ENOENT:
        message = (f"report directory {directory} does not exist; create it or set the "
                   f"report directory option to an existing directory")
    elif code == errno.ENOSPC or code == errno.EDQUOT:
        message = (f"no space left on the device while {action} {path}; free space on that "
                   f"file system or set the report directory option to another one")
    elif code == errno.EROFS:
        message = (f"report directory {directory} is on a read-only file system, so {action} "
                   f"{path} failed; set the report directory option to a writable directory")
    elif code in (errno.EACCES, errno.EPERM):
        message = (f"permission denied while {action} {path}; make {directory} writable for "
                   f"the user that runs Ansible on the controller or choose another directory")
    else:
        message = f"{action} {path} failed: {error.strerror or error}"
    return ReportFileError(message, path)


def _check_directory(directory: str) -> None:
    if not os.path.isdir(directory):
        if os.path.exists(directory):
            raise ReportFileError(
                f"report directory {directory} is not a directory; set the report directory "
                f"option to a directory", directory)
        raise _error_for(OSError(errno.ENOENT, "not found"), "writing", os.path.join(directory, "x"))


def _same_content(path: str, digest: str, size: int) -> bool:
    """Return True when the file at `path` has exactly `size` bytes with SHA-256 `digest`."""
    try:
        if os.path.getsize(path) != size:
            return False
        return _sha256_of_file(path) == digest
    except FileNotFoundError:
        return False


def _sha256_of_file(path: str) -> str:
    hasher = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(_CHUNK_SIZE), b""):
            hasher.update(chunk)
    return hasher.hexdigest()


def _fsync_directory(directory: str) -> None:
    # Syncing the directory makes the rename itself durable. Some file systems do not
    # support opening a directory, which only weakens durability, so that error is ignored.
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)


def _remove_quietly(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def _link_run_copy(source: str, directory: str, stem: str, extension: str,
                   now: datetime | None) -> str:
    """Create the per-run name as a hard link to `source`, or a copy where links fail.

    Both ways create the name exclusively, so an existing file is never replaced.
    """
    for _attempt in range(_NAME_ATTEMPTS):
        target = os.path.join(directory, run_name(stem, extension, now))
        try:
            os.link(source, target)
            return target
        except FileExistsError:
            continue
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.EXDEV, errno.ENOTSUP, errno.EMLINK):
                raise _error_for(error, "writing", target) from None
        try:
            _copy_exclusive(source, target)
            return target
        except FileExistsError:
            continue
    raise ReportFileError(
        f"could not find a free file name for {stem}.{extension} in {directory} after "
        f"{_NAME_ATTEMPTS} attempts; remove old reports from that directory", directory)


def _copy_exclusive(source: str, target: str) -> None:
    mode = os.stat(source).st_mode & 0o777
    descriptor = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(descriptor, "wb") as output, open(source, "rb") as data:
            for chunk in iter(lambda: data.read(_CHUNK_SIZE), b""):
                output.write(chunk)
            output.flush()
            os.fsync(output.fileno())
    except OSError as error:
        _remove_quietly(target)
        if isinstance(error, FileExistsError):
            raise
        raise _error_for(error, "writing", target) from None


def render_to_bytes(render: Renderer) -> bytes:
    """Run `render` into memory and return the bytes it wrote."""
    buffer = io.BytesIO()
    render(buffer)
    return buffer.getvalue()


def publish(directory: str, stem: str, extension: str, render: Renderer, *,
            mode: int = DEFAULT_MODE, check_mode: bool = False,
            now: datetime | None = None) -> WriteResult:
    """Write one report atomically under a per-run name and the stable latest name.

    `render` writes the report into a binary file object. When it raises, the existing
    report stays as it was, the temporary file is removed and the exception propagates.
    In check mode the report is rendered into memory and returned in `content`, and no
    file is created. OS errors become `ReportFileError` with the path and the fix.
    """
    latest_path = os.path.join(directory, latest_name(stem, extension))

    if check_mode:
        content = render_to_bytes(render)
        digest = hashlib.sha256(content).hexdigest()
        changed = not _same_content(latest_path, digest, len(content))
        planned = os.path.join(directory, run_name(stem, extension, now)) if changed else latest_path
        return WriteResult(planned, latest_path, changed, False, len(content), digest, content)

    _check_directory(directory)
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{stem}-", suffix=f".{extension}.tmp",
                                                 dir=directory)
    except OSError as error:
        raise _error_for(error, "creating a temporary file for", latest_path) from None

    try:
        with os.fdopen(descriptor, "w+b") as stream:
            os.fchmod(stream.fileno(), mode)
            render(stream)
            stream.flush()
            os.fsync(stream.fileno())
            size = stream.tell()

        digest = _sha256_of_file(temporary)
        if _same_content(latest_path, digest, size):
            _remove_quietly(temporary)
            return WriteResult(latest_path, latest_path, False, False, size, digest)

        run_path = _link_run_copy(temporary, directory, stem, extension, now)
        os.replace(temporary, latest_path)
    except OSError as error:
        _remove_quietly(temporary)
        raise _error_for(error, "writing", latest_path) from None
    except BaseException:
        _remove_quietly(temporary)
        raise

    _fsync_directory(directory)
    return WriteResult(run_path, latest_path, True, True, size, digest)
