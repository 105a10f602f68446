"""Injected faults: which requests they hit and what they return instead."""

from __future__ import annotations

import itertools
from dataclasses import asdict, dataclass, field
from typing import Any

FAULT_KINDS = ("rate_limit", "status", "slow", "drop", "malformed")
MALFORMED_BODIES = ("empty", "null", "truncated", "html_login", "wrong_shape")
TARGETS = ("api", "token")
_INTEGER_FIELDS = ("times", "status", "delay_ms")


class FaultError(ValueError):
    """A fault definition is invalid."""


@dataclass
class Fault:
    """One fault. Empty selectors match every request of the target.

    ``operation`` is an operation name (alerts.list) or a request path, and ``region`` an
    X-PANW-Region value. ``tsg_id`` is the TSG of the token for API calls, or of the
    requested scope on the token endpoint. ``times`` limits the fault to the first N
    matching requests.
    """

    kind: str
    target: str = "api"
    operation: str | None = None
    region: str | None = None
    tsg_id: str | None = None
    times: int | None = None
    status: int | None = None
    # Seconds ("2"), "date" for an HTTP-date, "date:N" for one N seconds ahead, or "none".
    retry_after: str = "1"
    delay_ms: int = 0
    body: str = "empty"
    id: int = 0
    fired: int = 0
    _remaining: int | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if self.kind not in FAULT_KINDS:
            raise FaultError("unknown fault kind %r; known kinds: %s"
                             % (self.kind, ", ".join(FAULT_KINDS)))
        if self.target not in TARGETS:
            raise FaultError("fault target must be api or token, got %r" % self.target)
        if self.kind == "malformed" and self.body not in MALFORMED_BODIES:
            raise FaultError("malformed body must be one of %s, got %r"
                             % (", ".join(MALFORMED_BODIES), self.body))
        if self.kind == "status":
            if self.status is None:
                self.status = 503 if self.region else 500
            if not 400 <= self.status <= 599:
                raise FaultError("status must be an HTTP error code (400-599), got %r"
                                 % self.status)
        if self.kind == "slow" and self.delay_ms <= 0:
            raise FaultError("a slow fault needs delay_ms greater than 0")
        if self.times is not None and self.times < 1:
            raise FaultError("times must be 1 or more, got %r" % self.times)
        self._remaining = self.times

    def matches(self, target: str, operation: str | None, path: str, region: str | None,
                tsg_id: str | None) -> bool:
        if self.target != target:
            return False
        if self.operation is not None and self.operation not in (operation, path):
            return False
        if self.region is not None and self.region != region:
            return False
        if self.tsg_id is not None and self.tsg_id != tsg_id:
            return False
        return self._remaining is None or self._remaining > 0

    def consume(self) -> None:
        self.fired += 1
        if self._remaining is not None:
            self._remaining -= 1

    def describe(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("_remaining")
        return data


def parse_fault_option(text: str) -> Fault:
    """Parse ``KIND[,key=value...]`` as given to ``--fault``."""
    kind, *pairs = [part.strip() for part in text.split(",") if part.strip()]
    values: dict[str, Any] = {}
    for pair in pairs:
        key, separator, value = pair.partition("=")
        if not separator:
            raise FaultError("fault option %r: expected key=value, got %r" % (text, pair))
        values[key.strip()] = value.strip()
    return fault_from_mapping(dict(values, kind=kind))


def fault_from_mapping(data: Any) -> Fault:
    """Build a fault from a JSON object (control API) or parsed option values."""
    if not isinstance(data, dict) or "kind" not in data:
        raise FaultError("a fault needs at least a 'kind' (one of %s)" % ", ".join(FAULT_KINDS))
    known = {"kind", "target", "operation", "region", "tsg_id", "times", "status",
             "retry_after", "delay_ms", "body"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise FaultError("unknown fault field(s) %s; known fields: %s"
                         % (", ".join(unknown), ", ".join(sorted(known))))
    values = dict(data)
    for name in _INTEGER_FIELDS:
        if values.get(name) is not None:
            try:
                values[name] = int(values[name])
            except (TypeError, ValueError):
                raise FaultError("fault field %s must be an integer, got %r"
                                 % (name, values[name])) from None
    if "retry_after" in values:
        values["retry_after"] = str(values["retry_after"])
    return Fault(**values)


class FaultSet:
    """The active faults, matched in the order they were added."""

    def __init__(self) -> None:
        self._faults: list[Fault] = []
        self._ids = itertools.count(1)

    def add(self, fault: Fault) -> Fault:
        fault.id = next(self._ids)
        self._faults.append(fault)
        return fault

    def clear(self) -> None:
        self._faults.clear()

    def describe(self) -> list[dict[str, Any]]:
        return [fault.describe() for fault in self._faults]

    def take(self, target: str, operation: str | None, path: str, region: str | None,
             tsg_id: str | None) -> Fault | None:
        """Return the first matching fault and count it as fired, or None."""
        for fault in self._faults:
            if fault.matches(target, operation, path, region, tsg_id):
                fault.consume()
                return fault
        return None
