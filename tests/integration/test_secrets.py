# -*- coding: utf-8 -*-
# Copyright (c) 2026 prisma_sase.mt_monitor contributors
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)

"""K05 and K06: no client secret and no issued token leaks into output or files, at -vvvv.

Each case runs every module, the main job, both lookups and the inventory against a simulator
that accepts the placeholder secret, on success and on each failure path. Then every file the
runs wrote (results, reports, dataset, fact cache, inventory cache, token cache) is searched.
"""

from __future__ import absolute_import, division, print_function

__metaclass__ = type

from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest
import yaml

from ansible_collections.prisma_sase.mt_monitor.tests.integration._main_job import (
    MAIN_PLAYBOOK,
    output_args,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._playbook import (
    PlaybookRun,
    run_playbook,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._secret_scan import (
    FAST_SETTINGS,
    INFO_MODULES,
    INVENTORY_CONFIG,
    K05_SECRET,
    K06_SECRET,
    PLUGIN_PLAYBOOK,
    file_texts,
    files_under,
    leaks,
    module_playbook,
    private_mode,
    xlsx_texts,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._simulator import (
    DEMO_ROOT_TSG_ID,
    Simulator,
)
from ansible_collections.prisma_sase.mt_monitor.tests.integration._tenant_runs import (
    _control,
    add_fault,
    closed_port,
    reset,
)

# Failure paths: the fault injected before the runs, or None for a closed port on 127.0.0.1.
PATHS = {
    "success": {},
    "token_401": {"kind": "status", "target": "token", "status": 401},
    "token_503": {"kind": "status", "target": "token", "status": 503},
    "api_403": {"kind": "status", "status": 403},
    "api_500": {"kind": "status", "status": 500},
    "closed_port": None,
}


def running_simulator(secret: str) -> Iterator[Simulator]:
    """Yield a small simulator that accepts ``secret`` as the demo client's secret."""
    running = Simulator(tenants=4, seed=3, extra_args=["--client-secret", secret]).start()
    try:
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="module")
def k05_simulator() -> Iterator[Simulator]:
    yield from running_simulator(K05_SECRET)


@pytest.fixture(scope="module")
def k06_simulator() -> Iterator[Simulator]:
    yield from running_simulator(K06_SECRET)


def prepare(simulator: Simulator, path_name: str) -> Dict[str, str]:
    """Reset the simulator, inject the path's fault and return the auth and API URLs."""
    reset(simulator)
    fault = PATHS[path_name]
    if fault is None:
        base = "http://127.0.0.1:%d" % closed_port()
        return {"auth_url": base + "/oauth2/access_token", "api_url": base}
    if fault:
        add_fault(simulator, **fault)
    return {"auth_url": simulator.auth_url, "api_url": simulator.url}


def issued_tokens(simulator: Simulator) -> List[str]:
    return _control(simulator, "GET", "/_sim/tokens")["tokens"]


def cache_environment(workdir: Path) -> Dict[str, str]:
    """Return settings that turn on the jsonfile fact cache inside ``workdir``."""
    return dict(
        FAST_SETTINGS,
        ANSIBLE_CACHE_PLUGIN="ansible.builtin.jsonfile",
        ANSIBLE_CACHE_PLUGIN_CONNECTION=str(workdir / "fact_cache"),
    )


def write_vars(path: Path, values: Dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(values), encoding="utf-8")
    return path


def check_no_leak(runs: List[PlaybookRun], root: Path, inputs: List[Path], needles: List[str]) -> None:
    """Assert that no output, registered result or written file contains a needle."""
    texts: Dict[str, str] = {}
    for number, run in enumerate(runs):
        texts["run %d stdout" % number] = run.stdout
        texts["run %d stderr" % number] = run.stderr
    written = files_under(root, inputs)
    texts.update(file_texts(written))
    texts.update(xlsx_texts([path for path in written if path.suffix == ".xlsx"]))

    assert leaks(texts, needles) == []


def check_token_cache(root: Path, secrets: List[str]) -> List[Path]:
    """Assert that token cache files are private and contain no secret; return them."""
    cache_files = sorted(root.glob("**/cache/prisma_sase_mt_monitor/*"))
    for path in cache_files:
        assert private_mode(path) == "0o600", path
        assert leaks(file_texts([path]), secrets) == []
    return cache_files


@pytest.mark.parametrize("path_name", sorted(PATHS))
def test_k05_modules_and_main_job_hide_secret(tmp_path, k05_simulator, path_name) -> None:
    urls = prepare(k05_simulator, path_name)
    connection = {"PRISMA_SASE_AUTH_URL": urls["auth_url"], "PRISMA_SASE_API_URL": urls["api_url"]}
    output_dir = tmp_path / "modules" / "out"
    output_dir.mkdir(parents=True)
    inputs_dir = tmp_path / "inputs"
    vars_file = write_vars(
        inputs_dir / "secret.yml", dict(urls, k05_secret=K05_SECRET, output_dir=str(output_dir))
    )

    modules = run_playbook(
        module_playbook().format(vars_file=vars_file),
        tmp_path / "modules",
        connection,
        cache_environment(tmp_path / "modules"),
        ["-vvvv"],
    )
    main_connection = dict(
        connection, PRISMA_SASE_CLIENT_ID="demo-client-id",
        PRISMA_SASE_CLIENT_SECRET=K05_SECRET, PRISMA_SASE_TSG_ID=DEMO_ROOT_TSG_ID,
    )
    main_job = run_playbook(
        MAIN_PLAYBOOK,
        tmp_path / "main",
        main_connection,
        cache_environment(tmp_path / "main"),
        output_args(tmp_path / "main" / "reports", "-vvvv"),
    )

    tokens = issued_tokens(k05_simulator)
    runs = [modules, main_job]
    inputs = [vars_file, tmp_path / "modules" / "playbook.yml"]
    statuses = {record["task"]: record["status"] for record in modules.results}
    for module in INFO_MODULES:
        assert statuses.get("Run %s" % module) in ("ok", "ignored"), modules.output()

    if path_name == "success":
        assert modules.rc == 0, modules.output()
        assert main_job.rc == 0, main_job.output()
        assert set(statuses.values()) == {"ok"}, statuses
        assert tokens, "the simulator issued no token"
        assert list((tmp_path / "main" / "reports").glob("compliance-latest.*"))
        assert list((tmp_path / "modules" / "fact_cache").iterdir())
        token_cache = check_token_cache(tmp_path, [K05_SECRET])
        assert token_cache, "no token cache file was written"
        assert any(leaks(file_texts([path]), tokens) for path in token_cache)
    else:
        assert "ignored" in statuses.values(), statuses
        assert main_job.rc != 0, main_job.output()
        check_token_cache(tmp_path, [K05_SECRET])

    # The token cache is the one place an issued token may be written.
    token_cache_files = list(tmp_path.glob("**/cache/prisma_sase_mt_monitor/*"))
    check_no_leak(runs, tmp_path, inputs + token_cache_files, [K05_SECRET] + tokens)


@pytest.mark.parametrize("path_name", sorted(PATHS))
def test_k06_lookups_and_inventory_hide_secret(tmp_path, k06_simulator, path_name) -> None:
    urls = prepare(k06_simulator, path_name)
    connection = {
        "PRISMA_SASE_CLIENT_ID": "demo-client-id",
        "PRISMA_SASE_TSG_ID": DEMO_ROOT_TSG_ID,
    }
    inputs_dir = tmp_path / "inputs"
    vars_file = write_vars(inputs_dir / "secret.yml", dict(urls, k06_secret=K06_SECRET))
    inventory_cache = tmp_path / "run" / "inventory_cache"
    inventory_config = inputs_dir / "tenants.mt_monitor.yml"
    inventory_config.write_text(
        INVENTORY_CONFIG.format(secret=K06_SECRET, cache_dir=inventory_cache, **urls), encoding="utf-8"
    )

    run = run_playbook(
        PLUGIN_PLAYBOOK.format(vars_file=vars_file),
        tmp_path / "run",
        connection,
        FAST_SETTINGS,
        ["-i", str(inventory_config), "-vvvv"],
    )

    tokens = issued_tokens(k06_simulator)
    statuses = {record["task"]: record["status"] for record in run.results}
    assert run.rc == 0, run.output()
    if path_name == "success":
        assert statuses == {"Look up tenants": "ok", "Look up alerts": "ok"}, run.output()
        assert tokens, "the simulator issued no token"
        assert list(inventory_cache.iterdir()), "the inventory wrote no cache file"
        assert check_token_cache(tmp_path, [K06_SECRET])
    else:
        assert statuses == {"Look up tenants": "ignored", "Look up alerts": "ignored"}, run.output()
        assert "inventory prisma_sase.mt_monitor.tenants failed" in run.stdout + run.stderr
        check_token_cache(tmp_path, [K06_SECRET])

    token_cache_files = list(tmp_path.glob("**/cache/prisma_sase_mt_monitor/*"))
    inputs = [vars_file, inventory_config, tmp_path / "run" / "playbook.yml"] + token_cache_files
    check_no_leak([run], tmp_path, inputs, [K06_SECRET] + tokens)
