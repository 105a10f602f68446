# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: report
short_description: Write compliance reports as Excel, HTML, JSON and JUnit XML
version_added: 1.0.0
description:
  - Reads the results of M(prisma_sase.mt_monitor.compliance_check) and the dataset, and writes
    each chosen format into a report directory on the controller.
  - Each format is written atomically as C(<stem>-latest.<ext>) plus a copy per run named
    C(<stem>-<UTC time>-<random>.<ext>). A format whose bytes did not change is not written
    and reports C(changed=false). A manifest C(<stem>-manifest-latest.json) lists the files.
  - Every format shows the same delta against the previous run's C(<stem>-latest.json) in the
    directory (newly failing, fixed, still failing). When that report holds exactly the
    current results, its delta is kept, so reporting the same data again changes nothing.
  - Runs on the controller as an action plugin; it makes no API call.
options:
  results:
    description:
      - Path of the results JSON file, or the results document (for example
        C(results_document) of compliance_check in check mode).
      - A list of results parts (paths or documents) merges the parts of a sliced run, in
        which each tenant host evaluated its own tenant. Each part contributes the results of
        the tenant it was gathered for, so the merged report does not depend on the slices.
        O(dataset) must then be a list of the matching dataset parts.
      - A merged report differs from an unsliced run only in run metadata. C(generated_at)
        and C(collected_at) are the latest of the parts, the time window spans every part,
        C(run.parts) lists each part's TSG and times, and each operation's request is the
        first part's.
    type: raw
    required: true
  dataset:
    description:
      - Path of the dataset JSON file, or the dataset document.
      - A list of dataset parts (paths or documents) when O(results) is a list of parts.
    type: raw
    required: true
  dest:
    description:
      - Report directory on the controller. It must exist and be writable; the task fails
        before writing anything otherwise.
    type: path
    required: true
  formats:
    description: Formats to write.
    type: list
    elements: str
    choices: [xlsx, html, junit, json]
    default: [xlsx, html, junit, json]
  stem:
    description: First part of every file name, without a directory.
    type: str
    default: compliance
  mode:
    description: File mode of the report files.
    type: str
    choices: ['0600', '0640']
    default: '0640'
  fail_on:
    description:
      - When the task fails after writing every report. V(none) never fails; V(fail) fails
        when any result has status C(fail); V(error) fails when any result has status C(fail)
        or C(error) (data that could not be collected).
    type: str
    choices: [none, fail, error]
    default: none
  title:
    description: Title of the HTML report.
    type: str
    default: Prisma SASE compliance report
  text_limit:
    description:
      - Maximum characters of one text value in every format; longer values are cut and
        marked. The default is the Excel cell limit.
    type: int
    default: 32767
extends_documentation_fragment:
  - prisma_sase.mt_monitor.attributes
attributes:
  check_mode:
    support: full
    details: Renders every format in memory, writes nothing and lists in RV(would_write) the files a run would write.
  diff_mode:
    support: none
  platform:
    description: Target OS/families that can be operated against.
    support: N/A
    platforms: all
    details: The action runs on the controller and reads and writes files there only.
author:
  - prisma_sase.mt_monitor contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Write every format and fail the play on any failing control
  prisma_sase.mt_monitor.report:
    results: /var/lib/mt-monitor/results.json
    dataset: /var/lib/mt-monitor/dataset.json
    dest: /var/lib/mt-monitor/reports
    fail_on: fail
  register: compliance_reports

- name: Show where the HTML report is
  ansible.builtin.debug:
    msg: "{{ compliance_reports.files.html.latest_path }}"
"""

RETURN = r"""
dest:
  description: The report directory.
  returned: always
  type: str
files:
  description:
    - Per format, C(path) (the per-run copy, or the latest file when unchanged),
      C(latest_path), C(changed), C(written), C(size) in bytes and C(sha256).
  returned: always
  type: dict
manifest:
  description: The same keys as one entry of RV(files), for the manifest.
  returned: always
  type: dict
totals:
  description: Number of results per status.
  returned: always
  type: dict
score:
  description:
    - Score of the whole run, C(100 * pass / (pass + fail + warn + error)) over every result,
      rounded to 0.1; the per-tenant scores in the reports use the same formula.
    - None when no result counts towards a score (only C(skip) and C(waived) results).
  returned: always
  type: float
  sample: 87.5
delta:
  description:
    - C(first_run), C(previous_generated_at) and C(counts) of C(newly_failing), C(fixed),
      C(still_failing), C(other_changes), C(tenants_added) and C(tenants_removed).
  returned: always
  type: dict
would_write:
  description: Paths that a run would write.
  returned: in check mode
  type: list
  elements: str
"""
