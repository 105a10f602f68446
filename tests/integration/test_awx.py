# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The AWX credential type and playbooks/awx_setup.yml, checked without an AWX."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import subprocess
from pathlib import Path

import yaml
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import (
    DEFAULT_API_URL,
    DEFAULT_AUTH_URL,
    ENV_VARS,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._awx_collection import (
    install_awx_collection,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import (
    COLLECTIONS_PATH,
    VENV_BIN,
    build_environment,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import REPO_ROOT

CREDENTIAL_TYPE = REPO_ROOT / "awx" / "credential_type.yml"
SETUP_PLAYBOOK = REPO_ROOT / "playbooks" / "awx_setup.yml"
VARS_EXAMPLE = REPO_ROOT / "awx" / "awx_setup.vars.example.yml"

TENANTS_PLAYBOOK = """
- hosts: localhost
  gather_facts: false
  tasks:
    - name: Read the hierarchy
      prisma_sase.mt_monitor.tenant_info:
"""


def credential_type():
    return yaml.safe_load(CREDENTIAL_TYPE.read_text(encoding="utf-8"))


def inject(inputs):
    """Render the env injectors as AWX does, with a sandboxed Jinja environment."""
    sandbox = ImmutableSandboxedEnvironment()
    return {name: sandbox.from_string(template).render(**inputs)
            for name, template in credential_type()["injectors"]["env"].items()}


def test_credential_type_inputs() -> None:
    fields = {field["id"]: field for field in credential_type()["inputs"]["fields"]}
    assert sorted(fields) == sorted(["client_id", "client_secret", "tsg_id", "auth_url",
                                     "api_url", "region", "validate_certs"])
    assert fields["client_secret"]["secret"] is True
    assert not any(field.get("secret") for name, field in fields.items() if name != "client_secret")
    assert credential_type()["inputs"]["required"] == ["client_id", "client_secret", "tsg_id"]
    assert fields["auth_url"]["default"] == DEFAULT_AUTH_URL
    assert fields["api_url"]["default"] == DEFAULT_API_URL
    assert fields["validate_certs"]["type"] == "boolean"


def test_credential_type_injects_collection_variables() -> None:
    injected = credential_type()["injectors"]["env"]
    names = {"client_id", "client_secret", "tsg_id", "auth_url", "api_url", "region",
             "validate_certs"}
    assert set(injected) == {ENV_VARS[name] for name in names}
    for name in names:
        assert injected[ENV_VARS[name]] == "{{ %s }}" % name


def test_injected_credential_reaches_module(playbook_runner, simulator) -> None:
    connection = simulator.connection_environment()
    environment = inject({
        "client_id": connection["PRISMA_SASE_CLIENT_ID"],
        "client_secret": connection["PRISMA_SASE_CLIENT_SECRET"],
        "tsg_id": connection["PRISMA_SASE_TSG_ID"],
        "auth_url": connection["PRISMA_SASE_AUTH_URL"],
        "api_url": connection["PRISMA_SASE_API_URL"],
        "region": "auto",
        # AWX renders a boolean input as Python text, so the collection must parse "False".
        "validate_certs": False,
    })
    assert environment["PRISMA_SASE_VALIDATE_CERTS"] == "False"
    run = playbook_runner(TENANTS_PLAYBOOK, connection=environment)
    assert run.rc == 0, run.output()
    assert run.task("Read the hierarchy")["tenants"]


def awx_environment(tmp_path: Path) -> dict:
    extra = install_awx_collection()
    environment = build_environment(tmp_path)
    environment["ANSIBLE_COLLECTIONS_PATH"] = "%s%s%s" % (COLLECTIONS_PATH, os.pathsep, extra)
    environment["PATH"] = "%s%s%s" % (VENV_BIN, os.pathsep, environment.get("PATH", ""))
    return environment


def test_setup_playbook_syntax(tmp_path) -> None:
    completed = subprocess.run(
        [str(VENV_BIN / "ansible-playbook"), "--syntax-check", str(SETUP_PLAYBOOK),
         "-e", "@%s" % VARS_EXAMPLE],
        cwd=str(tmp_path), env=awx_environment(tmp_path), capture_output=True, text=True,
        timeout=300, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_setup_playbook_lint(tmp_path) -> None:
    completed = subprocess.run(
        [str(VENV_BIN / "ansible-lint"), "--offline", "--profile", "production",
         str(SETUP_PLAYBOOK.relative_to(REPO_ROOT)), "awx"],
        cwd=str(REPO_ROOT), env=awx_environment(tmp_path), capture_output=True, text=True,
        timeout=300, check=False)
    assert completed.returncode == 0, completed.stdout + completed.stderr


def test_setup_requires_controller_host(playbook_runner, tmp_path) -> None:
    """With the example's empty values the play stops before any AWX module runs."""
    run = playbook_runner(SETUP_PLAYBOOK, connection={},
                          extra_env={"ANSIBLE_COLLECTIONS_PATH": "%s%s%s" % (
                              COLLECTIONS_PATH, os.pathsep, install_awx_collection())},
                          args=["-e", "@%s" % VARS_EXAMPLE])
    assert run.rc != 0
    assert "Set awx_setup_controller_host" in run.task(
        "Check that the required variables are set")["msg"]
    assert [record["task"] for record in run.results] == [
        "Check that the required variables are set"]
