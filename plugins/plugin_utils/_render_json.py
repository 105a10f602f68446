# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""JSON report: run metadata, delta, results and dataset in one UTF-8 document.

This is a private module: its interface may change between releases.

Document shape: `{"schema_version": 1, "report": {...run metadata, text_cleaning},
"delta": {...}, "results": {...}, "dataset": {...}}`. Keys are sorted, results are ordered by
TSG id and control, tenants by TSG id and dataset rows by TSG id and content, so the same data
gives the same bytes. Strings follow the same cleaning rules as the workbook, and NaN or
infinite numbers become null.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
from typing import Any, BinaryIO, Callable, Mapping, Sequence

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    RenderStats,
    clean_and_count,
    clean_structure,
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

JSON_SCHEMA_VERSION = 1


def _row_sort_key(row: Any) -> tuple[str, str]:
    if not isinstance(row, dict):
        return ("", to_json_text(row))
    tenant = row.get("tenant")
    tsg_id = tenant.get("tsg_id") if isinstance(tenant, dict) else None
    raw_id = row.get("sub_tenant_id", row.get("tenant_id", row.get("tsg_id")))
    return (str(tsg_id or raw_id or ""), to_json_text(row))


def _ordered_results(results: Mapping[str, Any]) -> dict[str, Any]:
    ordered = dict(results)
    ordered["results"] = sorted(
        results.get("results") or [],
        key=lambda item: (str(item.get("tsg_id")), str(item.get("control"))),
    )
    ordered["tenants"] = sorted(results.get("tenants") or [], key=lambda t: str(t.get("tsg_id")))
    return ordered


def _ordered_dataset(dataset: Mapping[str, Any]) -> dict[str, Any]:
    ordered = dict(dataset)
    ordered["tenants"] = sorted(dataset.get("tenants") or [], key=lambda t: str(t.get("tsg_id")))
    datasets = {}
    for name, entry in (dataset.get("datasets") or {}).items():
        entry = dict(entry or {})
        entry["rows"] = sorted(entry.get("rows") or [], key=_row_sort_key)
        datasets[name] = entry
    ordered["datasets"] = datasets
    ordered["errors"] = sorted(dataset.get("errors") or [], key=to_json_text)
    return ordered


def build_json_document(results: Mapping[str, Any], dataset: Mapping[str, Any],
                        options: ReportOptions) -> dict[str, Any]:
    """Build the cleaned JSON report document."""
    stats = RenderStats()
    limit = options.text_limit
    document = {
        "schema_version": JSON_SCHEMA_VERSION,
        "delta": clean_structure(options.delta_or_empty(), stats, limit),
        "results": clean_structure(_ordered_results(results), stats, limit),
        "dataset": clean_structure(_ordered_dataset(dataset), stats, limit),
    }
    report = clean_structure(run_metadata(results, dataset), stats, limit)
    # Counted last, so the numbers cover every value above and the metadata itself.
    report["text_cleaning"] = stats.as_dict()
    report["text_cleaning"]["text_limit"] = limit
    document["report"] = report
    return document


def write_json(document: Mapping[str, Any], stream: BinaryIO) -> None:
    """Serialise a report document as indented, key-sorted UTF-8 JSON."""
    text = json.dumps(document, sort_keys=True, ensure_ascii=False, allow_nan=False, indent=1)
    stream.write(text.encode("utf-8"))
    stream.write(b"\n")


class _StreamWriter:
    """Writer of indented, key-sorted JSON, piece by piece, with the same bytes as `write_json`.

    The encoder writes a value as if it started at depth 0. JSON strings contain no raw
    newline, so indenting every newline by the depth gives the nested layout of json.dumps.
    """

    def __init__(self, stream: BinaryIO) -> None:
        self.stream = stream
        self.encoder = json.JSONEncoder(sort_keys=True, ensure_ascii=False, allow_nan=False, indent=1)

    def raw(self, text: str) -> None:
        self.stream.write(text.encode("utf-8"))

    def value(self, value: Any, depth: int) -> None:
        """Write one whole value that starts at `depth`."""
        margin = "\n" + " " * depth
        chunks = []
        for chunk in self.encoder.iterencode(value):
            chunks.append(chunk.replace("\n", margin) if depth else chunk)
            if len(chunks) >= 4096:
                self.raw("".join(chunks))
                chunks = []
        self.raw("".join(chunks))

    def mapping(self, items: list[tuple[str, Callable[[int], None]]], depth: int) -> None:
        """Write an object from (key, value writer) pairs, sorted by key as json.dumps sorts."""
        if not items:
            self.raw("{}")
            return
        inner = "\n" + " " * (depth + 1)
        self.raw("{")
        for index, (key, write_value) in enumerate(sorted(items, key=lambda item: item[0])):
            self.raw(("," if index else "") + inner + json.dumps(key, ensure_ascii=False) + ": ")
            write_value(depth + 1)
        self.raw("\n" + " " * depth + "}")

    def sequence(self, items: Sequence[Any], write_item: Callable[[Any, int], None], depth: int) -> None:
        """Write an array, with each item written by `write_item`."""
        if not items:
            self.raw("[]")
            return
        inner = "\n" + " " * (depth + 1)
        self.raw("[")
        for index, item in enumerate(items):
            self.raw(("," if index else "") + inner)
            write_item(item, depth + 1)
        self.raw("\n" + " " * depth + "]")


