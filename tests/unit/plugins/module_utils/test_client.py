# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import threading
from email.utils import formatdate
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable, Dict, List, Optional

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._client import (
    requests_import_error,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    AuthenticationError,
    BadResponseError,
    InvalidInputError,
    MonitorError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
    TransportError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._retry import RetryPolicy
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._token_cache import (
    CachedToken,
    scope_key,
)

SECRET = "PLACEHOLDER-SECRET-K05"
ISSUED_SECRET = "PLACEHOLDER-SECRET-K06"
TSG_ID = "1000000001"
ALERTS = "/mt/monitor/v1/agg/alerts/list"
HIERARCHY = "/mt/monitor/v1/agg/custom/tenant/hierarchy"
ROWS = [{"sub_tenant_id": "123", "count": 4}]

Build = Callable[..., Any]


def ok(server: Any, payload: Any = None, request_id: str = "req-1") -> Any:
    """Build a 200 reply with ``payload``, or with ROWS when no payload is given."""
    if payload is None:
        payload = ROWS
    return server.json_reply(200, payload, {"X-Request-Id": request_id})


def status(server: Any, code: int, headers: Optional[Dict[str, str]] = None) -> Any:
    return server.json_reply(code, {"message": "status %d" % code}, headers)


def post_alerts(harness: Any, **kwargs: Any) -> Any:
    arguments = {"body": {"filter": {"operator": "AND", "rules": []}}, "region": "europe"}
    arguments.update(kwargs)
    return harness.client.request("POST", ALERTS, operation="alerts.list", **arguments)


def assert_clean(error: MonitorError, *secrets: str) -> None:
    for secret in (SECRET,) + secrets:
        assert secret not in str(error)
    assert error.__cause__ is None


# Requests and headers -----------------------------------------------------------------


def test_request_returns_unwrapped_rows(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [ok(local_server, {"header": {}, "data": ROWS})])
    harness = make_client()

    response = post_alerts(harness, query={"agg_by": "tenant"})

    assert response.status == 200
    assert response.data == ROWS
    assert response.request_id == "req-1"
    assert response.elapsed >= 0
    (request,) = local_server.received(ALERTS)
    assert request.header("Authorization") == "Bearer tok-1"
    assert request.header("X-PANW-Region") == "europe"
    assert request.query == {"agg_by": ["tenant"]}
    assert request.body == b'{"filter": {"operator": "AND", "rules": []}}'


def test_region_normalised_and_sent(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [ok(local_server)])
    harness = make_client()
    post_alerts(harness, region=" CH ")
    post_alerts(harness, region="ch")
    assert [r.header("X-PANW-Region") for r in local_server.received(ALERTS)] == ["ch", "ch"]
    assert len(harness.warnings) == 1
    assert "'ch' is not a documented" in harness.warnings[0]


def test_region_header_only_on_monitor_paths(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    local_server.sequence("GET", "/tenancy/v1/tenant_service_groups", [ok(local_server)])
    harness = make_client()
    harness.client.request("GET", "/tenancy/v1/tenant_service_groups", region="europe")
    (request,) = local_server.received("/tenancy/v1/tenant_service_groups")
    assert request.header("X-PANW-Region") is None


@pytest.mark.parametrize("region", [None, "", "auto", "not valid"])
def test_missing_or_bad_region_rejected_before_call(
    local_server: Any, make_client: Build, region: Any
) -> None:
    harness = make_client()
    with pytest.raises(InvalidInputError) as info:
        post_alerts(harness, region=region)
    assert "americas" in info.value.message
    assert local_server.received() == []


@pytest.mark.parametrize("path", ["mt/monitor/x", "//evil.example/x", "http://127.0.0.1:1/x"])
def test_path_must_be_relative(local_server: Any, make_client: Build, path: str) -> None:
    with pytest.raises(InvalidInputError, match="starts with '/'"):
        make_client().client.request("GET", path, region="europe")
    assert local_server.received() == []


def test_bad_tsg_id_rejected_before_call(local_server: Any, make_client: Build) -> None:
    with pytest.raises(InvalidInputError, match="10 digits"):
        post_alerts(make_client(), tsg_id="123456789")
    assert local_server.received() == []


def test_tsg_id_selects_token_scope(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [ok(local_server)])
    harness = make_client()
    post_alerts(harness, tsg_id="1000000007")
    post_alerts(harness)
    scopes = [r.form()["scope"][0] for r in local_server.received("/oauth2/access_token")]
    assert scopes == ["tsg_id:1000000007", "tsg_id:1000000001"]
    authorizations = [r.header("Authorization") for r in local_server.received(ALERTS)]
    assert authorizations == ["Bearer tok-1", "Bearer tok-2"]


def test_call_operation_uses_catalog_fields(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    local_server.sequence("GET", HIERARCHY, [ok(local_server, {"id": TSG_ID, "children": []})])
    operation = SimpleNamespace(name="tenant.hierarchy", method="GET", path=HIERARCHY)
    response = make_client().client.call_operation(operation, region="americas")
    assert response.data == {"id": TSG_ID, "children": []}


def test_debug_lines_without_headers_or_bodies(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [ok(local_server, request_id="req-9")])
    harness = make_client()
    post_alerts(harness)
    api_lines = [line for line in harness.debug if line.startswith("POST /mt/")]
    assert len(api_lines) == 1
    line = api_lines[0]
    assert line.startswith("POST %s -> 200 in " % ALERTS)
    assert "operation alerts.list" in line
    assert "request id req-9" in line
    for line in harness.debug:
        assert "tok-1" not in line
        assert "Bearer" not in line
        assert "sub_tenant_id" not in line
        assert "filter" not in line


# Tokens and 401 -----------------------------------------------------------------------


def test_401_refreshes_and_retries_once(local_server: Any, make_client: Build) -> None:
    service = local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [status(local_server, 401), ok(local_server)])
    response = post_alerts(make_client())
    assert response.data == ROWS
    assert service.issued == ["tok-1", "tok-2"]
    authorizations = [r.header("Authorization") for r in local_server.received(ALERTS)]
    assert authorizations == ["Bearer tok-1", "Bearer tok-2"]


def test_second_401_is_final(local_server: Any, make_client: Build) -> None:
    service = local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [status(local_server, 401)])
    with pytest.raises(AuthenticationError) as info:
        post_alerts(make_client())
    assert service.issued == ["tok-1", "tok-2"]
    assert len(local_server.received(ALERTS)) == 2
    assert "even after a token refresh" in info.value.message
    assert_clean(info.value, "tok-1", "tok-2")


def test_api_401_from_third_request(local_server: Any, make_client: Build) -> None:
    service = local_server.add_token_service(expires_in=900)
    replies = [ok(local_server), ok(local_server), status(local_server, 401)]
    local_server.sequence("POST", ALERTS, replies)
    harness = make_client()

    assert post_alerts(harness).data == ROWS
    assert post_alerts(harness).data == ROWS
    with pytest.raises(AuthenticationError) as info:
        post_alerts(harness)

    assert service.issued == ["tok-1", "tok-2"]
    assert len(local_server.received(ALERTS)) == 4
    error = info.value
    assert error.operation == "alerts.list"
    assert error.tsg_id == TSG_ID
    assert "operation alerts.list" in error.message
    assert "tsg_id %s" % TSG_ID in error.message
    assert_clean(error, "tok-1", "tok-2")


def test_refresh_connection_drop_is_clean(local_server: Any, make_client: Build) -> None:
    service = local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [ok(local_server), status(local_server, 401)])
    harness = make_client()
    post_alerts(harness)
    service.failures.append(local_server.DROP)

    with pytest.raises(TransportError) as info:
        post_alerts(harness)

    error = info.value
    assert "operation alerts.list" in error.message
    assert "tsg_id %s" % TSG_ID in error.message
    assert "token request" in error.message
    assert error.__suppress_context__ is True
    assert_clean(error, "tok-1")


