"""Injected faults, the /_sim control API and request statistics."""

from __future__ import annotations

import json
import time
from email.utils import parsedate_to_datetime
from typing import Any

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.unit.simulator.helpers import (
    CLIENT_ID,
    CLIENT_SECRET,
    SimulatorClient,
)
from simulator._faults import FaultError, parse_fault_option

BODY = {"properties": [{"property": "sub_tenant_id"}, {"property": "total_count"}]}


def _add(simulator: SimulatorClient, **fault: Any) -> None:
    response = simulator.http.post("/_sim/faults", json=fault)
    assert response.status_code == 201, response.text


def _alerts(simulator: SimulatorClient, token: str, region: str = "americas") -> Any:
    return simulator.call("POST", "/alerts/list", token=token, region=region, body=BODY)


def test_rate_limit_first_requests(simulator: SimulatorClient) -> None:
    token = simulator.token()
    _add(simulator, kind="rate_limit", operation="alerts.list", times=2, retry_after="2")

    first, second, third = (_alerts(simulator, token) for _attempt in range(3))

    assert [first.status_code, second.status_code, third.status_code] == [429, 429, 200]
    assert first.headers["Retry-After"] == "2"


def test_rate_limit_retry_after_variants(simulator: SimulatorClient) -> None:
    token = simulator.token()
    _add(simulator, kind="rate_limit", operation="alerts.list", times=1, retry_after="date:30")
    _add(simulator, kind="rate_limit", operation="alerts.list", times=1, retry_after="none")

    dated = _alerts(simulator, token)
    bare = _alerts(simulator, token)

    retry_at = parsedate_to_datetime(dated.headers["Retry-After"]).timestamp()
    assert 20 < retry_at - time.time() <= 31
    assert bare.status_code == 429
    assert "Retry-After" not in bare.headers


@pytest.mark.parametrize("status", [500, 503, 504, 403])
def test_status_faults(simulator: SimulatorClient, status: int) -> None:
    token = simulator.token()
    _add(simulator, kind="status", status=status, operation="/mt/monitor/v1/agg/alerts/list")

    response = _alerts(simulator, token)
    other = simulator.call("POST", "/threats/summary", token=token, body={})

    assert response.status_code == status
    assert response.json()["error"]["httpStatus"] == status
    assert other.status_code == 200


def test_bad_gateway_has_html_body(simulator: SimulatorClient) -> None:
    token = simulator.token()
    _add(simulator, kind="status", status=502)

    response = _alerts(simulator, token)

    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert "502 Bad Gateway" in response.text


def test_region_down(simulator: SimulatorClient) -> None:
    token = simulator.token()
    _add(simulator, kind="status", region="europe")

    europe = _alerts(simulator, token, region="europe")
    americas = _alerts(simulator, token, region="americas")

    assert europe.status_code == 503
    assert americas.status_code == 200


def test_fault_targets_tsg_scope(simulator: SimulatorClient) -> None:
    child = simulator.state.model.hierarchy.root.children[0]
    _add(simulator, kind="status", status=403, tsg_id=child.tsg_id)

    assert _alerts(simulator, simulator.token()).status_code == 200
    assert _alerts(simulator, simulator.token(child.tsg_id)).status_code == 403


@pytest.mark.parametrize("variant, content_type, check", [
    ("empty", "application/json", lambda text: text == ""),
    ("null", "application/json", lambda text: json.loads(text) is None),
    ("html_login", "text/html", lambda text: "<form" in text),
    ("wrong_shape", "application/json", lambda text: isinstance(json.loads(text), dict)),
])
def test_malformed_bodies(simulator: SimulatorClient, variant: str, content_type: str,
                          check: Any) -> None:
    token = simulator.token()
    _add(simulator, kind="malformed", body=variant, times=1)

    response = _alerts(simulator, token)

    assert response.status_code == 200
    assert response.headers["content-type"].startswith(content_type)
    assert check(response.text)


def test_truncated_body_is_invalid_json(simulator: SimulatorClient) -> None:
    token = simulator.token()
    _add(simulator, kind="malformed", body="truncated", times=1)

    response = _alerts(simulator, token)

    assert response.status_code == 200
    assert response.text.startswith("[{")
    with pytest.raises(json.JSONDecodeError):
        json.loads(response.text)


def test_slow_fault_delays_response(simulator: SimulatorClient) -> None:
    token = simulator.token()
    _add(simulator, kind="slow", delay_ms=300, times=1)

    started = time.monotonic()
    response = _alerts(simulator, token)
    elapsed = time.monotonic() - started

    assert response.status_code == 200
    assert elapsed >= 0.3


