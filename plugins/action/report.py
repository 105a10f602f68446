# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Action plugin of report: write the compliance reports on the controller."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import Any

from ansible.errors import AnsibleActionFail
from ansible.plugins.action import ActionBase

# Results and reports contain tenant data, so they allow the same two modes as the dataset file.
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._controls_score import (
    score,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._dataset_file import (
    ALLOWED_MODES,
    parse_mode,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._errors import (
    InvalidInputError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_files import (
    ReportFileError,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_gate import (
    FAIL_ON_CHOICES,
    failure_message,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_meta import (
    DEFAULT_STEM,
    ReportOptions,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_parts import (
    PartsMergeError,
    merge_parts,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._report_run import (
    FORMATS,
    write_reports,
)
from ansible_collections.prisma_sase.mt_monitor.plugins.plugin_utils._results_file import (
    DocumentReadError,
    read_document_source,
)

ARGUMENT_SPEC: dict[str, Any] = {
    "results": {"type": "raw", "required": True},
    "dataset": {"type": "raw", "required": True},
    "dest": {"type": "path", "required": True},
    "formats": {"type": "list", "elements": "str", "choices": list(FORMATS),
                "default": list(FORMATS)},
    "stem": {"type": "str", "default": DEFAULT_STEM},
    "mode": {"type": "str", "default": "0640", "choices": sorted(ALLOWED_MODES)},
    "fail_on": {"type": "str", "default": "none", "choices": list(FAIL_ON_CHOICES)},
    "title": {"type": "str", "default": "Prisma SASE compliance report"},
    "text_limit": {"type": "int", "default": 32767},
}

RESULTS_FIX = ("write it with prisma_sase.mt_monitor.compliance_check first, or set results to "
               "the file that compliance_check wrote")
DATASET_FIX = ("write it with prisma_sase.mt_monitor.monitor_facts and its dest option, or set "
               "dataset to that file")


# Fields of a results document that the renderers index into, with the JSON type each must
# have. A file edited by hand with another type would otherwise fail inside a renderer.
RESULTS_FIELDS = {"run": dict, "controls": list, "tenants": list, "results": list, "scores": dict}
JSON_TYPE_NAMES = {dict: "an object", list: "an array"}


def check_results_fields(results: dict[str, Any]) -> None:
    """Raise DocumentReadError when a field of ``results`` that the renderers use has the wrong type."""
    for name, expected in RESULTS_FIELDS.items():
        value = results.get(name)
        if value is not None and not isinstance(value, expected):
            raise DocumentReadError("results field %s is %s, not %s; %s"
                                    % (name, type(value).__name__, JSON_TYPE_NAMES[expected], RESULTS_FIX))
    items = [("%s[%d]" % (name, index), item)
             for name in ("controls", "tenants", "results")
             for index, item in enumerate(results.get(name) or [])]
    items += [("scores[%r]" % (tsg_id,), item) for tsg_id, item in (results.get("scores") or {}).items()]
    for where, item in items:
        if not isinstance(item, dict):
            raise DocumentReadError("results field %s is %s, not an object; %s"
                                    % (where, type(item).__name__, RESULTS_FIX))


def read_inputs(results_source: Any, dataset_source: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """Read one results and one dataset document, or merge the part lists of a sliced run."""
    if not isinstance(results_source, list) and not isinstance(dataset_source, list):
        return (read_document_source(results_source, "results", RESULTS_FIX),
                read_document_source(dataset_source, "dataset", DATASET_FIX))
    if not isinstance(results_source, list) or not isinstance(dataset_source, list):
        raise PartsMergeError("results and dataset must both be lists of parts to merge a "
                              "sliced run, or both single documents")
    results_parts = [read_document_source(item, "results", RESULTS_FIX) for item in results_source]
    dataset_parts = [read_document_source(item, "dataset", DATASET_FIX) for item in dataset_source]
    return merge_parts(results_parts, dataset_parts)


class ActionModule(ActionBase):
    """Render every chosen report format on the controller. Nothing runs on the target host."""

    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp: Any = None, task_vars: Any = None) -> dict[str, Any]:
        result = super().run(tmp, task_vars)
        _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
        check_mode = bool(self._task.check_mode)

        try:
            results, dataset = read_inputs(args["results"], args["dataset"])
            check_results_fields(results)
            options = ReportOptions.from_value({
                "stem": args["stem"],
                "mode": parse_mode(args["mode"]),
                "check_mode": check_mode,
                "text_limit": args["text_limit"],
            })
            run = write_reports(results, dataset, args["dest"], args["formats"], options,
                                html_options={"title": args["title"]})
        except (DocumentReadError, InvalidInputError, PartsMergeError, ReportFileError,
                ValueError) as error:
            raise AnsibleActionFail("report: %s" % error) from None

        files = {name: item.as_dict() for name, item in run.files.items()}
        result["changed"] = run.changed
        result["dest"] = args["dest"]
        result["files"] = files
        result["manifest"] = run.manifest.as_dict()
        result["totals"] = run.totals
        result["score"] = score(run.totals)
        result["delta"] = {
            "first_run": run.delta.get("first_run"),
            "previous_generated_at": run.delta.get("previous_generated_at"),
            "counts": run.delta.get("counts") or {},
        }
        if run.warnings:
            result["warnings"] = list(run.warnings)

        if check_mode:
            planned = [item["path"] for item in files.values() if item["changed"]]
            if run.manifest.changed:
                planned.append(run.manifest.path)
            result["would_write"] = planned
            result["msg"] = ("check mode: would write %d files in %s" % (len(planned), args["dest"])
                             if planned else "check mode: every report in %s is up to date"
                             % args["dest"])
        else:
            result["msg"] = "wrote %d of %d reports in %s" % (
                sum(1 for item in files.values() if item["changed"]), len(files), args["dest"])

        failure = failure_message(results, args["fail_on"])
        if failure:
            result["failed"] = True
            result["msg"] = "%s; %s" % (failure, result["msg"])
        return result