def test_given_token_401_is_clear(local_server: Any, make_client: Build) -> None:
    local_server.sequence("POST", ALERTS, [status(local_server, 401)])
    harness = make_client(client_id=None, client_secret=None, access_token=ISSUED_SECRET)
    with pytest.raises(AuthenticationError) as info:
        post_alerts(harness)
    assert "cannot be refreshed" in info.value.message
    assert local_server.received("/oauth2/access_token") == []
    assert len(local_server.received(ALERTS)) == 1
    assert local_server.received(ALERTS)[0].header("Authorization") == "Bearer " + ISSUED_SECRET
    assert_clean(info.value, ISSUED_SECRET)


def test_expired_token_one_request_per_scope(local_server: Any, make_client: Build) -> None:
    service = local_server.add_token_service(delay=0.2)
    local_server.sequence("POST", ALERTS, [ok(local_server)])
    harness = make_client(max_concurrency=32)
    client = harness.client
    scopes = ["1000000001", "1000000002"]
    for scope in scopes:
        key = scope_key(client.settings.auth_url, "demo-client-id", SECRET, scope)
        client.tokens._cache.put(key, CachedToken("old-%s" % scope, harness.time.wall() + 30))

    results = client.map_concurrent(lambda n: post_alerts(harness, tsg_id=scopes[n % 2]), range(32))

    assert all(not isinstance(result, MonitorError) for item, result in results)
    assert len(service.issued) == 2
    assert len(local_server.received(ALERTS)) == 32


