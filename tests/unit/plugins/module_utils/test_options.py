# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from typing import Any, Dict, List, Optional

import pytest
from ansible.module_utils import basic
from ansible.module_utils.common.text.converters import to_bytes

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import (
    DEFAULT_API_URL,
    DEFAULT_AUTH_URL,
    ENV_VARS,
    OPTION_NAMES,
    build_settings,
    connection_argument_spec,
    parse_bool,
    settings_from_module,
    settings_from_plugin,
)

SECRET = "PLACEHOLDER-SECRET-K05"
TOKEN = "PLACEHOLDER-SECRET-K06"


def base_values(**overrides: Any) -> Dict[str, Any]:
    values: Dict[str, Any] = {
        "tsg_id": "1000000001",
        "client_id": "demo-client-id",
        "client_secret": SECRET,
    }
    values.update(overrides)
    return values


def invalid_message(**overrides: Any) -> str:
    with pytest.raises(InvalidInputError) as info:
        build_settings(base_values(**overrides))
    assert SECRET not in info.value.message
    return info.value.message


def test_defaults_applied() -> None:
    settings = build_settings(base_values())
    assert settings.auth_url == DEFAULT_AUTH_URL
    assert settings.api_url == DEFAULT_API_URL
    assert settings.regions == ("auto",)
    assert settings.validate_certs is True
    assert settings.ca_path is None
    assert settings.timeout == 30.0
    assert settings.max_retries == 5
    assert settings.max_concurrency == 8
    assert settings.verify is True


def test_settings_repr_hides_secrets() -> None:
    settings = build_settings(base_values(access_token=TOKEN))
    assert SECRET not in repr(settings)
    assert TOKEN not in repr(settings)
    assert settings.secrets == (SECRET, TOKEN)


@pytest.mark.parametrize("value", [1000000001, " 1000000001 "])
def test_tsg_id_accepted(value: Any) -> None:
    assert build_settings(base_values(tsg_id=value)).tsg_id == "1000000001"


@pytest.mark.parametrize("value", ["100000000", "10000000011", "10000000a1", 123, True])
def test_tsg_id_must_be_ten_digits(value: Any) -> None:
    message = invalid_message(tsg_id=value)
    assert "tsg_id %r is invalid" % (value,) in message
    assert "10 digits" in message


def test_tsg_id_missing_names_variable() -> None:
    message = invalid_message(tsg_id=None)
    assert "missing tsg_id" in message
    assert "PRISMA_SASE_TSG_ID" in message


def test_missing_secret_names_options_and_variables() -> None:
    message = invalid_message(client_secret=None)
    assert "client_secret (PRISMA_SASE_CLIENT_SECRET)" in message
    assert "client_id (" not in message
    assert "PRISMA_SASE_ACCESS_TOKEN" in message
    assert "demo-client-id" not in message


def test_missing_both_credentials_named() -> None:
    message = invalid_message(client_id="", client_secret=None)
    assert "client_id (PRISMA_SASE_CLIENT_ID)" in message
    assert "client_secret (PRISMA_SASE_CLIENT_SECRET)" in message


def test_access_token_alone_is_enough() -> None:
    settings = build_settings({"tsg_id": "1000000001", "access_token": TOKEN})
    assert settings.access_token == TOKEN
    assert settings.client_id is None


@pytest.mark.parametrize(
    "text, expected",
    [
        ("false", False),
        ("0", False),
        ("no", False),
        ("off", False),
        ("False", False),
        ("true", True),
        ("1", True),
        ("yes", True),
        ("on", True),
        (" YES ", True),
        (True, True),
        (0, False),
    ],
)
def test_boolean_strings_parsed(text: Any, expected: bool) -> None:
    assert parse_bool(text, "validate_certs") is expected
    settings = build_settings(base_values(validate_certs=text))
    assert settings.validate_certs is expected


def test_boolean_garbage_rejected() -> None:
    message = invalid_message(validate_certs="maybe")
    assert "validate_certs 'maybe' is not a boolean" in message


def test_verify_follows_validate_certs_and_ca_path(tmp_path: Any) -> None:
    bundle = tmp_path / "ca.pem"
    bundle.write_text("not read here")
    assert build_settings(base_values(validate_certs="false")).verify is False
    assert build_settings(base_values(ca_path=str(bundle))).verify == str(bundle)
    assert build_settings(base_values(ca_path=str(bundle), validate_certs=False)).verify is False


def test_ca_path_must_exist(tmp_path: Any) -> None:
    missing = str(tmp_path / "absent.pem")
    message = invalid_message(ca_path=missing)
    assert missing in message
    assert "does not exist" in message


@pytest.mark.parametrize(
    "name, value, fragment",
    [
        ("timeout", 0, "above 0"),
        ("timeout", -1, "above 0"),
        ("timeout", "soon", "'soon' is not a number"),
        ("max_retries", 21, "max_retries 21 is out of range; pass a value from 0 to 20"),
        ("max_retries", -1, "from 0 to 20"),
        ("max_retries", 2.5, "not a whole number"),
        ("max_concurrency", 0, "max_concurrency 0 is out of range; pass a value from 1 to 64"),
        ("max_concurrency", 65, "from 1 to 64"),
        ("max_concurrency", True, "not a number"),
    ],
)
def test_numbers_validated(name: str, value: Any, fragment: str) -> None:
    assert fragment in invalid_message(**{name: value})


