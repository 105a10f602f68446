# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import socket

from ansible.module_utils.common.parameters import remove_values

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._facts_controller import (
    mask_result,
    may_contain,
    run_on_controller,
    task_environment,
)

SECRET = "PLACEHOLDER-SECRET-K05"
MASK = "VALUE_SPECIFIED_IN_NO_LOG_PARAMETER"
CONNECTION = {
    "PRISMA_SASE_CLIENT_ID": "demo-client-id",
    "PRISMA_SASE_CLIENT_SECRET": SECRET,
    "PRISMA_SASE_TSG_ID": "1000000001",
}


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return "http://127.0.0.1:%d" % port


def test_may_contain_absent_secret() -> None:
    facts = {"rows": [{"name": "Acme", "count": 3, "ok": True, "none": None}]}

    assert may_contain(facts, [SECRET]) is False
    assert may_contain(facts, []) is False


def test_may_contain_finds_nested_string() -> None:
    facts = {"rows": [{"note": "token was %s here" % SECRET}]}

    assert may_contain(facts, [SECRET]) is True


def test_may_contain_finds_escaped_characters() -> None:
    secret = 'a"b\\c\nd\u00e9'
    facts = {"rows": [{"note": "x%sy" % secret}]}

    assert may_contain(facts, [secret]) is True
    assert remove_values(facts, [secret]) != facts


def test_may_contain_finds_numbers() -> None:
    assert may_contain({"count": 123456789}, ["345"]) is True
    assert may_contain({"ratio": 0.25}, ["0.25"]) is True


def test_may_contain_infinity_text() -> None:
    # remove_values compares str(float("-inf")), which is "-inf", not JSON's "-Infinity".
    assert may_contain({"value": float("-inf")}, ["inf"]) is True


def test_mask_result_keeps_clean_facts() -> None:
    facts = {"mt_monitor": {"rows": [{"name": "Acme"}]}}
    result = {"msg": "used %s" % SECRET, "ansible_facts": facts}

    masked = mask_result(result, [SECRET])

    assert masked["ansible_facts"] is facts
    assert masked["msg"] == "used ********"


def test_mask_result_masks_facts_with_secret() -> None:
    result = {"ansible_facts": {"mt_monitor": {"rows": [{"note": SECRET}, {"note": "x%sy" % SECRET}]}}}

    masked = mask_result(result, [SECRET])

    assert masked["ansible_facts"]["mt_monitor"]["rows"] == [{"note": MASK}, {"note": "x********y"}]


def test_task_environment_restores(monkeypatch) -> None:
    name = "PRISMA_SASE_TEST_ONLY_VARIABLE"
    monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PRISMA_SASE_TIMEOUT", "30")

    with task_environment({name: 5, "PRISMA_SASE_TIMEOUT": "2"}):
        assert os.environ[name] == "5"
        assert os.environ["PRISMA_SASE_TIMEOUT"] == "2"

    assert name not in os.environ
    assert os.environ["PRISMA_SASE_TIMEOUT"] == "30"


def test_unsupported_option_fails() -> None:
    result = run_on_controller({"bogus": 1}, check_mode=False, environment=CONNECTION)

    assert result["failed"] is True
    assert result["msg"].startswith("Unsupported parameters for (prisma_sase.mt_monitor.monitor_facts) module: bogus.")
    assert result["invocation"]["module_args"]["client_secret"] == MASK


def test_wrong_type_fails() -> None:
    result = run_on_controller({"max_retries": "abc"}, check_mode=False, environment=CONNECTION)

    assert result["failed"] is True
    assert "max_retries" in result["msg"]
    assert "error" not in result


def test_missing_credentials_named_by_environment() -> None:
    environment = dict(CONNECTION, PRISMA_SASE_CLIENT_SECRET="")
    result = run_on_controller({}, check_mode=False, environment=environment)

    assert result["failed"] is True
    assert "PRISMA_SASE_CLIENT_SECRET" in result["msg"]
    assert "error" not in result


def test_invalid_scope_has_error() -> None:
    result = run_on_controller({"tenant_tsg_id": "12"}, check_mode=False, environment=CONNECTION)

    assert result["failed"] is True
    assert result["error"]["kind"] == "invalid_input"
    assert "'12'" in result["msg"]


def test_unreachable_api_masks_secret() -> None:
    url = closed_port_url()
    environment = dict(CONNECTION, PRISMA_SASE_AUTH_URL=url + "/oauth2/access_token", PRISMA_SASE_API_URL=url)
    result = run_on_controller(
        {"max_retries": 0, "timeout": 2, "operations": ["license.quota"]}, check_mode=False, environment=environment
    )

    assert result["failed"] is True
    assert result["error"]["operation"] == "tenant.hierarchy"
    assert SECRET not in repr(result)
    assert result["invocation"]["module_args"]["auth_url"] == url + "/oauth2/access_token"