@pytest.mark.parametrize("fault, status, error", [
    ({"status": 401}, 401, "invalid_client"),
    ({"status": 503}, 503, None),
])
def test_token_endpoint_faults(simulator: SimulatorClient, fault: dict[str, Any],
                               status: int, error: str | None) -> None:
    _add(simulator, kind="status", target="token", times=1, **fault)

    failed = simulator.http.post("/oauth2/access_token", data={
        "grant_type": "client_credentials", "scope": "tsg_id:1000000001"},
        auth=(CLIENT_ID, CLIENT_SECRET))

    assert failed.status_code == status
    if error is not None:
        assert failed.json()["error"] == error
    simulator.token()  # the fault fired once, so the next request succeeds


def test_faults_from_command_line(make_simulator: Any) -> None:
    simulator = make_simulator(tenants=5, faults=[
        parse_fault_option("rate_limit,operation=alerts.list,times=1,retry_after=5")])
    token = simulator.token()

    first = _alerts(simulator, token)

    assert first.status_code == 429
    assert first.headers["Retry-After"] == "5"
    assert _alerts(simulator, token).status_code == 200


@pytest.mark.parametrize("text, message", [
    ("explode", "unknown fault kind"),
    ("status,status=200", "HTTP error code"),
    ("malformed,body=xml", "malformed body"),
    ("slow", "delay_ms"),
    ("status,times=0", "times must be"),
    ("status,colour=red", "unknown fault field"),
    ("status,times", "key=value"),
])
def test_invalid_fault_options(text: str, message: str) -> None:
    with pytest.raises(FaultError, match=message):
        parse_fault_option(text)


def test_control_api_rejects_bad_faults(simulator: SimulatorClient) -> None:
    response = simulator.http.post("/_sim/faults", json={"kind": "explode"})

    assert response.status_code == 400
    assert "unknown fault kind" in response.json()["error"]


def test_list_and_clear_faults(simulator: SimulatorClient) -> None:
    _add(simulator, kind="status", status=500, times=3)

    listed = simulator.http.get("/_sim/faults").json()
    simulator.http.delete("/_sim/faults")

    assert [(fault["kind"], fault["status"], fault["times"]) for fault in listed] == [
        ("status", 500, 3)]
    assert simulator.http.get("/_sim/faults").json() == []


def test_stats_count_requests(simulator: SimulatorClient) -> None:
    token = simulator.token()
    _alerts(simulator, token, region="americas")
    _alerts(simulator, token, region="europe")
    simulator.call("POST", "/threats/summary", token=token, region="europe", body={})
    simulator.token(simulator.state.model.hierarchy.root.children[0].tsg_id)

    stats = simulator.http.get("/_sim/stats").json()

    assert stats["api_calls"] == 3
    assert stats["operations"] == {"alerts.list": 2, "threats.summary": 1}
    assert stats["regions"] == {"americas": 1, "europe": 2}
    assert stats["operation_regions"]["alerts.list"] == {"americas": 1, "europe": 1}
    assert stats["token_requests"]["1000000001"] == 1
    assert stats["token_requests_total"] == 2
    assert stats["max_token_requests_in_flight"] == 1
    assert stats["statuses"] == {"200": 3}


def test_reset_clears_stats_and_faults(simulator: SimulatorClient) -> None:
    token = simulator.token()
    _add(simulator, kind="status", status=500)
    _alerts(simulator, token)

    simulator.http.post("/_sim/reset")

    assert simulator.http.get("/_sim/stats").json()["api_calls"] == 0
    assert simulator.http.get("/_sim/faults").json() == []
    assert _alerts(simulator, token).status_code == 200


def test_settings_change_latency_and_expiry(simulator: SimulatorClient) -> None:
    changed = simulator.http.post("/_sim/settings", json={"latency_ms": 200,
                                                          "token_max_requests": 1})
    token = simulator.token()

    started = time.monotonic()
    first = _alerts(simulator, token)
    elapsed = time.monotonic() - started

    assert changed.json()["latency_ms"] == 200
    assert first.status_code == 200
    assert elapsed >= 0.2
    assert _alerts(simulator, token).status_code == 401
    assert simulator.http.post("/_sim/settings", json={"latency_ms": -1}).status_code == 400
    assert simulator.http.post("/_sim/settings", json={"colour": 1}).status_code == 400
