# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Self-contained HTML report: summary, charts, delta, matrix, drill-down and tables.

This is a private module: its interface may change between releases.
The page loads nothing from elsewhere. A Content-Security-Policy in a meta element allows
only its own style sheet and script, by SHA-256 hash, and images from data: URLs. Jinja2
escapes every value. The data for the script is compact JSON, stored column by column
(`_render_html_data`), with `<`, `>`, `&`, U+2028 and U+2029 escaped, so no value can close
the script element. The page contains each value once: the script builds every table row from
the data, and the HTML itself contains no table rows of results. The same data gives the
same bytes.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import base64
import hashlib
import io
import os
from dataclasses import dataclass
from functools import lru_cache
from typing import IO, Any

try:
    import jinja2
    from markupsafe import Markup
except ImportError as error:
    JINJA2_IMPORT_ERROR: ImportError | None = error
else:
    JINJA2_IMPORT_ERROR = None

from ansible.errors import AnsibleError

from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_common import (
    CELL_LIMIT,
    STATUS_ORDER,
    RenderStats,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html_charts import (
    Chart,
    horizontal_bars,
    score_histogram,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html_data import (
    DELTA_CHANGES,
    PayloadBuilder,
    TextCleaner,
    script_json,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html_script import (
    REPORT_SCRIPT,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._render_html_template import (
    REPORT_STYLE,
    REPORT_TEMPLATE,
)

DEFAULT_OPTIONS: dict[str, Any] = {
    "title": "Prisma SASE compliance report",
    "page_size": 100,
    "matrix_page_size": 50,
    "print_limit": 5000,
    "text_limit": CELL_LIMIT,
}


@dataclass(frozen=True)
class Card:
    """One summary card: a value, its label and the status that colours it, if any."""

    value: str
    label: str
    status: str = ""


@dataclass(frozen=True)
class OperationSummary:
    """Row counts of one dataset operation for the run information section."""

    name: str
    rows: int
    unmatched: int
    regions: str
    partial: bool


def csp_hash(text: str) -> str:
    """Return the CSP source expression that allows an inline element with this exact text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(script: str, style: str) -> str:
    """Return the policy: nothing from anywhere, except this script, this style and data: images."""
    return "; ".join([
        "default-src 'none'",
        f"script-src {csp_hash(script)}",
        f"style-src {csp_hash(style)}",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])


@lru_cache(maxsize=1)
def _template() -> "jinja2.Template":
    environment = jinja2.Environment(
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )
    return environment.from_string(REPORT_TEMPLATE)


def _options(options: dict[str, Any] | None) -> dict[str, Any]:
    merged = dict(DEFAULT_OPTIONS)
    for key, value in (options or {}).items():
        if key not in DEFAULT_OPTIONS:
            raise AnsibleError(
                f"unknown HTML report option {key!r}: remove it or use one of "
                f"{', '.join(sorted(DEFAULT_OPTIONS))}"
            )
        if value is not None:
            merged[key] = value
    for key in ("page_size", "matrix_page_size", "print_limit"):
        if not isinstance(merged[key], int) or isinstance(merged[key], bool) or merged[key] < 1:
            raise AnsibleError(f"HTML report option {key} must be a positive integer, got {merged[key]!r}")
    return merged


def _join(clean: TextCleaner, values: Any) -> str:
    return ", ".join(clean(value) for value in values or [])


def _run_facts(results: dict[str, Any], dataset: dict[str, Any], clean: TextCleaner) -> list[tuple[str, str]]:
    """Return (label, text) pairs for the header, read from the results and the dataset."""
    run = results.get("run") or {}
    window = run.get("time_window") or dataset.get("time_window") or {}
    policy = results.get("policy") or {}
    versions = dataset.get("versions") or {}
    policy_text = clean(policy.get("name"))
    if policy.get("source"):
        policy_text += f" ({clean(policy.get('source'))})"
    if policy.get("digest"):
        policy_text += f", {clean(policy.get('digest'))}"
    return [
        ("Time window", f"{clean(window.get('from'))} to {clean(window.get('to'))}"),
        ("Regions", _join(clean, run.get("regions") or dataset.get("regions"))),
        ("Root TSG id", clean(run.get("root_tsg_id") or dataset.get("root_tsg_id"))),
        ("Policy", policy_text),
        ("Collected at", clean(run.get("collected_at") or dataset.get("collected_at"))),
        ("Generated at", clean(results.get("generated_at"))),
        ("Versions", ", ".join(f"{clean(name)} {clean(versions[name])}" for name in sorted(versions))),
    ]


def _operations(dataset: dict[str, Any], clean: TextCleaner) -> list[OperationSummary]:
    summaries = []
    datasets = dataset.get("datasets") or {}
    for name in sorted(datasets):
        entry = datasets[name] or {}
        rows = entry.get("rows") or []
        summaries.append(OperationSummary(
            name=clean(name),
            rows=len(rows),
            unmatched=sum(1 for row in rows if isinstance(row, dict) and row.get("unmatched")),
            regions=_join(clean, entry.get("regions")),
            partial=bool(entry.get("partial")),
        ))
    return summaries


def _status_counts(builder: PayloadBuilder, encoded: dict[str, list[Any]]) -> dict[str, int]:
    counts = {status: 0 for status in builder.statuses}
    for status in encoded["status"]:
        counts[builder.statuses[status]] += 1
    return counts


def _cards(builder: PayloadBuilder, counts: dict[str, int]) -> list[Card]:
    scores = [tenant[6] for tenant in builder.tenants if tenant[6] is not None]
    average = f"{sum(scores) / len(scores):.1f}" if scores else "n/a"
    cards = [
        Card(str(len(builder.tenants)), "tenants"),
        Card(str(len(builder.controls)), "controls"),
        Card(average, "average score"),
    ]
    cards.extend(Card(str(count), status, status) for status, count in counts.items())
    return cards


def _charts(builder: PayloadBuilder, counts: dict[str, int], encoded: dict[str, list[Any]]) -> dict[str, Chart]:
    status_chart = horizontal_bars(
        "Results by status",
        [(status, count, f"s-{status}") for status, count in counts.items()],
        "Number of results per status, worst first.",
    )
    failed_by_family: dict[str, int] = {}
    for control in builder.controls:
        failed_by_family.setdefault(control[2] or "(none)", 0)
    for control, status in zip(encoded["control"], encoded["status"]):
        if builder.statuses[status] == "fail":
            family = builder.controls[control][2] or "(none)"
            failed_by_family[family] += 1
    family_items = sorted(failed_by_family.items(), key=lambda item: (-item[1], item[0]))
    family_chart = horizontal_bars(
        "Failed results by control family",
        [(family, count, "bar-family") for family, count in family_items],
        "Number of failed results per control family, largest first.",
    )
    score_chart = score_histogram([tenant[6] for tenant in builder.tenants])
    return {"status_chart": status_chart, "score_chart": score_chart, "family_chart": family_chart}


def _count_tenants(values: Any) -> int:
    return len(values) if isinstance(values, list) else 0


def build_html(results: dict[str, Any], dataset: dict[str, Any], delta: dict[str, Any] | None,
               options: dict[str, Any] | None = None) -> tuple[str, RenderStats]:
    """Render the report as text and return it with the counts of cleaned values."""
    if JINJA2_IMPORT_ERROR is not None:
        raise AnsibleError(
            f"the HTML report needs the Python library Jinja2 on the controller: {JINJA2_IMPORT_ERROR}"
        )
    settings = _options(options)
    stats = RenderStats()
    builder = PayloadBuilder(stats, settings["text_limit"])
    clean = builder.clean

    builder.add_tenants(list(results.get("tenants") or dataset.get("tenants") or []),
                        results.get("scores") or {})
    builder.add_controls(list(results.get("controls") or []))
    encoded = builder.encode_results(list(results.get("results") or []))
    errors = builder.encode_errors(dataset.get("errors") or [], results.get("errors") or [])
    delta_rows = builder.encode_delta(delta)
    rows = builder.encode_rows(dataset.get("datasets") or {})

    payload = {
        "strings": builder.table.strings,
        "statuses": builder.statuses,
        "severities": builder.severities,
        "tenants": builder.tenant_columns(),
        "controls": builder.controls,
        "evidenceKinds": builder.evidence_kinds,
        "results": builder.results_payload(encoded),
        "errors": errors,
        "delta": builder.delta_payload(delta_rows),
        "changeLabels": dict(DELTA_CHANGES),
        "rows": rows,
        "pageSize": settings["page_size"],
        "matrixPageSize": settings["matrix_page_size"],
        "printLimit": settings["print_limit"],
    }

    counts = _status_counts(builder, encoded)
    delta_counts = [
        (label, sum(1 for row in delta_rows if row[0] == change)) for change, label in DELTA_CHANGES
    ]
    context = {
        "title": clean(settings["title"]),
        "run_facts": _run_facts(results, dataset, clean),
        "cards": _cards(builder, counts),
        "statuses": list(STATUS_ORDER),
        "delta_present": delta is not None and not delta.get("first_run"),
        "delta_counts": delta_counts,
        "tenants_added": _count_tenants((delta or {}).get("tenants_added")),
        "tenants_removed": _count_tenants((delta or {}).get("tenants_removed")),
        "operations": _operations(dataset, clean),
        "warnings": [clean(warning, "warning") for warning in results.get("warnings") or []],
        "generated_at": clean(results.get("generated_at")),
        "collection_version": clean((dataset.get("versions") or {}).get("collection")),
        **_charts(builder, counts, encoded),
    }
    # Every value is cleaned by now, so the counts shown in the page are complete.
    context["stats"] = stats
    context["payload"] = Markup(script_json(payload))
    context["style"] = Markup(REPORT_STYLE)
    context["script"] = Markup(REPORT_SCRIPT)
    context["csp"] = content_security_policy(REPORT_SCRIPT, REPORT_STYLE)
    return _template().render(**context), stats


def render_html(results: dict[str, Any], dataset: dict[str, Any], delta: dict[str, Any] | None,
                path_or_stream: str | os.PathLike[str] | IO[Any],
                options: dict[str, Any] | None = None) -> RenderStats:
    """Write the HTML report to a path or a file object (text or binary) as UTF-8.

    Writing to a path replaces the file in place; the report action writes through
    `_report_files.publish`, which passes a binary file object and renames atomically.
    """
    text, stats = build_html(results, dataset, delta, options)
    data = text.encode("utf-8")
    if hasattr(path_or_stream, "write"):
        if isinstance(path_or_stream, io.TextIOBase):
            path_or_stream.write(text)
        else:
            path_or_stream.write(data)
        return stats
    with open(path_or_stream, "wb") as stream:
        stream.write(data)
    return stats
