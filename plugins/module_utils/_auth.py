# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""OAuth2 client-credentials tokens for the Prisma SASE auth service.

This is a private module: its interface may change between releases. The client id and
secret go in HTTP basic auth and the form carries ``scope=tsg_id:<id>``. A token is
requested once per scope and reused until fewer than 60 seconds of it remain.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import re
import threading
import time
from typing import Callable, Dict, Mapping, Optional, Tuple

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    AuthenticationError,
    TransportError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import (
    ConnectionSettings,
    safe_url,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._response import (
    CallContext,
    ConnectionFailed,
    RawResponse,
    request_id_from,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._token_cache import (
    CachedToken,
    TokenCache,
    process_slot,
    scope_key,
)

REFRESH_MARGIN = 60.0

# The auth service documents a token lifetime of 15 minutes; used when expires_in is missing.
DEFAULT_EXPIRES_IN = 900.0

# The auth service reportedly accepts about 10 concurrent token requests per tenant, so this
# process never sends more than 10 at once, whatever the number of scopes or clients. Slot
# files in the token cache folder apply the same limit across processes (process_slot).
MAX_TOKEN_REQUESTS_IN_FLIGHT = 10
TOKEN_REQUEST_SLOTS = threading.BoundedSemaphore(MAX_TOKEN_REQUESTS_IN_FLIGHT)

_OAUTH_ERROR_CODE = re.compile(r"^[a-z_]{1,40}$")

# (url, form fields, basic-auth pair) -> response; raises ConnectionFailed below HTTP.
PostForm = Callable[[str, Mapping[str, str], Tuple[str, str]], RawResponse]
DebugCallback = Callable[[str], None]


class TokenProvider:
    """Access tokens for any TSG id reachable with one set of credentials."""

    def __init__(
        self,
        settings: ConnectionSettings,
        post_form: PostForm,
        cache: TokenCache,
        *,
        debug: Optional[DebugCallback] = None,
        now: Callable[[], float] = time.time,
        slots: threading.BoundedSemaphore = TOKEN_REQUEST_SLOTS,
    ) -> None:
        self.settings = settings
        self._post_form = post_form
        self._cache = cache
        self._debug = debug
        self._now = now
        self._slots = slots
        self._scope_locks: Dict[str, threading.Lock] = {}
        self._locks_guard = threading.Lock()

    @property
    def can_refresh(self) -> bool:
        """Return False when a caller-supplied access token is used, which cannot be renewed."""
        return not self.settings.access_token

    def token(self, tsg_id: str, context: CallContext) -> str:
        """Return a token for tsg_id with at least 60 s left, requesting one when needed."""
        if self.settings.access_token:
            return self.settings.access_token

        key = self._key(tsg_id)
        fresh = self._fresh(key)
        if fresh is not None:
            return fresh

        with self._scope_lock(key):
            # Another thread may have fetched the token while this one waited for the lock.
            fresh = self._fresh(key)
            if fresh is not None:
                return fresh
            return self._fetch(key, tsg_id, context)

    def refresh(self, tsg_id: str, rejected_token: str, context: CallContext) -> str:
        """Return a new token after the API rejected ``rejected_token`` with 401.

        When another thread already replaced the rejected token, that newer token is returned
        and no request is sent, so many requests failing at once cause one token request.
        """
        if not self.can_refresh:
            raise context.error(
                AuthenticationError,
                "the API rejected the access token given in access_token (%s); a token issued "
                "elsewhere cannot be refreshed, so pass a new one or set client_id and "
                "client_secret instead" % context.describe(401, None),
                401,
            )

        key = self._key(tsg_id)
        with self._scope_lock(key):
            cached = self._cache.get(key)
            replaced = cached is not None and cached.access_token != rejected_token
            if replaced and cached.remaining(self._now()) > REFRESH_MARGIN:
                return cached.access_token
            self._cache.discard(key)
            return self._fetch(key, tsg_id, context)

    def _key(self, tsg_id: str) -> str:
        return scope_key(
            self.settings.auth_url,
            self.settings.client_id or "",
            self.settings.client_secret or "",
            tsg_id,
        )

    def _fresh(self, key: str) -> Optional[str]:
        cached = self._cache.get(key)
        if cached is not None and cached.remaining(self._now()) > REFRESH_MARGIN:
            return cached.access_token
        return None

    def _scope_lock(self, key: str) -> threading.Lock:
        with self._locks_guard:
            lock = self._scope_locks.get(key)
            if lock is None:
                lock = threading.Lock()
                self._scope_locks[key] = lock
            return lock

    def _fetch(self, key: str, tsg_id: str, context: CallContext) -> str:
        token = self._request_token(tsg_id, context)
        self._cache.put(key, token)
        return token.access_token

    def _request_token(self, tsg_id: str, context: CallContext) -> CachedToken:
        url = self.settings.auth_url
        form = {"grant_type": "client_credentials", "scope": "tsg_id:%s" % tsg_id}
        credentials = (self.settings.client_id or "", self.settings.client_secret or "")
        scope = CallContext(context.operation, context.region, tsg_id)
        where = "token request to %s for operation %s, tsg_id %s" % (
            safe_url(url),
            context.operation or "(unnamed)",
            tsg_id,
        )

        # NOTE: token requests are not retried, so one dropped connection to the auth
        # service fails the call that needed the token.
        with self._slots, process_slot(self._cache.directory, MAX_TOKEN_REQUESTS_IN_FLIGHT, self._debug):
            started = self._now()
            try:
                response = self._post_form(url, form, credentials)
            except ConnectionFailed as exc:
                raise scope.error(
                    TransportError,
                    "%s failed: %s; check auth_url, the network and any proxy settings"
                    % (where, exc.reason),
                ) from None

        request_id = request_id_from(response.headers)
        if self._debug is not None:
            self._debug(
                "POST %s -> %d in %.3f s (tsg_id %s, request id %s)"
                % (safe_url(url), response.status, self._now() - started, tsg_id, request_id)
            )

        if response.status != 200:
            message = "%s failed: %s, request id %s; %s" % (
                where,
                _describe_failure(response),
                request_id or "(none)",
                _advice(response.status, tsg_id),
            )
            raise scope.error(AuthenticationError, message, response.status, request_id)

        token = self._parse_token(response)
        if token is None:
            message = (
                "%s returned status 200 without a usable access_token and expires_in, request "
                "id %s; check that auth_url points at the token endpoint"
                % (where, request_id or "(none)")
            )
            raise scope.error(AuthenticationError, message, response.status, request_id)
        return token

    def _parse_token(self, response: RawResponse) -> Optional[CachedToken]:
        try:
            content = json.loads(response.content.decode("utf-8"))
            access_token = content["access_token"]
            expires_in = float(content.get("expires_in") or DEFAULT_EXPIRES_IN)
        except (ValueError, KeyError, TypeError, AttributeError):
            return None

        if not isinstance(access_token, str) or not access_token or expires_in <= 0:
            return None
        return CachedToken(access_token, self._now() + expires_in)


def _describe_failure(response: RawResponse) -> str:
    code = _oauth_error_code(response.content)
    if code:
        return "status %d (%s)" % (response.status, code)
    return "status %d" % response.status


def _advice(status: int, tsg_id: str) -> str:
    if status in (400, 401, 403):
        return (
            "check client_id and client_secret, and that the service account belongs to "
            "TSG %s or one of its parents" % tsg_id
        )
    return "the auth service failed, so try again later or check auth_url"


def _oauth_error_code(content: bytes) -> Optional[str]:
    """Return the OAuth2 ``error`` code of a token error body when it is a plain code."""
    try:
        code = json.loads(content.decode("utf-8")).get("error")
    except (ValueError, AttributeError, UnicodeDecodeError):
        return None
    if isinstance(code, str) and _OAUTH_ERROR_CODE.match(code):
        return code
    return None
