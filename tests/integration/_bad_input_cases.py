# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""The table of invalid inputs: one task per case, with the text its error must contain.

Each case is (name, task YAML body, fragments). Every fragment must appear in the error
message: the first names the invalid value, the others what would be valid. ``{work}`` in a
task body is replaced with a scratch directory of the run.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from typing import List, Tuple

Case = Tuple[str, str, Tuple[str, ...]]

M = "prisma_sase.mt_monitor."

MODULE_CASES: List[Case] = [
    ("unknown info operation", M + "threat_info:\n  operation: threats.nothing", ("threats.nothing", "threats.summary")),
    ("unknown aggregate operation", M + "aggregate_query:\n  operation: nothing.at_all", ("nothing.at_all", "alerts.list")),
    ("unknown property", M + "threat_info:\n  properties: [sub_tenant_id, not_a_property]", ("not_a_property", "sub_tenant_id")),
    ("unknown rule", M + "threat_info:\n  rules: [{rule: no_such_rule}]", ("no_such_rule", "use one of")),
    ("unknown filter property", M + "threat_info:\n  operation: threats.summary\n  filter:\n    rules:\n"
     "      - {property: colour, operator: in, values: [red]}", ("colour", "severity")),
    ("unknown function", M + "threat_info:\n  function: median", ("median", "count")),
    ("unknown severity", M + "threat_info:\n  operation: threats.list\n  severity: [apocalyptic]", ("apocalyptic", "critical")),
    ("count not a number", M + "threat_info:\n  count: many", ("many", "int")),
    ("negative count", M + "threat_info:\n  count: -4", ("-4", "")),
    ("inverted time range", M + "threat_info:\n  time_range: {from: '2026-12-04T00:00:00Z', to: '2026-12-01T00:00:00Z'}",
     ("2026-12-01", "swap")),
    ("negative relative time range", M + "threat_info:\n  time_range: {last: -7, unit: days}", ("-7", "")),
    ("unknown time unit", M + "threat_info:\n  time_range: {last: 7, unit: fortnights}", ("fortnights", "days")),
    ("unparsable time", M + "threat_info:\n  time_range: {from: yesterday, to: today}", ("yesterday", "ISO 8601")),
    ("empty time range", M + "threat_info:\n  time_range: {}", ("time_range", "last")),
    ("unknown region", M + "alert_info:\n  region: us-east-1", ("us-east-1", "americas")),
    ("empty region", M + "alert_info:\n  region: ''", ("region", "auto")),
    ("short tsg_id", M + "tenant_info:\n  tsg_id: '123456789'", ("123456789", "10 digits")),
    ("long tsg_id", M + "tenant_info:\n  tsg_id: '12345678901'", ("12345678901", "10 digits")),
    ("letters in tsg_id", M + "tenant_info:\n  tsg_id: abcdefghij", ("abcdefghij", "10 digits")),
    ("empty client_id", M + "tenant_info:\n  client_id: ''", ("client_id", "PRISMA_SASE_CLIENT_ID")),
    ("ftp auth_url", M + "tenant_info:\n  auth_url: ftp://127.0.0.1/oauth2/access_token", ("ftp://127.0.0.1", "https://")),
    ("api_url without scheme", M + "tenant_info:\n  api_url: 127.0.0.1:9", ("127.0.0.1:9", "http")),
    ("negative max_concurrency", M + "tenant_info:\n  max_concurrency: -2", ("-2", "max_concurrency")),
    ("zero max_concurrency", M + "tenant_info:\n  max_concurrency: 0", ("max_concurrency", "0")),
    ("negative timeout", M + "tenant_info:\n  timeout: -3", ("-3", "above 0")),
    ("negative max_retries", M + "tenant_info:\n  max_retries: -1", ("-1", "max_retries")),
    ("unparsable validate_certs", M + "tenant_info:\n  validate_certs: maybe", ("maybe", "bool")),
    ("missing ca_path", M + "tenant_info:\n  ca_path: '{work}/no-such-ca.pem'", ("no-such-ca.pem", "")),
    ("negative max_depth", M + "tenant_info:\n  max_depth: -1", ("-1", "max_depth")),
    ("malformed region_map target", M + "tenant_info:\n  region_map: {xx01: Not A Region}", ("Not A Region", "americas")),
    ("unknown method", M + "aggregate_query:\n  operation: alerts.list\n  method: DELETE", ("DELETE", "POST")),
    ("path outside the API", M + "aggregate_query:\n  path: /mt/monitor/../../api/sase/v1/config", ("/mt/monitor/", "")),
    ("facts unknown operation", M + "monitor_facts:\n  operations: [threats.nothing]", ("threats.nothing", "")),
    ("facts short tenant_tsg_id", M + "monitor_facts:\n  tenant_tsg_id: '12'", ("12", "10 digits")),
    ("facts open file mode", M + "monitor_facts:\n  dest: '{work}/dataset.json'\n  mode: '0777'", ("0777", "0600")),
    ("facts inverted time range", M + "monitor_facts:\n  time_range: {from: '2026-12-04T00:00:00Z', to: '2026-12-01T00:00:00Z'}",
     ("2026-12-01", "swap")),
    ("check missing dataset", M + "compliance_check:\n  dest: '{work}/out.json'\n  dataset: '{work}/no-such-dataset.json'", ("no-such-dataset.json", "")),
    ("check dataset not JSON", M + "compliance_check:\n  dest: '{work}/out.json'\n  dataset: '{work}/not-json.json'", ("not-json.json", "JSON")),
    ("check missing policy file", M + "compliance_check:\n  dest: '{work}/out.json'\n  dataset: '{work}/dataset.json'\n  policy: '{work}/no-such-policy.yml'",
     ("no-such-policy.yml", "")),
    ("check policy is a directory", M + "compliance_check:\n  dest: '{work}/out.json'\n  dataset: '{work}/dataset.json'\n  policy: '{work}'",
     ("{work}", "")),
    ("check missing waiver file", M + "compliance_check:\n  dest: '{work}/out.json'\n  dataset: '{work}/dataset.json'\n  waivers: '{work}/no-such-waivers.yml'",
     ("no-such-waivers.yml", "")),
    ("check unknown override control", M + "compliance_check:\n  dest: '{work}/out.json'\n  dataset: '{work}/dataset.json'\n"
     "  overrides: {NOPE-999: {threshold: 1}}", ("NOPE-999", "LIC-001")),
    ("check unknown policy name", M + "compliance_check:\n  dest: '{work}/out.json'\n  dataset: '{work}/dataset.json'\n"
     "  policy: strictest", ("strictest", "default")),
    ("report unknown format", M + "report:\n  results: '{work}/results.json'\n  dataset: '{work}/dataset.json'\n"
     "  dest: '{work}/reports'\n  formats: [pdf]", ("pdf", "xlsx")),
    ("report unknown fail_on", M + "report:\n  results: '{work}/results.json'\n  dataset: '{work}/dataset.json'\n"
     "  dest: '{work}/reports'\n  fail_on: sometimes", ("sometimes", "error")),
    ("report missing directory", M + "report:\n  results: '{work}/results.json'\n  dataset: '{work}/dataset.json'\n"
     "  dest: '{work}/no-such-dir'", ("no-such-dir", "")),
    ("report directory under a file", M + "report:\n  results: '{work}/results.json'\n  dataset: '{work}/dataset.json'\n"
     "  dest: '{work}/not-json.json/reports'", ("not-json.json/reports", "")),
    ("report negative text_limit", M + "report:\n  results: '{work}/results.json'\n  dataset: '{work}/dataset.json'\n"
     "  dest: '{work}/reports'\n  text_limit: -1", ("-1", "text_limit")),
    ("report stem with directory", M + "report:\n  results: '{work}/results.json'\n  dataset: '{work}/dataset.json'\n"
     "  dest: '{work}/reports'\n  stem: ../escape", ("../escape", "")),
    ("report open file mode", M + "report:\n  results: '{work}/results.json'\n  dataset: '{work}/dataset.json'\n"
     "  dest: '{work}/reports'\n  mode: '0666'", ("0666", "0640")),
]

