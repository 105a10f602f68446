# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""HTTP client of the Aggregate Monitoring API: tokens, retries, errors and fan-out.

This is a private module: its interface may change between releases. Modules, lookups and
the inventory build one Client from ConnectionSettings and pass their own warn and debug
callbacks (module.warn and module.debug, or Display methods).
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
import threading
import time
import traceback
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Callable, Dict, List, Mapping, Optional, Sequence, Tuple, TypeVar, Union

try:
    import requests
    from requests.adapters import HTTPAdapter
    from requests.utils import get_environ_proxies
except ImportError:
    HAS_REQUESTS = False
    REQUESTS_IMPORT_ERROR: Optional[str] = traceback.format_exc()
else:
    HAS_REQUESTS = True
    REQUESTS_IMPORT_ERROR = None

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._auth import (
    TOKEN_REQUEST_SLOTS,
    TokenProvider,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
    MonitorError,
    TransportError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import (
    ENV_VARS,
    ConnectionSettings,
    validate_tsg_id,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._regions import (
    KNOWN_REGIONS,
    normalize_region,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._response import (
    ApiResponse,
    CallContext,
    ConnectionFailed,
    RawResponse,
    error_for_status,
    header_value,
    parse_success,
    request_id_from,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._retry import (
    RETRY_STATUSES,
    RetryPolicy,
    RetryState,
    parse_retry_after,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._token_cache import (
    TokenCache,
    default_cache_directory,
)

# Calls under this prefix need the X-PANW-Region header; no other call may send it.
REGION_HEADER_PREFIX = "/mt/monitor/"

# Variables naming a CA bundle, read in this order when validate_certs is on and ca_path unset.
CA_BUNDLE_VARIABLES = ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE")

Callback = Callable[[str], None]
Item = TypeVar("Item")
Result = TypeVar("Result")


def requests_import_error() -> Optional[str]:
    """Return the traceback of the failed ``import requests``, or None when it imported.

    Modules pass it on: ``module.fail_json(msg=missing_required_lib("requests"),
    exception=requests_import_error())``.
    """
    return REQUESTS_IMPORT_ERROR


def _ignore(message: str) -> None:
    return None


class Client:
    """One connection to the API: a pooled session, tokens per TSG id, retries and errors."""

    def __init__(
        self,
        settings: ConnectionSettings,
        warn: Optional[Callback] = None,
        debug: Optional[Callback] = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        *,
        now: Callable[[], float] = time.time,
        token_cache: Optional[TokenCache] = None,
        retry_policy: Optional[RetryPolicy] = None,
        token_slots: threading.BoundedSemaphore = TOKEN_REQUEST_SLOTS,
    ) -> None:
        if not HAS_REQUESTS:
            raise MonitorError(
                "the Python library 'requests' is required but could not be imported; "
                "install it (pip install requests) for the Python that runs this code"
            )

        self.settings = settings
        self._warn = warn or _ignore
        self._debug = debug or _ignore
        self._sleep = sleep
        self._clock = clock
        self._now = now
        self._retry_policy = retry_policy or RetryPolicy.for_settings(
            settings.timeout, settings.max_retries
        )
        self._warned: Dict[str, int] = {}
        self._warned_lock = threading.Lock()

        self.session = self._build_session(settings.max_concurrency)
        self.verify = self._choose_verify()

        if token_cache is None:
            token_cache = TokenCache(default_cache_directory(), debug=self._debug)
        self.tokens = TokenProvider(
            settings,
            self._post_form,
            token_cache,
            debug=self._debug,
            now=now,
            slots=token_slots,
        )

    def close(self) -> None:
        """Close the pooled connections."""
        self.session.close()

    @staticmethod
    def _build_session(pool_size: int) -> "requests.Session":
        session = requests.Session()
        # trust_env off: requests would otherwise pick a CA bundle from the environment on its
        # own and let ~/.netrc replace the Authorization header. _choose_verify() and
        # _proxies() read the environment explicitly instead.
        session.trust_env = False
        adapter = HTTPAdapter(pool_connections=pool_size, pool_maxsize=pool_size, max_retries=0)
        session.mount("https://", adapter)
        session.mount("http://", adapter)
        return session

    def _choose_verify(self) -> Union[bool, str]:
        """Return the verify value sent with every request.

        validate_certs false always wins, then ca_path, then REQUESTS_CA_BUNDLE or
        CURL_CA_BUNDLE, then the CA store that requests ships with.
        """
        verify = self.settings.verify
        if verify is not True:
            return verify

        for name in CA_BUNDLE_VARIABLES:
            bundle = os.environ.get(name)
            if bundle:
                self._debug(
                    "checking certificates against %s from %s because ca_path (%s) is not set"
                    % (bundle, name, ENV_VARS["ca_path"])
                )
                return bundle
        return True

    def _warn_once(self, message: str) -> None:
        with self._warned_lock:
            count = self._warned.get(message, 0)
            self._warned[message] = count + 1
        if count == 0:
            self._warn(message)

    # Transport --------------------------------------------------------------------------

    def _proxies(self, url: str) -> Dict[str, str]:
        # HTTPS_PROXY, HTTP_PROXY and NO_PROXY from the environment, as requests reads them.
        return get_environ_proxies(url)

    def _send(self, method: str, url: str, **kwargs: Any) -> RawResponse:
        """Send one request; raise ConnectionFailed with a safe reason below HTTP."""
        try:
            response = self.session.request(
                method,
                url,
                timeout=self.settings.timeout,
                verify=self.verify,
                proxies=self._proxies(url),
                allow_redirects=False,
                **kwargs,
            )
        except requests.exceptions.SSLError:
            raise ConnectionFailed(
                "TLS handshake or certificate verification failed; set ca_path to the CA bundle "
                "that signs the server certificate",
                retryable=False,
            ) from None
        except requests.exceptions.ConnectTimeout:
            raise ConnectionFailed(
                "connection timed out after %g s" % self.settings.timeout
            ) from None
        except requests.exceptions.ReadTimeout:
            raise ConnectionFailed(
                "no response within the timeout of %g s" % self.settings.timeout
            ) from None
        except requests.exceptions.ProxyError:
            raise ConnectionFailed("the proxy refused or dropped the connection") from None
        except requests.exceptions.ChunkedEncodingError:
            raise ConnectionFailed("the connection dropped while reading the response") from None
        except requests.exceptions.ConnectionError:
            raise ConnectionFailed("the connection failed or was reset") from None
        except requests.exceptions.RequestException as exc:
            raise ConnectionFailed(
                "the request failed (%s)" % type(exc).__name__, retryable=False
            ) from None
        return RawResponse(response.status_code, dict(response.headers), response.content)

    def _post_form(
        self, url: str, form: Mapping[str, str], credentials: Tuple[str, str]
    ) -> RawResponse:
        return self._send(
            "POST", url, data=dict(form), auth=credentials, headers={"Accept": "application/json"}
        )

    # Requests ---------------------------------------------------------------------------

    def _region_for(self, path: str, region: Optional[str], operation: str) -> Optional[str]:
        if not path.startswith(REGION_HEADER_PREFIX):
            return None
        if region is None or (isinstance(region, str) and not region.strip()):
            raise InvalidInputError(
                "operation %s calls %s, which needs an X-PANW-Region value, but no region was "
                "given; pass one of %s" % (operation, path, ", ".join(KNOWN_REGIONS)),
                operation=operation,
            )
        return normalize_region(region, self._warn_once, allow_auto=False)

    def _url_for(self, path: str, operation: str) -> str:
        if not path.startswith("/") or path.startswith("//") or "://" in path:
            raise InvalidInputError(
                "path %r of operation %s is invalid; pass a path that starts with '/', such as "
                "/mt/monitor/v1/agg/alerts/list, because the host comes from api_url"
                % (path, operation),
                operation=operation,
            )
        return self.settings.api_url + path

    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        query: Optional[Mapping[str, Any]] = None,
        region: Optional[str] = None,
        operation: Optional[str] = None,
        tsg_id: Optional[str] = None,
    ) -> ApiResponse:
        """Send one API call with retries and return its unwrapped data.

        ``tsg_id`` selects the token scope (default: settings.tsg_id). ``region`` is required
        on paths under /mt/monitor/ and ignored elsewhere. Raises a MonitorError subclass.
        """
        method = method.upper()
        operation_name = operation or "%s %s" % (method, path)
        scope = validate_tsg_id(tsg_id) if tsg_id is not None else self.settings.tsg_id
        url = self._url_for(path, operation_name)
        header_region = self._region_for(path, region, operation_name)
        context = CallContext(operation_name, header_region, scope)

        headers = {"Accept": "application/json"}
        if header_region is not None:
            headers["X-PANW-Region"] = header_region
        payload: Dict[str, Any] = {"params": dict(query) if query else None}
        if body is not None:
            payload["json"] = body

        state = RetryState(self._retry_policy, self._clock)
        token = self.tokens.token(scope, context)
        refreshed = False
        started = self._clock()

        while True:
            headers["Authorization"] = "Bearer %s" % token
            attempt_started = self._clock()
            try:
                response = self._send(method, url, headers=headers, **payload)
            except ConnectionFailed as exc:
                wait = state.next_wait() if exc.retryable else None
                if wait is None:
                    raise self._transport_error(context, exc, state.retries) from None
                self._warn_retry(context, exc.reason, state, wait)
                self._sleep(wait)
                continue

            self._trace(method, path, response, self._clock() - attempt_started, context)

            # One refresh per call: a second 401 is final, so a bad token never loops.
            if response.status == 401 and not refreshed:
                refreshed = True
                token = self.tokens.refresh(scope, token, context)
                continue

            if response.status in RETRY_STATUSES:
                retry_after = parse_retry_after(
                    header_value(response.headers, "retry-after"), now=self._now
                )
                wait = state.next_wait(retry_after)
                if wait is not None:
                    self._warn_retry(context, "status %d" % response.status, state, wait)
                    self._sleep(wait)
                    continue
            break

        secrets = self.settings.secrets + (token,)
        if not 200 <= response.status < 300:
            raise error_for_status(
                context, response.status, response.headers, response.content, secrets
            )

        data = parse_success(context, response.status, response.headers, response.content, secrets)
        return ApiResponse(
            status=response.status,
            data=data,
            request_id=_request_id(response),
            elapsed=self._clock() - started,
        )

    def call_operation(
        self,
        operation: Any,
        *,
        body: Any = None,
        query: Optional[Mapping[str, Any]] = None,
        region: Optional[str] = None,
        tsg_id: Optional[str] = None,
    ) -> ApiResponse:
        """Call a catalog operation (any object with name, method and path attributes)."""
        return self.request(
            operation.method,
            operation.path,
            body=body,
            query=query,
            region=region,
            operation=operation.name,
            tsg_id=tsg_id,
        )

    def map_concurrent(
        self,
        fn: Callable[[Item], Result],
        items: Sequence[Item],
        max_workers: Optional[int] = None,
    ) -> List[Tuple[Item, Union[Result, MonitorError]]]:
        """Run fn over items in a pool of max_concurrency threads; keep the input order.

        A MonitorError raised by fn becomes that item's result, so one failed tenant or
        region does not stop the others. Any other exception is a bug and propagates.
        """
        items = list(items)
        if not items:
            return []

        workers = min(max_workers or self.settings.max_concurrency, len(items))

        def run(item: Item) -> Union[Result, MonitorError]:
            try:
                return fn(item)
            except MonitorError as exc:
                return exc

        with ThreadPoolExecutor(max_workers=workers) as pool:
            results = list(pool.map(run, items))
        return list(zip(items, results))

    # Messages ---------------------------------------------------------------------------

    def _trace(
        self,
        method: str,
        path: str,
        response: RawResponse,
        duration: float,
        context: CallContext,
    ) -> None:
        self._debug(
            "%s %s -> %d in %.3f s (operation %s, region %s, tsg_id %s, request id %s)"
            % (
                method,
                path,
                response.status,
                duration,
                context.operation,
                context.region or "(none)",
                context.tsg_id,
                _request_id(response) or "(none)",
            )
        )

    def _warn_retry(
        self, context: CallContext, reason: str, state: RetryState, wait: float
    ) -> None:
        self._warn(
            "retrying operation %s (region %s, tsg_id %s) after %s: attempt %d of %d, "
            "waiting %.1f s"
            % (
                context.operation,
                context.region or "(none)",
                context.tsg_id,
                reason,
                state.retries,
                state.policy.max_retries,
                wait,
            )
        )

    @staticmethod
    def _transport_error(
        context: CallContext, exc: ConnectionFailed, retries: int
    ) -> TransportError:
        after = " after %d retries" % retries if retries else ""
        return context.error(
            TransportError,
            "operation %s failed%s: %s (%s); check api_url, the network and any proxy settings"
            % (context.operation, after, exc.reason, context.describe(None, None)),
        )


def _request_id(response: RawResponse) -> Optional[str]:
    return request_id_from(response.headers)
