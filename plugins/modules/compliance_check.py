# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: compliance_check
short_description: Evaluate a Prisma SASE monitoring dataset against a compliance policy
version_added: 1.0.0
description:
  - Reads the dataset JSON file that M(prisma_sase.mt_monitor.monitor_facts) writes, evaluates
    every enabled control of the policy for every tenant, and writes the results JSON file.
  - Runs on the controller as an action plugin; it makes no API call and needs no connection
    options.
  - The results take C(generated_at) from the dataset's C(collected_at), and the file is
    replaced only when its bytes change, so the same dataset, policy and waivers give
    C(changed=false).
  - Waiver expiry and age checks use the dataset's C(collected_at) as the current time.
options:
  dataset:
    description:
      - Path of the dataset JSON file on the controller, or the dataset document itself
        (for example C(ansible_facts.mt_monitor) in check mode, when no file was written).
    type: raw
    required: true
  dest:
    description: Path of the results JSON file to write on the controller.
    type: path
    required: true
  policy:
    description:
      - C(default) for the built-in policy, a path to a YAML or JSON policy file, or a policy
        mapping. The format is described in the collection's docs/controls.md.
    type: raw
    default: default
  overrides:
    description:
      - Overrides per control id (C(threshold), C(warn_threshold), C(severity), C(enabled),
        C(tenant_groups)), applied on top of the policy's own C(overrides). An entry here
        replaces the policy's override of the same control.
    type: dict
  tenant_groups:
    description:
      - Group name to a list of TSG ids, display names or globs. Replaces a policy group of the
        same name.
    type: dict
  waivers:
    description:
      - A list of waivers, or a path to a YAML or JSON file with one. Each waiver has
        C(control), C(tenant), C(reason), C(expires) and optionally C(approved_by).
    type: raw
  mode:
    description: File mode of the results file.
    type: str
    choices: ['0600', '0640']
    default: '0600'
  return_results:
    description:
      - Return the whole results document as RV(results_document). Always on in check mode,
        where the file is not written.
    type: bool
    default: false
extends_documentation_fragment:
  - prisma_sase.mt_monitor.attributes
attributes:
  check_mode:
    support: full
    details: Evaluates the dataset, writes nothing and returns the results document.
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
- name: Gather the dataset
  prisma_sase.mt_monitor.monitor_facts:
    dest: /var/lib/mt-monitor/dataset.json

- name: Evaluate the built-in policy with a stricter license threshold
  prisma_sase.mt_monitor.compliance_check:
    dataset: /var/lib/mt-monitor/dataset.json
    dest: /var/lib/mt-monitor/results.json
    overrides:
      LIC-001:
        threshold: 85
    waivers:
      - control: THR-001
        tenant: "Acme*"
        reason: Known lab tenant, threats replayed on purpose
        expires: "2027-03-31"
  register: compliance
"""

RETURN = r"""
dest:
  description: Path of the results file.
  returned: always
  type: str
written:
  description: Whether the file was written in this run.
  returned: always
  type: bool
generated_at:
  description: Time of the results, equal to the dataset's collected_at.
  returned: always
  type: str
policy:
  description: Name, version, source and SHA-256 digest of the resolved policy.
  returned: always
  type: dict
tenants:
  description: Number of tenants evaluated.
  returned: always
  type: int
controls:
  description: Number of enabled controls.
  returned: always
  type: int
results:
  description: Number of results (tenants times controls).
  returned: always
  type: int
totals:
  description: Number of results per status (pass, fail, warn, error, skip, waived).
  returned: always
  type: dict
scores:
  description: Score per TSG id, 0 to 100, or null when every result was skip or waived.
  returned: always
  type: dict
score_average:
  description: Mean of the scores that are not null, rounded to one decimal.
  returned: always
  type: float
errors:
  description: Number of collection errors carried over from the dataset.
  returned: always
  type: int
results_document:
  description: The whole results document, as the results file contains it.
  returned: in check mode, or when O(return_results=true)
  type: dict
"""
