# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type


class ModuleDocFragment:
    """Connection options of every module (DOCUMENTATION) and plugin (PLUGINS).

    Both parts list the same names and defaults as connection_argument_spec() in
    plugins/module_utils/_options.py; a unit test compares the three.
    """

    # Modules read the PRISMA_SASE_* variables through env_fallback, which the option
    # descriptions mention because module docs have no env: key.
    DOCUMENTATION = r"""
options:
  client_id:
    description:
      - Client ID of the Prisma SASE service account.
      - Required unless O(access_token) is set.
      - If not set, the value of the E(PRISMA_SASE_CLIENT_ID) environment variable is used.
    type: str
  client_secret:
    description:
      - Client secret of the service account. It is never logged or written to the token cache.
      - Required unless O(access_token) is set.
      - If not set, the value of the E(PRISMA_SASE_CLIENT_SECRET) environment variable is used.
    type: str
  tsg_id:
    description:
      - Tenant service group (TSG) ID that the access token is requested for, 10 digits. Required.
      - For an MSSP this is usually the root TSG, whose token can read every child tenant.
      - The value is checked before any request is sent.
      - If not set, the value of the E(PRISMA_SASE_TSG_ID) environment variable is used.
    type: str
  access_token:
    description:
      - An access token issued elsewhere, used as it is instead of O(client_id) and O(client_secret).
      - Such a token cannot be refreshed, so a call that the API rejects with 401 fails.
      - If not set, the value of the E(PRISMA_SASE_ACCESS_TOKEN) environment variable is used.
    type: str
  region:
    description:
      - X-PANW-Region values to query, such as V(americas) or V(europe).
      - V(auto) queries every region where the tenants' data lives, read from the tenant hierarchy.
      - The documented values are V(americas), V(au), V(ca), V(de), V(europe), V(in), V(jp), V(sg) and V(uk).
        Other values of 2 to 16 lowercase letters, such as V(ch), are sent with a warning.
      - If not set, the value of the E(PRISMA_SASE_REGION) environment variable (comma-separated) is used.
    type: list
    elements: str
    default: [auto]
  region_map:
    description:
      - "Extra mappings from Cortex Data Lake region codes in the tenant hierarchy to X-PANW-Region values,
        such as V({ch01: ch}). They extend or override the built-in table (V(us01) to V(americas),
        V(eu01) to V(europe), V(uk01), V(de01), V(jp01), V(ca01), V(sg01), V(au01), V(in01))."
      - If not set, the value of the E(PRISMA_SASE_REGION_MAP) environment variable is used,
        written as V(ch01=ch,us02=americas).
    type: dict
  auth_url:
    description:
      - URL of the OAuth2 token endpoint.
      - The paths V(/oauth2/access_token), V(/auth/v1/oauth2/access_token) and V(/am/oauth2/access_token) are all in public use.
      - Must be http or https and must not contain a user name or password.
      - If not set, the value of the E(PRISMA_SASE_AUTH_URL) environment variable is used.
    type: str
    default: https://auth.apps.paloaltonetworks.com/oauth2/access_token
  api_url:
    description:
      - Base URL of the Prisma SASE API.
      - If not set, the value of the E(PRISMA_SASE_API_URL) environment variable is used.
    type: str
    default: https://api.sase.paloaltonetworks.com
  validate_certs:
    description:
      - Whether to verify TLS certificates. V(false) turns verification off even when
        O(ca_path) or E(REQUESTS_CA_BUNDLE) is set.
      - If not set, the value of the E(PRISMA_SASE_VALIDATE_CERTS) environment variable is used
        (V(true), V(false), V(yes), V(no), V(on), V(off), V(1) and V(0) are accepted).
    type: bool
    default: true
  ca_path:
    description:
      - PEM file or directory of CA certificates used to verify the servers.
      - When not set, E(REQUESTS_CA_BUNDLE) or E(CURL_CA_BUNDLE) is used if set, else the CA store of the requests library.
      - If not set, the value of the E(PRISMA_SASE_CA_PATH) environment variable is used.
    type: path
  timeout:
    description:
      - Seconds to wait for each HTTP response. Must be above 0.
      - The retries of one call stop after O(timeout) x (O(max_retries) + 1) seconds in total.
      - If not set, the value of the E(PRISMA_SASE_TIMEOUT) environment variable is used.
    type: float
    default: 30
  max_retries:
    description:
      - Retries of one call after a 429, 502, 503 or 504 status or a dropped connection, from 0 to 20.
      - A C(Retry-After) header sets the wait, capped at 60 seconds; otherwise the wait grows exponentially with random jitter.
      - If not set, the value of the E(PRISMA_SASE_MAX_RETRIES) environment variable is used.
    type: int
    default: 5
  max_concurrency:
    description:
      - API requests sent in parallel when one task covers several operations, regions or tenants, from 1 to 64.
      - If not set, the value of the E(PRISMA_SASE_MAX_CONCURRENCY) environment variable is used.
    type: int
    default: 8
notes:
  - Proxies are taken from the E(HTTPS_PROXY), E(HTTP_PROXY) and E(NO_PROXY) environment variables.
  - Access tokens are cached per auth URL, client ID and TSG ID in a private file (mode 0600) under
    E(XDG_CACHE_HOME) or C(~/.cache), in C(prisma_sase_mt_monitor/). The file contains only the token and its expiry.
requirements:
  - requests
"""

    # Plugins read the same variables through env: entries. region_map is raw here because
    # plugin options of type dict reject the string form that an environment variable has.
    PLUGINS = r"""
options:
  client_id:
    description:
      - Client ID of the Prisma SASE service account.
      - Required unless O(access_token) is set.
    type: str
    env:
      - name: PRISMA_SASE_CLIENT_ID
  client_secret:
    description:
      - Client secret of the service account. It is never logged or written to the token cache.
      - Required unless O(access_token) is set.
    type: str
    env:
      - name: PRISMA_SASE_CLIENT_SECRET
  tsg_id:
    description:
      - Tenant service group (TSG) ID that the access token is requested for, 10 digits. Required.
      - For an MSSP this is usually the root TSG, whose token can read every child tenant.
      - The value is checked before any request is sent.
    type: str
    env:
      - name: PRISMA_SASE_TSG_ID
  access_token:
    description:
      - An access token issued elsewhere, used as it is instead of O(client_id) and O(client_secret).
      - Such a token cannot be refreshed, so a call that the API rejects with 401 fails.
    type: str
    env:
      - name: PRISMA_SASE_ACCESS_TOKEN
  region:
    description:
      - X-PANW-Region values to query, such as V(americas) or V(europe).
      - V(auto) queries every region where the tenants' data lives, read from the tenant hierarchy.
      - The documented values are V(americas), V(au), V(ca), V(de), V(europe), V(in), V(jp), V(sg) and V(uk).
        Other values of 2 to 16 lowercase letters, such as V(ch), are sent with a warning.
    type: list
    elements: str
    default: [auto]
    env:
      - name: PRISMA_SASE_REGION
  region_map:
    description:
      - "Extra mappings from Cortex Data Lake region codes in the tenant hierarchy to X-PANW-Region values,
        as a dictionary such as V({ch01: ch}) or a string such as V(ch01=ch,us02=americas).
        They extend or override the built-in table (V(us01) to V(americas), V(eu01) to V(europe),
        V(uk01), V(de01), V(jp01), V(ca01), V(sg01), V(au01), V(in01))."
    type: raw
    env:
      - name: PRISMA_SASE_REGION_MAP
  auth_url:
    description:
      - URL of the OAuth2 token endpoint.
      - The paths V(/oauth2/access_token), V(/auth/v1/oauth2/access_token) and V(/am/oauth2/access_token) are all in public use.
      - Must be http or https and must not contain a user name or password.
    type: str
    default: https://auth.apps.paloaltonetworks.com/oauth2/access_token
    env:
      - name: PRISMA_SASE_AUTH_URL
  api_url:
    description:
      - Base URL of the Prisma SASE API.
    type: str
    default: https://api.sase.paloaltonetworks.com
    env:
      - name: PRISMA_SASE_API_URL
  validate_certs:
    description:
      - Whether to verify TLS certificates. V(false) turns verification off even when
        O(ca_path) or E(REQUESTS_CA_BUNDLE) is set.
    type: bool
    default: true
    env:
      - name: PRISMA_SASE_VALIDATE_CERTS
  ca_path:
    description:
      - PEM file or directory of CA certificates used to verify the servers.
      - When not set, E(REQUESTS_CA_BUNDLE) or E(CURL_CA_BUNDLE) is used if set, else the CA store of the requests library.
    type: path
    env:
      - name: PRISMA_SASE_CA_PATH
  timeout:
    description:
      - Seconds to wait for each HTTP response. Must be above 0.
      - The retries of one call stop after O(timeout) x (O(max_retries) + 1) seconds in total.
    type: float
    default: 30
    env:
      - name: PRISMA_SASE_TIMEOUT
  max_retries:
    description:
      - Retries of one call after a 429, 502, 503 or 504 status or a dropped connection, from 0 to 20.
      - A C(Retry-After) header sets the wait, capped at 60 seconds; otherwise the wait grows exponentially with random jitter.
    type: int
    default: 5
    env:
      - name: PRISMA_SASE_MAX_RETRIES
  max_concurrency:
    description:
      - API requests sent in parallel when one call covers several operations, regions or tenants, from 1 to 64.
    type: int
    default: 8
    env:
      - name: PRISMA_SASE_MAX_CONCURRENCY
notes:
  - Proxies are taken from the E(HTTPS_PROXY), E(HTTP_PROXY) and E(NO_PROXY) environment variables.
  - Access tokens are cached per auth URL, client ID and TSG ID in a private file (mode 0600) under
    E(XDG_CACHE_HOME) or C(~/.cache), in C(prisma_sase_mt_monitor/). The file contains only the token and its expiry.
requirements:
  - requests
"""
