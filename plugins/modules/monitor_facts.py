# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

from __future__ import absolute_import, division, print_function

__metaclass__ = type

DOCUMENTATION = r"""
module: monitor_facts
short_description: Gather many Aggregate Monitoring operations into the mt_monitor facts
version_added: 1.0.0
description:
  - Gathers a set of Prisma SASE Aggregate Monitoring API operations concurrently, over every
    region where tenants live, joins each row to its tenant and returns the dataset document
    as C(ansible_facts.mt_monitor).
  - The dataset holds the collection time, the time window, the tenants, the rows of each
    operation and the failed calls. The compliance_check action reads this document.
  - A failed operation call is recorded in C(errors) and marks that operation C(partial); it
    never fails the task. When any call failed, the task shows one warning with the number of
    failed requests and the operations, regions and TSG IDs involved (three of each at most).
  - A failed tenant hierarchy call fails the task, because no row can be joined to a tenant
    without it.
  - On a host from the P(prisma_sase.mt_monitor.tenants#inventory) inventory, the host variable
    C(tenant_tsg_id) sets O(tenant_tsg_id), so each tenant host gathers its own subtree.
extends_documentation_fragment:
  - prisma_sase.mt_monitor.connection
  - prisma_sase.mt_monitor.attributes
  - prisma_sase.mt_monitor.attributes.ACTION_GROUP
  - prisma_sase.mt_monitor.attributes.PLATFORM
attributes:
  check_mode:
    support: full
    details: The module gathers real data in check mode and does not write O(dest).
  diff_mode:
    support: none
  facts:
    description: Action returns an C(ansible_facts) dictionary that will update existing host facts.
    support: full
options:
  operations:
    description:
      - Operation names to gather, such as V(threats.summary) or V(license.utilization).
      - V(default) gathers the operations that feed the built-in default policy. V(all) gathers
        all 36 operations. Neither can be combined with names.
      - The tenant hierarchy is always read, because every row is joined to its tenant.
    type: list
    elements: str
    default: [default]
  time_range:
    description:
      - The time window applied to every operation that takes a time filter. Operations without
        one are sent as they are.
      - "Either C({last: 7, unit: days}) with unit V(minutes), V(hours) or V(days), or
        C({from: 2026-11-01T00:00:00Z, to: 2026-11-08T00:00:00Z})."
      - A relative window is sent as absolute start and end times to operations that cannot take
        it as it is (V(upgrades.list), and GET operations whose C(time_period) has no such value).
      - When not set, each operation's default body applies, which covers the last 7 days.
    type: dict
  tenant_tsg_id:
    description:
      - TSG ID of the tenant whose subtree is gathered. The access token is requested for this
        TSG, so the rows cover that tenant and its children only.
      - When not set, the host variable C(tenant_tsg_id) is used if the host has one (the
        P(prisma_sase.mt_monitor.tenants#inventory) inventory sets it), else O(tsg_id).
    type: str
  dest:
    description:
      - Path of a JSON file on the controller to write the dataset to, atomically.
      - The file is compared with the new dataset without C(collected_at), C(time_window) and the
        request IDs of errors, which change on every run. When nothing else differs, the file is
        left as it is and the task reports C(changed=false).
      - The directory must exist and be writable. This is checked before any API call, so a bad
        O(dest) fails the task at once. In check mode nothing is written and nothing is checked.
    type: path
  mode:
    description:
      - Permissions of O(dest). The dataset names tenants and their findings, so it is never
        readable by other users.
    type: str
    choices: ["0600", "0640"]
    default: "0600"
  return_facts:
    description:
      - Return the dataset as C(ansible_facts.mt_monitor).
      - V(false) keeps the dataset only in O(dest), which is then required, and returns C(dest)
        and C(summary) in its place. The dataset still travels from the module to the
        controller, which writes O(dest), but ansible-playbook's main process, fact store and
        callbacks no longer receive it, which saves time and memory for thousands of tenants.
      - In check mode nothing is written, so with V(false) the dataset is not kept.
    type: bool
    default: true
notes:
  - With the default O(return_facts=true) the dataset is returned only as C(ansible_facts.mt_monitor),
    so fact caching keeps the dataset per host.
    Large datasets are better read from O(dest) than passed between tasks.
  - On a C(local) connection without C(become), which C(localhost) and the hosts of the
    P(prisma_sase.mt_monitor.tenants#inventory) inventory use, the action plugin gathers in the
    ansible-playbook worker process and does not start the module. It validates the same options,
    reads the C(PRISMA_SASE_*) fallbacks from the controller's environment and the task's
    C(environment), masks the values of C(client_secret) and C(access_token), and returns the
    same result, warnings and failures as the module. This saves the module start and the
    encoding and decoding of a dataset of megabytes. The worker runs the controller's Python,
    so C(ansible_python_interpreter) does not apply there.
  - On any other connection, or with C(become), the module runs on the target host as usual.
seealso:
  - plugin: prisma_sase.mt_monitor.tenants
    plugin_type: inventory
  - plugin: prisma_sase.mt_monitor.aggregate
    plugin_type: lookup
author:
  - prisma_sase.mt_monitor contributors (!UNKNOWN)
"""

