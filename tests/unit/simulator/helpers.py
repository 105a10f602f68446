"""Helpers for the simulator tests: a TestClient wrapper and shared constants."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

REPOSITORY_ROOT = Path(__file__).resolve().parents[3]
# The simulator package sits at the repository root, outside the collection's Python path.
if str(REPOSITORY_ROOT) not in sys.path:
    sys.path.insert(0, str(REPOSITORY_ROOT))

SPEC_PATH = REPOSITORY_ROOT / "tests" / "spec" / "upstream" / (
    "paloaltonetworks-MSP_Monitoring.yaml")
API = "/mt/monitor/v1/agg"
ROOT_TSG = "1000000001"
CLIENT_ID = "demo-client-id"
CLIENT_SECRET = "demo-client-secret"


class SimulatorClient:
    """A TestClient with helpers for tokens and API calls."""

    def __init__(self, client: TestClient) -> None:
        self.http = client
        self.state = client.app.state.simulator  # type: ignore[attr-defined]

    def token(self, tsg_id: str = ROOT_TSG, path: str = "/oauth2/access_token") -> str:
        response = self.http.post(path, data={"grant_type": "client_credentials",
                                              "scope": "tsg_id:%s" % tsg_id},
                                  auth=(CLIENT_ID, CLIENT_SECRET))
        assert response.status_code == 200, response.text
        return response.json()["access_token"]

    def call(self, method: str, path: str, *, token: str | None = None,
             region: str | None = "americas", agg_by: bool = True, body: Any = None,
             params: dict[str, str] | None = None, headers: dict[str, str] | None = None
             ) -> Any:
        all_headers = {"Authorization": "Bearer %s" % (token or self.token())}
        if region is not None:
            all_headers["X-PANW-Region"] = region
        all_headers.update(headers or {})
        query = dict(params or {})
        if agg_by:
            query["agg_by"] = "tenant"
        if method == "GET":
            return self.http.get(API + path, headers=all_headers, params=query)
        return self.http.post(API + path, headers=all_headers, params=query,
                              json=body if body is not None else {})
