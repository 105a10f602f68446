# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""One run of the report action: delta, every chosen format, then the manifest.

This is a private module: its interface may change between releases.

Order of a run:
1. Check that the report directory exists and is writable, before anything is rendered.
2. Read the previous `<stem>-latest.json` and compute the delta once. When the previous report
   contains exactly the current results (the same data reported again), its delta is reused, so a
   repeated run writes the same bytes and reports `changed: false`.
3. Write each format with that one delta, JSON last, so a failure in another format leaves the
   previous JSON report in place for the next delta.
4. Write `<stem>-manifest-latest.json`: for each format its latest file name, size and SHA-256,
   the status totals and the delta counts.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import os
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Mapping, Sequence

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html import (
    render_html,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_json import (
    render_json,
    same_report_sections,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_junit import (
    render_junit,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_xlsx import (
    render_xlsx,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_delta import (
    PreviousReportError,
    compute_delta,
    empty_delta,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_files import (
    ReportFileError,
    WriteResult,
    latest_name,
    publish,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_meta import (
    ReportOptions,
    status_totals,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._results_file import (
    serialize_document,
)

# Formats in the order they are written; JSON is last (see the module docstring).
FORMATS = ("xlsx", "html", "junit", "json")
EXTENSIONS = {"xlsx": "xlsx", "html": "html", "junit": "xml", "json": "json"}
MANIFEST_SCHEMA_VERSION = 1


@dataclass
class ReportRun:
    """Outcome of one report run: per-format write results, the manifest and the delta."""

    files: dict[str, WriteResult]
    manifest: WriteResult
    delta: dict[str, Any]
    totals: dict[str, int]
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(item.changed for item in self.files.values()) or self.manifest.changed


def order_formats(formats: Sequence[str] | None) -> list[str]:
    """Return the chosen formats in write order, without repeats; None means every format."""
    if not formats:
        return list(FORMATS)
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        raise ValueError("unknown report formats %s; choose from %s"
                         % (", ".join(unknown), ", ".join(sorted(FORMATS))))
    return [name for name in FORMATS if name in formats]


def check_directory(directory: str, check_mode: bool = False) -> list[str]:
    """Raise ReportFileError unless `directory` is a writable directory.

    In check mode a missing directory is not an error, because an earlier task of the play
    may create it. A warning in the returned list reports it instead.
    """
    if not os.path.exists(directory):
        if check_mode:
            return ["report directory %s does not exist yet; a real run fails unless an "
                    "earlier task creates it" % directory]
        raise ReportFileError("report directory %s does not exist; create it first (for "
                              "example with ansible.builtin.file state=directory) or set dest "
                              "to an existing directory" % directory, directory)
    if not os.path.isdir(directory):
        raise ReportFileError("report directory %s is not a directory; set dest to a directory"
                              % directory, directory)
    if not os.access(directory, os.W_OK | os.X_OK):
        raise ReportFileError("report directory %s is not writable for the user that runs "
                              "Ansible on the controller; fix its permissions or set dest to "
                              "another directory" % directory, directory)
    return []


def read_previous_report(directory: str, stem: str) -> dict[str, Any] | None:
    """Return the whole previous JSON report, or None when there is none.

    Raises PreviousReportError when the file exists but is not a report of this collection.
    """
    path = os.path.join(directory, latest_name(stem, "json"))
    try:
        with open(path, "rb") as stream:
            document = json.load(stream)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as error:
        raise PreviousReportError(
            "previous report %s could not be read (%s), so the delta is left empty; remove or "
            "replace that file to compare with it again" % (path, type(error).__name__)) from None

    results = document.get("results") if isinstance(document, dict) else None
    if not isinstance(results, dict) or not isinstance(results.get("results"), list):
        raise PreviousReportError(
            "previous report %s has no results document, so the delta is left empty; remove "
            "or replace that file to compare with it again" % path)
    return document


def _same_results(previous: Mapping[str, Any], results: Mapping[str, Any],
                  dataset: Mapping[str, Any], options: ReportOptions) -> bool:
    """Return True when the previous report contains exactly the current results."""
    before = previous["results"]
    if before.get("generated_at") != results.get("generated_at"):
        return False
    if (before.get("policy") or {}).get("digest") != (results.get("policy") or {}).get("digest"):
        return False
    # Compare what the JSON report would store, after the same ordering and text cleaning.
    return same_report_sections(results, dataset, options, previous)


def resolve_delta(directory: str, results: Mapping[str, Any], dataset: Mapping[str, Any],
                  options: ReportOptions) -> tuple[dict[str, Any], list[str]]:
    """Compute the delta against the previous run, once, before any format is written."""
    try:
        previous = read_previous_report(directory, options.stem)
    except PreviousReportError as error:
        return empty_delta(), [str(error)]
    if previous is None:
        return empty_delta(), []
    reuse = isinstance(previous.get("delta"), dict)
    if reuse and _same_results(previous, results, dataset, options):
        return dict(previous["delta"]), []
    return compute_delta(previous["results"], dict(results)), []


def _writer_for(name: str, html_options: Mapping[str, Any] | None
                ) -> Callable[[Mapping[str, Any], Mapping[str, Any], str, ReportOptions],
                              WriteResult]:
    if name == "xlsx":
        return render_xlsx
    if name == "json":
        return render_json
    if name == "junit":
        return render_junit

    def write_html(results: Mapping[str, Any], dataset: Mapping[str, Any], directory: str,
                   options: ReportOptions) -> WriteResult:
        def render(stream: Any) -> None:
            render_html(dict(results), dict(dataset), options.delta_or_empty(), stream,
                        dict(html_options or {}, text_limit=options.text_limit))

        return publish(directory, options.stem, "html", render, mode=options.mode,
                       check_mode=options.check_mode, now=options.now)

    return write_html


def build_manifest(results: Mapping[str, Any], files: Mapping[str, WriteResult],
                   delta: Mapping[str, Any], stem: str) -> dict[str, Any]:
    """Describe the run's reports by their latest names, so equal reports give equal bytes."""
    return {
        "schema_version": MANIFEST_SCHEMA_VERSION,
        "stem": stem,
        "generated_at": results.get("generated_at"),
        "policy": results.get("policy"),
        "counts": {
            "tenants": len(results.get("tenants") or []),
            "controls": len(results.get("controls") or []),
            "results": len(results.get("results") or []),
        },
        "totals": status_totals(results),
        "delta": {"first_run": delta.get("first_run"),
                  "previous_generated_at": delta.get("previous_generated_at"),
                  "counts": delta.get("counts") or {}},
        "files": {
            name: {"latest": os.path.basename(item.latest_path), "size": item.size,
                   "sha256": item.sha256}
            for name, item in sorted(files.items())
        },
    }


def write_reports(results: Mapping[str, Any], dataset: Mapping[str, Any], directory: str,
                  formats: Sequence[str] | None = None, options: ReportOptions | None = None,
                  html_options: Mapping[str, Any] | None = None) -> ReportRun:
    """Write the chosen formats and the manifest into `directory` with one shared delta.

    Raises ReportFileError before rendering when the directory is not writable, and
    ValueError for unknown formats.
    """
    chosen = order_formats(formats)
    base = options or ReportOptions()
    warnings = check_directory(directory, base.check_mode)
    delta, delta_warnings = resolve_delta(directory, results, dataset, base)
    warnings.extend(delta_warnings)
    run_options = replace(base, delta=delta)

    files: dict[str, WriteResult] = {}
    for name in chosen:
        files[name] = _writer_for(name, html_options)(results, dataset, directory, run_options)

    manifest_document = build_manifest(results, files, delta, run_options.stem)
    manifest = publish(directory, run_options.stem + "-manifest", "json",
                       lambda stream: stream.write(serialize_document(manifest_document)),
                       mode=run_options.mode, check_mode=run_options.check_mode,
                       now=run_options.now)
    return ReportRun(files, manifest, delta, status_totals(results), warnings)
