# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Start and stop the local simulator of the auth service and the monitoring API."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import List, Optional, Sequence

REPO_ROOT = Path(__file__).resolve().parents[2]
DEFAULT_PYTHON = REPO_ROOT / ".venv" / "bin" / "python"

# Credentials and root tenant that the simulator accepts unless started with other options.
DEMO_CLIENT_ID = "demo-client-id"
DEMO_CLIENT_SECRET = "demo-client-secret"
DEMO_ROOT_TSG_ID = "1000000001"

# The default auth URL ends in this path, and the simulator serves it too.
TOKEN_PATH = "/oauth2/access_token"


class SimulatorError(RuntimeError):
    """The simulator did not start or stopped early."""


def _port_from_ready_file(text: str) -> int:
    """Read the port that the simulator writes to its ready file, as a decimal number."""
    try:
        return int(text.strip())
    except ValueError:
        raise SimulatorError("the simulator's ready file has no port: %r" % text[:200]) from None


class Simulator:
    """One simulator process on 127.0.0.1, started with ``python -m simulator``."""

    def __init__(
        self,
        tenants: int = 12,
        seed: int = 1,
        extra_args: Sequence[str] = (),
        python: Optional[Path] = None,
        startup_timeout: float = 60.0,
    ) -> None:
        self.tenants = tenants
        self.seed = seed
        self.extra_args = list(extra_args)
        self.python = Path(
            python or (DEFAULT_PYTHON if DEFAULT_PYTHON.exists() else sys.executable)
        )
        self.startup_timeout = startup_timeout
        self.port: Optional[int] = None
        self._process: Optional[subprocess.Popen] = None
        self._workdir = Path(tempfile.mkdtemp(prefix="mt-monitor-simulator-"))
        self._stderr_path = self._workdir / "stderr.log"
        self._ready_path = self._workdir / "ready.json"

    @property
    def url(self) -> str:
        if self.port is None:
            raise SimulatorError("the simulator is not running")
        return "http://127.0.0.1:%d" % self.port

    @property
    def auth_url(self) -> str:
        return self.url + TOKEN_PATH

    def command(self) -> List[str]:
        return [
            str(self.python),
            "-m",
            "simulator",
            "--port",
            "0",
            "--ready-file",
            str(self._ready_path),
            "--tenants",
            str(self.tenants),
            "--seed",
            str(self.seed),
        ] + self.extra_args

    def stderr_text(self, limit: int = 4000) -> str:
        if not self._stderr_path.exists():
            return ""
        return self._stderr_path.read_text(encoding="utf-8", errors="replace")[-limit:]

    def start(self) -> "Simulator":
        """Start the process and wait until it writes the ready file."""
        self._workdir.mkdir(parents=True, exist_ok=True)
        with open(self._stderr_path, "wb") as stderr:
            self._process = subprocess.Popen(
                self.command(),
                cwd=str(REPO_ROOT),
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
            )

        deadline = time.monotonic() + self.startup_timeout
        while not self._ready_path.exists():
            code = self._process.poll()
            if code is not None:
                message = (
                    "the simulator exited with code %d before it was ready; command: %s\n"
                    "stderr:\n%s" % (code, " ".join(self.command()), self.stderr_text())
                )
                self.stop()
                raise SimulatorError(message)
            if time.monotonic() > deadline:
                stderr_text = self.stderr_text()
                self.stop()
                raise SimulatorError(
                    "the simulator was not ready after %.0f s; stderr:\n%s"
                    % (self.startup_timeout, stderr_text)
                )
            time.sleep(0.05)

        # The simulator writes the file to a temporary name and renames it, so it is complete.
        self.port = _port_from_ready_file(self._ready_path.read_text())
        return self

    def stop(self, timeout: float = 10.0) -> None:
        """Stop the process: SIGTERM first, SIGKILL when it does not exit in time."""
        process = self._process
        self._process = None
        self.port = None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=timeout)
        shutil.rmtree(self._workdir, ignore_errors=True)

    def connection_environment(
        self,
        client_id: str = DEMO_CLIENT_ID,
        client_secret: str = DEMO_CLIENT_SECRET,
        tsg_id: str = DEMO_ROOT_TSG_ID,
    ) -> dict:
        """Return the PRISMA_SASE_* variables that point every surface at this simulator."""
        return {
            "PRISMA_SASE_AUTH_URL": self.auth_url,
            "PRISMA_SASE_API_URL": self.url,
            "PRISMA_SASE_CLIENT_ID": client_id,
            "PRISMA_SASE_CLIENT_SECRET": client_secret,
            "PRISMA_SASE_TSG_ID": tsg_id,
        }
