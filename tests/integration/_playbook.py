# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Run real ansible-playbook processes against the collection and parse their results."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import REPO_ROOT

VENV_BIN = REPO_ROOT / ".venv" / "bin"
COLLECTIONS_PATH = REPO_ROOT / ".build" / "collections"
CALLBACK_DIR = Path(__file__).resolve().parent / "callback_plugins"

# Variables removed from the inherited environment, so that no run reaches a real service
# through credentials, proxies or Ansible settings of the machine.
_INHERITED_PREFIXES = ("PRISMA_SASE_", "ANSIBLE_", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


@dataclass
class PlaybookRun:
    """Outcome of one ansible-playbook process."""

    rc: int
    stdout: str
    stderr: str
    results: List[Dict[str, Any]]
    command: List[str] = field(default_factory=list)

    def task(self, name: str) -> Dict[str, Any]:
        """Return the result of the only run of the task called ``name``."""
        matches = [record for record in self.results if record["task"] == name]
        if len(matches) != 1:
            raise AssertionError(
                "expected one result for task %r, found %d; tasks: %s\n%s"
                % (name, len(matches), [record["task"] for record in self.results], self.output())
            )
        return matches[0]["result"]

    def output(self) -> str:
        """Return stdout and stderr together, for assertion messages."""
        return "rc=%d\n--- stdout ---\n%s\n--- stderr ---\n%s" % (self.rc, self.stdout, self.stderr)


def _clean_environment() -> Dict[str, str]:
    environment = {}
    for name, value in os.environ.items():
        if name.upper().startswith(_INHERITED_PREFIXES):
            continue
        environment[name] = value
    return environment


def build_environment(
    workdir: Path,
    connection: Optional[Mapping[str, str]] = None,
    extra: Optional[Mapping[str, str]] = None,
) -> Dict[str, str]:
    """Return the environment of an isolated ansible-playbook run in ``workdir``."""
    for name in ("home", "tmp", "cache"):
        (workdir / name).mkdir(parents=True, exist_ok=True)

    config = workdir / "ansible.cfg"
    if not config.exists():
        config.write_text("[defaults]\n", encoding="utf-8")

    environment = _clean_environment()
    environment.update(
        {
            "ANSIBLE_CONFIG": str(config),
            "ANSIBLE_HOME": str(workdir / "home"),
            "ANSIBLE_LOCAL_TEMP": str(workdir / "tmp"),
            "ANSIBLE_REMOTE_TEMP": str(workdir / "tmp"),
            "ANSIBLE_COLLECTIONS_PATH": str(COLLECTIONS_PATH),
            "ANSIBLE_CALLBACK_PLUGINS": str(CALLBACK_DIR),
            "ANSIBLE_CALLBACKS_ENABLED": "record_results",
            "ANSIBLE_NOCOLOR": "1",
            "ANSIBLE_RETRY_FILES_ENABLED": "0",
            "ANSIBLE_DEPRECATION_WARNINGS": "1",
            "MT_MONITOR_TEST_RESULTS": str(workdir / "results.json"),
            "XDG_CACHE_HOME": str(workdir / "cache"),
            "NO_PROXY": "127.0.0.1,localhost",
            "no_proxy": "127.0.0.1,localhost",
            "PYTHONDONTWRITEBYTECODE": "1",
        }
    )
    environment.update(connection or {})
    environment.update(extra or {})
    return environment


def write_inventory(workdir: Path) -> Path:
    """Write a localhost inventory whose modules run on the virtual environment's Python."""
    python = VENV_BIN / "python"
    inventory = workdir / "inventory.ini"
    inventory.write_text(
        "localhost ansible_connection=local ansible_python_interpreter=%s\n" % python,
        encoding="utf-8",
    )
    return inventory


def run_playbook(
    playbook: Union[str, Path],
    workdir: Path,
    connection: Optional[Mapping[str, str]] = None,
    extra_env: Optional[Mapping[str, str]] = None,
    args: Sequence[str] = (),
    timeout: float = 600.0,
) -> PlaybookRun:
    """Run ``ansible-playbook`` on a playbook file, or on YAML text written to ``workdir``.

    ``connection`` contains the PRISMA_SASE_* variables. ``args`` are extra command line
    arguments such as ``--check`` or ``-vvv``.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    if isinstance(playbook, Path):
        playbook_path = playbook
    else:
        playbook_path = workdir / "playbook.yml"
        playbook_path.write_text(playbook, encoding="utf-8")

    results_path = workdir / "results.json"
    if results_path.exists():
        results_path.unlink()

    command = [
        str(VENV_BIN / "ansible-playbook"),
        "-i",
        str(write_inventory(workdir)),
        str(playbook_path),
    ] + list(args)
    completed = subprocess.run(
        command,
        cwd=str(workdir),
        env=build_environment(workdir, connection, extra_env),
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )

    results: List[Dict[str, Any]] = []
    if results_path.exists():
        results = json.loads(results_path.read_text(encoding="utf-8"))
    return PlaybookRun(completed.returncode, completed.stdout, completed.stderr, results, command)
