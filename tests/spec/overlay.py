"""Load the vendored official spec and correct the one defect that blocks schema validation.

Every ``*Filter`` schema of the spec writes ``rules`` as an array schema that carries an
``anyOf`` of rule object schemas beside ``items``, for example::

    rules:
      type: array
      items: {type: object}
      anyOf: [{$ref: AlertRule}, {$ref: TimeFilter}]

Read literally, the ``anyOf`` applies to the array itself, and no array can satisfy an object
schema, so a strict validator rejects every body that has ``filter.rules``. The evident intent
is that each rule is one of those objects. ``apply_overlay`` moves the ``anyOf`` into ``items``
(keeping the ``items`` schema as a further constraint). The upstream file is never edited: the
overlay works on the loaded copy.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

SPEC_PATH = Path(__file__).resolve().parent / "upstream" / "paloaltonetworks-MSP_Monitoring.yaml"


def load_upstream() -> dict[str, Any]:
    """Return the vendored spec exactly as published."""
    with SPEC_PATH.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def apply_overlay(spec: dict[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """Return a corrected copy of ``spec`` and the names of the filter schemas it changed."""
    corrected = copy.deepcopy(spec)
    changed: list[str] = []

    for name, schema in corrected["components"]["schemas"].items():
        rules = schema.get("properties", {}).get("rules")
        if not isinstance(rules, dict) or rules.get("type") != "array" or "anyOf" not in rules:
            continue

        any_of = rules.pop("anyOf")
        item_schema = rules.get("items", {})
        rules["items"] = {"allOf": [item_schema, {"anyOf": any_of}]}
        changed.append(name)

    return corrected, sorted(changed)


def load_corrected() -> dict[str, Any]:
    """Return the spec with the overlay applied."""
    corrected, _changed_schemas = apply_overlay(load_upstream())
    return corrected


def request_schema(spec: dict[str, Any], schema_name: str) -> dict[str, Any]:
    """Build a standalone JSON schema for ``components.schemas[schema_name]``.

    The spec's references point at ``#/components/schemas/...``, so the returned document keeps
    ``components`` at its root and refers to the named schema from there.
    """
    return {
        "$ref": "#/components/schemas/" + schema_name,
        "components": spec["components"],
    }
