# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Regenerate the built-in controls reference in docs/controls.md from the default policy.

Run ``python docs/_gen_controls.py`` from the repository root after changing
plugins/module_utils/_policy_default.py; ``--check`` exits 1 when the page is out of date.
The default policy is loaded by file path, so no installed collection is needed.
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path
from typing import Any, Dict, List

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "controls.md"
POLICY_FILE = ROOT / "plugins" / "module_utils" / "_policy_default.py"
BEGIN = "<!-- BEGIN GENERATED CONTROLS: edit _policy_default.py and run docs/_gen_controls.py -->"
END = "<!-- END GENERATED CONTROLS -->"


def load_default_policy() -> Dict[str, Any]:
    spec = importlib.util.spec_from_file_location("_policy_default_for_docs", POLICY_FILE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.DEFAULT_POLICY


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[%s]" % ", ".join(str(item) for item in value)
    return str(value)


def describe_data(control: Dict[str, Any]) -> str:
    """Describe the operation and the fields a control reads."""
    check = control["check"]
    fields = [check["field"]] + sorted(check.get("where", {}))
    percentage = check.get("percentage_of")
    if percentage:
        fields.extend(percentage[key] for key in ("used", "used_unit", "total", "total_unit") if percentage.get(key))
    return "`%s`: %s" % (control["operation"], ", ".join("`%s`" % field for field in fields))


def describe_check(control: Dict[str, Any]) -> str:
    """Describe the failing condition, for example ``max of utilization_percentage gt 90 %``."""
    check = control["check"]
    aggregate = check.get("aggregate", "any")
    subject = "`%s`" % check["field"] if aggregate in ("any",) else "%s of `%s`" % (aggregate, check["field"])
    text = "%s `%s` %s" % (subject, check["comparison"], _value(check["threshold"]))
    if check.get("unit"):
        text += " %s" % check["unit"]
    if check.get("where"):
        text += " where %s" % ", ".join("%s=%s" % (key, _value(value)) for key, value in sorted(check["where"].items()))
    return text


def render_section(policy: Dict[str, Any]) -> str:
    """Render the generated part of the page: a summary table and one section per control."""
    lines: List[str] = [BEGIN, ""]
    lines.append("| id | title | family | severity | data | fails when | warns at | no rows |")
    lines.append("|---|---|---|---|---|---|---|---|")
    for control in policy["controls"]:
        warn = control.get("warn_threshold")
        lines.append("| %s | %s | %s | %s | %s | %s | %s | %s |" % (
            control["id"], _cell(control["title"]), control["family"], control["severity"],
            _cell(describe_data(control)), _cell(describe_check(control)),
            _cell(_value(warn)) if warn is not None else "-", control.get("missing", "error")))
    lines.append("")
    for control in policy["controls"]:
        lines.append("### %s: %s" % (control["id"], control["title"]))
        lines.append("")
        lines.append(control["description"])
        lines.append("")
        lines.append("- Data: %s" % describe_data(control))
        lines.append("- Fails when: %s" % describe_check(control))
        if control.get("warn_threshold") is not None:
            lines.append("- Warning threshold: %s" % _value(control["warn_threshold"]))
        lines.append("- Without rows: %s" % control.get("missing", "error"))
        lines.append("- Frameworks: %s" % ", ".join("`%s`" % tag for tag in control["frameworks"]))
        lines.append("- Remediation: %s" % control["remediation"])
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def render_page(current: str, policy: Dict[str, Any]) -> str:
    """Replace the generated section of ``current`` with a fresh one."""
    start = current.index(BEGIN)
    end = current.index(END) + len(END)
    return current[:start] + render_section(policy) + current[end:]


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 when docs/controls.md is out of date")
    args = parser.parse_args(argv)

    current = PAGE.read_text(encoding="utf-8")
    updated = render_page(current, load_default_policy())
    if args.check:
        if updated != current:
            print("docs/controls.md is out of date; run python docs/_gen_controls.py", file=sys.stderr)
            return 1
        return 0
    PAGE.write_text(updated, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