LOOKUP_CASES: List[Case] = [
    ("lookup unknown operation", "query('prisma_sase.mt_monitor.aggregate', 'threats.nothing')",
     ("threats.nothing", "threats.summary")),
    ("lookup unknown on_denied", "query('prisma_sase.mt_monitor.aggregate', 'alerts.list', on_denied='sometimes')",
     ("sometimes", "on_denied")),
    ("lookup negative cache_ttl", "query('prisma_sase.mt_monitor.tenants', cache_ttl=-5)", ("-5", "cache_ttl")),
    ("lookup short tsg_id", "query('prisma_sase.mt_monitor.tenants', tsg_id='42')", ("42", "10 digits")),
    ("lookup ftp auth_url", "query('prisma_sase.mt_monitor.tenants', auth_url='ftp://127.0.0.1/t')", ("ftp://127.0.0.1/t", "https://")),
]

ROLE_CASES: List[Case] = [
    ("role unknown format", "compliance_report_formats: [pdf]", ("pdf", "xlsx")),
    ("role unknown fail_on", "compliance_report_fail_on: sometimes", ("sometimes", "error")),
    ("role inverted time range", "compliance_report_time_range: {from: '2026-12-04T00:00:00Z', to: '2026-12-01T00:00:00Z'}",
     ("2026-12-01", "swap")),
    ("role short tenant_tsg_id", "compliance_report_tenant_tsg_id: '123456789'", ("'123456789'", "10 digits")),
    ("role letters in tenant_tsg_id", "compliance_report_tenant_tsg_id: 12345abcde", ("'12345abcde'", "10 digits")),
    ("license role long tenant_tsg_id", "license_report_tenant_tsg_id: '12345678901'", ("'12345678901'", "10 digits")),
]

# Role cases that must fail before the role creates its output directory.
EARLY_ROLE_CASES = ("role short tenant_tsg_id", "role letters in tenant_tsg_id", "license role long tenant_tsg_id")
