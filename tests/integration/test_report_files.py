# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""Report files written by the report action in real ansible-playbook runs.

Each test writes a results and dataset pair from the report fixtures and runs the
prisma_sase.mt_monitor.report action on them. No simulator is needed.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

import json
import stat
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Dict, List, Optional

from ansible_collections.prisma_sase.mt_monitor.tests.fixtures.report_data import (
    make_dataset,
    make_results,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import (
    PlaybookRun,
    run_playbook,
)

FORMAT_EXTENSIONS = {"xlsx": "xlsx", "html": "html", "junit": "xml", "json": "json"}

REPORT_PLAYBOOK = """
- name: Report files
  hosts: localhost
  gather_facts: false
  tasks:
    - name: Write reports
      prisma_sase.mt_monitor.report:
        results: "{results}"
        dataset: "{dataset}"
        dest: "{dest}"
{extra}
"""


def write_inputs(directory: Path, n_tenants: int, seed: int) -> Dict[str, Path]:
    """Write a results and dataset pair from the report fixtures into ``directory``."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = {"results": directory / "results.json", "dataset": directory / "dataset.json"}
    paths["results"].write_text(json.dumps(make_results(n_tenants, seed)), encoding="utf-8")
    paths["dataset"].write_text(json.dumps(make_dataset(n_tenants, seed)), encoding="utf-8")
    return paths


def run_report(workdir: Path, inputs: Dict[str, Path], dest: Path,
               extra: Optional[Dict[str, Any]] = None) -> PlaybookRun:
    lines = "".join("        %s: %s\n" % (key, json.dumps(value)) for key, value in (extra or {}).items())
    playbook = REPORT_PLAYBOOK.format(results=inputs["results"], dataset=inputs["dataset"],
                                      dest=dest, extra=lines.rstrip("\n"))
    return run_playbook(playbook, workdir)


def snapshot(directory: Path) -> Dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.iterdir())}


def latest_names(stem: str = "compliance") -> List[str]:
    names = ["%s-latest.%s" % (stem, extension) for extension in FORMAT_EXTENSIONS.values()]
    return names + ["%s-manifest-latest.json" % stem]


def test_failed_run_keeps_good_report(tmp_path: Path) -> None:
    dest = tmp_path / "reports"
    dest.mkdir()
    good = run_report(tmp_path / "good", write_inputs(tmp_path / "good-inputs", 6, 3), dest)
    assert good.rc == 0, good.output()
    before = snapshot(dest)

    # A results file edited by hand: one tenant's score is a string instead of an object.
    broken = write_inputs(tmp_path / "broken-inputs", 6, 4)
    document = json.loads(broken["results"].read_text(encoding="utf-8"))
    first_tenant = next(iter(document["scores"]))
    document["scores"][first_tenant] = "not a score"
    broken["results"].write_text(json.dumps(document), encoding="utf-8")
    failed = run_report(tmp_path / "broken", broken, dest)

    message = failed.task("Write reports")["msg"]

    assert failed.rc != 0, failed.output()
    assert "results field scores[%r] is str, not an object" % first_tenant in message
    assert "compliance_check" in message
    assert snapshot(dest) == before
    for name in latest_names():
        assert name in before


def test_parallel_runs_never_collide(tmp_path: Path) -> None:
    dest = tmp_path / "reports"
    dest.mkdir()
    inputs = [write_inputs(tmp_path / ("inputs-%d" % seed), 5 + seed, seed) for seed in (1, 2)]

    # Two ansible-playbook processes started together write into the same directory.
    with ThreadPoolExecutor(max_workers=2) as pool:
        futures = [pool.submit(run_report, tmp_path / ("run-%d" % index), inputs[index], dest)
                   for index in (0, 1)]
        runs = [future.result() for future in futures]

    for run in runs:
        assert run.rc == 0, run.output()
    files = [run.task("Write reports")["files"] for run in runs]
    for name, extension in FORMAT_EXTENSIONS.items():
        run_paths = [Path(item[name]["path"]) for item in files]
        latest = dest / ("compliance-latest.%s" % extension)

        assert run_paths[0] != run_paths[1]
        for path in run_paths:
            assert path.parent == dest
            assert path.is_file()
        assert latest.read_bytes() in (run_paths[0].read_bytes(), run_paths[1].read_bytes())
    leftovers = [path.name for path in dest.iterdir() if path.name.startswith(".")]
    assert leftovers == []


def test_default_and_configured_mode(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "inputs", 4, 5)
    for mode, expected in ((None, 0o640), ("0600", 0o600)):
        dest = tmp_path / ("reports-%s" % mode)
        dest.mkdir()
        run = run_report(tmp_path / ("run-%s" % mode), inputs, dest, {"mode": mode} if mode else None)

        assert run.rc == 0, run.output()
        written = list(dest.iterdir())
        assert len(written) == 2 * len(latest_names())
        for path in written:
            assert stat.S_IMODE(path.stat().st_mode) == expected, (path.name, oct(path.stat().st_mode))


def test_missing_directory_clear_error(tmp_path: Path) -> None:
    inputs = write_inputs(tmp_path / "inputs", 4, 6)
    missing = tmp_path / "no-such-directory"
    run = run_report(tmp_path / "run", inputs, missing)
    message = run.task("Write reports")["msg"]

    assert run.rc != 0
    assert str(missing) in message
    assert "does not exist" in message
    assert "Traceback" not in message
    assert not missing.exists()
