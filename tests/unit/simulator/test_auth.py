"""The token endpoints, token expiry and bearer checks."""

from __future__ import annotations

import base64
import json
from typing import Any

import pytest

from ansible_collections.prisma_sase.mt_monitor.tests.unit.simulator.helpers import (
    CLIENT_ID,
    CLIENT_SECRET,
    SimulatorClient,
)
from simulator._auth import TOKEN_PATHS

FORM = {"grant_type": "client_credentials", "scope": "tsg_id:1000000001"}


@pytest.mark.parametrize("path", TOKEN_PATHS)
def test_token_paths_issue_tokens(simulator: SimulatorClient, path: str) -> None:
    response = simulator.http.post(path, data=FORM, auth=(CLIENT_ID, CLIENT_SECRET))
    body = response.json()

    assert response.status_code == 200
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 900
    assert body["scope"] == "tsg_id:1000000001"
    claims = body["access_token"].split(".")[1]
    decoded = json.loads(base64.urlsafe_b64decode(claims + "=" * (-len(claims) % 4)))
    assert decoded["tsg_id"] == "1000000001"


def test_tokens_are_unique(simulator: SimulatorClient) -> None:
    assert simulator.token() != simulator.token()


def test_form_credentials_are_accepted(simulator: SimulatorClient) -> None:
    response = simulator.http.post("/oauth2/access_token", data=dict(
        FORM, client_id=CLIENT_ID, client_secret=CLIENT_SECRET))

    assert response.status_code == 200


@pytest.mark.parametrize("auth", [(CLIENT_ID, "PLACEHOLDER-SECRET-K06"),
                                  ("other-client", CLIENT_SECRET), None])
def test_wrong_credentials_answer_401(simulator: SimulatorClient, auth: Any) -> None:
    response = simulator.http.post("/oauth2/access_token", data=FORM, auth=auth)

    assert response.status_code == 401
    assert response.json() == {"error": "invalid_client",
                               "error_description": "Client authentication failed"}
    assert "PLACEHOLDER-SECRET-K06" not in response.text


@pytest.mark.parametrize("form, status, error", [
    ({"grant_type": "password", "scope": "tsg_id:1000000001"}, 400, "unsupported_grant_type"),
    ({"grant_type": "client_credentials", "scope": "tsg_id:123456789"}, 400, "invalid_scope"),
    ({"grant_type": "client_credentials", "scope": "tsg:1000000001"}, 400, "invalid_scope"),
    ({"grant_type": "client_credentials", "scope": "tsg_id:1999999998"}, 403, "access_denied"),
])
def test_bad_token_requests(simulator: SimulatorClient, form: dict[str, str], status: int,
                            error: str) -> None:
    response = simulator.http.post("/oauth2/access_token", data=form,
                                   auth=(CLIENT_ID, CLIENT_SECRET))

    assert response.status_code == status
    assert response.json()["error"] == error


def test_custom_credentials(make_simulator: Any) -> None:
    simulator = make_simulator(tenants=3, client_id="k05-client",
                               client_secret="PLACEHOLDER-SECRET-K05")

    good = simulator.http.post("/oauth2/access_token", data=FORM,
                               auth=("k05-client", "PLACEHOLDER-SECRET-K05"))
    demo = simulator.http.post("/oauth2/access_token", data=FORM,
                               auth=(CLIENT_ID, CLIENT_SECRET))

    assert good.status_code == 200
    assert demo.status_code == 401


@pytest.mark.parametrize("authorization", [None, "Bearer not-a-token", "Basic abc"])
def test_api_rejects_unknown_tokens(simulator: SimulatorClient,
                                    authorization: str | None) -> None:
    headers = {"X-PANW-Region": "americas"}
    if authorization:
        headers["Authorization"] = authorization
    response = simulator.http.post("/mt/monitor/v1/agg/threats/summary", json={},
                                   headers=headers)

    assert response.status_code == 401
    assert response.json()["error"]["httpStatus"] == 401


def test_token_expires_after_lifetime(simulator: SimulatorClient) -> None:
    clock = [1_000_000.0]
    simulator.state.tokens.clock = lambda: clock[0]
    token = simulator.token()

    clock[0] += 899
    assert simulator.call("POST", "/threats/summary", token=token).status_code == 200
    clock[0] += 1
    assert simulator.call("POST", "/threats/summary", token=token).status_code == 401


def test_token_lifetime_option(make_simulator: Any) -> None:
    simulator = make_simulator(tenants=3, token_lifetime_s=60)
    response = simulator.http.post("/oauth2/access_token", data=FORM,
                                   auth=(CLIENT_ID, CLIENT_SECRET))

    assert response.json()["expires_in"] == 60


def test_token_expires_after_request_count(make_simulator: Any) -> None:
    simulator = make_simulator(tenants=3, token_max_requests=2)
    token = simulator.token()

    statuses = [simulator.call("POST", "/threats/summary", token=token).status_code
                for _attempt in range(3)]
    fresh = simulator.call("POST", "/threats/summary", token=simulator.token())

    assert statuses == [200, 200, 401]
    assert fresh.status_code == 200


def test_expire_all_tokens(simulator: SimulatorClient) -> None:
    token = simulator.token()

    expired = simulator.http.post("/_sim/tokens/expire").json()

    assert expired["expired"] >= 1
    assert simulator.call("POST", "/threats/summary", token=token).status_code == 401


def test_issued_tokens_listed(simulator: SimulatorClient) -> None:
    first = simulator.token()
    simulator.http.post("/_sim/tokens/expire")
    second = simulator.token()

    listed = simulator.http.get("/_sim/tokens").json()["tokens"]

    assert first in listed
    assert second in listed
