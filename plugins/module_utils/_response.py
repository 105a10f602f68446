# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Checking, parsing and unwrapping API responses, and the errors built from them.

This is a private module: its interface may change between releases. It works on plain
status, headers and bytes so that it needs no HTTP library.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
from dataclasses import dataclass
from typing import Any, Iterable, Mapping, Optional, Type

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    AuthenticationError,
    BadResponseError,
    MonitorError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitedError,
    ServerError,
)

BODY_EXCERPT_LIMIT = 200
MASK = "***"

# Headers that carry a request id, in the order they are tried (lowercase).
REQUEST_ID_HEADERS = (
    "x-request-id",
    "x-requestid",
    "request-id",
    "x-correlation-id",
    "x-amzn-requestid",
    "x-b3-traceid",
)

# Keys that may sit beside the payload in an envelope; a dict with any other key is a row.
_ENVELOPE_KEYS = frozenset(("header", "requestId", "request_id", "count", "total", "status"))

_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f-\x9f]+")
_BEARER = re.compile(r"(?i)\b(bearer)\s+[A-Za-z0-9._~+/=-]+")
_JWT = re.compile(r"\beyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.?[A-Za-z0-9_-]*")
_TOKEN_FIELD = re.compile(
    r"(?i)(\"?(?:access_token|client_secret|refresh_token|id_token)\"?\s*[:=]\s*\"?)[^\"&\s,}]+"
)


