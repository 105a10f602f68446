# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, ClassVar, Dict, List

import pytest
from ansible.errors import AnsibleError

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    AuthenticationError,
    PermissionDeniedError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import (
    build_settings,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils import _plugin_base
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._plugin_base import (
    PluginMessages,
    ResultCache,
    check_cache_ttl,
    check_direct_options,
    check_on_denied,
    documented_options,
    error_from_record,
    handle_denied,
    load_settings,
    options_key,
    plugin_error,
    read_lookup_options,
    scope_key,
)

SECRET = "PLACEHOLDER-SECRET-K06"
TOKEN = "PLACEHOLDER-SECRET-K05"


class FakePlugin:
    """A plugin whose get_option() reads a dict and raises KeyError for unknown names."""

    def __init__(self, options: Dict[str, Any]) -> None:
        self.options = options

    def get_option(self, name: str) -> Any:
        if name not in self.options:
            raise KeyError(name)
        return self.options[name]


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture()
def displayed(monkeypatch) -> Dict[str, List[str]]:
    lines: Dict[str, List[str]] = {"warning": [], "vvv": []}
    monkeypatch.setattr(_plugin_base.display, "warning", lines["warning"].append)
    monkeypatch.setattr(_plugin_base.display, "vvv", lines["vvv"].append)
    return lines


def settings(**extra: Any):
    values = {"tsg_id": "1000000001", "client_id": "demo-client-id", "client_secret": SECRET}
    values.update(extra)
    return build_settings(values)


def test_plugin_error_uses_safe_fields() -> None:
    error = AuthenticationError(
        "the auth service rejected the credentials",
        tsg_id="1000000001",
        status=401,
        request_id="req-9",
    )
    message = str(plugin_error(error, "lookup x"))
    assert message.startswith("lookup x failed: the auth service rejected the credentials")
    assert "tsg_id 1000000001" in message
    assert "status 401" in message
    assert "request id req-9" in message


def test_plugin_error_has_no_cause() -> None:
    def fail() -> None:
        try:
            raise ValueError("https://user:%s@host/" % SECRET)
        except ValueError:
            raise plugin_error(AuthenticationError("rejected"), "lookup x") from None

    with pytest.raises(AnsibleError) as caught:
        fail()
    assert caught.value.__cause__ is None
    assert caught.value.__suppress_context__ is True
    assert SECRET not in str(caught.value)


def test_load_settings_reads_options() -> None:
    plugin = FakePlugin({"tsg_id": "1000000001", "access_token": TOKEN, "validate_certs": "false"})
    loaded = load_settings(plugin, PluginMessages("test"), "lookup x")
    assert loaded.tsg_id == "1000000001"
    assert loaded.validate_certs is False


def test_load_settings_invalid_is_ansible_error() -> None:
    plugin = FakePlugin({"tsg_id": "123", "client_id": "id", "client_secret": SECRET})
    with pytest.raises(AnsibleError, match="tsg_id") as caught:
        load_settings(plugin, PluginMessages("test"), "lookup x")
    assert SECRET not in str(caught.value)


def test_missing_credentials_name_variables() -> None:
    plugin = FakePlugin({"tsg_id": "1000000001"})
    with pytest.raises(AnsibleError, match="PRISMA_SASE_CLIENT_SECRET"):
        load_settings(plugin, PluginMessages("test"), "lookup x")


def test_messages_warn_once_then_count(displayed) -> None:
    messages = PluginMessages("lookup x")
    for attempt in range(3):
        messages.warn("region europe failed")
        assert len(displayed["warning"]) == 1, attempt
    messages.warn("other")
    messages.report_repeats()
    assert displayed["warning"] == [
        "lookup x: region europe failed",
        "lookup x: other",
        "lookup x: the warning 'region europe failed' repeated 2 more times",
    ]


def test_messages_debug_at_vvv(displayed) -> None:
    PluginMessages("lookup x").debug("GET /path -> 200")
    assert displayed["vvv"] == ["lookup x: GET /path -> 200"]


def test_denied_error_raises() -> None:
    with pytest.raises(AnsibleError, match="not authorised"):
        handle_denied(PermissionDeniedError("not authorised", status=403), "error", PluginMessages("t"), "t")


def test_denied_warn_warns(displayed) -> None:
    handle_denied(PermissionDeniedError("not authorised", status=403), "warn", PluginMessages("t"), "t")
    assert len(displayed["warning"]) == 1
    assert "not authorised" in displayed["warning"][0]


def test_denied_skip_is_silent(displayed) -> None:
    handle_denied(PermissionDeniedError("not authorised", status=403), "skip", PluginMessages("t"), "t")
    assert displayed["warning"] == []


def test_on_denied_rejects_unknown() -> None:
    assert check_on_denied("warn") == "warn"
    with pytest.raises(AnsibleError, match="error, warn, skip"):
        check_on_denied("ignore")


@pytest.mark.parametrize("value,expected", [(60, 60.0), ("0", 0.0), (1.5, 1.5)])
def test_cache_ttl_accepted(value, expected) -> None:
    assert check_cache_ttl(value) == expected


@pytest.mark.parametrize("value", ["soon", -1, None])
def test_cache_ttl_rejected(value) -> None:
    with pytest.raises(AnsibleError, match="cache_ttl"):
        check_cache_ttl(value)


def test_scope_key_has_no_secret() -> None:
    key = scope_key(settings(access_token=TOKEN))
    assert SECRET not in repr(key)
    assert TOKEN not in repr(key)


def test_scope_key_differs_by_credentials() -> None:
    assert scope_key(settings()) != scope_key(settings(client_secret=TOKEN))
    given = settings(client_id=None, client_secret=None, access_token=TOKEN)
    other = settings(client_id=None, client_secret=None, access_token=SECRET)
    assert scope_key(given) != scope_key(other)


def test_scope_key_differs_by_tsg() -> None:
    assert scope_key(settings()) != scope_key(settings(tsg_id="1000000002"))


def test_scope_key_without_regions() -> None:
    assert scope_key(settings(region=["europe"]), with_regions=False) == scope_key(
        settings(region=["americas"]), with_regions=False
    )
    assert scope_key(settings(region=["europe"])) != scope_key(settings(region=["americas"]))


def test_options_key_ignores_dict_order() -> None:
    assert options_key({"a": 1, "b": {"c": 2, "d": 3}}) == options_key({"b": {"d": 3, "c": 2}, "a": 1})


def test_cache_returns_within_ttl() -> None:
    clock = FakeClock()
    cache = ResultCache(clock)
    cache.put("key", [1], 60)
    clock.now += 59
    assert cache.get("key", 60) == [1]


def test_cache_expires_after_ttl() -> None:
    clock = FakeClock()
    cache = ResultCache(clock)
    cache.put("key", [1], 60)
    clock.now += 61
    assert cache.get("key", 60) is None


def test_cache_off_with_zero_ttl() -> None:
    cache = ResultCache(FakeClock())
    cache.put("key", [1], 0)
    assert cache.get("key", 60) is None
    cache.put("key", [1], 60)
    assert cache.get("key", 0) is None


def test_error_from_record_keeps_fields() -> None:
    record = {
        "kind": "permission",
        "operation": "alerts.list",
        "region": "europe",
        "tsg_id": "1000000002",
        "status": 403,
        "request_id": "req-3",
        "message": "operation alerts.list is not authorised",
    }
    error = error_from_record(record, PermissionDeniedError)
    assert isinstance(error, PermissionDeniedError)
    assert error.to_dict() == record


def test_error_from_record_without_message() -> None:
    error = error_from_record({"operation": "alerts.list"}, AuthenticationError)
    assert error.message == "the request failed"
    assert error.operation == "alerts.list"


LOOKUP_OPTIONS = ("cache_ttl", "on_denied", "region", "severity", "tsg_id")


class DocumentedPlugin(FakePlugin):
    """A FakePlugin that documents LOOKUP_OPTIONS and records set_options() calls."""

    option_definitions: ClassVar[Dict[str, Dict[str, Any]]] = {
        name: {} for name in ("_terms",) + LOOKUP_OPTIONS
    }

    def __init__(self) -> None:
        super().__init__({})
        self.set_calls: List[Dict[str, Any]] = []

    def set_options(self, var_options=None, direct=None) -> None:
        self.set_calls.append(dict(direct or {}))


def test_documented_options_skip_terms() -> None:
    assert documented_options(DocumentedPlugin()) == LOOKUP_OPTIONS


def test_direct_options_known_pass() -> None:
    check_direct_options({"severity": ["critical"], "tsg_id": "1"}, LOOKUP_OPTIONS, "lookup x")


@pytest.mark.parametrize(
    "name,suggestion",
    [("severty", "severity"), ("tsg", "tsg_id"), ("tsg_idd", "tsg_id"), ("on_deny", "on_denied")],
)
def test_direct_option_typo_suggested(name, suggestion) -> None:
    with pytest.raises(AnsibleError) as info:
        check_direct_options({name: "x"}, LOOKUP_OPTIONS, "lookup x")
    message = str(info.value)
    assert message.startswith("lookup x: unknown option '%s'" % name)
    assert "did you mean '%s'?" % suggestion in message
    assert "valid options: cache_ttl, on_denied, region, severity, tsg_id" in message


def test_direct_option_without_match() -> None:
    with pytest.raises(AnsibleError) as info:
        check_direct_options({"hostname_src": "x"}, LOOKUP_OPTIONS, "lookup x")
    message = str(info.value)
    assert "unknown option 'hostname_src'" in message
    assert "did you mean" not in message
    assert "valid options: cache_ttl" in message


def test_direct_options_all_unknown_named() -> None:
    with pytest.raises(AnsibleError) as info:
        check_direct_options({"zzz": 1, "operaton": 2, "severity": 3}, LOOKUP_OPTIONS, "lookup x")
    message = str(info.value)
    assert "unknown option 'operaton' (also unknown: zzz)" in message


def test_direct_option_value_not_shown() -> None:
    with pytest.raises(AnsibleError) as info:
        check_direct_options({"client_secrt": SECRET}, LOOKUP_OPTIONS, "lookup x")
    assert SECRET not in str(info.value)


def test_read_lookup_options_rejects_unknown() -> None:
    plugin = DocumentedPlugin()
    with pytest.raises(AnsibleError, match="unknown option 'severty'"):
        read_lookup_options(plugin, None, {"severty": ["critical"]}, "lookup x")
    assert plugin.set_calls == []
