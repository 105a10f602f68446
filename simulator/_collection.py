"""Load the collection's standard-library modules without an installed collection.

The operation catalog and the region table live in plugins/module_utils and import only the
standard library. Registering namespace packages whose ``__path__`` is the repository root lets
``import ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog`` work from a
plain checkout.
"""

from __future__ import annotations

import importlib
import sys
import types
from pathlib import Path
from types import ModuleType

REPOSITORY_ROOT = Path(__file__).resolve().parent.parent
COLLECTION_PACKAGE = "ansible_collections.prisma_sase.mt_monitor"
MODULE_UTILS_PACKAGE = COLLECTION_PACKAGE + ".plugins.module_utils"


def _register_namespace(name: str, path: list[str]) -> None:
    if name in sys.modules:
        return
    module = types.ModuleType(name)
    module.__path__ = path  # type: ignore[attr-defined]
    sys.modules[name] = module


def register_collection() -> None:
    """Register the three namespace packages unless an installed collection already did."""
    try:
        importlib.import_module(COLLECTION_PACKAGE)
        return
    except ImportError:
        pass

    _register_namespace("ansible_collections", [])
    _register_namespace("ansible_collections.prisma_sase", [])
    _register_namespace(COLLECTION_PACKAGE, [str(REPOSITORY_ROOT)])


def load_module_util(name: str) -> ModuleType:
    """Import ``plugins/module_utils/<name>.py`` of this checkout; raise ImportError if absent."""
    register_collection()
    return importlib.import_module(MODULE_UTILS_PACKAGE + "." + name)


def load_catalog() -> ModuleType | None:
    """Return the operation catalog module, or None while plugins/module_utils/_catalog.py
    does not exist yet."""
    if not (REPOSITORY_ROOT / "plugins" / "module_utils" / "_catalog.py").is_file():
        return None
    return load_module_util("_catalog")
