# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Applicability of controls to tenants, and coverage of tenants by the dataset's operations.

This is a private module: its interface may change between releases. Standard library only.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any, Dict, List, Optional, Set

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_waivers import (
    tenant_matches,
)


def tenant_sort_key(tenant: Dict[str, Any]) -> Any:
    """Order tenants by hierarchy path, then TSG id."""
    return ([str(part) for part in tenant.get("path") or []], str(tenant.get("tsg_id") or ""))


def tenant_regions(tenant: Dict[str, Any]) -> Set[str]:
    """Return the tenant's CDL region codes and region header values, lower case."""
    values = list(tenant.get("regions") or []) + list(tenant.get("region_headers") or [])
    return {str(value).lower() for value in values}


def groups_of(tenant: Dict[str, Any], tenant_groups: Dict[str, List[str]]) -> List[str]:
    """Return the sorted names of the groups whose members match the tenant."""
    names = []
    for name, members in tenant_groups.items():
        if any(tenant_matches(member, tenant) for member in members):
            names.append(name)
    return sorted(names)


def not_applicable_reason(control: Dict[str, Any], tenant: Dict[str, Any], groups: List[str]) -> Optional[str]:
    """Return why the control does not apply to the tenant, or None when it applies."""
    applies_to = control["applies_to"]
    license_types = [value.lower() for value in applies_to["license_types"]]
    license_type = str(tenant.get("license_type") or "")
    if license_types and license_type.lower() not in license_types:
        return "the control applies to license types %s, and the tenant's is %s" % (
            ", ".join(applies_to["license_types"]), license_type or "unknown")

    regions = {value.lower() for value in applies_to["regions"]}
    if regions and not regions & tenant_regions(tenant):
        return "the control applies to regions %s, and the tenant's data is in %s" % (
            ", ".join(applies_to["regions"]), ", ".join(sorted(tenant_regions(tenant))) or "no known region")

    required_groups = applies_to["tenant_groups"]
    if required_groups and not set(required_groups) & set(groups):
        return "the control applies to tenant groups %s, and the tenant is in %s" % (
            ", ".join(required_groups), ", ".join(groups) or "no group")
    return None


class Coverage:
    """Decide whether the dataset's data for an operation can be trusted for one tenant.

    A failed call counts against a tenant when three things hold. Its operation matches, or it
    names none. Its region is one of the tenant's, or it names none, or the tenant's regions are
    unknown. Its TSG id is the tenant's, an ancestor's or the root's, or it names none.
    """

    def __init__(self, dataset: Dict[str, Any]) -> None:
        self._datasets = dataset.get("datasets") or {}
        self._root = str(dataset.get("root_tsg_id") or "")
        self._errors_by_operation: Dict[Optional[str], List[Dict[str, Any]]] = {}
        for error in dataset.get("errors") or []:
            self._errors_by_operation.setdefault(error.get("operation"), []).append(error)
        self._parents = {
            str(tenant.get("tsg_id")): str(tenant.get("parent_tsg_id") or "")
            for tenant in dataset.get("tenants") or []
        }
        self._ancestors: Dict[str, Set[str]] = {}
        self._problems: Dict[Any, Optional[str]] = {}

    def ancestors(self, tsg_id: str) -> Set[str]:
        """Return the TSG ids above ``tsg_id``, the root included."""
        if tsg_id in self._ancestors:
            return self._ancestors[tsg_id]
        found: Set[str] = {self._root} if self._root else set()
        current = self._parents.get(tsg_id, "")
        while current and current not in found:
            found.add(current)
            current = self._parents.get(current, "")
        self._ancestors[tsg_id] = found
        return found

    def has_error_records(self, operation: str) -> bool:
        """Return True when the dataset lists a failed call of this operation (or of every one)."""
        return bool(self._errors_by_operation.get(operation) or self._errors_by_operation.get(None))

    def entry(self, operation: str) -> Optional[Dict[str, Any]]:
        return self._datasets.get(operation)

    def failures(self, operation: str, tenant: Dict[str, Any]) -> List[Dict[str, Any]]:
        """Return the dataset errors that affect this operation for this tenant."""
        tsg_id = str(tenant.get("tsg_id") or "")
        regions = tenant_regions(tenant)
        matched = []
        for error in self._errors_by_operation.get(operation, []) + self._errors_by_operation.get(None, []):
            region = str(error.get("region") or "").lower()
            if region and regions and region not in regions:
                continue
            error_tsg = str(error.get("tsg_id") or "")
            if error_tsg and error_tsg != tsg_id and error_tsg not in self.ancestors(tsg_id):
                continue
            matched.append(error)
        return matched

    def problem(self, operation: str, tenant: Dict[str, Any]) -> Optional[str]:
        """Return why the operation's data cannot be used for the tenant, or None when it can."""
        key = (operation, str(tenant.get("tsg_id")))
        if key not in self._problems:
            self._problems[key] = self._find_problem(operation, tenant)
        return self._problems[key]

    def _find_problem(self, operation: str, tenant: Dict[str, Any]) -> Optional[str]:
        entry = self.entry(operation)
        if entry is None:
            return "the dataset has no data for %s; gather that operation or disable the control" % operation

        failures = self.failures(operation, tenant)
        if failures:
            return "%s failed for this tenant: %s" % (operation, describe_error(failures[0]))

        queried = {str(region).lower() for region in entry.get("regions") or []}
        headers = {str(region).lower() for region in tenant.get("region_headers") or []}
        if queried and headers and not headers & queried:
            return "%s was not queried in the tenant's region %s (queried: %s)" % (
                operation, ", ".join(sorted(headers)), ", ".join(sorted(queried)))
        if entry.get("partial") and not headers:
            return "%s returned partial data and the tenant's region is unknown" % operation
        return None


def describe_error(error: Dict[str, Any]) -> str:
    """Describe one dataset error in a short phrase: kind, region, status and request id."""
    parts = [str(error.get("kind") or "error")]
    if error.get("region"):
        parts.append("in region %s" % error["region"])
    if error.get("status") is not None:
        parts.append("status %s" % error["status"])
    if error.get("request_id"):
        parts.append("request id %s" % error["request_id"])
    return " ".join(parts)
