"""Check that docs/operations.md lists exactly the catalog's operations."""

from __future__ import annotations

from pathlib import Path

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._catalog import (
    BASE_PATH,
    OPERATIONS,
)

DOC_PATH = Path(__file__).resolve().parents[4] / "docs" / "operations.md"


def _operation_rows() -> list[list[str]]:
    lines = DOC_PATH.read_text(encoding="utf-8").splitlines()
    start = lines.index("# Operations")
    header = next(i for i in range(start, len(lines)) if lines[i].startswith("| name | method |"))
    rows = []
    for line in lines[header + 2 :]:
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_table_lists_catalog_names():
    names = [row[0] for row in _operation_rows()]

    assert sorted(names) == sorted(OPERATIONS)
    assert len(names) == len(set(names))


def test_table_methods_and_paths():
    for name, method, path, agg_by, region, *other_cells in _operation_rows():
        operation = OPERATIONS[name]
        assert method == operation.method, name
        assert BASE_PATH + path == operation.path, name
        assert agg_by == ("yes" if operation.agg_by else "no"), name
        assert region == ("yes" if operation.region_header else "no"), name


def test_table_response_shapes():
    for row in _operation_rows():
        assert row[-1] == OPERATIONS[row[0]].response_shape, row[0]


def _filter_rules(rules: list) -> list[dict]:
    """Return the rules with a property, also from nested AND/OR groups."""
    found = []
    for rule in rules:
        if "rules" in rule:
            found += _filter_rules(rule["rules"])
        elif "property" in rule:
            found.append(rule)
    return found


def test_table_default_filter_rules():
    for name, *cells in _operation_rows():
        default_request = cells[4]
        default_filter = (OPERATIONS[name].default_body or {}).get("filter") or {}
        for rule in _filter_rules(default_filter.get("rules") or []):
            expected = "%s %s" % (rule["property"], rule["operator"])
            assert expected in default_request, (name, expected)