def test_concurrent_401s_one_refresh(local_server: Any, make_client: Build) -> None:
    service = local_server.add_token_service(delay=0.1)

    def reply(request: Any) -> Any:
        if request.header("Authorization") == "Bearer stale":
            return status(local_server, 401)
        return ok(local_server)

    local_server.route("POST", ALERTS, reply)
    harness = make_client(max_concurrency=32)
    key = scope_key(harness.client.settings.auth_url, "demo-client-id", SECRET, TSG_ID)
    harness.client.tokens._cache.put(key, CachedToken("stale", harness.time.wall() + 900))

    results = harness.client.map_concurrent(lambda n: post_alerts(harness), range(32))

    assert all(not isinstance(result, MonitorError) for item, result in results)
    assert service.issued == ["tok-1"]


# Retries ------------------------------------------------------------------------------


def test_post_429_retry_after_honoured(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    limited = status(local_server, 429, {"Retry-After": "2"})
    local_server.sequence("POST", ALERTS, [limited, limited, ok(local_server)])
    harness = make_client()

    assert post_alerts(harness).data == ROWS
    assert harness.time.sleeps == [2.0, 2.0]
    assert len(harness.warnings) == 2
    first = harness.warnings[0]
    assert "retrying operation alerts.list" in first
    assert "status 429" in first
    assert "attempt 1 of 3" in first
    assert "waiting 2.0 s" in first
    assert "attempt 2 of 3" in harness.warnings[1]


def test_retry_after_3600_capped(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    limited = status(local_server, 429, {"Retry-After": "3600"})
    local_server.sequence("POST", ALERTS, [limited, ok(local_server)])
    harness = make_client(timeout=30)
    post_alerts(harness)
    assert harness.time.sleeps == [60.0]


def test_retry_after_http_date(local_server: Any, make_client: Build, fake_time: Any) -> None:
    local_server.add_token_service()
    header = formatdate(fake_time.wall() + 5, usegmt=True)
    local_server.sequence(
        "POST", ALERTS, [status(local_server, 429, {"Retry-After": header}), ok(local_server)]
    )
    harness = make_client()
    post_alerts(harness)
    assert harness.time.sleeps == [pytest.approx(5.0, abs=1.0)]


def test_no_retry_after_uses_jittered_backoff(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    local_server.sequence(
        "POST",
        ALERTS,
        [
            status(local_server, 429),
            status(local_server, 429),
            status(local_server, 429),
            ok(local_server),
        ],
    )
    draws = iter([0.5, 0.25, 1.0])
    policy = RetryPolicy(max_retries=3, budget=100, random=lambda: next(draws))
    harness = make_client(client_options={"retry_policy": policy})
    post_alerts(harness)
    assert harness.time.sleeps == [0.5, 0.5, 4.0]


def test_429_after_budget_is_rate_limited(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [status(local_server, 429, {"Retry-After": "1"})])
    harness = make_client(max_retries=2)
    with pytest.raises(RateLimitedError) as info:
        post_alerts(harness, tsg_id="1000000003")
    assert len(local_server.received(ALERTS)) == 3
    message = info.value.message
    assert "rate limited" in message
    assert "operation alerts.list" in message
    assert "tenant 1000000003" in message
    assert info.value.status == 429


def test_time_budget_stops_retries(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [status(local_server, 503, {"Retry-After": "10"})])
    harness = make_client(timeout=5, max_retries=20)
    with pytest.raises(ServerError):
        post_alerts(harness)
    assert sum(harness.time.sleeps) <= 5 * 21
    assert len(harness.time.sleeps) == 10


@pytest.mark.parametrize("code", [502, 503, 504])
def test_gateway_errors_retried(local_server: Any, make_client: Build, code: int) -> None:
    local_server.add_token_service()
    local_server.sequence("GET", HIERARCHY, [status(local_server, code), ok(local_server)])
    policy = RetryPolicy(max_retries=3, budget=100, random=lambda: 1.0)
    harness = make_client(client_options={"retry_policy": policy})
    assert harness.client.request("GET", HIERARCHY, region="uk").data == ROWS
    assert harness.time.sleeps == [1.0]
    assert "status %d" % code in harness.warnings[0]


def test_5xx_backoff_grows(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    local_server.sequence("GET", HIERARCHY, [status(local_server, 503)])
    policy = RetryPolicy(max_retries=4, budget=1000, random=lambda: 1.0)
    harness = make_client(client_options={"retry_policy": policy})
    with pytest.raises(ServerError) as info:
        harness.client.request("GET", HIERARCHY, region="uk", operation="tenant.hierarchy")
    assert harness.time.sleeps == [1.0, 2.0, 4.0, 8.0]
    assert "status 503" in info.value.message


def test_500_not_retried(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [status(local_server, 500)])
    harness = make_client()
    with pytest.raises(ServerError):
        post_alerts(harness)
    assert harness.time.sleeps == []
    assert len(local_server.received(ALERTS)) == 1


@pytest.mark.parametrize(
    "code, error_type", [(403, PermissionDeniedError), (404, NotFoundError), (400, ServerError)]
)
def test_client_errors_not_retried(
    local_server: Any, make_client: Build, code: int, error_type: type
) -> None:
    local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [status(local_server, code, {"X-Request-Id": "r-7"})])
    harness = make_client()
    with pytest.raises(error_type) as info:
        post_alerts(harness)
    message = info.value.message
    assert "operation alerts.list" in message
    assert "region europe" in message
    assert "tsg_id %s" % TSG_ID in message
    assert "status %d" % code in message
    assert "request id r-7" in message
    assert harness.time.sleeps == []


def test_connection_reset_retried(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [local_server.DROP, local_server.DROP, ok(local_server)])
    harness = make_client()
    assert post_alerts(harness).data == ROWS
    assert len(harness.time.sleeps) == 2
    assert "failed or was reset" in harness.warnings[0]


def test_connection_reset_exhausts_retries(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [local_server.DROP])
    harness = make_client(max_retries=2)
    with pytest.raises(TransportError) as info:
        post_alerts(harness)
    assert "after 2 retries" in info.value.message
    assert "operation alerts.list" in info.value.message
    assert_clean(info.value, "tok-1")


# Bad responses ------------------------------------------------------------------------


def test_502_html_page(local_server: Any, make_client: Build) -> None:
    local_server.add_token_service()
    page = b"<html><body><h1>502 Bad Gateway</h1>" + b"p" * 2000 + b"</body></html>"
    local_server.sequence(
        "POST", ALERTS, [(502, {"Content-Type": "text/html", "X-Request-Id": "r-502"}, page)]
    )
    harness = make_client(max_retries=1)
    with pytest.raises(ServerError) as info:
        post_alerts(harness)
    message = info.value.message
    assert "status 502" in message
    assert "request id r-502" in message
    assert "<h1>502 Bad Gateway</h1>" in message
    assert len(message.split("body starts: ")[1]) <= 203


@pytest.mark.parametrize(
    "reply, fragment",
    [
        ((200, {"Content-Type": "application/json"}, b""), "empty body"),
        ((200, {"Content-Type": "application/json"}, b"null"), "a JSON null"),
        ((200, {"Content-Type": "text/html"}, b"<html><form>Sign in</form></html>"), "'text/html'"),
        ((200, {"Content-Type": "application/json"}, b'[{"a": 1'), "truncated JSON"),
    ],
)
def test_unusable_200_is_bad_response(
    local_server: Any, make_client: Build, reply: Any, fragment: str
) -> None:
    local_server.add_token_service()
    status_code, headers, content = reply
    headers = dict(headers, **{"X-Request-Id": "r-200"})
    local_server.sequence("POST", ALERTS, [(status_code, headers, content)])
    with pytest.raises(BadResponseError) as info:
        post_alerts(make_client())
    assert fragment in info.value.message
    assert "status 200" in info.value.message
    assert "request id r-200" in info.value.message
    assert info.value.__cause__ is None


# Secrets ------------------------------------------------------------------------------


def test_secrets_never_leak(local_server: Any, make_client: Build) -> None:
    tokens = local_server.add_token_service()

    def echo(request: Any) -> Any:
        text = "<html>%s %s</html>" % (request.header("Authorization"), SECRET)
        return 502, {"Content-Type": "text/html"}, text.encode()

    local_server.route("POST", ALERTS, echo)
    local_server.sequence(
        "GET", HIERARCHY, [(200, {"Content-Type": "text/plain"}, ("x " + SECRET).encode())]
    )
    harness = make_client(max_retries=1)
    errors: List[MonitorError] = []
    for call in (
        lambda: post_alerts(harness),
        lambda: harness.client.request("GET", HIERARCHY, region="uk"),
    ):
        with pytest.raises(MonitorError) as info:
            call()
        errors.append(info.value)

    issued = tokens.issued[0]
    texts = [str(error) for error in errors] + [repr(error.to_dict()) for error in errors]
    texts += harness.warnings + harness.debug
    texts += [path.read_text() for path in Path(harness.cache_directory).glob("token-slot-*.lock")]
    # The token cache files are the only place where the issued token may be.
    cache_files = [path.read_text() for path in Path(harness.cache_directory).glob("*.json")]
    for text in texts + cache_files:
        assert SECRET not in text
    for text in texts:
        assert issued not in text
    assert "Bearer ***" in str(errors[0])


# TLS and proxies ----------------------------------------------------------------------


def record_verify(client: Any) -> List[Any]:
    seen: List[Any] = []
    original = client.session.request

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        seen.append(kwargs.get("verify"))
        return original(*args, **kwargs)

    client.session.request = wrapper
    return seen


def test_verify_passed_per_request(local_server: Any, make_client: Build, tmp_path: Path) -> None:
    local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [ok(local_server)])
    bundle = tmp_path / "ca.pem"
    bundle.write_text("unused for http")
    for options, expected in (
        ({}, True),
        ({"validate_certs": "false"}, False),
        ({"ca_path": str(bundle)}, str(bundle)),
    ):
        harness = make_client(**options)
        seen = record_verify(harness.client)
        post_alerts(harness)
        assert len(seen) >= 1
        assert set(seen) == {expected}
        assert harness.client.session.trust_env is False


def tls_harness(make_client: Build, tls: Any, **options: Any) -> Any:
    tls.server.add_token_service()
    tls.server.sequence("POST", ALERTS, [ok(tls.server)])
    return make_client(server=tls.server, max_retries=0, **options)


def test_tls_default_store_rejects_self_signed(make_client: Build, tls_server: Any) -> None:
    harness = tls_harness(make_client, tls_server)
    with pytest.raises(TransportError) as info:
        post_alerts(harness)
    assert "certificate verification failed" in info.value.message


def test_tls_env_bundle_used_when_no_ca_path(
    make_client: Build, tls_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", tls_server.certificate)
    harness = tls_harness(make_client, tls_server)
    assert post_alerts(harness).data == ROWS
    assert any("from REQUESTS_CA_BUNDLE" in line for line in harness.debug)


def test_tls_ca_path_beats_env_bundle(
    make_client: Build, tls_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", tls_server.other_certificate)
    monkeypatch.setenv("CURL_CA_BUNDLE", tls_server.other_certificate)
    harness = tls_harness(make_client, tls_server, ca_path=tls_server.certificate)
    assert post_alerts(harness).data == ROWS


@pytest.mark.filterwarnings("ignore::urllib3.exceptions.InsecureRequestWarning")
def test_tls_validate_false_beats_env_bundle(
    make_client: Build, tls_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", tls_server.other_certificate)
    harness = tls_harness(make_client, tls_server, validate_certs=False)
    assert post_alerts(harness).data == ROWS


def test_tls_wrong_ca_path_fails(
    make_client: Build, tls_server: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", tls_server.certificate)
    harness = tls_harness(make_client, tls_server, ca_path=tls_server.other_certificate)
    with pytest.raises(TransportError, match="set ca_path"):
        post_alerts(harness)


def test_proxy_environment_honoured(
    local_server: Any, make_client: Build, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._client import Client

    local_server.add_token_service()
    local_server.sequence("POST", ALERTS, [ok(local_server)])
    harness = make_client()
    proxied: List[str] = []
    original = Client._proxies

    def spy(self: Any, url: str) -> Dict[str, str]:
        proxies = original(self, url)
        proxied.append(proxies.get("http", ""))
        return proxies

    monkeypatch.setattr(Client, "_proxies", spy)
    monkeypatch.setenv("HTTP_PROXY", local_server.url)
    post_alerts(harness)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    post_alerts(harness)

    assert proxied[0] == local_server.url
    assert proxied[-1] == ""
    targets = [r.target for r in local_server.received(ALERTS)]
    assert targets[0] == local_server.url + ALERTS
    assert targets[-1] == ALERTS


# Fan-out ------------------------------------------------------------------------------


def test_map_concurrent_keeps_order_and_errors(make_client: Build) -> None:
    harness = make_client(max_concurrency=4)
    active = {"now": 0, "max": 0}
    lock = threading.Lock()
    gate = threading.Event()

    def work(item: int) -> int:
        with lock:
            active["now"] += 1
            active["max"] = max(active["max"], active["now"])
            if active["now"] == 4:
                gate.set()
        gate.wait(timeout=5)
        with lock:
            active["now"] -= 1
        if item % 3 == 0:
            raise NotFoundError("item %d missing" % item)
        return item * 10

    results = harness.client.map_concurrent(work, list(range(12)))

    assert [item for item, result in results] == list(range(12))
    for item, result in results:
        if item % 3 == 0:
            assert isinstance(result, NotFoundError)
        else:
            assert result == item * 10
    assert active["max"] == 4


def test_map_concurrent_propagates_bugs(make_client: Build) -> None:
    def broken(item: int) -> int:
        raise KeyError(item)

    with pytest.raises(KeyError):
        make_client().client.map_concurrent(broken, [1, 2])


def test_map_concurrent_empty(make_client: Build) -> None:
    assert make_client().client.map_concurrent(lambda item: item, []) == []


def test_requests_import_reported() -> None:
    assert requests_import_error() is None
