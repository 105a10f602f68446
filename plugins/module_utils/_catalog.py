# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The operation catalog: the 36 operations of the Aggregate Monitoring API in one table.

This is a private module: its interface may change between releases. It and the
``_catalog_<family>`` files import only the standard library and each other, because the
simulator loads them outside Ansible. Each family file contains the entries of one ``*_info``
module; docs/operations.md lists them with the corrections made to the official examples.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import difflib
from typing import Dict, Optional, Tuple

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils import (
    _catalog_alerts,
    _catalog_app_monitor,
    _catalog_applications,
    _catalog_connectivity,
    _catalog_incidents,
    _catalog_license,
    _catalog_locations,
    _catalog_resource,
    _catalog_tenant,
    _catalog_threats,
    _catalog_upgrades,
    _catalog_urls,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog_model import (
    BASE_PATH,
    FUNCTIONS,
    RESPONSE_SHAPES,
    SORT_ORDERS,
    TIME_PERIODS,
    TIME_UNITS,
    Operation,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)

# The constants from _catalog_model are re-exported for the modules and tests that import
# them from here.
__all__ = (
    "BASE_PATH",
    "FAMILIES",
    "FUNCTIONS",
    "OPERATIONS",
    "RESPONSE_SHAPES",
    "SORT_ORDERS",
    "TIME_PERIODS",
    "TIME_UNITS",
    "Operation",
    "find_by_path",
    "get_operation",
    "operations_by_family",
)

_FAMILY_MODULES = (
    _catalog_alerts,
    _catalog_applications,
    _catalog_app_monitor,
    _catalog_license,
    _catalog_tenant,
    _catalog_incidents,
    _catalog_locations,
    _catalog_resource,
    _catalog_connectivity,
    _catalog_threats,
    _catalog_upgrades,
    _catalog_urls,
)


def _collect_operations() -> Dict[str, Operation]:
    operations: Dict[str, Operation] = {}
    for module in _FAMILY_MODULES:
        for operation in module.OPERATIONS:
            if operation.name in operations:
                raise ValueError("operation %r is defined twice in the catalog" % operation.name)
            operations[operation.name] = operation
    return dict(sorted(operations.items()))


# Operation name -> Operation, sorted by name.
OPERATIONS: Dict[str, Operation] = _collect_operations()

# Family names, sorted; each is also the stem of the `*_info` module that serves it.
FAMILIES: Tuple[str, ...] = tuple(sorted({op.family for op in OPERATIONS.values()}))

_BY_METHOD_AND_PATH: Dict[Tuple[str, str], Operation] = {
    (op.method, op.path): op for op in OPERATIONS.values()
}


def get_operation(name: str) -> Operation:
    """Look up an operation by its stable name; raise InvalidInputError for an unknown one."""
    if isinstance(name, str) and name in OPERATIONS:
        return OPERATIONS[name]

    valid = ", ".join(OPERATIONS)
    suggestion = ""
    if isinstance(name, str):
        close = difflib.get_close_matches(name, list(OPERATIONS), n=1)
        if close:
            suggestion = " (did you mean %r?)" % close[0]
    raise InvalidInputError(
        "operation %r is not in the catalog%s; use one of: %s" % (name, suggestion, valid)
    )


def operations_by_family(family: str) -> Tuple[Operation, ...]:
    """List the operations of one family, sorted by name; raise InvalidInputError if unknown."""
    if family not in FAMILIES:
        raise InvalidInputError(
            "family %r is invalid; use one of: %s" % (family, ", ".join(FAMILIES))
        )
    return tuple(op for op in OPERATIONS.values() if op.family == family)


def find_by_path(method: str, path: str) -> Optional[Operation]:
    """Find the operation that serves a method and full path, or None.

    The path is compared exactly, without its query string, because the API's paths are
    case-sensitive camelCase.
    """
    bare_path = path.split("?", 1)[0]
    return _BY_METHOD_AND_PATH.get((method.upper(), bare_path))
