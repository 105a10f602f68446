# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Write docs/benchmarks.md from the stored scenario results."""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import platform
import subprocess
from pathlib import Path
from typing import Any, Dict, List

from ansible_collections.prisma_sase.mt_monitor.bench._plot import write_scale_charts
from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import VENV_BIN
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import REPO_ROOT

PAGE = REPO_ROOT / "docs" / "benchmarks.md"


def _command_output(command: List[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, check=False, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired) as error:
        return "unavailable (%s)" % error


def machine_facts() -> Dict[str, str]:
    """Describe the machine: CPUs, memory, CPU model, Python and ansible-core versions."""
    cpu_model = ""
    for line in _command_output(["lscpu"]).splitlines():
        if line.startswith("Model name:"):
            cpu_model = line.split(":", 1)[1].strip()
    memory = ""
    for line in _command_output(["free", "-m"]).splitlines():
        if line.startswith("Mem:"):
            memory = "%s MiB" % line.split()[1]
    ansible_version = _command_output([str(VENV_BIN / "ansible"), "--version"]).splitlines()
    return {
        "nproc": _command_output(["nproc"]),
        "memory": memory,
        "cpu": cpu_model,
        "python": platform.python_version(),
        "ansible": ansible_version[0] if ansible_version else "unknown",
        "kernel": platform.release(),
        "load": Path("/proc/loadavg").read_text(encoding="ascii").split(" ", 3)[0],
    }


def _load(folder: Path) -> Dict[str, Dict[str, Any]]:
    results = {}
    for path in sorted(folder.glob("*.json")):
        document = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(document, dict) and "scenario" in document:
            results[document["scenario"]] = document
    return results


def _verdict(passed: bool) -> str:
    return "met" if passed else "missed"


def _header(result: Dict[str, Any]) -> List[str]:
    return [
        "Measured %s with `%s`, median of %d runs." % (result["date"], result["command"], result["repeat"]),
        "",
    ] + _load_line(result)


def _gathering(result: Dict[str, Any]) -> List[str]:
    lines = ["## Gathering: one monitor_facts task against uri tasks", ""] + _header(result)
    lines += [
        "A simulator of %(tenants)d tenants answers every API request after %(latency_ms)d ms. One access "
        "token is requested before the runs and both sides send it. monitor_facts gathers all 36 "
        "operations (`operations: [all]`, `max_concurrency: %(max_concurrency)d`) for the region(s) %(region_text)s; "
        "the uri side runs %(uri_tasks)d `ansible.builtin.uri` tasks one after another, looping over the same "
        "regions and query variants. Both sides send %(requests)d requests: the hierarchy, 35 other operations "
        "and the second product type of license.utilization. The simulator's per-operation, per-region "
        "counters are compared after every run and must match." % dict(result, region_text=", ".join(result["regions"])),
        "",
        "| measure | value |",
        "|---|---|",
        "| uri tasks, first start to last result | %.1f s |" % result["uri_task_s"],
        "| monitor_facts task | %.1f s |" % result["facts_task_s"],
        "| speed-up (target at least 10x) | %.1fx, %s |" % (result["speedup"], _verdict(result["speedup"] >= 10)),
        "| one module start (an `ansible.builtin.ping` task) | %.2f s |" % result["module_start_s"],
        "| one token request | %.3f s |" % result["token_s"],
        "| bound: module start + token + ceil(%d / %d) x %d ms | %.2f s |"
        % (result["requests"], result["max_concurrency"], result["latency_ms"], result["bound_s"]),
        "| monitor_facts / bound (target at most 1.3) | %.2f, %s |" % (result["bound_ratio"], _verdict(result["bound_ratio"] <= 1.3)),
        "| API requests in flight at most (monitor_facts) | %d |" % result["facts_max_in_flight"],
        "| ansible-playbook wall time, monitor_facts / uri | %.1f s / %.1f s |" % (result["facts_wall_s"], result["uri_wall_s"]),
    ]
    if "file_task_s" in result:
        lines += [
            "| monitor_facts task with `return_facts: false` | %.1f s |" % result["file_task_s"],
            "| speed-up with `return_facts: false` (target at least 10x) | %.1fx, %s |"
            % (result["file_speedup"], _verdict(result["file_speedup"] >= 10)),
        ]
    if "file_bound_ratio" in result:
        lines += [
            "| monitor_facts with `return_facts: false` / bound (target at most 1.3) | %.2f, %s |"
            % (result["file_bound_ratio"], _verdict(result["file_bound_ratio"] <= 1.3)),
            "| monitor_facts task with `ANSIBLE_INJECT_FACT_VARS=False` | %.1f s |" % result["no_inject_task_s"],
            "| speed-up with `ANSIBLE_INJECT_FACT_VARS=False` (target at least 10x) | %.1fx, %s |"
            % (result["no_inject_speedup"], _verdict(result["no_inject_speedup"] >= 10)),
        ]
    lines += [
        "",
        ("Both monitor_facts rows write the dataset to `dest`. The first uses the default `return_facts: true`, "
         "so the dataset is also returned as `ansible_facts.mt_monitor`. The second sets `return_facts: false`, "
         "so ansible-playbook's main process gets only `dest` and a summary. The `ANSIBLE_INJECT_FACT_VARS=False` "
         "row runs the first task with ansible-core's `inject_facts_as_vars` off, so the facts are not also copied "
         "into top-level variables. The uri tasks return every "
         "response body as their result, without `register`. The four kinds of run alternate in every repetition. "
         "The tasks run on localhost, a local connection, so monitor_facts gathers in ansible-playbook's worker "
         "without starting its module, while the bound still counts one module start. Only the bench's task "
         "timer callback is enabled."),
        "",
    ]
    if result["bound_ratio"] > 1.3:
        lines += [
            "monitor_facts takes %.1f s more than the bound. The bound counts only waiting for the "
            "simulator's latency. It leaves out the CPU work that shares the 2 cores. The simulator "
            "builds responses for %d tenants, monitor_facts parses and joins them in the worker, and "
            "ansible-core copies the dataset as facts in the worker and for the callbacks in the main "
            "process (see Profiles)." % (result["facts_task_s"] - result["bound_s"], result["tenants"]),
            "",
        ]
    if result["speedup"] < 10 <= result.get("file_speedup", 0):
        lines += [
            "With the default `return_facts: true` the task misses 10x by %.1f s. ansible-core copies and walks "
            "every value of a result that carries facts, about 230,000 values for %d tenants. The worker "
            "cleans and namespaces the facts, the main process copies the result for the callbacks, and the "
            "stdout callback converts it (see Profiles). The collection cannot skip that work and still return "
            "facts. So the section Thousands of tenants of [the facts page](facts.md) recommends "
            "`return_facts: false` with `dest` for large MSSPs, as the compliance_report role does."
            % (result["facts_task_s"] - result["uri_task_s"] / 10, result["tenants"]),
            "",
        ]
    if "file_task_s" in result and result["file_speedup"] < 10:
        lines += [
            "For 10x the monitor_facts task would have to finish in %.1f s. `return_facts: false` saves %.1f s, "
            "the dataset's way through ansible-playbook's main process and fact store. The %.1f s that remain "
            "over the bound are parsing and joining the responses and writing `dest`. All of it runs on the "
            "cores that the simulator and other processes share (see Profiles)."
            % (result["uri_task_s"] / 10, result["facts_task_s"] - result["file_task_s"], result["file_task_s"] - result["bound_s"]),
            "",
        ]
    return lines


def _inventory(result: Dict[str, Any]) -> List[str]:
    lines = ["## Inventory at scale", ""] + _header(result)
    lines += [
        "`ansible-inventory --list` on the tenants plugin with the jsonfile cache, %d tenants. The uncached "
        "run starts with an empty cache folder; the cached run reads it and sends no API request "
        "(checked with the simulator's counters)." % result["tenants"],
        "",
        "| run | wall time | target |",
        "|---|---|---|",
        "| uncached | %.2f s | under 5 s, %s |" % (result["uncached_s"], _verdict(result["uncached_s"] < 5)),
        "| from the cache | %.2f s | under 1 s, %s |" % (result["cached_s"], _verdict(result["cached_s"] < 1)),
        "",
    ]
    if "floor_s" in result:
        lines += _inventory_parts(result)
    return lines


def _cpu_note(result: Dict[str, Any], key: str) -> str:
    """Return the CPU time of a measurement for a table cell, or nothing for older results."""
    return " (CPU time %.2f s)" % result[key] if key in result else ""


def _inventory_parts(result: Dict[str, Any]) -> List[str]:
    hosts = result["tenants"] + 1
    rest_s = result["cached_s"] - result["floor_s"] - result["parse_cached_s"]
    lines = [
        "Every repetition also ran these, alternating with the runs above:",
        "",
        "| measure | time |",
        "|---|---|",
        "| start-up floor: `ansible-inventory --list` on a static inventory of one host | %.2f s |" % result["floor_s"],
        "| plugin, uncached: loading it and its `parse`, the hierarchy request included | %.2f s%s |"
        % (result["parse_uncached_s"], _cpu_note(result, "parse_uncached_cpu_s")),
        "| plugin, from the cache: loading it and its `parse` | %.2f s%s |"
        % (result["parse_cached_s"], _cpu_note(result, "parse_cached_cpu_s")),
        "| `ansible-inventory --graph` from the cache | %.2f s |" % result["graph_cached_s"],
        "| `ansible-inventory --list --export` from the cache | %.2f s |" % result["export_cached_s"],
        "",
        "The plugin rows time `InventoryManager` over the same source in a fresh Python process "
        "(`bench/_inventory_parse.py`), after ansible-core is imported and before any output is made. "
        "Their CPU time, user and system time of that process, changes less than the wall time when "
        "other processes share the machine. "
        "The targets stay compared to the `--list` wall time, because that is what a user or an "
        "inventory sync waits for. The floor and the plugin rows show which part of it the collection "
        "controls. In the cached `--list` run, about %.2f s remain after the floor and the plugin. That is "
        "ansible-inventory's own work on the %d hosts: it builds each host's variables through the "
        "VariableManager and encodes %.1f MB of JSON. The cache entry is %.1f MB."
        % (rest_s, hosts, result["listing_bytes"] / 1e6, result["cache_bytes"] / 1e6),
        "",
    ]
    if result["cached_s"] >= 1:
        other_listings = "`--graph` (%.2f s) and `--list --export` (%.2f s) skip part of that listing work" % (
            result["graph_cached_s"], result["export_cached_s"])
        if min(result["graph_cached_s"], result["export_cached_s"]) >= 1:
            other_listings += ", but neither of them meets 1 s either"
        lines += [
            "The cached run misses 1 s by %.2f s. The start-up floor (%.2f s) and the plugin (%.2f s) "
            "together take %.2f s, and ansible-inventory's listing of the hosts takes the other %.2f s. "
            "%s (see Profiles)."
            % (result["cached_s"] - 1, result["floor_s"], result["parse_cached_s"],
               result["floor_s"] + result["parse_cached_s"], rest_s, other_listings),
            "",
        ]
    if result["uncached_s"] >= 5:
        lines += [
            "The uncached run misses 5 s by %.2f s. The token, the hierarchy request and writing the "
            "cache change the plugin's time by %+.2f s against the cached parse, so the rest of the "
            "uncached run is the same work as in the cached one."
            % (result["uncached_s"] - 5, result["parse_uncached_s"] - result["parse_cached_s"]),
            "",
        ]
    return lines


def _tenant_scopes(result: Dict[str, Any]) -> List[str]:
    last = result["runs"][-1]
    lines = ["## Per-tenant work", ""] + _header(result)
    lines += [
        "A playbook over the %d tenant hosts of the inventory plugin (%d customers and the root), "
        "`--forks %d`, runs one monitor_facts task per host (threats.summary and license.utilization), "
        "each with the token of that tenant's scope. Every run starts with an empty token cache."
        % (last["hosts"], result["tenants"], result["forks"]),
        "",
        "| measure | value |",
        "|---|---|",
        "| ansible-playbook wall time | %.1f s |" % result["wall_s"],
        "| token requests in flight at most (target at most 10) | %d, %s |"
        % (result["max_token_requests_in_flight"], _verdict(result["token_limit_met"])),
        "| token requests, scopes | %d, %d |" % (last["token_requests_total"], last["scopes"]),
        "| each scope's token requested once per run | %s |" % ("yes" if result["one_token_per_scope"] else "no"),
        "| peak RSS of the process tree (sum at one sample) | %.0f MiB |" % last["peak_tree_rss_mib"],
        "",
        "The RSS sum counts the pages that the %d forked workers share with ansible-playbook once per "
        "process, so it is an upper bound of the memory in use." % result["forks"],
        "",
    ]
    return lines


def _load_line(result: Dict[str, Any]) -> List[str]:
    load = result.get("load")
    if not load:
        return []
    return [
        "1-minute load average during the scenario (sampled every %d s): min %.2f, median %.2f, max %.2f."
        % (load["interval_s"], load["min"], load["median"], load["max"]),
        "",
    ]


def _scale_point_row(point: Dict[str, Any], result: Dict[str, Any]) -> str:
    phases = point["phases_s"]
    return "| %d | %d ms | %d | %.1f s | %.1f / %.1f / %.1f s | %.0f MiB | %.0f MiB | %.1f MB |" % (
        point["tenants"],
        point["latency_ms"],
        point["repeat"],
        point["wall_s"],
        phases["gather"],
        phases["evaluate"],
        phases["reports"],
        point["peak_process_mib"],
        point["peak_tree_rss_mib"],
        point["html_bytes"] / 1e6,
    )


def _growth(points: List[Dict[str, Any]], key: str) -> str:
    ordered = sorted(points, key=lambda point: point["tenants"])
    low, high = ordered[0], ordered[-1]
    return "%.1fx for %.0fx the tenants" % (high[key] / low[key], high["tenants"] / low["tenants"])


def _scale(result: Dict[str, Any]) -> List[str]:
    points = result["points"]
    largest = max(point["tenants"] for point in points)
    lines = [
        "## Scale: the main job end to end",
        "",
        "Measured %s with `%s`. Times are medians of %d runs per point, and of %d runs at %d tenants; "
        "memory is the largest value of those runs."
        % (result["date"], result["command"], result["repeat"], min(result["repeat"], result["max_repeat_at_5000"]), largest),
        "",
    ]
    lines += _load_line(result)
    lines += [
        ("`playbooks/compliance_report.yml` with its defaults (gather the default operations, evaluate the "
         "default policy, write xlsx, html, junit and json) against a simulator of each size with the given "
         "latency on every API request. Each point sends one run that is not measured first. Only the bench's "
         "task timer callback is enabled. Gather, evaluate and reports are the wall times of the role's "
         "three tasks. Peak RSS is VmHWM of the largest single process (ansible-playbook, a worker, a "
         "module) and, separately, the largest sum of VmRSS over the process tree at one sample, which "
         "counts pages that forked workers share once per process."),
        "",
        ("| tenants | latency | runs | wall time | gather / evaluate / reports | peak RSS, largest process | "
         "peak RSS, tree sum | HTML report |"),
        "|---|---|---|---|---|---|---|---|",
    ]
    lines += [_scale_point_row(point, result) for point in points]
    lines.append("")

    lines += ["![Main job wall time against tenants](images/bench-scale-time.svg)", "",
              "![Peak memory against tenants](images/bench-scale-memory.svg)", ""]
    for latency in sorted({point["latency_ms"] for point in points}):
        chosen = [point for point in points if point["latency_ms"] == latency]
        top = max(chosen, key=lambda point: point["tenants"])
        lines.append(
            "- %d ms: wall time grew %s and peak RSS %s. At %d tenants: %.1f s (target under %.0f s, %s) and "
            "%.0f MiB (target under %.0f MiB, %s)." % (
                latency, _growth(chosen, "wall_s"), _growth(chosen, "peak_process_mib"), top["tenants"], top["wall_s"],
                result["wall_target_s"], _verdict(top["wall_s"] < result["wall_target_s"]), top["peak_process_mib"],
                result["memory_target_mib"], _verdict(top["peak_process_mib"] < result["memory_target_mib"]),
            )
        )
    lines.append("")
    load = result.get("load")
    if load and load["max"] > 2 * load["min"]:
        lines += [
            "The 1-minute load average moved between %.2f and %.2f during this scenario, and the points ran "
            "one after another. A point measured under more load is slower than its neighbours for that "
            "reason alone, for example a 0 ms point slower than the 100 ms point of the same size."
            % (load["min"], load["max"]),
            "",
        ]
    for point in points:
        if point["tenants"] == largest and point["wall_s"] >= result["wall_target_s"]:
            phases = point["phases_s"]
            lines += [
                "At %d tenants and %d ms, writing the reports takes %.0f s, gathering %.0f s and evaluating %.0f s "
                "of the %.0f s. The report action runs in an ansible-playbook worker and reads the dataset "
                "(%.0f MB of JSON) and the results, so that worker has the largest peak RSS."
                % (point["tenants"], point["latency_ms"], phases["reports"], phases["gather"], phases["evaluate"],
                   point["wall_s"], point["dataset_bytes"] / 1e6),
                "",
            ]
    top = max(points, key=lambda point: (point["tenants"], point["latency_ms"]))
    lines += ["Peak RSS per process at %d tenants, %d ms:" % (top["tenants"], top["latency_ms"]), "",
              "| process | peak RSS |", "|---|---|"]
    lines += ["| %s | %.0f MiB |" % (label, peak) for label, peak in sorted(top["peak_by_process_mib"].items())]
    lines.append("")
    return lines


def _html(result: Dict[str, Any]) -> List[str]:
    lines = ["## HTML report at scale", ""] + _header(result)
    lines += [
        "`%s` from the scale scenario (%d tenants, %d result rows), opened %d times in headless Chromium "
        "(Debian's /usr/bin/chromium through Playwright's `executable_path`), each time in a fresh "
        "browser context. First render is from `page.goto` to the report's `data-ready` mark; sort is a "
        "click on the results table's Tenant header until `aria-sort` is set; filter is choosing status "
        "fail until the row count changes (%d rows remain). The first drill-down is a click on the first "
        "tenant of the matrix until its details are shown."
        % (result["report"], result["tenants"], result["rows"], result["repeat"], result["filtered_rows"]),
        "",
        "| measure | value | target |",
        "|---|---|---|",
        "| report size | %.1f MB | under 15 MB, %s |" % (result["size_mb"], _verdict(result["size_mb"] < 15)),
        "| first render | %.2f s | under 3 s, %s |" % (result["render_s"], _verdict(result["render_s"] < 3)),
        "| sort | %.2f s | under 1 s, %s |" % (result["sort_s"], _verdict(result["sort_s"] < 1)),
        "| filter | %.2f s | under 1 s, %s |" % (result["filter_s"], _verdict(result["filter_s"] < 1)),
    ]
    if "drilldown_s" in result:
        lines.append("| first drill-down: a tenant's details with its dataset rows | %.2f s | none |" % result["drilldown_s"])
    lines.append("")
    per_row = result["size_mb"] * 1e6 / result["rows"]
    if result["size_mb"] >= 15:
        lines += [
            "The report is %.1f MB over the size target. It embeds all %d result rows as data for the "
            "page's own sorting and filtering, about %.0f bytes per row. The page shows 100 rows at a time, "
            "which keeps render, sort and filter fast." % (result["size_mb"] - 15, result["rows"], per_row),
            "",
        ]
    else:
        lines += [
            "The report embeds all %d result rows and every tenant's dataset rows as data for the page's own "
            "sorting, filtering and drill-down, about %.0f bytes of report per result row. The data is "
            "stored column by column, with repeated values and texts stored once. The page shows 100 rows "
            "at a time, which keeps render, sort and filter fast." % (result["rows"], per_row),
            "",
        ]
    return lines


PROFILES = [
    "## Profiles",
    "",
    ("py-spy 0.4.3 (`py-spy record --subprocesses -r 50 -f raw`) on ansible-playbook and, separately, on "
     "the simulator, during one monitor_facts task with `operations: [all]` against 1,000 tenants, taken "
     "2026-12-04 on the machine above:"),
    "",
    ("- With 300 ms latency and one region, 142 of the module's 301 samples wait in the client's "
     "worker threads for responses (the latency and the simulator's work), and the rest start the "
     "module and encode its result."),
    ("- With no latency and all 9 regions (302 requests), `AnsibleModule.exit_json` takes 121 of the "
     "module's 188 main-thread samples. It encodes the whole dataset (8.6 MB of JSON for 1,000 "
     "tenants) as `ansible_facts`, which ansible-playbook then decodes and tags "
     "(`_try_get_internal_tags_mapping` in ansible-core 2.19)."),
    ("- Inventory, 5,000 tenants, 2026-12-04 (py-spy 0.4.3 at 200 Hz on `bench/_inventory_parse.py`, "
     "cProfile of `InventoryManager` in one process, and CPU times of runs that alternated the collection "
     "before and after the changes, median of 7, load average about 4.5). The plugin's cached `parse` is "
     "mostly ansible-core's work. About 55% of its samples are in `set_variable`, which checks, copies and "
     "tags each of the 65,013 values (13 per host) with its origin. Reading the jsonfile cache took about 10%. "
     "Before the changes, a cached run also imported the API client and requests (40 to 80 ms), and "
     "decoded a 1.9 MB cache entry of 5,001 dicts. Now it imports neither, the entry is a 1.1 MB table in "
     "one JSON text, each group is created once and group names are converted once per distinct value. "
     "CPU time of the cached parse went from 1.02 s to 0.88 s, of the uncached parse from 1.10 s to "
     "0.96 s, and of a cached `ansible-inventory --list` from 3.28 s to 3.10 s."),
    ("- The rest of a cached `--list` run is ansible-inventory's own work. `VariableManager.get_vars` "
     "for the 5,001 hosts took 0.68 s of CPU time in one process, and 0.33 s of it is `clean_facts` on "
     "empty facts, which lists the connection plugins again for every host (ansible-core 2.19.14). "
     "Encoding the 8.5 MB of `--list` JSON, in which each text from the API is an "
     "`{\"__ansible_unsafe\": ...}` object, takes about 1 s more. Neither depends on the plugin."),
    ("- cProfile of `collect_dataset` in one process against the simulator (1,000 tenants, no latency, "
     "`operations: [all]`, one region), 2026-12-04: 1.5 s, of which 1.1 s the main thread waits for the "
     "client's worker threads. Before the fixes below, `merge_region_rows` took 0.30 s of it to build a JSON "
     "key of each of the 17,298 rows although one region cannot repeat a row; now 0.05 s. The same dataset "
     "then costs 1.0 to 1.8 s in ansible-core's `remove_values`, the no_log scan that `exit_json` runs "
     "over every value of the result. Encoding it with `json.dumps` takes 0.13 to 0.23 s and decoding "
     "it with `json.loads` 0.20 to 0.34 s on the 2 shared cores."),
    ("- Fixed: with `operations: [all]` monitor_facts sent the hierarchy request twice (once to join "
     "rows to tenants, once as the tenant.hierarchy operation). It now reuses the first response, so "
     "both sides of the gathering scenario send 37 requests instead of 38."),
    ("- Fixed: localhost and the tenant inventory use a local connection. There the monitor_facts "
     "action plugin now gathers in ansible-playbook's worker with the module's argument spec and code. "
     "So the module start, `remove_values`, and the encoding and decoding of the result do not run. Its own "
     "no_log check is one `json.dumps` of the dataset, searched for the secret values. Measured with "
     "`make bench BENCH_REPEAT=3 BENCH_SCENARIOS=gathering`, 2026-12-04, with the test suite's "
     "record_results callback still enabled on both sides: `return_facts: false` 4.9 s before and 2.8 s "
     "after (6.3x and 11.6x faster than the uri tasks), the default `return_facts: true` 6.1 s before "
     "and after. The median 1-minute load average was 2.2 in the run before and 3.9 in the run after."),
    ("- Not fixable in the collection: with `return_facts: true` the dataset (231,725 values for 1,000 "
     "tenants) then goes through ansible-core 2.19's handling of every `ansible_facts` result. py-spy "
     "(`py-spy record --subprocesses -r 100 -f raw`, one task at 300 ms latency, 584 samples in the "
     "run) found in the worker `clean_facts` and `namespace_facts` copying the facts twice (about "
     "70 samples, 0.7 s) and pickling the result to the main process (10 samples), and in the main "
     "process `module_response_deepcopy` and `strip_internal_keys` of the callback copy (76 samples) "
     "and `transform_to_native_types` for each callback that reads the result (about 35 samples per "
     "callback). `return_facts: false` keeps the dataset out of all of it. `inject_facts_as_vars = False` "
     "skips `clean_facts`, which the gathering table's `ANSIBLE_INJECT_FACT_VARS=False` row measures."),
    ("- Fixed: monitor_facts read the tenant hierarchy before it sent any operation, so a run waited "
     "one round trip more than the bound counts (6 rounds of 300 ms for 37 requests at "
     "`max_concurrency: 8` instead of 5). When `region` names the regions, the hierarchy is now the "
     "first call of the pool and the operations go out beside it; only the join waits for it. "
     "`make bench BENCH_REPEAT=3 BENCH_SCENARIOS=gathering` on a quiet machine, 2026-12-04, before "
     "and after: `return_facts: false` 2.2 s and 2.0 s (10.2x and 11.9x), the default 3.4 s and 3.2 s."),
    ("- Per-tenant work (`make bench BENCH_REPEAT=1 BENCH_SCENARIOS=tenant_scopes`, 2026-12-04): the tenant "
     "hosts use a local connection, so each monitor_facts task now gathers in its worker instead of "
     "starting a module. ansible-playbook's wall time went from 165.7 s (median of 5 runs before) to "
     "30.7 s and 28.1 s (two single runs after, with a median 1-minute load average of 6.0 to 6.6). "
     "The peak RSS sum of the process tree went from 2152 MiB to 1142 MiB."),
    ("- Fixed: the limit of 10 token requests in flight was a semaphore per process, and each forked "
     "worker has its own. With `--token-latency-ms 1000` on the simulator, 60 tenants and `--forks 20`, "
     "20 token requests were in flight at once. Each request now also holds one of 10 locked slot "
     "files in the token cache folder, and the same run peaks at 10."),
    ("- The simulator builds each tenant's records on its first request, so the first gathering "
     "against a new simulator is slower. The gathering scenario sends one run that is not measured "
     "first."),
    ("- HTML report of 5,000 tenants (80,016 results, 74,454 dataset rows), 2026-12-04: the JSON data "
     "block was 17.26 MB of the 17.30 MB page. Of it, dataset rows for the drill-down took 10.7 MB, results "
     "4.3 MB, unique texts 1.6 MB and tenants 0.7 MB. It had one array per row and repeated regions, "
     "statuses, JSON texts and paths. Fixed: every table is now stored column by column, each column "
     "as a plain array, a dictionary of distinct values or a template with the digit runs of ids and "
     "timestamps between literal text, whichever is smallest. The page is 8.3 MB (dataset rows 4.5 MB, "
     "results 1.8 MB, tenants 0.4 MB) and decodes to the same values. The old and new page opened "
     "alternately 7 times in one Playwright session (`bench.html_scale._open`), medians before / after: "
     "first render 1.13 / 0.65 s, sort 0.21 / 0.13 s, filter 0.14 / 0.09 s. `build_html` of the same "
     "documents in one process took 3.6 to 3.9 s before and 4.0 to 4.2 s after, because each column's "
     "forms are encoded to pick the smallest."),
    ("- Report step of 5,000 tenants (80,016 results, 74,454 dataset rows), 2026-12-04: cProfile and "
     "`ru_maxrss` of `write_reports` in one process on the scale scenario's dataset.json and results.json "
     "(44 MB each). The collection before and after ran alternately, twice each, at a 1-minute load "
     "average of about 6. The workbook took 35 to 43 s: openpyxl built an element tree for each of its 1.7 million "
     "cells and wrote it with et_xmlfile, passed each cell object through a `ValueError` (with the cell's "
     "`repr`) and hashed each status fill and font again. Fixed: plain values are written as raw XML with "
     "the bytes openpyxl writes, and each style is looked up once, so 15 to 16 s for a byte-identical "
     "file. Writing the 170,000 styled and linked status cells the same way, with the style index and "
     "hyperlink that openpyxl registers, then gave 9.4 s against 32.5 s for the original code. "
     "lxml 6.1.3 as openpyxl's writer measured 21.6 / 43.2 s against 24.2 / 40.0 s without it, so it "
     "is not used. The JSON report built a cleaned copy of both documents and one 83 MB string, 19 to 23 s "
     "and a peak of 1,008 to 1,011 MiB. Fixed: it is written one dataset operation and one result at a "
     "time with the same bytes, 10 to 11 s and no growth over the 384 MiB of the two documents read. "
     "All four formats went from 68 to 76 s to 35 s."),
    ("- Fixed: the main job returned the 5,000-tenant dataset as facts, so ansible-playbook's main "
     "process peaked at 350 MiB and the report worker, forked from it, at 1,191 MiB. The gather task now "
     "sets `return_facts` to false outside check mode. One main job at 0 ms latency, measured with "
     "`bench/_harness.run_playbook_measured` before and after on the same machine: 108 s and 1,191 MiB "
     "before (load average 1 to 2), 75 s and 536 MiB after (load average 6 to 6.5). Remaining at "
     "5,000 tenants: the JSON report's pure-Python indented encoder (json.dumps with `indent` does not "
     "use the C encoder in Python 3.11). monitor_facts now writes the dataset file as compact JSON, "
     "which the C encoder writes. Fixed in compliance_check: results.json is compact JSON from the C encoder, "
     "one line per result, so the evaluate step measured 3.7 to 8.5 s against 9.6 to 10.6 s and a "
     "peak of 388 MiB against 507 MiB, alternating on a loaded machine."),
    "",
    ("NOTE: an earlier profile under `py-spy record --subprocesses -r 50` failed the monitor_facts task "
     "with \"Module result deserialization failed: No end of json char found\". It did not happen again "
     "in 8 runs of py-spy 0.4.3 at 100 Hz through the module (a connection other than local, one "
     "region and all regions), and a task on localhost no longer starts the module, so it has no "
     "result pipe. The cause was not found, so it may still happen to modules under the profiler."),
    "",
]

RENDERERS = {
    "gathering": _gathering,
    "inventory": _inventory,
    "tenant_scopes": _tenant_scopes,
    "scale": _scale,
    "html": _html,
}


def _machine_table(machine: Dict[str, str]) -> List[str]:
    return [
        "| fact | value |",
        "|---|---|",
        "| `nproc` | %s |" % machine["nproc"],
        "| memory (`free -m`) | %s |" % machine["memory"],
        "| CPU (`lscpu`) | %s |" % machine["cpu"],
        "| Linux kernel | %s |" % machine["kernel"],
        "| Python | %s |" % machine["python"],
        "| ansible-core | %s |" % machine["ansible"],
        "",
    ]


def write_page(folder: Path) -> Path:
    """Render every stored scenario result into docs/benchmarks.md and return its path."""
    results = _load(folder)
    lines = [
        "# Benchmarks",
        "",
        "Written by `make bench` (`bench/`), which starts the simulator on 127.0.0.1 with injected "
        "latency and runs real `ansible-playbook` and `ansible-inventory` processes against it. "
        "`BENCH_REPEAT` sets the runs per measurement (default 5) and `BENCH_SCENARIOS` a "
        "comma-separated choice of %s. Times are medians; ratios compare runs made side by side "
        "in one invocation. Memory is read from /proc for every process of the tree. Other processes "
        "may share the machine during a run, so the load average is recorded with the machine." % ", ".join("`%s`" % name for name in RENDERERS),
        "",
    ]
    # The load average is recorded per scenario, so it does not split the machine table.
    machines = {
        json.dumps({key: value for key, value in result["machine"].items() if key != "load"}, sort_keys=True)
        for result in results.values()
    }
    if results:
        lines += ["## Machine", ""]
        for machine in sorted(machines):
            lines += _machine_table(json.loads(machine))
    if "scale" in results:
        write_scale_charts(results["scale"], PAGE.parent / "images")
    for name, render in RENDERERS.items():
        if name in results:
            lines += render(results[name])
    lines += PROFILES
    PAGE.write_text("\n".join(lines).rstrip("\n") + "\n", encoding="utf-8")
    return PAGE