def _cleaned_members(document: Mapping[str, Any], stats: RenderStats, limit: int,
                     expanded: Mapping[str, Callable[[Any, int], None]],
                     writer: _StreamWriter) -> list[tuple[str, Callable[[int], None]]]:
    """Return the members of `document` for `_StreamWriter.mapping`, with cleaned keys.

    Members named in `expanded` are written by their function, which cleans the value piece
    by piece. Every other value is cleaned whole when it is written. As in a dict built by
    `clean_structure`, the last of two keys that clean to the same text wins.
    """
    members: dict[str, Callable[[int], None]] = {}
    for key, item in document.items():
        name = clean_and_count(key, stats, limit)
        if name in expanded:
            members[name] = lambda depth, item=item, name=name: expanded[name](item, depth)
        else:
            members[name] = lambda depth, item=item: writer.value(clean_structure(item, stats, limit), depth)
    return list(members.items())


def _count_cleaning(document: Mapping[str, Any], stats: RenderStats, limit: int) -> None:
    """Record in `stats` what `clean_structure(document)` would change, one list item at a time."""
    for key, item in document.items():
        clean_and_count(key, stats, limit)
        if isinstance(item, (list, tuple)):
            for element in item:
                clean_structure(element, stats, limit)
        else:
            clean_structure(item, stats, limit)


def stream_json_report(results: Mapping[str, Any], dataset: Mapping[str, Any],
                       options: ReportOptions, stream: BinaryIO) -> None:
    """Write the JSON report into `stream` with the bytes of `write_json(build_json_document())`.

    It cleans and writes one dataset operation or one result at a time, in chunks of text, so
    a 5,000-tenant report is never held in memory as a whole cleaned document or as one string.
    The text cleaning counts in the "report" member must cover the results, which are written
    after it, so a first pass counts the changes in the results.
    """
    limit = options.text_limit
    stats = RenderStats()
    writer = _StreamWriter(stream)
    ordered_results = _ordered_results(results)
    ordered_dataset = _ordered_dataset(dataset)

    def write_operation(entry: Any, depth: int) -> None:
        writer.value(clean_structure(entry, stats, limit), depth)

    def write_datasets(datasets: Mapping[str, Any], depth: int) -> None:
        members: dict[str, Callable[[int], None]] = {}
        for name, entry in datasets.items():
            members[clean_and_count(name, stats, limit)] = lambda inner, entry=entry: write_operation(entry, inner)
        writer.mapping(list(members.items()), depth)

    def write_dataset(document: Any, depth: int) -> None:
        writer.mapping(_cleaned_members(document, stats, limit, {"datasets": write_datasets}, writer), depth)

    _count_cleaning(ordered_results, stats, limit)
    # The results were counted above, so writing them records into a separate, unused RenderStats.
    result_stats = RenderStats()

    def write_result_list(items: Any, depth: int) -> None:
        writer.sequence(items, lambda item, inner: writer.value(clean_structure(item, result_stats, limit), inner),
                        depth)

    def write_results(document: Any, depth: int) -> None:
        writer.mapping(_cleaned_members(document, result_stats, limit, {"results": write_result_list}, writer),
                       depth)

    def write_report(depth: int) -> None:
        report = clean_structure(run_metadata(results, dataset), stats, limit)
        report["text_cleaning"] = stats.as_dict()
        report["text_cleaning"]["text_limit"] = limit
        writer.value(report, depth)

    writer.mapping([
        ("dataset", lambda depth: write_dataset(ordered_dataset, depth)),
        ("delta", lambda depth: writer.value(clean_structure(options.delta_or_empty(), stats, limit), depth)),
        ("report", write_report),
        ("results", lambda depth: write_results(ordered_results, depth)),
        ("schema_version", lambda depth: writer.value(JSON_SCHEMA_VERSION, depth)),
    ], 0)
    stream.write(b"\n")


def _same_value(value: Any, before: Any, expanded: bool, limit: int) -> bool:
    """Return True when the cleaned `value` equals `before`, item by item when `expanded`."""
    stats = RenderStats()
    if not expanded:
        return clean_structure(value, stats, limit) == before
    if isinstance(value, list):
        if not isinstance(before, list) or len(value) != len(before):
            return False
        return all(clean_structure(item, stats, limit) == old for item, old in zip(value, before))
    if isinstance(value, dict):
        return _same_members(value, before, (), limit, expand_all=True)
    return clean_structure(value, stats, limit) == before


def _same_members(document: Mapping[str, Any], before: Any, expanded: Sequence[str], limit: int,
                  expand_all: bool = False) -> bool:
    if not isinstance(before, dict):
        return False
    stats = RenderStats()
    members = {clean_and_count(key, stats, limit): item for key, item in document.items()}
    if set(members) != set(before):
        return False
    return all(_same_value(item, before[name], expand_all or name in expanded, limit)
               for name, item in members.items())


def same_report_sections(results: Mapping[str, Any], dataset: Mapping[str, Any],
                         options: ReportOptions, previous: Mapping[str, Any]) -> bool:
    """Return True when the "results" and "dataset" members of `previous` equal those built now.

    It cleans and compares one result or one dataset operation at a time, as
    `build_json_document` would clean them, so it never keeps a second copy of a 5,000-tenant
    report.
    """
    limit = options.text_limit
    return (_same_members(_ordered_results(results), previous.get("results"), ("results",), limit)
            and _same_members(_ordered_dataset(dataset), previous.get("dataset"), ("datasets",), limit))


def render_json(results: Mapping[str, Any], dataset: Mapping[str, Any], path: str,
                options: ReportOptions | Mapping[str, Any] | None = None) -> WriteResult:
    """Write the JSON report into the report directory `path`, atomically.

    Files: `<stem>-<timestamp>-<suffix>.json` and `<stem>-latest.json`.
    """
    report_options = ReportOptions.from_value(options)
    return publish(path, report_options.stem, "json",
                   lambda stream: stream_json_report(results, dataset, report_options, stream),
                   mode=report_options.mode, check_mode=report_options.check_mode,
                   now=report_options.now)
