# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Connection options shared by every module and plugin, and their validation.

This is a private module: its interface may change between releases. The option names,
environment variables and defaults here must match plugins/doc_fragments/connection.py.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import math
import os
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, Mapping, Optional, Tuple, Union
from urllib.parse import urlsplit, urlunsplit

from ansible.module_utils.basic import env_fallback

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._regions import (
    normalize_region,
    normalize_regions,
)

DEFAULT_AUTH_URL = "https://auth.apps.paloaltonetworks.com/oauth2/access_token"
DEFAULT_API_URL = "https://api.sase.paloaltonetworks.com"
DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 5
DEFAULT_MAX_CONCURRENCY = 8

MAX_RETRIES_RANGE = (0, 20)
MAX_CONCURRENCY_RANGE = (1, 64)

# Option name -> environment variable read when the option is not set.
ENV_VARS = {
    "client_id": "PRISMA_SASE_CLIENT_ID",
    "client_secret": "PRISMA_SASE_CLIENT_SECRET",
    "tsg_id": "PRISMA_SASE_TSG_ID",
    "access_token": "PRISMA_SASE_ACCESS_TOKEN",
    "region": "PRISMA_SASE_REGION",
    "region_map": "PRISMA_SASE_REGION_MAP",
    "auth_url": "PRISMA_SASE_AUTH_URL",
    "api_url": "PRISMA_SASE_API_URL",
    "validate_certs": "PRISMA_SASE_VALIDATE_CERTS",
    "ca_path": "PRISMA_SASE_CA_PATH",
    "timeout": "PRISMA_SASE_TIMEOUT",
    "max_retries": "PRISMA_SASE_MAX_RETRIES",
    "max_concurrency": "PRISMA_SASE_MAX_CONCURRENCY",
}

# Option name -> (Ansible type, default, no_log).
_OPTION_TYPES: Dict[str, Tuple[str, Any, bool]] = {
    "client_id": ("str", None, False),
    "client_secret": ("str", None, True),
    "tsg_id": ("str", None, False),
    "access_token": ("str", None, True),
    "region": ("list", ["auto"], False),
    "region_map": ("dict", None, False),
    "auth_url": ("str", DEFAULT_AUTH_URL, False),
    "api_url": ("str", DEFAULT_API_URL, False),
    "validate_certs": ("bool", True, False),
    "ca_path": ("path", None, False),
    "timeout": ("float", DEFAULT_TIMEOUT, False),
    "max_retries": ("int", DEFAULT_MAX_RETRIES, False),
    "max_concurrency": ("int", DEFAULT_MAX_CONCURRENCY, False),
}

OPTION_NAMES = tuple(_OPTION_TYPES)

_TRUE_STRINGS = frozenset(("true", "1", "yes", "on", "y", "t"))
_FALSE_STRINGS = frozenset(("false", "0", "no", "off", "n", "f"))
_TSG_ID = re.compile(r"^[0-9]{10}$")

WarnCallback = Callable[[str], None]


@dataclass(frozen=True)
class ConnectionSettings:
    """Validated connection settings; secrets are left out of repr()."""

    tsg_id: str
    client_id: Optional[str] = field(default=None, repr=False)
    client_secret: Optional[str] = field(default=None, repr=False)
    access_token: Optional[str] = field(default=None, repr=False)
    regions: Tuple[str, ...] = ("auto",)
    region_map: Mapping[str, str] = field(default_factory=dict)
    auth_url: str = DEFAULT_AUTH_URL
    api_url: str = DEFAULT_API_URL
    validate_certs: bool = True
    ca_path: Optional[str] = None
    timeout: float = DEFAULT_TIMEOUT
    max_retries: int = DEFAULT_MAX_RETRIES
    max_concurrency: int = DEFAULT_MAX_CONCURRENCY

    @property
    def verify(self) -> Union[bool, str]:
        """Return the ``verify`` argument for requests: False, a CA bundle path or True."""
        if not self.validate_certs:
            return False
        if self.ca_path:
            return self.ca_path
        return True

    @property
    def secrets(self) -> Tuple[str, ...]:
        """Return the secret values set, so that messages and logs can mask them."""
        values = (self.client_secret, self.access_token)
        return tuple(value for value in values if value)


