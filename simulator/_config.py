"""Settings of one simulator run."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simulator._faults import Fault

DEFAULT_CLIENT_ID = "demo-client-id"
DEFAULT_CLIENT_SECRET = "demo-client-secret"


@dataclass
class SimulatorConfig:
    tenants: int = 50
    seed: int = 1
    latency_ms: int = 0
    hierarchy_file: Path | None = None
    client_id: str = DEFAULT_CLIENT_ID
    client_secret: str = DEFAULT_CLIENT_SECRET
    token_lifetime_s: int = 900
    token_latency_ms: int = 0
    token_max_requests: int | None = None
    hostile: bool = False
    faults: list[Fault] = field(default_factory=list)
