# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Waivers: accepted exceptions to a control for matching tenants, each with a reason and expiry.

This is a private module: its interface may change between releases. Standard library only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import datetime
import fnmatch
import os
from typing import Any, Dict, Iterable, List, Optional

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy import read_document
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_schema import (
    PolicyError,
)

WAIVER_KEYS = ("control", "tenant", "reason", "expires", "approved_by")


def load_waivers(source: Any) -> List[Dict[str, Any]]:
    """Load and validate waivers from None, a list, ``{waivers: [...]}`` or a YAML or JSON file.

    Each waiver needs ``control`` (id or glob), ``tenant`` (TSG id, display name or glob),
    ``reason`` and ``expires`` (a date); ``approved_by`` is optional. Raises PolicyError that
    lists every invalid waiver. Expired waivers are returned too: the engine ignores them with
    a warning, so the report shows that they lapsed.
    """
    if source is None:
        return []
    document = read_document(os.path.expanduser(source), "waivers") if isinstance(source, str) else source
    if isinstance(document, dict) and set(document) == {"waivers"}:
        document = document["waivers"]
    if document is None:
        return []
    if not isinstance(document, list):
        raise PolicyError(["waivers must be a list of mappings, not %r" % (type(document).__name__,)], "waivers")

    problems: List[str] = []
    waivers = []
    for index, waiver in enumerate(document):
        waiver_problems = _validate_waiver(index, waiver)
        problems.extend(waiver_problems)
        if not waiver_problems:
            waivers.append({
                "control": str(waiver["control"]),
                "tenant": str(waiver["tenant"]),
                "reason": waiver["reason"].strip(),
                "expires": _to_date(waiver["expires"]),
                "approved_by": str(waiver.get("approved_by") or ""),
            })
    if problems:
        raise PolicyError(problems, "waivers")
    return waivers


def _to_date(value: Any) -> Optional[datetime.date]:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _validate_waiver(index: int, waiver: Any) -> List[str]:
    label = "waivers[%d]" % index
    if not isinstance(waiver, dict):
        return ["%s %r is not a mapping" % (label, waiver)]

    problems = []
    for key in sorted(waiver, key=str):
        if key not in WAIVER_KEYS:
            problems.append("%s: key %r is not known (valid: %s)" % (label, key, ", ".join(WAIVER_KEYS)))
    for key in ("control", "tenant"):
        if not isinstance(waiver.get(key), (str, int)) or str(waiver.get(key)).strip() == "":
            problems.append("%s: %s is missing; give a control id and a tenant (TSG id, name or glob)" % (label, key))
    reason = waiver.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        problems.append("%s: reason is missing; every waiver must say why the risk is accepted" % label)
    if "expires" not in waiver or waiver["expires"] in (None, ""):
        problems.append("%s: expires is missing; give the last valid day as YYYY-MM-DD" % label)
    elif _to_date(waiver["expires"]) is None:
        problems.append("%s: expires %r is not a date; write it as YYYY-MM-DD" % (label, waiver["expires"]))
    return problems


def tenant_matches(pattern: str, tenant: Dict[str, Any]) -> bool:
    """Return True when ``pattern`` equals or glob-matches the tenant's TSG id or display name."""
    candidates = [str(tenant.get("tsg_id") or ""), str(tenant.get("display_name") or "")]
    for candidate in candidates:
        if candidate and (candidate == pattern or fnmatch.fnmatchcase(candidate, pattern)):
            return True
    return False


def is_expired(waiver: Dict[str, Any], today: datetime.date) -> bool:
    """Return True after the expiry day: a waiver is valid through the whole of its ``expires`` day (UTC)."""
    return waiver["expires"] < today


def find_waiver(
    waivers: Iterable[Dict[str, Any]], control_id: str, tenant: Dict[str, Any], today: datetime.date
) -> Optional[Dict[str, Any]]:
    """Return the first unexpired waiver that matches the control and the tenant, or None."""
    for waiver in waivers:
        if is_expired(waiver, today):
            continue
        control_pattern = waiver["control"]
        if control_pattern != control_id and not fnmatch.fnmatchcase(control_id, control_pattern):
            continue
        if tenant_matches(waiver["tenant"], tenant):
            return waiver
    return None
