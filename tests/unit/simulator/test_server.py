"""Run ``python -m simulator`` as a process on 127.0.0.1 and stop it."""

from __future__ import annotations

import concurrent.futures
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from ansible_collections.prisma_sase.mt_monitor.tests.unit.simulator.helpers import (
    CLIENT_ID,
    CLIENT_SECRET,
    REPOSITORY_ROOT,
)

START_TIMEOUT_S = 30
# requests raises ChunkedEncodingError when the body stops short of Content-Length.
BROKEN_CONNECTION = (requests.exceptions.ConnectionError,
                     requests.exceptions.ChunkedEncodingError)


class RunningSimulator:
    def __init__(self, process: subprocess.Popen[str], port: int, ready_file: Path) -> None:
        self.process = process
        self.base_url = "http://127.0.0.1:%d" % port
        self.ready_file = ready_file

    def token(self) -> str:
        response = requests.post(self.base_url + "/auth/v1/oauth2/access_token", data={
            "grant_type": "client_credentials", "scope": "tsg_id:1000000001"},
            auth=(CLIENT_ID, CLIENT_SECRET), timeout=10)
        response.raise_for_status()
        return response.json()["access_token"]

    def post(self, path: str, token: str, body: object, timeout: float = 10) -> requests.Response:
        return requests.post(self.base_url + "/mt/monitor/v1/agg" + path,
                             params={"agg_by": "tenant"}, json=body, timeout=timeout,
                             headers={"Authorization": "Bearer " + token,
                                      "X-PANW-Region": "americas"})


@pytest.fixture
def running(tmp_path: Path) -> Iterator[RunningSimulator]:
    ready_file = tmp_path / "port"
    process = subprocess.Popen(
        [sys.executable, "-m", "simulator", "--port", "0", "--ready-file", str(ready_file),
         "--tenants", "200", "--seed", "9", "--latency-ms", "300"],
        cwd=REPOSITORY_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + START_TIMEOUT_S
    while not ready_file.exists():
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            output, errors = process.communicate()
            pytest.fail("simulator did not start: %s %s" % (output, errors))
        time.sleep(0.05)
    simulator = RunningSimulator(process, int(ready_file.read_text()), ready_file)
    try:
        yield simulator
    finally:
        if process.poll() is None:
            process.kill()
            process.communicate()


def test_server_serves_and_stops(running: RunningSimulator) -> None:
    token = running.token()
    response = running.post("/threats/summary", token, {})

    assert response.status_code == 200
    assert response.json()

    running.process.send_signal(signal.SIGTERM)
    output, errors = running.process.communicate(timeout=15)

    assert running.process.returncode == 0, errors
    assert "http://127.0.0.1:" in output
    assert "demo-client-id" in output
    assert "demo-client-secret" in output
    assert "1000000001" in output
    assert not running.ready_file.exists()


def test_latency_does_not_serialise_requests(running: RunningSimulator) -> None:
    token = running.token()
    started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(lambda _index: running.post("/alerts/list", token, {})
                                 .status_code, range(8)))
    elapsed = time.monotonic() - started

    assert statuses == [200] * 8
    assert elapsed >= 0.3
    # Eight requests of 300 ms each take 2.4 s one after another; concurrently well under.
    assert elapsed < 1.5
    stats = requests.get(running.base_url + "/_sim/stats", timeout=10).json()
    assert stats["max_api_requests_in_flight"] >= 4


def test_dropped_connection(running: RunningSimulator) -> None:
    token = running.token()
    added = requests.post(running.base_url + "/_sim/faults", json={
        "kind": "drop", "operation": "alerts.list", "times": 1}, timeout=10)
    assert added.status_code == 201

    with pytest.raises(BROKEN_CONNECTION):
        running.post("/alerts/list", token, {}).json()
    assert running.post("/alerts/list", token, {}).status_code == 200


def test_token_endpoint_drop(running: RunningSimulator) -> None:
    requests.post(running.base_url + "/_sim/faults", json={
        "kind": "drop", "target": "token", "times": 1}, timeout=10)

    with pytest.raises(BROKEN_CONNECTION):
        running.token()
    assert running.token()


def test_port_in_use_fails_cleanly(running: RunningSimulator) -> None:
    port = running.base_url.rsplit(":", 1)[1]
    result = subprocess.run([sys.executable, "-m", "simulator", "--port", port, "--tenants",
                             "1"], check=False, cwd=REPOSITORY_ROOT, capture_output=True,
                            text=True,
                            timeout=30)

    assert result.returncode == 2
    assert "cannot listen on 127.0.0.1:%s" % port in result.stderr