def connection_argument_spec() -> Dict[str, Dict[str, Any]]:
    """Return the argument spec of the connection options, with env_fallback on each one."""
    spec: Dict[str, Dict[str, Any]] = {}
    for name, (option_type, default, no_log) in _OPTION_TYPES.items():
        entry: Dict[str, Any] = {
            "type": option_type,
            "fallback": (env_fallback, [ENV_VARS[name]]),
            "no_log": no_log,
        }
        if option_type == "list":
            entry["elements"] = "str"
        if default is not None:
            entry["default"] = list(default) if isinstance(default, list) else default
        spec[name] = entry
    return spec


def parse_bool(value: Any, name: str) -> bool:
    """Parse a boolean option, accepting the strings Ansible and AWX use for booleans."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE_STRINGS:
            return True
        if text in _FALSE_STRINGS:
            return False
    raise InvalidInputError(
        "%s %r is not a boolean; use true or false (also accepted: yes/no, on/off, 1/0)"
        % (name, value)
    )


def _parse_number(value: Any, name: str, kind: type) -> Any:
    if isinstance(value, bool):
        raise InvalidInputError("%s %r is not a number; pass a %s" % (name, value, kind.__name__))
    try:
        number = kind(value.strip() if isinstance(value, str) else value)
    except (TypeError, ValueError):
        raise InvalidInputError(
            "%s %r is not a number; pass a %s" % (name, value, kind.__name__)
        ) from None
    if kind is int and isinstance(value, float) and value != number:
        raise InvalidInputError("%s %r is not a whole number; pass an integer" % (name, value))
    return number


def _check_range(value: int, name: str, bounds: Tuple[int, int]) -> int:
    low, high = bounds
    if not low <= value <= high:
        raise InvalidInputError(
            "%s %d is out of range; pass a value from %d to %d" % (name, value, low, high)
        )
    return value


def safe_url(url: str) -> str:
    """Return a URL without user info, query or fragment, for messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host = "%s:%d" % (host, parts.port)
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def validate_url(value: Any, name: str) -> str:
    """Check that a URL is http(s), has a host and carries no user name or password."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidInputError("%s is empty; pass an http:// or https:// URL" % name)

    url = value.strip()
    try:
        parts = urlsplit(url)
        # Reading the port raises ValueError unless it is a number from 0 to 65535.
        _port = parts.port
    except ValueError:
        raise InvalidInputError(
            "%s is not a valid URL; pass an http:// or https:// URL with a host" % name
        ) from None

    if parts.username is not None or parts.password is not None:
        raise InvalidInputError(
            "%s '%s' contains credentials; remove them from the URL and pass client_id and "
            "client_secret instead" % (name, safe_url(url))
        )
    if parts.scheme not in ("http", "https"):
        raise InvalidInputError(
            "%s '%s' has the scheme '%s'; pass an http:// or https:// URL"
            % (name, safe_url(url), parts.scheme)
        )
    if not parts.hostname:
        raise InvalidInputError(
            "%s '%s' has no host; pass a URL such as https://host/path" % (name, url)
        )
    return url


def validate_tsg_id(value: Any) -> str:
    """Check that a TSG id is 10 digits; integers from YAML are accepted and converted."""
    if isinstance(value, bool) or value is None:
        text = ""
    elif isinstance(value, int):
        text = str(value)
    elif isinstance(value, str):
        text = value.strip()
    else:
        text = ""
    if not _TSG_ID.match(text):
        raise InvalidInputError(
            "tsg_id %r is invalid; a TSG id is 10 digits, such as 1234567890 "
            "(set the tsg_id option or %s)" % (value, ENV_VARS["tsg_id"])
        )
    return text


def _parse_region_map(value: Any) -> Dict[str, str]:
    if value in (None, ""):
        return {}
    if isinstance(value, str):
        entries: Dict[str, str] = {}
        for pair in value.split(","):
            code, sep, header = pair.partition("=")
            if not sep or not code.strip() or not header.strip():
                raise InvalidInputError(
                    "region_map entry %r is invalid; write CDL code=header pairs such as "
                    "'ch01=ch,us02=americas'" % pair.strip()
                )
            entries[code.strip().lower()] = header.strip()
        value = entries
    if not isinstance(value, Mapping):
        raise InvalidInputError(
            "region_map must map CDL region codes to X-PANW-Region values, such as "
            "{ch01: ch}; got %s" % type(value).__name__
        )
    return {
        str(code).strip().lower(): normalize_region(header, allow_auto=False)
        for code, header in value.items()
    }


def _parse_regions(value: Any, warn: Optional[WarnCallback]) -> Tuple[str, ...]:
    if value in (None, "", []):
        return ("auto",)
    if isinstance(value, str):
        value = value.split(",")
    if not isinstance(value, (list, tuple)):
        return (normalize_region(value, warn),)
    return tuple(normalize_regions(value, warn))


def _missing_credentials_message(values: Mapping[str, Any]) -> str:
    missing = [name for name in ("client_id", "client_secret") if not values.get(name)]
    searched = ", ".join("%s (%s)" % (name, ENV_VARS[name]) for name in missing)
    return (
        "missing credentials: %s not set; set client_id and client_secret (options or "
        "environment variables %s and %s), or set access_token (option or %s)"
        % (searched, ENV_VARS["client_id"], ENV_VARS["client_secret"], ENV_VARS["access_token"])
    )


def build_settings(
    values: Mapping[str, Any],
    warn: Optional[WarnCallback] = None,
) -> ConnectionSettings:
    """Validate raw option values and build ConnectionSettings; raise InvalidInputError.

    Values that are None take their default. Messages name the option and the fix; they
    name the environment variable of a missing value and never repeat a secret.
    """
    options = {name: values.get(name) for name in OPTION_NAMES}
    for name, (option_type, default, no_log) in _OPTION_TYPES.items():
        if options[name] is None:
            options[name] = default

    if options["tsg_id"] in (None, ""):
        raise InvalidInputError(
            "missing tsg_id: set the tsg_id option or the %s environment variable"
            % ENV_VARS["tsg_id"]
        )
    tsg_id = validate_tsg_id(options["tsg_id"])

    if not options["access_token"] and not (options["client_id"] and options["client_secret"]):
        raise InvalidInputError(_missing_credentials_message(options))

    timeout = _parse_number(options["timeout"], "timeout", float)
    if math.isnan(timeout) or timeout <= 0:
        raise InvalidInputError("timeout %r is invalid; pass a number of seconds above 0" % timeout)

    max_retries = _check_range(
        _parse_number(options["max_retries"], "max_retries", int), "max_retries", MAX_RETRIES_RANGE
    )
    max_concurrency = _check_range(
        _parse_number(options["max_concurrency"], "max_concurrency", int),
        "max_concurrency",
        MAX_CONCURRENCY_RANGE,
    )

    ca_path = options["ca_path"] or None
    if ca_path is not None:
        ca_path = os.path.expanduser(str(ca_path))
        if not os.path.exists(ca_path):
            raise InvalidInputError(
                "ca_path '%s' does not exist; pass the path of a PEM CA bundle or a "
                "directory of CA certificates" % ca_path
            )

    return ConnectionSettings(
        tsg_id=tsg_id,
        client_id=options["client_id"] or None,
        client_secret=options["client_secret"] or None,
        access_token=options["access_token"] or None,
        regions=_parse_regions(options["region"], warn),
        region_map=_parse_region_map(options["region_map"]),
        auth_url=validate_url(options["auth_url"], "auth_url"),
        api_url=validate_url(options["api_url"], "api_url").rstrip("/"),
        validate_certs=parse_bool(options["validate_certs"], "validate_certs"),
        ca_path=ca_path,
        timeout=timeout,
        max_retries=max_retries,
        max_concurrency=max_concurrency,
    )


def settings_from_module(module: Any) -> ConnectionSettings:
    """Build settings from an AnsibleModule's params; fail the module on an invalid value."""
    try:
        return build_settings(module.params, warn=module.warn)
    except InvalidInputError as exc:
        module.fail_json(msg=exc.message)
        raise  # fail_json exits; this line only runs with a stubbed module


def settings_from_plugin(plugin: Any, warn: Optional[WarnCallback] = None) -> ConnectionSettings:
    """Build settings from a plugin's get_option(); raise InvalidInputError when invalid.

    The plugin's documentation (the PLUGINS fragment) supplies the environment variables.
    An option that the plugin does not declare counts as unset.
    """
    values: Dict[str, Any] = {}
    for name in OPTION_NAMES:
        try:
            values[name] = plugin.get_option(name)
        except KeyError:
            values[name] = None
    return build_settings(values, warn=warn)
