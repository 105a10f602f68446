"""Fixtures that run the simulator in-process with FastAPI's TestClient."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest
import yaml
from fastapi.testclient import TestClient

from ansible_collections.prisma_sase.mt_monitor.tests.unit.simulator.helpers import (
    SPEC_PATH,
    SimulatorClient,
)
from simulator._app import create_app
from simulator._config import SimulatorConfig


@pytest.fixture(scope="session")
def spec() -> dict[str, Any]:
    return yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))


@pytest.fixture
def make_simulator() -> Iterator[Callable[..., SimulatorClient]]:
    clients: list[TestClient] = []

    def make(**settings: Any) -> SimulatorClient:
        client = TestClient(create_app(SimulatorConfig(**settings)))
        clients.append(client)
        return SimulatorClient(client)

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def simulator(make_simulator: Callable[..., SimulatorClient]) -> SimulatorClient:
    return make_simulator(tenants=50, seed=7)
