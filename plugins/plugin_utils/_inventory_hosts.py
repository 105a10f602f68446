# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Host names, host variables and group names of the tenants inventory.

This is a private module: its interface may change between releases.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import functools
import json
import re
import unicodedata
from typing import Any, Dict, List, Mapping, Sequence

HOSTNAME_SOURCES = ("display_name", "tsg_id")

# A run of characters that are neither letters, digits, '_', '.' nor '-', in any script.
_SEPARATOR_RUN = re.compile(r"[^\w.-]+")

_ASCII_LETTER_OR_DIGIT = re.compile(r"[A-Za-z0-9]")

# A run of characters outside ASCII (letters such as 李 that have no ASCII form), with at most
# one neighbouring underscore on each side, so the run and a separator become one '_'.
_NON_ASCII_RUN = re.compile(r"_?[^\x00-\x7f]+_?")

# Latin letters that Unicode does not decompose into an ASCII letter plus accents, written
# the way they are usually transliterated into ASCII.
_LATIN_TRANSLITERATIONS = str.maketrans(
    {
        "Æ": "AE", "æ": "ae", "Œ": "OE", "œ": "oe", "ß": "ss", "ẞ": "SS",
        "Ø": "O", "ø": "o", "Ł": "L", "ł": "l", "Đ": "D", "đ": "d", "Ð": "D", "ð": "d",
        "Þ": "TH", "þ": "th", "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t", "ı": "i",
    }
)

# Host variable name -> tenant field.
HOST_VARIABLE_FIELDS = (
    ("tenant_tsg_id", "tsg_id"),
    ("tenant_cdl_id", "cdl_tenant_id"),
    ("tenant_display_name", "display_name"),
    ("tenant_parent_tsg_id", "parent_tsg_id"),
    ("tenant_path", "path"),
    ("tenant_depth", "depth"),
    ("tenant_regions", "regions"),
    ("tenant_region_headers", "region_headers"),
    ("tenant_license_type", "license_type"),
    ("tenant_vertical", "vertical"),
    ("tenant_license_activated", "license_activated"),
)

# Characters that Ansible accepts in group names without a warning.
_UNSAFE_GROUP_CHARACTERS = re.compile(r"[^a-z0-9_]+")

# Prefixes of the generated groups.
REGION_GROUP_PREFIX = "region_"
LICENSE_GROUP_PREFIX = "license_"
PARENT_GROUP_PREFIX = "parent_"


def safe_hostname(text: str) -> str:
    """Turn a display name into a host name of ASCII letters, digits, '_', '.' and '-'.

    Accented letters lose their accents (Björk becomes Bjork) and the Latin letters in
    _LATIN_TRANSLITERATIONS are transliterated (Østergaard becomes Ostergaard). Every run of
    other characters becomes one '_', and so does a letter without an ASCII form, even at
    the start or end (李 Software SARL becomes _Software_SARL). Returns an empty string when
    no ASCII letter or digit is left, so the caller can fall back to the TSG ID.
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_LATIN_TRANSLITERATIONS))
    without_accents = "".join(
        character for character in decomposed if not unicodedata.combining(character)
    )

    # Spaces, punctuation and symbols become '_' and are trimmed at the ends. Letters and
    # digits outside ASCII match \w, so they survive the trim and become '_' only afterwards.
    words = _SEPARATOR_RUN.sub("_", without_accents).strip("_.-")
    name = _NON_ASCII_RUN.sub("_", words)

    if not _ASCII_LETTER_OR_DIGIT.search(name):
        return ""
    return name


def assign_hostnames(tenants: Sequence[Mapping[str, Any]], source: str) -> List[str]:
    """Return one unique host name per tenant, in the order given.

    With ``display_name``, a tenant whose safe name is empty or already taken by an earlier
    tenant gets ``<name>_<tsg_id>`` (or the bare TSG ID), so every name stays stable as long
    as the hierarchy order does.
    """
    if source not in HOSTNAME_SOURCES:
        raise ValueError(
            "hostname_source %r is invalid; use one of: %s" % (source, ", ".join(HOSTNAME_SOURCES))
        )

    names: List[str] = []
    taken = set()
    for tenant in tenants:
        tsg_id = str(tenant["tsg_id"])
        if source == "tsg_id":
            name = tsg_id
        else:
            name = safe_hostname(str(tenant.get("display_name") or ""))
            if not name:
                name = tsg_id
            elif name in taken:
                name = "%s_%s" % (name, tsg_id)
        taken.add(name)
        names.append(name)
    return names


def tenant_host_variables(tenant: Mapping[str, Any]) -> Dict[str, Any]:
    """Return the tenant_* host variables of one tenant."""
    return {variable: tenant.get(field) for variable, field in HOST_VARIABLE_FIELDS}


def safe_group_name(prefix: str, value: Any) -> str:
    """Return ``prefix`` plus ``value`` in lower case, with other characters turned into '_'."""
    return _safe_group_name(prefix, str(value))


# Region, license and parent values repeat across thousands of tenants, so each distinct one is
# converted once. The bound keeps a long-lived process from growing without limit.
@functools.lru_cache(maxsize=16384)
def _safe_group_name(prefix: str, text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return prefix + (_UNSAFE_GROUP_CHARACTERS.sub("_", ascii_text.lower()).strip("_") or "unknown")


def tenant_group_names(tenant: Mapping[str, Any]) -> List[str]:
    """Return the groups of a tenant: its regions, its license type and its parent."""
    groups = [
        safe_group_name(REGION_GROUP_PREFIX, region) for region in tenant.get("region_headers") or []
    ]
    if tenant.get("license_type"):
        groups.append(safe_group_name(LICENSE_GROUP_PREFIX, tenant["license_type"]))
    if tenant.get("parent_tsg_id"):
        groups.append(safe_group_name(PARENT_GROUP_PREFIX, tenant["parent_tsg_id"]))
    return groups


def encode_tenant_table(tenants: Sequence[Mapping[str, Any]]) -> str:
    """Encode tenants as compact JSON with the field names once and one row per tenant.

    A tenant that lacks one of the fields gets null in that column.
    """
    fields: Dict[str, None] = {}
    for tenant in tenants:
        fields.update(dict.fromkeys(tenant))
    names = list(fields)
    rows = [[tenant.get(name) for name in names] for tenant in tenants]
    return json.dumps({"fields": names, "rows": rows}, separators=(",", ":"), ensure_ascii=False)


class TenantTableError(ValueError):
    """Error for a cached tenant table that is valid JSON but not in the layout of encode_tenant_table."""


def decode_tenant_table(text: str) -> List[Dict[str, Any]]:
    """Decode the output of encode_tenant_table into one dict per tenant.

    Raise ValueError when the text is not valid JSON, and TenantTableError, a subclass of
    ValueError, when the JSON is not in that layout.
    """
    table = json.loads(text)
    if not isinstance(table, dict):
        raise TenantTableError("the tenant table is a %s, not an object" % type(table).__name__)

    names = table.get("fields")
    rows = table.get("rows")
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise TenantTableError("the tenant table has no list of field names")
    if not isinstance(rows, list):
        raise TenantTableError("the tenant table has no list of rows")
    if rows and "tsg_id" not in names:
        raise TenantTableError("the tenant table has no tsg_id field")

    tenants = []
    for position, row in enumerate(rows):
        if not isinstance(row, list) or len(row) != len(names):
            raise TenantTableError("row %d of the tenant table is not a list with one value per field (%d fields)" % (position, len(names)))
        tenants.append(dict(zip(names, row)))
    return tenants
