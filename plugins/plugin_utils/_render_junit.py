# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""JUnit XML report for CI systems (Jenkins, GitLab).

This is a private module: its interface may change between releases.

Layout: one `testsuite` per control family, because pipelines group findings by topic and
the family list stays short where the tenant list can reach thousands. One `testcase` per
tenant and control, with `classname` the tenant ("<display name> (<TSG id>)") and `name` the
control id and title. Status `fail` becomes `<failure>`, `error` becomes `<error>`, `skip`
and `waived` become `<skipped>` (waived with the waiver reason). Each suite carries the run
metadata and the delta as `<properties>`, because the JUnit schema that Jenkins and GitLab
read allows properties only inside a testsuite. Control characters are replaced by U+FFFD,
because XML 1.0 cannot contain them, and the same length limit as the workbook applies.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from collections import defaultdict
from typing import Any, BinaryIO, Mapping
from xml.etree import ElementTree

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    RenderStats,
    clean_and_count,
    to_json_text,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_files import (
    WriteResult,
    publish,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_meta import (
    ReportOptions,
    run_metadata,
)

_DELTA_PROPERTY_LISTS = ("newly_failing", "fixed", "still_failing", "other_changes")


class _Cleaner:
    """Text cleaning for XML attributes and text, with counts for the properties."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.stats = RenderStats()

    def __call__(self, value: Any, where: str = "") -> str:
        if isinstance(value, (dict, list)):
            value = to_json_text(value)
        return clean_and_count(value, self.stats, self.limit, where)


def _tenant_label(tenant: Mapping[str, Any] | None, tsg_id: str) -> str:
    name = (tenant or {}).get("display_name") or ""
    return f"{name} ({tsg_id})" if name else tsg_id


def _flatten_properties(prefix: str, value: Any, out: list[tuple[str, Any]]) -> None:
    if isinstance(value, dict):
        for key in sorted(value):
            _flatten_properties(f"{prefix}.{key}" if prefix else str(key), value[key], out)
    else:
        out.append((prefix, value))


def _delta_properties(delta: Mapping[str, Any]) -> list[tuple[str, Any]]:
    properties: list[tuple[str, Any]] = [
        ("delta.first_run", delta.get("first_run")),
        ("delta.previous_generated_at", delta.get("previous_generated_at")),
    ]
    for name, count in sorted((delta.get("counts") or {}).items()):
        properties.append((f"delta.counts.{name}", count))
    for name in _DELTA_PROPERTY_LISTS:
        entries = [f"{item.get('tsg_id')}/{item.get('control')}" for item in delta.get(name) or []]
        properties.append((f"delta.{name}", " ".join(entries)))
    for name in ("tenants_added", "tenants_removed"):
        entries = [str(item.get("tsg_id")) for item in delta.get(name) or []]
        properties.append((f"delta.{name}", " ".join(entries)))
    return properties


def _testcase(parent: ElementTree.Element, item: Mapping[str, Any], control: Mapping[str, Any],
              tenant: Mapping[str, Any] | None, clean: _Cleaner) -> str:
    tsg_id = str(item.get("tsg_id"))
    control_id = str(item.get("control"))
    where = f"{tsg_id}/{control_id}"
    case = ElementTree.SubElement(parent, "testcase", {
        "classname": clean(_tenant_label(tenant, tsg_id), where),
        "name": clean(f"{control_id} {control.get('title') or ''}".strip(), where),
        "time": "0",
    })
    status = str(item.get("status"))
    message = clean(item.get("message") or "", where)
    evidence = clean(item.get("evidence") or {}, where)
    detail = f"{message}\nseverity: {clean(item.get('severity') or '', where)}\nevidence: {evidence}"

    if status == "fail":
        element = ElementTree.SubElement(case, "failure", {"message": message, "type": "fail"})
        element.text = detail
    elif status == "error":
        element = ElementTree.SubElement(case, "error", {"message": message, "type": "error"})
        element.text = detail
    elif status == "skip":
        ElementTree.SubElement(case, "skipped", {"message": message})
    elif status == "waived":
        waiver = item.get("waiver") or {}
        reason = clean(f"waived: {waiver.get('reason') or 'no reason given'}", where)
        element = ElementTree.SubElement(case, "skipped", {"message": reason})
        element.text = clean(waiver, where)
    elif status not in ("pass", "warn"):
        # An unknown status must not pass silently in a pipeline.
        element = ElementTree.SubElement(case, "error", {
            "message": clean(f"unknown status {status!r}", where), "type": "unknown-status"})
        element.text = detail
        status = "error"
    if status in ("pass", "warn"):
        output = ElementTree.SubElement(case, "system-out")
        output.text = detail if status == "warn" else message
    return status


def build_junit_tree(results: Mapping[str, Any], dataset: Mapping[str, Any],
                     options: ReportOptions) -> ElementTree.Element:
    """Build the `testsuites` element of the JUnit report."""
    clean = _Cleaner(options.text_limit)
    controls = {str(control.get("id")): control for control in results.get("controls") or []}
    tenants = {str(tenant.get("tsg_id")): tenant for tenant in results.get("tenants") or []}

    by_family: dict[str, list[Mapping[str, Any]]] = defaultdict(list)
    for item in results.get("results") or []:
        control = controls.get(str(item.get("control"))) or {}
        by_family[str(control.get("family") or "unknown")].append(item)

    root = ElementTree.Element("testsuites", {"name": "prisma_sase.mt_monitor compliance"})
    suites = []
    for family in sorted(by_family):
        items = sorted(by_family[family], key=lambda r: (str(r.get("tsg_id")), str(r.get("control"))))
        suite = ElementTree.Element("testsuite", {"name": clean(family)})
        properties = ElementTree.SubElement(suite, "properties")
        counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
        for item in items:
            control = controls.get(str(item.get("control"))) or {}
            tenant = tenants.get(str(item.get("tsg_id")))
            status = _testcase(suite, item, control, tenant, clean)
            counts["tests"] += 1
            if status == "fail":
                counts["failures"] += 1
            elif status == "error":
                counts["errors"] += 1
            elif status in ("skip", "waived"):
                counts["skipped"] += 1
        suites.append((suite, properties, counts))

    metadata: list[tuple[str, Any]] = []
    _flatten_properties("run", run_metadata(results, dataset), metadata)
    metadata.extend(_delta_properties(options.delta_or_empty()))
    cleaned = [(clean(name), clean("" if value is None else value)) for name, value in metadata]
    # Counted after every testcase and property value, so the numbers cover the whole file.
    stats = clean.stats.as_dict()
    stats.pop("truncated_examples")
    cleaned.extend((f"text_cleaning.{name}", str(value)) for name, value in sorted(stats.items()))

    totals = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    timestamp = str(results.get("generated_at") or "").rstrip("Z")
    for suite, properties, counts in suites:
        for name, value in cleaned:
            ElementTree.SubElement(properties, "property", {"name": name, "value": value})
        for key, value in counts.items():
            suite.set(key, str(value))
            totals[key] += value
        suite.set("time", "0")
        if timestamp:
            suite.set("timestamp", timestamp)
        root.append(suite)

    for key in ("tests", "failures", "errors"):
        root.set(key, str(totals[key]))
    root.set("time", "0")
    return root


def write_junit(root: ElementTree.Element, stream: BinaryIO) -> None:
    """Serialise the JUnit tree as UTF-8 XML with a declaration."""
    ElementTree.indent(root)
    stream.write(b'<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ElementTree.tostring(root, encoding="utf-8", xml_declaration=False))
    stream.write(b"\n")


def render_junit(results: Mapping[str, Any], dataset: Mapping[str, Any], path: str,
                 options: ReportOptions | Mapping[str, Any] | None = None) -> WriteResult:
    """Write the JUnit XML report into the report directory `path`, atomically.

    Files: `<stem>-<timestamp>-<suffix>.xml` and `<stem>-latest.xml`.
    """
    report_options = ReportOptions.from_value(options)
    root = build_junit_tree(results, dataset, report_options)
    return publish(path, report_options.stem, "xml", lambda stream: write_junit(root, stream),
                   mode=report_options.mode, check_mode=report_options.check_mode,
                   now=report_options.now)