def test_numbers_from_strings() -> None:
    settings = build_settings(base_values(timeout="2.5", max_retries="0", max_concurrency="64"))
    assert settings.timeout == 2.5
    assert settings.max_retries == 0
    assert settings.max_concurrency == 64


@pytest.mark.parametrize(
    "url, fragment",
    [
        ("ftp://auth.example.test/token", "has the scheme 'ftp'"),
        ("https:///oauth2/access_token", "has no host"),
        ("auth.example.test/token", "has the scheme ''"),
        ("http://127.0.0.1:port/token", "not a valid URL"),
        ("", "is empty"),
    ],
)
def test_urls_validated(url: str, fragment: str) -> None:
    message = invalid_message(auth_url=url)
    assert message.startswith("auth_url")
    assert fragment in message


def test_url_with_credentials_rejected_without_echoing_them() -> None:
    message = invalid_message(api_url="https://user:%s@127.0.0.1:8443/api" % SECRET)
    assert "contains credentials" in message
    assert "https://127.0.0.1:8443/api" in message
    assert "user" not in message.split("contains")[0]


def test_api_url_trailing_slash_removed() -> None:
    assert (
        build_settings(base_values(api_url="http://127.0.0.1:9/")).api_url == "http://127.0.0.1:9"
    )


def test_regions_parsed_from_list_and_string() -> None:
    warnings: List[str] = []
    settings = build_settings(base_values(region="Europe, ch"), warn=warnings.append)
    assert settings.regions == ("europe", "ch")
    assert len(warnings) == 1
    assert build_settings(base_values(region=["UK"])).regions == ("uk",)


def test_region_invalid_rejected() -> None:
    assert "pass one of them or 'auto'" in invalid_message(region=["us-east"])


def test_region_map_from_dict_and_string() -> None:
    from_dict = build_settings(base_values(region_map={"CH01": "CH"}))
    assert dict(from_dict.region_map) == {"ch01": "ch"}
    from_string = build_settings(base_values(region_map="ch01=ch, us02=americas"))
    assert dict(from_string.region_map) == {"ch01": "ch", "us02": "americas"}
    assert "region_map entry 'ch01'" in invalid_message(region_map="ch01")


def test_argument_spec_covers_every_option() -> None:
    spec = connection_argument_spec()
    assert tuple(spec) == OPTION_NAMES
    assert spec["client_secret"]["no_log"] is True
    assert spec["access_token"]["no_log"] is True
    assert spec["client_id"]["no_log"] is False
    for name, entry in spec.items():
        assert entry["fallback"][1] == [ENV_VARS[name]]


def run_module(monkeypatch: pytest.MonkeyPatch, params: Dict[str, Any]) -> basic.AnsibleModule:
    args = json.dumps({"ANSIBLE_MODULE_ARGS": params})
    monkeypatch.setattr(basic, "_ANSIBLE_ARGS", to_bytes(args))
    monkeypatch.setattr(basic, "_ANSIBLE_PROFILE", "legacy", raising=False)
    return basic.AnsibleModule(argument_spec=connection_argument_spec())


def test_module_reads_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRISMA_SASE_TSG_ID", "1000000002")
    monkeypatch.setenv("PRISMA_SASE_CLIENT_ID", "env-client")
    monkeypatch.setenv("PRISMA_SASE_CLIENT_SECRET", SECRET)
    monkeypatch.setenv("PRISMA_SASE_VALIDATE_CERTS", "false")
    monkeypatch.setenv("PRISMA_SASE_REGION", "europe,uk")
    monkeypatch.setenv("PRISMA_SASE_MAX_CONCURRENCY", "3")
    module = run_module(monkeypatch, {})
    settings = settings_from_module(module)
    assert settings.tsg_id == "1000000002"
    assert settings.client_secret == SECRET
    assert settings.validate_certs is False
    assert settings.regions == ("europe", "uk")
    assert settings.max_concurrency == 3


def test_module_fails_with_message(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ENV_VARS.values():
        monkeypatch.delenv(name, raising=False)
    module = run_module(monkeypatch, {"tsg_id": "1000000001", "client_id": "x"})
    failures: List[str] = []

    def fail_json(msg: str, **kwargs: Any) -> None:
        failures.append(msg)
        raise SystemExit(1)

    monkeypatch.setattr(module, "fail_json", fail_json)
    with pytest.raises(SystemExit):
        settings_from_module(module)
    assert len(failures) == 1
    assert "PRISMA_SASE_CLIENT_SECRET" in failures[0]


class FakePlugin:
    def __init__(self, options: Dict[str, Any]) -> None:
        self.options = options

    def get_option(self, name: str) -> Optional[Any]:
        if name not in self.options:
            raise KeyError(name)
        return self.options[name]


def test_plugin_options_read() -> None:
    plugin = FakePlugin(
        {
            "tsg_id": "1000000001",
            "access_token": TOKEN,
            "validate_certs": "no",
            "timeout": None,
            "auth_url": "http://127.0.0.1:9/am/oauth2/access_token",
        }
    )
    settings = settings_from_plugin(plugin)
    assert settings.validate_certs is False
    assert settings.timeout == 30.0
    assert settings.auth_url == "http://127.0.0.1:9/am/oauth2/access_token"


def test_plugin_missing_credentials_raise() -> None:
    with pytest.raises(InvalidInputError, match="PRISMA_SASE_CLIENT_ID"):
        settings_from_plugin(FakePlugin({"tsg_id": "1000000001"}))
