# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""One run of the compliance_check action: read the dataset, evaluate, write the results file.

This is a private module: its interface may change between releases.

The results file is key-sorted JSON, and `generated_at` is the dataset's `collected_at`, so the
same dataset with the same policy and waivers gives the same bytes. The file is replaced only
when those bytes differ, which makes a repeated run report `changed: false`.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import os
from dataclasses import dataclass, field
from typing import Any, Mapping

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls import evaluate
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy import (
    read_document,
    resolve_policy,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_default import (
    DEFAULT_POLICY,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_schema import (
    PolicyError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_waivers import (
    load_waivers,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._results_file import (
    DocumentReadError,
    FileWriteError,
    read_document_source,
    serialize_results,
    write_if_changed,
)

POLICY_FIX = ("set policy to 'default', to a mapping, or to a readable YAML or JSON policy file "
              "on the controller (format in docs/controls.md)")
WAIVERS_FIX = ("set waivers to a list of waivers or to a readable YAML or JSON file on the "
               "controller with control, tenant, reason and expires in each entry")


class ComplianceInputError(Exception):
    """An input of compliance_check is missing or invalid; the message names it and the fix."""


@dataclass
class ComplianceOutcome:
    """Outcome of one compliance_check run: the results and whether the file changed."""

    dest: str
    changed: bool
    written: bool
    results: dict[str, Any]
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        """Return the counts, scores and policy for the task result, without the results list."""
        scores = {tsg_id: entry.get("score") for tsg_id, entry in self.results["scores"].items()}
        known = [score for score in scores.values() if score is not None]
        return {
            "generated_at": self.results["generated_at"],
            "policy": self.results["policy"],
            "tenants": len(self.results["tenants"]),
            "controls": len(self.results["controls"]),
            "results": len(self.results["results"]),
            "totals": self.results["totals"],
            "scores": scores,
            "score_average": round(sum(known) / len(known), 1) if known else None,
            "errors": len(self.results["errors"]),
        }


DATASET_FIX = ("gather it with prisma_sase.mt_monitor.monitor_facts and its dest option, or set "
               "dataset to the file that monitor_facts wrote")


def read_dataset(source: Any) -> dict[str, Any]:
    """Return the dataset document from a path to its JSON file, or the document itself."""
    try:
        document = read_document_source(source, "dataset", DATASET_FIX)
    except DocumentReadError as error:
        raise ComplianceInputError(str(error)) from None
    if not isinstance(document.get("tenants"), list):
        raise ComplianceInputError("the dataset has no tenants list, so it is not a dataset "
                                   "document; %s" % DATASET_FIX)
    if not isinstance(document.get("datasets", {}), dict):
        raise ComplianceInputError("the dataset's datasets entry is not a mapping; %s"
                                   % DATASET_FIX)
    return document


def _policy_document(policy: Any) -> tuple[Any, str]:
    """Return the policy document and the source label that the results record."""
    if policy is None or policy == "default":
        return dict(DEFAULT_POLICY), "built-in"
    if isinstance(policy, Mapping):
        return dict(policy), "inline"
    if isinstance(policy, str):
        return read_document(os.path.expanduser(policy), "policy"), policy
    raise PolicyError(["policy %r is not a mapping, a file path or 'default'" % (policy,)])


def resolve_with_overrides(policy: Any, overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    """Load `policy` and apply `overrides` on top of the overrides the policy sets itself.

    An override given here replaces the policy's override of the same control as a whole.
    Raises ComplianceInputError with every problem and the fix.
    """
    try:
        document, source = _policy_document(policy)
        if overrides:
            if not isinstance(document, dict):
                raise PolicyError(["the policy document is not a mapping"])
            merged = dict(document.get("overrides") or {})
            merged.update(overrides)
            document = dict(document, overrides=merged)
        return resolve_policy(document, source)
    except PolicyError as error:
        raise ComplianceInputError("%s; %s" % (error, POLICY_FIX)) from None


def resolve_waivers(waivers: Any) -> list[dict[str, Any]]:
    """Load and validate the waivers; raise ComplianceInputError with the fix."""
    try:
        return load_waivers(waivers)
    except PolicyError as error:
        raise ComplianceInputError("%s; %s" % (error, WAIVERS_FIX)) from None


def run_compliance(
    dataset_source: Any,
    dest: str,
    *,
    policy: Any = "default",
    overrides: Mapping[str, Any] | None = None,
    waivers: Any = None,
    tenant_groups: Mapping[str, Any] | None = None,
    mode: int = 0o600,
    check_mode: bool = False,
) -> ComplianceOutcome:
    """Evaluate the dataset and write the results document to `dest` when it changed.

    The reference time of the evaluation (waiver expiry, age checks and `generated_at`) is the
    dataset's `collected_at`. A dataset without one is evaluated at the current time, with a
    warning.
    """
    dataset = read_dataset(dataset_source)
    resolved = resolve_with_overrides(policy, overrides)
    waiver_list = resolve_waivers(waivers)

    warnings: list[str] = []
    collected_at = dataset.get("collected_at")
    if not collected_at:
        warnings.append("the dataset has no collected_at, so the results use the current time "
                        "and a repeated run always rewrites %s" % dest)

    try:
        results = evaluate(dataset, resolved, waiver_list, now=collected_at or None,
                           tenant_groups=dict(tenant_groups) if tenant_groups else None)
    except PolicyError as error:
        raise ComplianceInputError("%s; %s" % (error, POLICY_FIX)) from None
    except ValueError as error:
        raise ComplianceInputError(
            "the dataset's collected_at %r is not an ISO 8601 time (%s); gather the dataset "
            "again" % (collected_at, error)) from None

    content = serialize_results(results)
    try:
        changed, written = write_if_changed(dest, content, mode, check_mode=check_mode)
    except FileWriteError as error:
        raise ComplianceInputError(str(error)) from None
    warnings.extend(results.get("warnings") or [])
    return ComplianceOutcome(dest, changed, written, results, warnings)