EXAMPLES = r"""
- name: Gather the operations of the default policy
  prisma_sase.mt_monitor.monitor_facts:
    client_id: demo-client-id
    client_secret: demo-client-secret
    tsg_id: "1000000001"
    auth_url: http://127.0.0.1:8443/oauth2/access_token
    api_url: http://127.0.0.1:8443

# Without connection options, the module reads PRISMA_SASE_CLIENT_ID, PRISMA_SASE_CLIENT_SECRET,
# PRISMA_SASE_TSG_ID, PRISMA_SASE_AUTH_URL and PRISMA_SASE_API_URL from the environment.
- name: Gather all operations for the last day and keep the dataset file
  prisma_sase.mt_monitor.monitor_facts:
    operations: [all]
    time_range:
      last: 1
      unit: days
    dest: /var/tmp/mt_monitor_dataset.json

- name: Count the tenants whose calls failed
  ansible.builtin.debug:
    msg: "{{ ansible_facts.mt_monitor.errors | map(attribute='tsg_id') | unique | length }}"
"""

RETURN = r"""
dest:
  description: Path of the dataset file.
  returned: O(dest) set and the module gathered a dataset, also when writing O(dest) failed
  type: str
  sample: /var/tmp/mt_monitor_dataset.json
summary:
  description:
    - Counts of the dataset's C(tenants), C(operations), C(rows) and C(errors).
    - When writing O(dest) fails, the failed result has these counts and C(dest) in place of
      the dataset, which would fill the console.
  returned: success and O(return_facts=false), or writing O(dest) failed
  type: dict
  sample: {"tenants": 1001, "operations": 36, "rows": 17298, "errors": 0}
ansible_facts:
  description: Facts set by the module.
  returned: success and O(return_facts=true)
  type: dict
  contains:
    mt_monitor:
      description: The dataset document.
      returned: success
      type: dict
      contains:
        schema_version:
          description: Version of the dataset format.
          type: int
          sample: 1
        collected_at:
          description: Time of the collection, ISO 8601 in UTC.
          type: str
          sample: "2026-12-04T19:00:00Z"
        time_window:
          description: The window the rows cover, C(from) and C(to) in ISO 8601 UTC.
          type: dict
          sample: {"from": "2026-11-27T19:00:00Z", "to": "2026-12-04T19:00:00Z"}
        root_tsg_id:
          description: TSG ID at the top of the gathered scope.
          type: str
          sample: "1000000001"
        regions:
          description: X-PANW-Region values queried.
          type: list
          elements: str
          sample: ["americas", "europe"]
        tenants:
          description:
            - Tenants of the scope, parents first, with C(tsg_id), C(cdl_tenant_id), C(display_name),
              C(parent_tsg_id), C(path), C(depth), C(regions), C(region_headers), C(license_type),
              C(vertical) and C(license_activated).
          type: list
          elements: dict
        datasets:
          description:
            - One entry per operation name, with C(rows) (each joined to its C(tenant)), the
              C(request) sent without headers, the C(regions) queried and C(partial).
          type: dict
        errors:
          description:
            - Failed calls with C(operation), C(region), C(tsg_id), C(kind), C(status),
              C(request_id) and C(message).
          type: list
          elements: dict
        versions:
          description: Versions of the collection, ansible-core and Python that built the dataset.
          type: dict
          sample: {"collection": "1.0.0", "ansible_core": "2.19.4", "python": "3.11.7"}
"""

from ansible_collections.prisma_sase.mt_monitor.plugins.module_utils._facts_module import (
    run_facts_module,
)


def main() -> None:
    run_facts_module()


if __name__ == "__main__":
    main()
