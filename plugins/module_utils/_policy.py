# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Policy documents: loading, validation, ``extends: default``, overrides and disabled controls.

This is a private module: its interface may change between releases. Standard library only;
PyYAML is imported guarded and needed only to read YAML files.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import copy
import hashlib
import json
import os
from typing import Any, Dict, List, Optional

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_default import (
    DEFAULT_POLICY,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._policy_schema import (
    PolicyError,
    normalize_control,
    validate_control,
    validate_override,
)

try:
    import yaml
except ImportError as exc:
    yaml = None
    YAML_IMPORT_ERROR: Optional[ImportError] = exc
else:
    YAML_IMPORT_ERROR = None

POLICY_KEYS = ("name", "version", "description", "extends", "controls", "overrides", "disabled", "tenant_groups")


def read_document(path: str, kind: str) -> Any:
    """Read a JSON or YAML file; JSON when the name ends in ``.json``, YAML otherwise."""
    try:
        with open(path, "r", encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise PolicyError(["failed to read %s file %r: %s" % (kind, path, exc.strerror)], kind) from None

    if path.endswith(".json"):
        try:
            return json.loads(text)
        except ValueError as exc:
            raise PolicyError(["%s file %r is not valid JSON: %s" % (kind, path, exc)], kind) from None
    if yaml is None:
        raise PolicyError(
            ["reading the YAML %s file %r needs PyYAML, which failed to import (%s); install PyYAML "
             "or give the file as JSON" % (kind, path, YAML_IMPORT_ERROR)], kind)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise PolicyError(["%s file %r is not valid YAML: %s" % (kind, path, exc)], kind) from None


def load_policy(source: Any = None) -> Dict[str, Any]:
    """Load, validate and resolve a policy.

    ``source`` is None or ``"default"`` for the built-in policy, a mapping, or a path to a YAML
    or JSON file. Returns the resolved policy: ``name``, ``version``, ``source``, ``digest``,
    ``controls`` (enabled controls with overrides applied, sorted by id) and ``tenant_groups``.
    Raises PolicyError that lists every problem found.
    """
    if source is None or source == "default":
        return resolve_policy(DEFAULT_POLICY, "built-in")
    if isinstance(source, dict):
        return resolve_policy(source, "inline")
    if isinstance(source, str):
        document = read_document(os.path.expanduser(source), "policy")
        return resolve_policy(document, source)
    raise PolicyError(["policy %r is not a mapping, a file path or 'default'" % (source,)])


def resolve_policy(document: Any, source: str) -> Dict[str, Any]:
    """Validate ``document`` and resolve it into the form the engine evaluates."""
    if not isinstance(document, dict):
        raise PolicyError(["the policy document is %r, not a mapping with a controls list" % (type(document).__name__,)])

    problems = ["key %r of the policy is not known (valid: %s)" % (key, ", ".join(POLICY_KEYS))
                for key in sorted(document, key=str) if key not in POLICY_KEYS]
    controls_by_id = _merge_controls(document, problems)
    _apply_disabled(document.get("disabled", []), controls_by_id, problems)
    group_overrides = _apply_overrides(document.get("overrides", {}), controls_by_id, problems)
    tenant_groups = _read_tenant_groups(document.get("tenant_groups", {}), problems)
    if problems:
        raise PolicyError(problems)

    controls = []
    for control_id in sorted(controls_by_id):
        control = controls_by_id[control_id]
        control["group_overrides"] = group_overrides.get(control_id, {})
        controls.append(control)

    resolved = {
        "name": str(document.get("name", "default" if source == "built-in" else "custom")),
        "version": str(document.get("version", "")),
        "source": source,
        "controls": controls,
        "tenant_groups": tenant_groups,
    }
    resolved["digest"] = policy_digest(resolved)
    return resolved


def policy_digest(resolved: Dict[str, Any]) -> str:
    """Return ``sha256:<hex>`` of the resolved controls and tenant groups, as canonical JSON."""
    material = {"controls": resolved["controls"], "tenant_groups": resolved["tenant_groups"]}
    text = json.dumps(material, sort_keys=True, separators=(",", ":"), default=str)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


def _merge_controls(document: Dict[str, Any], problems: List[str]) -> Dict[str, Dict[str, Any]]:
    extends = document.get("extends")
    controls_by_id: Dict[str, Dict[str, Any]] = {}
    if extends == "default":
        for control in DEFAULT_POLICY["controls"]:
            controls_by_id[control["id"]] = normalize_control(copy.deepcopy(control))
    elif extends is not None:
        problems.append("extends %r is not valid; the only policy to extend is 'default'" % (extends,))

    user_controls = document.get("controls", [])
    if not isinstance(user_controls, list):
        problems.append("controls %r is not a list of controls" % (user_controls,))
        return controls_by_id
    if not user_controls and extends != "default":
        problems.append("the policy has no controls; add a controls list or set 'extends: default'")

    seen = set()
    for index, control in enumerate(user_controls):
        control_problems = validate_control(control, index)
        problems.extend(control_problems)
        if control_problems:
            continue
        if control["id"] in seen:
            problems.append("control %r: id is defined twice in controls; give each control its own id" % control["id"])
            continue
        seen.add(control["id"])
        # A user control with the id of a built-in one replaces it.
        controls_by_id[control["id"]] = normalize_control(copy.deepcopy(control))
    return controls_by_id


def _apply_disabled(disabled: Any, controls_by_id: Dict[str, Dict[str, Any]], problems: List[str]) -> None:
    if not isinstance(disabled, list):
        problems.append("disabled %r is not a list of control ids" % (disabled,))
        return
    for control_id in disabled:
        if control_id not in controls_by_id:
            problems.append("disabled: control %r is not in the policy (known: %s)" % (
                control_id, ", ".join(sorted(controls_by_id))))
            continue
        del controls_by_id[control_id]

    for control_id in [cid for cid, control in controls_by_id.items() if not control["enabled"]]:
        del controls_by_id[control_id]


def _apply_overrides(
    overrides: Any, controls_by_id: Dict[str, Dict[str, Any]], problems: List[str]
) -> Dict[str, Dict[str, Dict[str, Any]]]:
    """Apply per-control overrides in place and return the per-tenant-group ones by control id."""
    group_overrides: Dict[str, Dict[str, Dict[str, Any]]] = {}
    if not isinstance(overrides, dict):
        problems.append("overrides %r is not a mapping of control id to override" % (overrides,))
        return group_overrides

    for control_id in sorted(overrides, key=str):
        override = overrides[control_id]
        label = "overrides.%s" % control_id
        control = controls_by_id.get(control_id)
        if control is None:
            problems.append("%s: control %r is not in the policy or is disabled (known: %s)" % (
                label, control_id, ", ".join(sorted(controls_by_id))))
            continue
        comparison = control["check"]["comparison"]
        override_problems = validate_override(label, override, comparison)
        groups = override.get("tenant_groups", {}) if isinstance(override, dict) else {}
        if not isinstance(groups, dict):
            override_problems.append("%s: tenant_groups %r is not a mapping of group name to override" % (label, groups))
            groups = {}
        for group in sorted(groups, key=str):
            override_problems.extend(validate_override("%s.tenant_groups.%s" % (label, group), groups[group], comparison))
            if isinstance(groups[group], dict) and "tenant_groups" in groups[group]:
                override_problems.append("%s.tenant_groups.%s: tenant_groups cannot nest" % (label, group))
        problems.extend(override_problems)
        if override_problems:
            continue

        _apply_override(control, override)
        group_overrides[control_id] = {str(group): dict(groups[group]) for group in groups}

    for control_id in [cid for cid, control in controls_by_id.items() if not control["enabled"]]:
        del controls_by_id[control_id]
    return group_overrides


def _apply_override(control: Dict[str, Any], override: Dict[str, Any]) -> None:
    """Apply threshold, warn_threshold, enabled and severity of one override to a control."""
    if "threshold" in override:
        control["check"]["threshold"] = override["threshold"]
    for key in ("warn_threshold", "enabled", "severity"):
        if key in override:
            control[key] = override[key]


def _read_tenant_groups(groups: Any, problems: List[str]) -> Dict[str, List[str]]:
    if not isinstance(groups, dict):
        problems.append("tenant_groups %r is not a mapping of group name to a list of tenants" % (groups,))
        return {}
    result = {}
    for name in sorted(groups, key=str):
        members = groups[name]
        if not isinstance(members, list) or not all(isinstance(member, (str, int)) for member in members):
            problems.append("tenant_groups.%s %r is not a list of TSG ids, names or globs" % (name, members))
            continue
        result[str(name)] = [str(member) for member in members]
    return result
