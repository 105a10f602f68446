# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Dict

import pytest

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    AuthenticationError,
    BadResponseError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._response import (
    CallContext,
    error_for_status,
    is_json_content_type,
    parse_success,
    request_id_from,
    sanitize_text,
    unwrap_payload,
)

SECRET = "PLACEHOLDER-SECRET-K05"
CONTEXT = CallContext("alerts.list", "europe", "1000000002")
JSON_HEADERS = {"Content-Type": "application/json", "X-Request-Id": "req-42"}


@pytest.mark.parametrize(
    "payload, expected",
    [
        ([{"a": 1}], [{"a": 1}]),
        ({"a": 1}, {"a": 1}),
        ({"data": [{"a": 1}], "header": {"dataCount": 1}}, [{"a": 1}]),
        ({"data": {"total": 3}}, {"total": 3}),
        ({"items": [{"id": "1"}], "count": "1"}, [{"id": "1"}]),
        ({"data": [], "requestId": "x"}, []),
        ({"data": [1], "tenant": "x"}, {"data": [1], "tenant": "x"}),
    ],
)
def test_unwrap_known_shapes(payload: Any, expected: Any) -> None:
    assert unwrap_payload(payload) == expected


@pytest.mark.parametrize("payload", [None, 3, "text", True, {"data": None}, {"items": "x"}])
def test_unwrap_unknown_shapes_raise(payload: Any) -> None:
    with pytest.raises(TypeError):
        unwrap_payload(payload)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("application/json", True),
        ("application/json; charset=utf-8", True),
        ("Application/JSON", True),
        ("application/problem+json", True),
        ("text/html; charset=utf-8", False),
        ("", False),
        (None, False),
    ],
)
def test_json_content_type(value: Any, expected: bool) -> None:
    assert is_json_content_type(value) is expected


def test_request_id_header_variants() -> None:
    assert request_id_from({"X-Request-ID": "a"}) == "a"
    assert request_id_from({"x-correlation-id": "b"}) == "b"
    assert request_id_from({"Request-Id": "c\r\nInjected: 1"}) == "cInjected: 1"
    assert request_id_from({"Content-Type": "x"}) is None


def test_sanitize_masks_tokens_and_secret() -> None:
    text = (
        "Authorization: Bearer abc.def-ghi\n"
        '{"access_token": "PLACEHOLDER-SECRET-K06", "client_secret": "x"}'
        " jwt eyJhbGciOi.eyJzdWIiOiIx.c2ln and %s" % SECRET
    )
    clean = sanitize_text(text, [SECRET], limit=1000)
    assert "abc.def-ghi" not in clean
    assert "PLACEHOLDER-SECRET-K06" not in clean
    assert "eyJhbGciOi" not in clean
    assert SECRET not in clean
    assert "\n" not in clean
    assert "Bearer ***" in clean


def test_sanitize_removes_control_characters() -> None:
    assert sanitize_text("a\x00b\x07c\x1bd\x7fe") == "a b c d e"


def test_sanitize_truncates_to_limit() -> None:
    clean = sanitize_text("x" * 5000)
    assert len(clean) == 203
    assert clean.endswith("...")


def test_secret_masked_before_truncation() -> None:
    clean = sanitize_text("y" * 190 + SECRET, [SECRET])
    assert "PLACEHOLDER" not in clean


def bad_response(status: int, headers: Dict[str, str], content: bytes) -> BadResponseError:
    with pytest.raises(BadResponseError) as info:
        parse_success(CONTEXT, status, headers, content, [SECRET])
    error = info.value
    assert error.status == status
    assert error.operation == "alerts.list"
    assert error.tsg_id == "1000000002"
    assert SECRET not in error.message
    return error


def test_empty_body_is_bad_response() -> None:
    error = bad_response(200, JSON_HEADERS, b"")
    assert "empty body" in error.message
    assert error.request_id == "req-42"
    assert "request id req-42" in error.message


def test_null_body_is_bad_response() -> None:
    error = bad_response(200, JSON_HEADERS, b"null")
    assert "unexpected shape, a JSON null" in error.message


def test_html_login_page_is_bad_response() -> None:
    page = b"<html><head><title>Sign in</title></head><body>" + b"x" * 1000 + b"</body></html>"
    error = bad_response(200, {"Content-Type": "text/html"}, page)
    assert "content type 'text/html' instead of JSON" in error.message
    assert "<html><head><title>Sign in" in error.message
    excerpt = error.message.split("body starts: ", 1)[1]
    assert len(excerpt) <= 203


def test_truncated_json_is_bad_response() -> None:
    error = bad_response(200, JSON_HEADERS, b'[{"sub_tenant_id": "12')
    assert "invalid or truncated JSON" in error.message
    assert error.__cause__ is None
    assert error.__suppress_context__ is True


def test_missing_content_type_is_bad_response() -> None:
    error = bad_response(200, {}, b"[]")
    assert "content type '(none)'" in error.message


def test_secret_in_body_masked() -> None:
    error = bad_response(200, {"Content-Type": "text/plain"}, b"echo " + SECRET.encode())
    assert "echo ***" in error.message


def test_valid_body_unwrapped() -> None:
    content = b'{"header": {"dataCount": 1}, "data": [{"app": "x"}]}'
    assert parse_success(CONTEXT, 200, JSON_HEADERS, content) == [{"app": "x"}]


@pytest.mark.parametrize(
    "status, error_type, fragment",
    [
        (401, AuthenticationError, "even after a token refresh"),
        (
            403,
            PermissionDeniedError,
            "not authorised for operation alerts.list on tenant 1000000002",
        ),
        (404, NotFoundError, "404 not found"),
        (429, RateLimitedError, "rate limited: operation alerts.list for tenant 1000000002"),
        (500, ServerError, "the API request failed"),
        (502, ServerError, "the API request failed"),
        (400, ServerError, "the API request failed"),
    ],
)
def test_status_mapped_to_error(status: int, error_type: type, fragment: str) -> None:
    error = error_for_status(CONTEXT, status, JSON_HEADERS, b'{"msg": "nope"}', [SECRET])
    assert isinstance(error, error_type)
    assert fragment in error.message
    assert "operation alerts.list" in error.message
    assert "region europe" in error.message
    assert "tsg_id 1000000002" in error.message
    assert "status %d" % status in error.message
    assert "request id req-42" in error.message
    assert error.to_dict()["status"] == status


def test_server_error_carries_html_excerpt() -> None:
    page = b"<html><body><h1>502 Bad Gateway</h1>" + b"\x07" * 5 + b"z" * 900 + b"</body></html>"
    error = error_for_status(CONTEXT, 502, {"Content-Type": "text/html"}, page)
    assert "<h1>502 Bad Gateway</h1>" in error.message
    assert "\x07" not in error.message
    assert len(error.message.split("body starts: ", 1)[1]) <= 203