class ConnectionFailed(Exception):
    """A request failed below HTTP. ``reason`` is a short fixed text, safe to show."""

    def __init__(self, reason: str, retryable: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


@dataclass(frozen=True)
class RawResponse:
    """Status, headers and body of one HTTP response, before any check."""

    status: int
    headers: Mapping[str, str]
    content: bytes


@dataclass(frozen=True)
class ApiResponse:
    """One successful API response: status, unwrapped data, request id and seconds taken."""

    status: int
    data: Any
    request_id: Optional[str]
    elapsed: float


@dataclass(frozen=True)
class CallContext:
    """The safe fields that every error message about one call names."""

    operation: Optional[str]
    region: Optional[str]
    tsg_id: Optional[str]

    def describe(self, status: Optional[int], request_id: Optional[str]) -> str:
        """Return 'operation X, region Y, tsg_id Z, status N, request id R' for messages."""
        parts = [
            "operation %s" % (self.operation or "(unnamed)"),
            "region %s" % (self.region or "(none)"),
            "tsg_id %s" % (self.tsg_id or "(none)"),
        ]
        if status is not None:
            parts.append("status %d" % status)
        parts.append("request id %s" % (request_id or "(none)"))
        return ", ".join(parts)

    def error(
        self,
        error_type: Type[MonitorError],
        message: str,
        status: Optional[int] = None,
        request_id: Optional[str] = None,
    ) -> MonitorError:
        """Build an error of the given type that carries this context."""
        return error_type(
            message,
            operation=self.operation,
            region=self.region,
            tsg_id=self.tsg_id,
            status=status,
            request_id=request_id,
        )


def request_id_from(headers: Mapping[str, str]) -> Optional[str]:
    """Return the request id from the first known request-id header, sanitised, or None."""
    lowered = {str(name).lower(): value for name, value in headers.items()}
    for name in REQUEST_ID_HEADERS:
        value = lowered.get(name)
        if value:
            return _CONTROL_CHARACTERS.sub("", str(value))[:100]
    return None


def sanitize_text(text: str, secrets: Iterable[str] = (), limit: int = BODY_EXCERPT_LIMIT) -> str:
    """Mask secrets and token-like strings, replace control characters, then cut to limit."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, MASK)
    text = _BEARER.sub(r"\1 " + MASK, text)
    text = _TOKEN_FIELD.sub(r"\1" + MASK, text)
    text = _JWT.sub(MASK, text)
    text = _CONTROL_CHARACTERS.sub(" ", text).strip()

    if len(text) > limit:
        return text[:limit] + "..."
    return text


def body_excerpt(content: bytes, secrets: Iterable[str] = ()) -> str:
    """Return at most 200 sanitised characters of a response body, for error messages."""
    text = content[: BODY_EXCERPT_LIMIT * 8].decode("utf-8", errors="replace")
    return sanitize_text(text, secrets)


def is_json_content_type(content_type: Optional[str]) -> bool:
    """Return True for application/json and any +json media type."""
    if not content_type:
        return False
    media_type = content_type.split(";", 1)[0].strip().lower()
    return media_type == "application/json" or media_type.endswith("+json")


def unwrap_payload(payload: Any) -> Any:
    """Return the rows or object of a parsed body, or raise TypeError on an unknown shape.

    Accepted shapes: a list, ``{"data": ..., "header": ...}``, ``{"items": [...]}`` and any
    other object, which is returned as it is.
    """
    if isinstance(payload, list):
        return payload
    if not isinstance(payload, dict):
        raise TypeError("a JSON %s" % _json_type_name(payload))

    for key in ("data", "items"):
        if key in payload and set(payload) - {key} <= _ENVELOPE_KEYS:
            inner = payload[key]
            if isinstance(inner, (list, dict)):
                return inner
            raise TypeError("an envelope whose '%s' is a JSON %s" % (key, _json_type_name(inner)))
    return payload


def _json_type_name(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    if isinstance(value, str):
        return "string"
    return type(value).__name__


def parse_success(
    context: CallContext,
    status: int,
    headers: Mapping[str, str],
    content: bytes,
    secrets: Iterable[str] = (),
) -> Any:
    """Check the content type of a 2xx response, parse its JSON body and unwrap it.

    Raises BadResponseError naming the status, the request id and a sanitised excerpt.
    """
    request_id = request_id_from(headers)
    content_type = header_value(headers, "content-type")

    if not content.strip():
        raise context.error(
            BadResponseError,
            "the API returned an empty body (%s); expected JSON"
            % context.describe(status, request_id),
            status,
            request_id,
        )

    if not is_json_content_type(content_type):
        raise context.error(
            BadResponseError,
            "the API returned content type %r instead of JSON (%s); body starts: %s"
            % (
                content_type or "(none)",
                context.describe(status, request_id),
                body_excerpt(content, secrets),
            ),
            status,
            request_id,
        )

    try:
        payload = json.loads(content.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise context.error(
            BadResponseError,
            "the API returned invalid or truncated JSON (%s); body starts: %s"
            % (context.describe(status, request_id), body_excerpt(content, secrets)),
            status,
            request_id,
        ) from None

    try:
        return unwrap_payload(payload)
    except TypeError as exc:
        raise context.error(
            BadResponseError,
            "the API returned an unexpected shape, %s, where a list or an object was expected "
            "(%s); body starts: %s"
            % (exc, context.describe(status, request_id), body_excerpt(content, secrets)),
            status,
            request_id,
        ) from None


def header_value(headers: Mapping[str, str], name: str) -> Optional[str]:
    """Return a header's value by case-insensitive name, or None."""
    for key, value in headers.items():
        if str(key).lower() == name:
            return value
    return None


def error_for_status(
    context: CallContext,
    status: int,
    headers: Mapping[str, str],
    content: bytes,
    secrets: Iterable[str] = (),
) -> MonitorError:
    """Build the error for a non-2xx status that is final (after any retry or token refresh)."""
    request_id = request_id_from(headers)
    where = context.describe(status, request_id)
    excerpt = body_excerpt(content, secrets)
    detail = "; body starts: %s" % excerpt if excerpt else ""

    if status == 401:
        return context.error(
            AuthenticationError,
            "the API rejected the access token even after a token refresh (%s); check that the "
            "service account may read tenant %s" % (where, context.tsg_id),
            status,
            request_id,
        )
    if status == 403:
        return context.error(
            PermissionDeniedError,
            "not authorised for operation %s on tenant %s (%s); grant the service account a role "
            "that can read this data" % (context.operation, context.tsg_id, where),
            status,
            request_id,
        )
    if status == 404:
        return context.error(
            NotFoundError,
            "the API returned 404 not found (%s)%s; check api_url and the operation path"
            % (where, detail),
            status,
            request_id,
        )
    if status == 429:
        return context.error(
            RateLimitedError,
            "rate limited: operation %s for tenant %s still received 429 after every retry (%s); "
            "lower max_concurrency or raise max_retries"
            % (context.operation, context.tsg_id, where),
            status,
            request_id,
        )
    return context.error(
        ServerError,
        "the API request failed (%s)%s" % (where, detail),
        status,
        request_id,
    )
