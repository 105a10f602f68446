# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The execution environment definition: `ansible-builder create` writes a complete context.

No container engine runs here, so the image itself is not built.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import shutil
import subprocess
import tarfile

import yaml

from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import VENV_BIN
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import REPO_ROOT

EE_FILE = REPO_ROOT / "ee" / "execution-environment.yml"


def run(command, cwd):
    completed = subprocess.run([str(part) for part in command], cwd=str(cwd), capture_output=True,
                               text=True, timeout=600, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr
    return completed


def test_builder_create_writes_context(tmp_path) -> None:
    galaxy = yaml.safe_load((REPO_ROOT / "galaxy.yml").read_text(encoding="utf-8"))
    artifact = "%s-%s-%s.tar.gz" % (galaxy["namespace"], galaxy["name"], galaxy["version"])
    definition = yaml.safe_load(EE_FILE.read_text(encoding="utf-8"))
    assert definition["version"] == 3
    assert definition["dependencies"]["galaxy"]["collections"][0]["name"] == (
        "collections/" + artifact)

    # The same layout as the repository: ee/ beside requirements.txt and bindep.txt.
    workdir = tmp_path / "ee"
    workdir.mkdir()
    shutil.copy(EE_FILE, workdir / EE_FILE.name)
    for name in ("requirements.txt", "bindep.txt"):
        shutil.copy(REPO_ROOT / name, tmp_path / name)
    run([VENV_BIN / "ansible-galaxy", "collection", "build", "--force", "--output-path",
         workdir / "collections", REPO_ROOT], tmp_path)

    run([VENV_BIN / "ansible-builder", "create", "-f", EE_FILE.name, "-c", "context",
         "--output-filename", "Containerfile"], workdir)

    context = workdir / "context"
    containerfile = (context / "Containerfile").read_text(encoding="utf-8")
    assert "ansible-galaxy collection install" in containerfile
    assert "introspect.py introspect" in containerfile
    assert "ansible-core>=2.16,<2.20" in containerfile
    build = context / "_build"
    assert (build / "requirements.txt").read_text(encoding="utf-8") == (
        REPO_ROOT / "requirements.txt").read_text(encoding="utf-8")
    assert (build / "bindep.txt").read_text(encoding="utf-8") == (
        REPO_ROOT / "bindep.txt").read_text(encoding="utf-8")
    galaxy_requirements = yaml.safe_load((build / "requirements.yml").read_text(encoding="utf-8"))
    assert galaxy_requirements["collections"] == [
        {"name": "collections/" + artifact, "type": "file"}]

    with tarfile.open(build / "collections" / artifact) as archive:
        manifest = json.load(archive.extractfile("MANIFEST.json"))
        names = archive.getnames()
    assert manifest["collection_info"]["name"] == galaxy["name"]
    assert "meta/execution-environment.yml" in names
    assert "requirements.txt" in names
