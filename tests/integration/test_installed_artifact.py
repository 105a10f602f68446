# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The collection as a user installs it: built artifact, fresh virtual environment, own folder.

The virtual environment gets ansible-core (the version pinned for development) and
requirements.txt from the package index; the collection comes only from the built tarball.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
import re
import subprocess
import sys

import yaml

from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import (
    VENV_BIN,
    build_environment,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import REPO_ROOT


def run(command, cwd, env=None):
    completed = subprocess.run([str(part) for part in command], cwd=str(cwd), env=env,
                               capture_output=True, text=True, timeout=900, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed


def user_environment() -> dict:
    """Return this process's environment without the repository's collection and import paths.

    make exports ANSIBLE_COLLECTIONS_PATH pointing at a link to this checkout; with it set,
    ansible-galaxy finds the collection "already installed" and installs nothing.
    """
    environment = dict(os.environ)
    for name in ("ANSIBLE_COLLECTIONS_PATH", "ANSIBLE_COLLECTIONS_PATHS", "PYTHONPATH"):
        environment.pop(name, None)
    return environment


def pinned_ansible_core() -> str:
    text = (REPO_ROOT / "requirements-dev.txt").read_text(encoding="utf-8")
    return re.search(r"^ansible-core==\S+$", text, re.MULTILINE).group(0)


def test_installed_artifact_runs_main_job(tmp_path, simulator) -> None:
    galaxy = yaml.safe_load((REPO_ROOT / "galaxy.yml").read_text(encoding="utf-8"))
    run([VENV_BIN / "ansible-galaxy", "collection", "build", "--force", "--output-path",
         tmp_path / "dist", REPO_ROOT], tmp_path)
    artifact = tmp_path / "dist" / ("%s-%s-%s.tar.gz" % (
        galaxy["namespace"], galaxy["name"], galaxy["version"]))
    assert artifact.is_file()

    venv = tmp_path / "venv"
    run([sys.executable, "-m", "venv", venv], tmp_path)
    pip = [venv / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check"]
    run(pip + [pinned_ansible_core(), "-r", REPO_ROOT / "requirements.txt"], tmp_path,
        user_environment())

    collections = tmp_path / "collections"
    run([venv / "bin" / "ansible-galaxy", "collection", "install", "--offline", "-p", collections,
         artifact], tmp_path, user_environment())
    installed = collections / "ansible_collections" / galaxy["namespace"] / galaxy["name"]
    assert (installed / "MANIFEST.json").is_file()
    assert not installed.is_symlink()

    # A user's own folder outside the repository, with the playbook taken from the install.
    workdir = tmp_path / "user"
    environment = build_environment(workdir, simulator.connection_environment())
    environment["ANSIBLE_COLLECTIONS_PATH"] = str(collections)
    environment["PATH"] = "%s%s%s" % (venv / "bin", os.pathsep, environment.get("PATH", ""))
    environment.pop("PYTHONPATH", None)
    reports = workdir / "reports"
    completed = run([venv / "bin" / "ansible-playbook", "-i", "localhost,",
                     installed / "playbooks" / "compliance_report.yml",
                     "-e", "compliance_report_output_dir=%s" % reports], workdir, environment)
    assert "failed=0" in completed.stdout

    for suffix in ("xlsx", "html", "xml", "json"):
        assert (reports / ("compliance-latest.%s" % suffix)).is_file()
    report = json.loads((reports / "compliance-latest.json").read_text(encoding="utf-8"))
    assert report["results"]["results"]
    assert report["dataset"]["versions"]["collection"] == galaxy["version"]
    assert str(REPO_ROOT) not in json.dumps(report["dataset"]["versions"])
