# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, List

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._auth import (
    MAX_TOKEN_REQUESTS_IN_FLIGHT,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    AuthenticationError,
    MonitorError,
    TransportError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import safe_url
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._response import CallContext
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._token_cache import (
    CachedToken,
    scope_key,
)

SECRET = "PLACEHOLDER-SECRET-K05"
GIVEN_TOKEN = "PLACEHOLDER-SECRET-K06"
TSG_ID = "1000000001"


def context(tsg_id: str = TSG_ID) -> CallContext:
    return CallContext("tenant.hierarchy", None, tsg_id)


@pytest.mark.parametrize(
    "token_path",
    ["/oauth2/access_token", "/auth/v1/oauth2/access_token", "/am/oauth2/access_token"],
)
def test_token_url_forms(
    local_server: Any, make_client: Callable[..., Any], token_path: str
) -> None:
    service = local_server.add_token_service(token_path)
    harness = make_client(token_path=token_path)

    assert harness.client.tokens.token(TSG_ID, context()) == "tok-1"

    (request,) = local_server.received(token_path)
    assert request.basic_auth() == ("demo-client-id", SECRET)
    assert request.form() == {"grant_type": ["client_credentials"], "scope": ["tsg_id:1000000001"]}
    assert request.header("Content-Type") == "application/x-www-form-urlencoded"
    assert service.issued == ["tok-1"]


def test_token_reused_then_refreshed_under_60s(
    local_server: Any, make_client: Callable[..., Any]
) -> None:
    service = local_server.add_token_service(expires_in=900)
    harness = make_client()
    tokens = harness.client.tokens

    assert tokens.token(TSG_ID, context()) == "tok-1"
    harness.time.advance(839)
    assert tokens.token(TSG_ID, context()) == "tok-1"
    harness.time.advance(2)
    assert tokens.token(TSG_ID, context()) == "tok-2"
    assert service.issued == ["tok-1", "tok-2"]


def test_token_read_from_cache_file(local_server: Any, make_client: Callable[..., Any]) -> None:
    service = local_server.add_token_service()
    make_client().client.tokens.token(TSG_ID, context())
    second = make_client()
    assert second.client.tokens.token(TSG_ID, context()) == "tok-1"
    assert service.issued == ["tok-1"]


def test_cached_token_not_reused_after_secret_change(
    local_server: Any, make_client: Callable[..., Any]
) -> None:
    service = local_server.add_token_service()
    first = make_client()
    first.client.tokens.token(TSG_ID, context())
    changed = make_client(client_secret=GIVEN_TOKEN)

    assert changed.client.tokens.token(TSG_ID, context()) == "tok-2"

    assert service.issued == ["tok-1", "tok-2"]
    last = local_server.received()[-1]
    assert last.basic_auth() == ("demo-client-id", GIVEN_TOKEN)
    for path in Path(first.cache_directory).iterdir():
        text = path.read_text()
        assert SECRET not in text
        assert GIVEN_TOKEN not in text


def test_given_access_token_not_cached(local_server: Any, make_client: Callable[..., Any]) -> None:
    local_server.add_token_service()
    harness = make_client(client_id=None, client_secret=None, access_token=GIVEN_TOKEN)

    assert harness.client.tokens.token(TSG_ID, context()) == GIVEN_TOKEN

    assert local_server.received() == []
    cache = Path(harness.cache_directory)
    assert not cache.exists() or list(cache.iterdir()) == []


def test_cache_file_holds_no_credentials(
    local_server: Any, make_client: Callable[..., Any]
) -> None:
    local_server.add_token_service()
    harness = make_client()
    harness.client.tokens.token(TSG_ID, context())

    files = list(Path(harness.cache_directory).glob("*.json"))
    slot_files = list(Path(harness.cache_directory).glob("token-slot-*.lock"))
    assert len(files) == 1
    assert [path.read_text() for path in slot_files] == [""] * len(slot_files)
    content = files[0].read_text()
    assert "tok-1" in content
    assert SECRET not in content
    assert "demo-client-id" not in content
    assert TSG_ID not in content


def expect_error(error_type: type, harness: Any) -> MonitorError:
    with pytest.raises(error_type) as info:
        harness.client.tokens.token(TSG_ID, context())
    error = info.value
    assert error.__cause__ is None
    assert error.__suppress_context__ is True or error.__context__ is None
    assert SECRET not in str(error)
    assert error.tsg_id == TSG_ID
    assert "tsg_id %s" % TSG_ID in error.message
    assert "operation tenant.hierarchy" in error.message
    return error


def test_invalid_client_is_authentication_error(
    local_server: Any, make_client: Callable[..., Any]
) -> None:
    body = {"error": "invalid_client", "error_description": "Client %s failed" % SECRET}
    local_server.sequence("POST", "/oauth2/access_token", [local_server.json_reply(401, body)])
    harness = make_client()

    error = expect_error(AuthenticationError, harness)
    assert "status 401 (invalid_client)" in error.message
    assert "%s/oauth2/access_token" % local_server.url in error.message
    assert "check client_id and client_secret" in error.message
    assert error.status == 401


def test_token_server_error_is_authentication_error(
    local_server: Any, make_client: Callable[..., Any]
) -> None:
    reply = (503, {"Content-Type": "text/html"}, b"<html>down</html>")
    local_server.sequence("POST", "/oauth2/access_token", [reply])
    error = expect_error(AuthenticationError, make_client())
    assert "status 503" in error.message
    assert "try again later" in error.message


def test_token_connection_drop_is_transport_error(
    local_server: Any, make_client: Callable[..., Any]
) -> None:
    local_server.sequence("POST", "/oauth2/access_token", [local_server.DROP])
    error = expect_error(TransportError, make_client())
    assert "failed or was reset" in error.message


def test_token_unreachable_is_transport_error(make_client: Callable[..., Any]) -> None:
    harness = make_client(auth_url="http://127.0.0.1:9/oauth2/access_token")
    error = expect_error(TransportError, harness)
    assert "http://127.0.0.1:9/oauth2/access_token" in error.message


def test_token_body_without_token_rejected(
    local_server: Any, make_client: Callable[..., Any]
) -> None:
    reply = local_server.json_reply(200, {"token_type": "Bearer"})
    local_server.sequence("POST", "/oauth2/access_token", [reply])
    error = expect_error(AuthenticationError, make_client())
    assert "without a usable access_token" in error.message


def test_given_access_token_used_as_is(local_server: Any, make_client: Callable[..., Any]) -> None:
    harness = make_client(client_id=None, client_secret=None, access_token=GIVEN_TOKEN)
    tokens = harness.client.tokens

    assert tokens.token(TSG_ID, context()) == GIVEN_TOKEN
    with pytest.raises(AuthenticationError) as info:
        tokens.refresh(TSG_ID, GIVEN_TOKEN, context())
    assert "cannot be refreshed" in info.value.message
    assert GIVEN_TOKEN not in info.value.message
    assert local_server.received() == []


def run_threads(count: int, target: Callable[[int], None]) -> None:
    """Run target(0..count-1) in count threads at once; re-raise the first failure."""
    with ThreadPoolExecutor(max_workers=count) as pool:
        futures = [pool.submit(target, index) for index in range(count)]
    for future in futures:
        future.result()


def test_expired_token_refreshed_once_per_scope(
    local_server: Any, make_client: Callable[..., Any]
) -> None:
    service = local_server.add_token_service(delay=0.2)
    harness = make_client()
    tokens = harness.client.tokens
    scopes = ["1000000001", "1000000002"]
    for scope in scopes:
        key = scope_key(tokens.settings.auth_url, "demo-client-id", SECRET, scope)
        tokens._cache.put(key, CachedToken("expired-%s" % scope, harness.time.wall() - 1))
    results: List[str] = []

    def call(index: int) -> None:
        scope = scopes[index % 2]
        results.append(tokens.token(scope, context(scope)))

    run_threads(32, call)
    assert len(service.issued) == 2
    assert sorted(set(results)) == ["tok-1", "tok-2"]
    scope_forms = sorted(request.form()["scope"][0] for request in local_server.received())
    assert scope_forms == ["tsg_id:1000000001", "tsg_id:1000000002"]


def test_token_requests_in_flight_capped(
    local_server: Any, make_client: Callable[..., Any]
) -> None:
    service = local_server.add_token_service(delay=0.1)
    tokens = make_client().client.tokens

    def call(index: int) -> None:
        scope = "%010d" % (1000000100 + index)
        tokens.token(scope, context(scope))

    run_threads(30, call)
    assert len(service.issued) == 30
    assert service.max_in_flight <= MAX_TOKEN_REQUESTS_IN_FLIGHT
    assert service.max_in_flight > 1


def test_concurrent_401_refreshes_once(local_server: Any, make_client: Callable[..., Any]) -> None:
    service = local_server.add_token_service(delay=0.1)
    tokens = make_client().client.tokens
    first = tokens.token(TSG_ID, context())
    fresh: List[str] = []

    run_threads(16, lambda index: fresh.append(tokens.refresh(TSG_ID, first, context())))
    assert service.issued == ["tok-1", "tok-2"]
    assert set(fresh) == {"tok-2"}


def test_safe_url_drops_credentials_and_query() -> None:
    url = "https://user:%s@127.0.0.1:8443/oauth2/access_token?x=1#f" % SECRET
    assert safe_url(url) == "https://127.0.0.1:8443/oauth2/access_token"
