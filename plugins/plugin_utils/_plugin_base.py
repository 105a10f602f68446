# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Shared set-up of the lookups and the inventory: options, client, messages and caching.

This is a private module: its interface may change between releases.

Plugins run in the controller process, where ``no_log`` cannot hide anything, so every error
they raise is built from safe fields (operation, region, TSG ID, status, request ID and the
sanitised message of a MonitorError). Each is raised ``from None``, because the chained
exception of a failed HTTP call could carry a URL with credentials or a request body.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib
import json
import threading
import time
from dataclasses import dataclass
from typing import (
    TYPE_CHECKING,
    Any,
    Callable,
    Collection,
    Dict,
    Hashable,
    Mapping,
    Optional,
    Tuple,
    Type,
)

from ansible.errors import AnsibleError
from ansible.utils.display import Display

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    MonitorError,
    PermissionDeniedError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._options import (
    ConnectionSettings,
    settings_from_plugin,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._token_cache import (
    scope_key as token_scope_key,
)

if TYPE_CHECKING:
    from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._client import Client

display = Display()

ON_DENIED_CHOICES = ("error", "warn", "skip")


class PluginMessages:
    """Warning and debug callbacks for the client that print through Display.

    Debug lines (request traces) appear at -vvv. Each warning is printed once per plugin run,
    with a count of repeats at the end, because a fan-out over many tenants can raise the same
    warning hundreds of times.
    """

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self._counts: Dict[str, int] = {}
        self._lock = threading.Lock()

    def warn(self, message: str) -> None:
        with self._lock:
            count = self._counts.get(message, 0)
            self._counts[message] = count + 1
        if count == 0:
            display.warning("%s: %s" % (self.prefix, message))

    def debug(self, message: str) -> None:
        display.vvv("%s: %s" % (self.prefix, message))

    def report_repeats(self) -> None:
        """Print how often each warning repeated, once the plugin run is over."""
        with self._lock:
            repeated = [(message, count) for message, count in self._counts.items() if count > 1]
        for message, count in repeated:
            display.warning(
                "%s: the warning %r repeated %d more times" % (self.prefix, message[:120], count - 1)
            )


def plugin_error(error: MonitorError, plugin_label: str) -> AnsibleError:
    """Build the AnsibleError of a failed plugin call from the error's safe fields only."""
    details = []
    for label, value in (
        ("operation", error.operation),
        ("region", error.region),
        ("tsg_id", error.tsg_id),
        ("status", error.status),
        ("request id", error.request_id),
    ):
        if value is not None and str(value) not in error.message:
            details.append("%s %s" % (label, value))
    suffix = " (%s)" % ", ".join(details) if details else ""
    return AnsibleError("%s failed: %s%s" % (plugin_label, error.message, suffix))


def error_from_record(record: Mapping[str, Any], error_class: Type[MonitorError]) -> MonitorError:
    """Rebuild an exception from an error record of the gathering layer (``to_dict()`` form)."""
    return error_class(
        record.get("message") or "the request failed",
        operation=record.get("operation"),
        region=record.get("region"),
        tsg_id=record.get("tsg_id"),
        status=record.get("status"),
        request_id=record.get("request_id"),
    )


def load_settings(plugin: Any, messages: PluginMessages, plugin_label: str) -> ConnectionSettings:
    """Read and validate the connection options of a plugin, or raise AnsibleError."""
    try:
        return settings_from_plugin(plugin, warn=messages.warn)
    except MonitorError as error:
        raise plugin_error(error, plugin_label) from None


def open_client(settings: ConnectionSettings, messages: PluginMessages, plugin_label: str) -> "Client":
    """Create the API client of a plugin, or raise AnsibleError when requests is missing."""
    # Imported here, so that a plugin run that sends no request, such as the inventory served
    # from its cache, does not import the client and requests.
    from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._client import (
        Client,
        requests_import_error,
    )

    import_error = requests_import_error()
    if import_error:
        raise AnsibleError(
            "%s needs the Python library 'requests', which could not be imported; install it "
            "for the Python that runs ansible: %s" % (plugin_label, import_error.strip().splitlines()[-1])
        )
    try:
        return Client(settings, warn=messages.warn, debug=messages.debug)
    except MonitorError as error:
        raise plugin_error(error, plugin_label) from None


def handle_denied(
    error: PermissionDeniedError, on_denied: str, messages: PluginMessages, plugin_label: str
) -> None:
    """Apply the on_denied choice to a 403: raise (error), warn and go on (warn), or go on."""
    if on_denied == "error":
        raise plugin_error(error, plugin_label) from None
    if on_denied == "warn":
        messages.warn("%s: not authorised, skipped: %s" % (plugin_label, error.message))


def check_on_denied(value: Any) -> str:
    """Validate the on_denied option."""
    if value not in ON_DENIED_CHOICES:
        raise AnsibleError(
            "on_denied %r is invalid; use one of: %s" % (value, ", ".join(ON_DENIED_CHOICES))
        )
    return value


def scope_key(settings: ConnectionSettings, with_regions: bool = True) -> Tuple[Hashable, ...]:
    """Return the cache key part that names a connection scope, without any secret.

    The credentials enter only as an HMAC-SHA256 digest (the token cache's scope key), so a
    lookup with a changed or wrong client secret or access token never reads results fetched
    with other credentials. ``with_regions`` false leaves the regions out, for data that does
    not depend on them.
    """
    credentials = token_scope_key(
        settings.auth_url,
        settings.client_id or "",
        settings.client_secret or settings.access_token or "",
        settings.tsg_id,
    )
    key: Tuple[Hashable, ...] = (
        settings.api_url,
        settings.auth_url,
        settings.client_id,
        settings.tsg_id,
        bool(settings.access_token),
        credentials,
        tuple(sorted(settings.region_map.items())),
    )
    if with_regions:
        key += (tuple(settings.regions),)
    return key


def options_key(options: Any) -> str:
    """Return a stable text key for option values (dicts in any key order are equal)."""
    return json.dumps(options, sort_keys=True, default=str)


class ResultCache:
    """A small in-memory cache of lookup results with a time to live, shared per process.

    Keys are built by scope_key() and options_key(), so no secret is stored. Ansible runs the
    lookups of one task in one worker process, so two references to the same lookup in one
    template share an entry. Entries do not outlive that process.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._entries: Dict[Hashable, Tuple[float, Any]] = {}
        self._lock = threading.Lock()

    def get(self, key: Hashable, ttl: float) -> Optional[Any]:
        """Return the value stored under ``key`` if it is younger than ``ttl`` seconds."""
        if ttl <= 0:
            return None
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            stored_at, value = entry
            if self._clock() - stored_at > ttl:
                del self._entries[key]
                return None
            return value

    def put(self, key: Hashable, value: Any, ttl: float) -> None:
        """Store ``value`` unless ``ttl`` is 0 or less, which turns caching off."""
        if ttl <= 0:
            return
        with self._lock:
            self._entries[key] = (self._clock(), value)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


LOOKUP_CACHE = ResultCache()


@dataclass(frozen=True)
class LookupOptions:
    """The options every lookup of this collection reads before its own."""

    messages: PluginMessages
    on_denied: str
    cache_ttl: float
    settings: ConnectionSettings


def read_lookup_options(
    plugin: Any,
    variables: Optional[Dict[str, Any]],
    direct: Dict[str, Any],
    plugin_label: str,
    adjust_options: Optional[Callable[[], None]] = None,
) -> LookupOptions:
    """Set a lookup's options from variables and keyword arguments, then validate the shared ones.

    ``adjust_options``, when given, runs after the options are set and before the connection
    settings are read from them, so a lookup can rewrite an option it interprets itself.
    """
    # ansible-core drops keyword arguments that the plugin does not document, so a misspelt
    # filter such as severty= would silently return unfiltered rows.
    check_direct_options(direct, documented_options(plugin), plugin_label)
    # ansible-core rejects a value outside the documented choices with a task message that
    # leaves the choices out, so on_denied is checked first.
    if direct.get("on_denied") is not None:
        check_on_denied(direct["on_denied"])
    plugin.set_options(var_options=variables, direct=direct)
    if adjust_options is not None:
        adjust_options()
    messages = PluginMessages(plugin_label)
    return LookupOptions(
        messages=messages,
        on_denied=check_on_denied(plugin.get_option("on_denied")),
        cache_ttl=check_cache_ttl(plugin.get_option("cache_ttl")),
        settings=load_settings(plugin, messages, plugin_label),
    )


def documented_options(plugin: Any) -> Tuple[str, ...]:
    """Return the keyword options a plugin documents, without the ``_terms`` pseudo-option."""
    return tuple(sorted(name for name in plugin.option_definitions if not name.startswith("_")))


def check_direct_options(direct: Mapping[str, Any], valid: Collection[str], plugin_label: str) -> None:
    """Raise AnsibleError naming the first unknown keyword option, with the closest valid one.

    Only option names appear in the message, never values, which can be secrets.
    """
    unknown = sorted(name for name in direct if name not in valid)
    if not unknown:
        return

    name = unknown[0]
    close = difflib.get_close_matches(str(name), list(valid), n=1)
    hint = "did you mean '%s'? " % close[0] if close else ""
    others = "" if len(unknown) == 1 else " (also unknown: %s)" % ", ".join(unknown[1:])
    raise AnsibleError(
        "%s: unknown option '%s'%s; %svalid options: %s"
        % (plugin_label, name, others, hint, ", ".join(sorted(valid)))
    )


def check_cache_ttl(value: Any) -> float:
    """Validate the cache_ttl option: seconds, 0 turns the cache off."""
    try:
        ttl = float(value)
    except (TypeError, ValueError):
        raise AnsibleError(
            "cache_ttl %r is not a number; pass seconds, or 0 to turn the cache off" % (value,)
        ) from None
    if ttl < 0:
        raise AnsibleError("cache_ttl %r is negative; pass 0 or more seconds" % (value,))
    return ttl
